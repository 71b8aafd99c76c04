"""Physical units, counted things, ratios and rate periods per language."""

from decimal import Decimal

from service.normalize.types import Period

# SI prefixes written as a symbol letter (case-sensitive) or as a word.
PREFIX_SYMBOLS: dict[str, Decimal] = {
    "k": Decimal("1e3"),
    "K": Decimal("1e3"),
    "M": Decimal("1e6"),
    "G": Decimal("1e9"),
    "T": Decimal("1e12"),
    "P": Decimal("1e15"),
}
PREFIX_WORDS: dict[str, Decimal] = {
    "kilo": Decimal("1e3"),
    "mega": Decimal("1e6"),
    "méga": Decimal("1e6"),
    "giga": Decimal("1e9"),
    "tera": Decimal("1e12"),
    "téra": Decimal("1e12"),
    "peta": Decimal("1e15"),
    "péta": Decimal("1e15"),
}
WATT_WORDS = ("watts", "watt", "vatios", "vatio", "wattios")
HOUR_WORDS = (
    "heures",
    "heure",
    "hours",
    "hour",
    "stunden",
    "stunde",
    "ore",
    "ora",
    "horas",
    "hora",
)

# Counted things: every form per language -> singular English snake_case unit.
_COUNTS_SHARED: dict[str, str] = {
    "GPU": "gpu",
    "GPUs": "gpu",
    "TPU": "tpu",
    "TPUs": "tpu",
    "NPU": "npu",
    "NPUs": "npu",
    "data center": "data_center",
    "data centers": "data_center",
    "datacenter": "data_center",
    "datacenters": "data_center",
    "data centres": "data_center",
    "data centre": "data_center",
    "tokens": "token",
    "token": "token",
    "startups": "startup",
    "start-up": "startup",
    "start-ups": "startup",
    "startup": "startup",
}
COUNT_NOUNS: dict[str, dict[str, str]] = {
    "en": _COUNTS_SHARED | {
        "semiconductors": "chip",
        # Data-centre sites and buildings, as AI-infrastructure news counts them.
        "buildings": "building", "data center buildings": "building", "sites": "data_center",
        "campuses": "data_center", "centers": "data_center", "centres": "data_center",
        "graphics processing units": "gpu", "graphics cards": "gpu", "chips": "chip",
        "chip": "chip", "microchips": "chip", "accelerators": "accelerator",
        "processors": "processor", "users": "user", "user": "user", "employees": "employee",
        "employee": "employee", "workers": "employee", "staff": "employee",
        "customers": "customer", "customer": "customer", "clients": "customer",
        "subscribers": "subscriber", "fabs": "fab", "fab": "fab", "chip plants": "fab",
        "factories": "fab", "servers": "server", "server": "server", "models": "model",
        "parameters": "parameter", "jobs": "job", "downloads": "download",
        "developers": "developer", "companies": "company", "researchers": "researcher",
        "engineers": "engineer", "people": "person", "installations": "installation",
    },
    "fr": _COUNTS_SHARED | {
        "semi-conducteurs": "chip", "semiconducteurs": "chip",
        # Data-centre sites and buildings, as AI-infrastructure news counts them.
        "bâtiments": "building", "sites": "data_center", "campus": "data_center",
        "centres": "data_center",
        "puces": "chip", "puce": "chip", "processeurs graphiques": "gpu",
        "cartes graphiques": "gpu", "processeurs": "processor", "accélérateurs": "accelerator",
        "utilisateurs": "user", "utilisateur": "user", "utilisatrices": "user",
        "salariés": "employee", "employés": "employee", "collaborateurs": "employee",
        "clients": "customer", "abonnés": "subscriber", "usines de semi-conducteurs": "fab",
        "usines de puces": "fab", "usines": "fab", "centres de données": "data_center",
        "centres de calcul": "data_center", "serveurs": "server", "modèles": "model",
        "paramètres": "parameter", "emplois": "job", "postes": "job",
        "téléchargements": "download", "développeurs": "developer",
        "entreprises": "company", "chercheurs": "researcher", "ingénieurs": "engineer",
        "personnes": "person",
    },
    "it": _COUNTS_SHARED | {
        "semiconduttori": "chip",
        # Data-centre sites and buildings, as AI-infrastructure news counts them.
        "edifici": "building", "siti": "data_center", "campus": "data_center",
        "centri": "data_center",
        "chip": "chip", "processori": "processor", "schede grafiche": "gpu",
        "acceleratori": "accelerator", "utenti": "user", "utente": "user",
        "dipendenti": "employee", "lavoratori": "employee", "clienti": "customer",
        "abbonati": "subscriber", "fabbriche di chip": "fab", "fabbriche": "fab",
        "stabilimenti": "fab", "centri dati": "data_center", "centri di calcolo": "data_center",
        "server": "server", "modelli": "model", "parametri": "parameter",
        "posti di lavoro": "job", "download": "download", "sviluppatori": "developer",
        "aziende": "company", "imprese": "company", "ricercatori": "researcher",
        "ingegneri": "engineer", "persone": "person",
    },
    "de": _COUNTS_SHARED | {
        "Halbleiter": "chip", "Halbleiterchips": "chip",
        # Data-centre sites and buildings, as AI-infrastructure news counts them.
        "Gebäude": "building", "Standorte": "data_center", "Standorten": "data_center",
        "Campus": "data_center", "Zentren": "data_center",
        "Chips": "chip", "Chip": "chip", "Grafikprozessoren": "gpu", "Grafikkarten": "gpu",
        "Grafikchips": "gpu", "Prozessoren": "processor", "Beschleuniger": "accelerator",
        "Nutzer": "user", "Nutzerinnen und Nutzer": "user", "Benutzer": "user",
        "Anwender": "user", "Mitarbeiter": "employee", "Mitarbeitende": "employee",
        "Mitarbeitenden": "employee", "Beschäftigte": "employee", "Beschäftigten": "employee",
        "Angestellte": "employee", "Kunden": "customer", "Abonnenten": "subscriber",
        "Chipfabriken": "fab", "Fabriken": "fab", "Werke": "fab", "Fabs": "fab",
        "Rechenzentren": "data_center", "Rechenzentrum": "data_center", "Server": "server",
        "Modelle": "model", "Parameter": "parameter", "Arbeitsplätze": "job",
        "Stellen": "job", "Jobs": "job", "Downloads": "download", "Entwickler": "developer",
        "Unternehmen": "company", "Firmen": "company", "Forscher": "researcher",
        "Ingenieure": "engineer", "Menschen": "person", "Personen": "person",
    },
    "es": _COUNTS_SHARED | {
        "semiconductores": "chip",
        # Data-centre sites and buildings, as AI-infrastructure news counts them.
        "edificios": "building", "emplazamientos": "data_center", "ubicaciones": "data_center",
        "campus": "data_center", "centros": "data_center",
        "chips": "chip", "chip": "chip", "procesadores": "processor",
        "tarjetas gráficas": "gpu", "aceleradores": "accelerator", "usuarios": "user",
        "usuario": "user", "usuarias": "user", "empleados": "employee",
        "trabajadores": "employee", "clientes": "customer", "suscriptores": "subscriber",
        "fábricas de chips": "fab", "fábricas": "fab", "plantas": "fab",
        "centros de datos": "data_center", "centro de datos": "data_center",
        "servidores": "server", "modelos": "model", "parámetros": "parameter",
        "empleos": "job", "puestos de trabajo": "job", "descargas": "download",
        "desarrolladores": "developer", "empresas": "company",
        "investigadores": "researcher", "ingenieros": "engineer", "personas": "person",
    },
}  # fmt: skip

# Words joining an amount to a counted thing: "800 millions d'utilisateurs".
COUNT_LINKS: dict[str, tuple[str, ...]] = {
    "en": ("of",),
    "fr": ("de", "d'"),
    "it": ("di",),
    "de": (),
    "es": ("de",),
}

# Words that end the search for a counted thing: "2 milliards dans des centres de données"
# is money spent in data centres, not two billion data centres. "de", "of"... link instead.
COUNT_BARRIERS: dict[str, tuple[str, ...]] = {
    "en": (
        "on", "in", "into", "for", "at", "to", "from", "with", "by", "per", "over", "across",
        "last", "this", "next", "a", "an", "the",
    ),
    "fr": ("dans", "pour", "sur", "en", "avec", "par", "chez", "à", "au", "aux", "vers"),
    "it": (
        "per", "in", "su", "con", "a", "da", "nel", "nei", "negli", "nella", "nelle", "sui",
        "sugli", "tra", "fra",
    ),
    "de": ("für", "in", "im", "auf", "mit", "an", "am", "bei", "pro", "über", "zu", "zur"),
    "es": ("en", "para", "con", "sobre", "por", "a", "al", "entre", "hacia"),
}  # fmt: skip

# Adjectives allowed between an amount and its counted thing, with the period they imply.
COUNT_ADJECTIVES: dict[str, dict[str, Period | None]] = {
    "en": {
        "weekly": "week", "monthly": "month", "daily": "day", "yearly": "year",
        "annual": "year", "active": None, "new": None, "additional": None, "more": None,
        "paying": None, "paid": None, "full-time": None, "registered": None,
    },
    "fr": {"nouveaux": None, "nouvelles": None},
    "it": {"nuovi": None, "nuove": None},
    "de": {
        "wöchentliche": "week", "wöchentlichen": "week", "monatliche": "month",
        "monatlichen": "month", "monatlich": "month", "tägliche": "day", "täglichen": "day",
        "aktive": None, "aktiven": None, "neue": None, "zahlende": None, "weitere": None,
        "registrierte": None,
    },
    "es": {"nuevos": None, "nuevas": None},
}  # fmt: skip

# Adjectives written after the counted thing (Romance languages).
POST_ADJECTIVES: dict[str, dict[str, Period | None]] = {
    "en": {},
    "fr": {
        "hebdomadaires": "week", "mensuels": "month", "quotidiens": "day",
        "actifs": None, "actives": None, "payants": None, "supplémentaires": None,
    },
    "it": {
        "settimanali": "week", "mensili": "month", "giornalieri": "day", "quotidiani": "day",
        "attivi": None, "paganti": None,
    },
    "de": {},
    "es": {
        "semanales": "week", "mensuales": "month", "diarios": "day", "activos": None,
        "activas": None, "de pago": None,
    },
}  # fmt: skip

PERCENT_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("per cent", "percent", "pct"),
    "fr": ("pour cent", "pourcent", "pour-cent"),
    "it": ("per cento", "percento", "per-cento"),
    "de": ("Prozent",),
    "es": ("por ciento", "por cien"),
}

# Words after a number that make it a multiple: "10 fois", "four times", "dreimal".
TIMES_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("times",),
    "fr": ("fois",),
    "it": ("volte",),
    "de": ("mal", "Mal"),
    "es": ("veces",),
}

# Multiples written as one word, with an optional article before them.
MULTIPLE_WORDS: dict[str, dict[str, int]] = {
    "en": {"twice": 2, "thrice": 3},
    "fr": {"le double": 2, "le triple": 3, "le quadruple": 4},
    "it": {"il doppio": 2, "doppio": 2, "il triplo": 3, "triplo": 3, "il quadruplo": 4},
    "de": {
        "das Doppelte": 2, "das Dreifache": 3, "das Vierfache": 4, "das Zehnfache": 10,
        "doppelt": 2, "zweimal": 2, "dreimal": 3, "viermal": 4, "fünfmal": 5, "zehnmal": 10,
        "hundertmal": 100,
    },
    "es": {"el doble": 2, "el triple": 3, "el cuádruple": 4},
}  # fmt: skip

PERIOD_PHRASES: dict[str, dict[str, Period]] = {
    "en": {
        "per day": "day", "a day": "day", "per week": "week", "a week": "week",
        "per month": "month", "a month": "month", "per quarter": "quarter",
        "a quarter": "quarter", "per year": "year", "a year": "year", "per annum": "year",
        "annually": "year", "each year": "year", "every year": "year", "each month": "month",
        "every month": "month", "every week": "week",
    },
    "fr": {
        "par jour": "day", "par semaine": "week", "par mois": "month",
        "par trimestre": "quarter", "par an": "year", "par année": "year", "l'an": "year",
        "chaque mois": "month", "chaque année": "year", "chaque semaine": "week",
        "mensuels": "month", "mensuel": "month", "mensuelles": "month",
        "hebdomadaires": "week", "annuels": "year", "annuel": "year", "annuelles": "year",
    },
    "it": {
        "al giorno": "day", "a settimana": "week", "alla settimana": "week",
        "ogni settimana": "week", "al mese": "month", "ogni mese": "month",
        "al trimestre": "quarter", "all'anno": "year", "l'anno": "year", "ogni anno": "year",
        "annui": "year", "annue": "year", "mensili": "month", "settimanali": "week",
    },
    "de": {
        "pro Tag": "day", "pro Woche": "week", "pro Monat": "month", "im Monat": "month",
        "pro Quartal": "quarter", "pro Jahr": "year", "im Jahr": "year", "jährlich": "year",
        "monatlich": "month", "wöchentlich": "week", "täglich": "day", "jedes Jahr": "year",
    },
    "es": {
        "al día": "day", "por día": "day", "a la semana": "week", "por semana": "week",
        "al mes": "month", "por mes": "month", "mensuales": "month", "al trimestre": "quarter",
        "por trimestre": "quarter", "al año": "year", "por año": "year", "anuales": "year",
        "anualmente": "year", "cada año": "year", "cada mes": "month", "semanales": "week",
    },
}  # fmt: skip
