"""Hedge words that set the bound of an amount, and range connectors, per language."""

from service.normalize.types import Bound

HEDGES: dict[str, dict[str, Bound]] = {
    "en": {
        "about": "approximate", "around": "approximate", "roughly": "approximate",
        "nearly": "approximate", "almost": "approximate", "some": "approximate",
        "approximately": "approximate", "approx.": "approximate", "close to": "approximate",
        "an estimated": "approximate", "~": "approximate", "≈": "approximate",
        "more than": "at_least", "over": "at_least", "above": "at_least",
        "at least": "at_least", "exceeding": "at_least", "in excess of": "at_least",
        "upwards of": "at_least", "no less than": "at_least",
        "up to": "at_most", "as much as": "at_most", "as many as": "at_most",
        "less than": "at_most", "fewer than": "at_most", "under": "at_most",
        "below": "at_most", "no more than": "at_most", "at most": "at_most",
        "higher than": "at_least", "greater than": "at_least", "approaching": "approximate",
        "nearing": "approximate",
    },
    "fr": {
        "environ": "approximate", "près de": "approximate", "près d'": "approximate",
        "presque": "approximate", "quelque": "approximate", "autour de": "approximate",
        "autour d'": "approximate", "approximativement": "approximate", "~": "approximate",
        "≈": "approximate", "quasi": "approximate", "quasiment": "approximate",
        "plus de": "at_least",
        "plus d'": "at_least", "au moins": "at_least", "au-delà de": "at_least",
        "au-delà d'": "at_least", "jusqu'à": "at_most", "moins de": "at_most",
        "moins d'": "at_most", "au plus": "at_most", "pas plus de": "at_most",
        "supérieur à": "at_least", "supérieure à": "at_least", "supérieurs à": "at_least",
        "supérieures à": "at_least", "frôle": "approximate", "frôler": "approximate",
        "s'approche de": "approximate",
    },
    "it": {
        "circa": "approximate", "quasi": "approximate", "intorno a": "approximate",
        "intorno ai": "approximate", "intorno agli": "approximate", "~": "approximate",
        "≈": "approximate", "oltre": "at_least", "più di": "at_least", "almeno": "at_least",
        "oltre i": "at_least", "oltre gli": "at_least", "fino a": "at_most",
        "fino ai": "at_most", "meno di": "at_most", "non più di": "at_most",
        "superiore al": "at_least", "superiore ai": "at_least", "superiore a": "at_least",
        "superiori al": "at_least", "superiori a": "at_least", "si avvicina a": "approximate",
        "si avvicina ai": "approximate", "sfiora": "approximate", "sfiorando": "approximate",
    },
    "de": {
        "rund": "approximate", "etwa": "approximate", "ungefähr": "approximate",
        "knapp": "approximate", "fast": "approximate", "circa": "approximate",
        "ca.": "approximate", "annähernd": "approximate", "~": "approximate",
        "≈": "approximate", "über": "at_least", "mehr als": "at_least",
        "mindestens": "at_least", "gut": "at_least", "bis zu": "at_most",
        "weniger als": "at_most", "höchstens": "at_most", "maximal": "at_most",
        "höher als": "at_least",
    },
    "es": {
        "unos": "approximate", "unas": "approximate", "alrededor de": "approximate",
        "cerca de": "approximate", "aproximadamente": "approximate", "casi": "approximate",
        "en torno a": "approximate", "~": "approximate", "≈": "approximate",
        "más de": "at_least", "al menos": "at_least", "por encima de": "at_least",
        "como mínimo": "at_least", "hasta": "at_most", "menos de": "at_most",
        "como máximo": "at_most", "por debajo de": "at_most",
        "superior a": "at_least", "superior al": "at_least", "superiores a": "at_least",
        "se acerca a": "approximate", "se acerca a los": "approximate", "roza": "approximate",
        "roza los": "approximate", "rozando": "approximate",
    },
}  # fmt: skip

# Approximate hedges that mean "just under": the stated value is the upper limit.
JUST_UNDER: dict[str, tuple[str, ...]] = {
    "en": ("nearly", "almost"),
    "fr": ("presque", "quasi", "quasiment", "frôle", "frôler"),
    "it": ("quasi", "sfiora", "sfiorando"),
    "de": ("knapp", "fast"),
    "es": ("casi", "roza", "roza los", "rozando"),
}

# Words opening a range, and which connectors each one takes.
RANGE_OPENERS: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {"between": ("and",), "from": ("to",)},
    "fr": {"entre": ("et",), "de": ("à",), "d'": ("à",)},
    "it": {"tra": ("e",), "fra": ("e",), "da": ("a",)},
    "de": {"zwischen": ("und",), "von": ("bis",)},
    "es": {"entre": ("y",), "de": ("a",), "desde": ("hasta",)},
}

# Connectors that make a range without an opener: "3-5 GW", "3 to 5 billion".
BARE_RANGE_CONNECTORS: dict[str, tuple[str, ...]] = {
    "en": ("to",),
    "fr": ("à",),
    "it": (),
    "de": ("bis",),
    "es": (),
}
# Connectors of alternatives that make a range only when the first number is bare and
# borrows its neighbour's scale or unit: "2 or 3 billion dollars", "2 oder 3 Milliarden".
ALTERNATIVE_CONNECTORS: dict[str, tuple[str, ...]] = {
    "en": ("or",),
    "fr": ("ou",),
    "it": ("o", "oppure"),
    "de": ("oder",),
    "es": ("o", "u"),
}

# Partitive links: a bare number before them is a part of the amount after them and borrows
# its scale and currency ("3,2 des 5 milliards de dollars" is 3.2 billion dollars).
PARTITIVE_LINKS: dict[str, tuple[str, ...]] = {
    "en": ("of the", "out of the", "out of"),
    "fr": ("des", "sur les", "sur"),
    "it": ("dei", "degli", "delle", "sui", "su"),
    "de": ("der", "von den", "von"),
    "es": ("de los", "de las", "sobre los", "sobre"),
}

DASHES = ("-", "–", "—", "\u2010", "\u2011")
