"""Currency lexicon: symbols, ISO 4217 codes and currency words per language."""

from service.normalize.fx import known_currencies

# Symbols written before or after the amount ("$5bn", "5 M€", "US$ 3").
SYMBOLS: dict[str, str] = {
    "$": "USD",
    "US$": "USD",
    "U.S.$": "USD",
    "USD$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "JP¥": "JPY",
    "CN¥": "CNY",
    "C$": "CAD",
    "CA$": "CAD",
    "A$": "AUD",
    "AU$": "AUD",
    "HK$": "HKD",
    "NZ$": "NZD",
    "S$": "SGD",
    "R$": "BRL",
    "MX$": "MXN",
    "₹": "INR",
    "₩": "KRW",
    "₺": "TRY",
    "₽": "RUB",
    "zł": "PLN",
}

# Codes outside the ECB list that news still uses: recognised, then refused by fx.
_EXTRA_CODES = (
    "AED", "ARS", "CLP", "COP", "EGP", "KWD", "NGN", "PKR", "QAR", "SAR", "TWD", "UAH", "VND",
)  # fmt: skip

CODES: frozenset[str] = known_currencies() | frozenset(_EXTRA_CODES)
ALIASES: dict[str, str] = {"RMB": "CNY", "SFr.": "CHF", "Fr.": "CHF"}

_COMMON: dict[str, str] = {"yuan": "CNY", "renminbi": "CNY", "yen": "JPY", "won": "KRW"}

# Currency words per language, matched case-insensitively after the amount.
WORDS: dict[str, dict[str, str]] = {
    "en": _COMMON
    | {
        "dollars": "USD", "dollar": "USD", "US dollars": "USD", "U.S. dollars": "USD",
        "American dollars": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP",
        "pound": "GBP", "pounds sterling": "GBP", "sterling": "GBP", "British pounds": "GBP",
        "Swiss francs": "CHF", "Canadian dollars": "CAD",
        "Australian dollars": "AUD", "Hong Kong dollars": "HKD", "Singapore dollars": "SGD",
        "rupees": "INR", "Indian rupees": "INR", "rupee": "INR", "yuans": "CNY",
        "Japanese yen": "JPY", "South Korean won": "KRW", "Korean won": "KRW",
        "Swedish kronor": "SEK", "Norwegian kroner": "NOK", "Danish kroner": "DKK",
        "rubles": "RUB", "roubles": "RUB", "reais": "BRL", "zloty": "PLN",
    },
    "fr": _COMMON
    | {
        "dollars": "USD", "dollar": "USD", "dollars américains": "USD", "dollars US": "USD",
        "dollars américain": "USD", "euros": "EUR", "euro": "EUR", "livres sterling": "GBP",
        "livres": "GBP", "livre sterling": "GBP", "yens": "JPY", "yuans": "CNY",
        "wons": "KRW", "roupies": "INR", "roupies indiennes": "INR", "francs suisses": "CHF",
        "franc suisse": "CHF", "dollars canadiens": "CAD",
        "dollars australiens": "AUD", "dollars de Hong Kong": "HKD", "roubles": "RUB",
        "couronnes suédoises": "SEK", "reals": "BRL",
    },
    "it": _COMMON
    | {
        "dollari": "USD", "dollaro": "USD", "dollari statunitensi": "USD",
        "dollari americani": "USD", "dollari USA": "USD", "euro": "EUR", "sterline": "GBP",
        "sterlina": "GBP", "sterline britanniche": "GBP", "franchi svizzeri": "CHF",
        "dollari canadesi": "CAD", "dollari australiani": "AUD",
        "rupie": "INR", "rupie indiane": "INR", "rubli": "RUB", "corone svedesi": "SEK",
    },
    "de": _COMMON
    | {
        "Dollar": "USD", "US-Dollar": "USD", "US Dollar": "USD", "Dollars": "USD",
        "Euro": "EUR", "Euros": "EUR", "Pfund": "GBP", "Pfund Sterling": "GBP",
        "britische Pfund": "GBP", "Schweizer Franken": "CHF", "Franken": "CHF",
        "kanadische Dollar": "CAD", "australische Dollar": "AUD", "Hongkong-Dollar": "HKD",
        "Rupien": "INR", "indische Rupien": "INR", "Rubel": "RUB", "Kronen": "SEK",
        "schwedische Kronen": "SEK",
        # declined after a preposition: "von fünf Milliarden australischen Dollar"
        "britischen Pfund": "GBP", "kanadischen Dollar": "CAD", "australischen Dollar": "AUD",
        "indischen Rupien": "INR", "schwedischen Kronen": "SEK",
    },
    "es": _COMMON
    | {
        "dólares": "USD", "dólar": "USD", "dolares": "USD", "dólares estadounidenses": "USD",
        "dólares americanos": "USD", "dólares de EE.UU.": "USD", "dólares de EEUU": "USD",
        "euros": "EUR", "euro": "EUR", "libras": "GBP", "libras esterlinas": "GBP",
        "libra esterlina": "GBP", "yenes": "JPY", "yuanes": "CNY", "wones": "KRW",
        "rupias": "INR", "francos suizos": "CHF", "dólares canadienses": "CAD",
        "dólares australianos": "AUD", "rublos": "RUB", "reales": "BRL",
        "pesos mexicanos": "MXN", "coronas suecas": "SEK",
    },
}  # fmt: skip

# Words joining an amount to its currency word: "38 milliards de dollars", "5 miliardi di".
CURRENCY_LINKS: dict[str, tuple[str, ...]] = {
    "en": ("of",),
    "fr": ("de", "d'"),
    "it": ("di", "de"),
    "de": (),
    "es": ("de",),
}
