"""Numbers spelled out in words ("quarante et un", "cinquecento", "zweihundert").

Words below a million are read with ``text2num``; scale words (million,
milliard...) are handled by the caller so that every language shares one path.
"""

import re
from decimal import Decimal

from text_to_num import text2num

from service.normalize.lexicon import alternation, fold

_EN_UNITS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy "
    "eighty ninety hundred thousand"
)
_FR_UNITS = (
    "un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze "
    "quinze seize vingt vingts trente quarante cinquante soixante cent cents mille"
)
_ES_TENS = "treinta cuarenta cincuenta sesenta setenta ochenta noventa"
_ES_UNITS = (
    "uno una un dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce "
    "quince dieciséis diecisiete dieciocho diecinueve veinte veintiuno veintiún veintiuna "
    "veintidós veintitrés veinticuatro veinticinco veintiséis veintisiete veintiocho "
    f"veintinueve {_ES_TENS} cien ciento doscientos doscientas trescientos trescientas "
    "cuatrocientos cuatrocientas quinientos quinientas seiscientos seiscientas setecientos "
    "setecientas ochocientos ochocientas novecientos novecientas mil"
)
# Italian and German glue their numbers into one word: these are the pieces.
_IT_PIECES = (
    "diciassette diciannove diciotto quattordici quindici tredici dodici undici sedici "
    "dieci venti vent trenta trent quaranta quarant cinquanta cinquant sessanta sessant "
    "settanta settant ottanta ottant novanta novant cento cent mille mila uno una un due "
    "tré tre quattro cinque sei sette otto nove"
)
_DE_PIECES = (
    "sechzehn siebzehn sechzig siebzig dreißig dreissig zwanzig vierzig fünfzig achtzig "
    "neunzig hundert tausend zwölf zehn elf eins eine ein zwei drei vier fünf sechs "
    "sieben acht neun und"
)

_WORDS: dict[str, tuple[str, ...]] = {
    "en": tuple(_EN_UNITS.split()),
    "fr": tuple(_FR_UNITS.split()),
    "es": tuple(_ES_UNITS.split()),
}
_PIECES: dict[str, tuple[str, ...]] = {
    "it": tuple(_IT_PIECES.split()),
    "de": tuple(_DE_PIECES.split()),
}
_CONNECTORS: dict[str, str] = {"en": "and", "fr": "et", "es": "y"}
_ONE: dict[str, str] = {"en": "one", "fr": "un", "it": "uno", "de": "ein", "es": "un"}
_WORD = re.compile(r"[^\s]+")

# Articles that read as "one" only directly before a scale word ("un milliard").
ARTICLES: dict[str, tuple[str, ...]] = {
    "en": ("a", "an"),
    "fr": ("un", "une"),
    "it": ("un", "uno", "una"),
    "de": ("ein", "eine", "einer", "einen"),
    "es": ("un", "una"),
}
# Definite articles that read as "one" directly before a singular scale word: "supera el
# billón", "franchit le milliard", "supera il miliardo", "überschreitet die Milliarde".
DEFINITE_ARTICLES: dict[str, tuple[str, ...]] = {
    "en": (),
    "fr": ("le",),
    "it": ("il",),
    "de": ("die",),
    "es": ("el",),
}
# Fractions that read as a number only directly before a scale word.
FRACTIONS: dict[str, dict[str, Decimal]] = {
    "en": {"half a": Decimal("0.5")},
    "fr": {"un demi": Decimal("0.5"), "demi": Decimal("0.5")},
    "it": {"mezzo": Decimal("0.5")},
    "de": {
        "eine halbe": Decimal("0.5"), "eineinhalb": Decimal("1.5"),
        "anderthalb": Decimal("1.5"), "zweieinhalb": Decimal("2.5"),
        "dreieinhalb": Decimal("3.5"),
    },
    "es": {"medio": Decimal("0.5"), "un medio": Decimal("0.5")},
}  # fmt: skip


def _word(lang: str) -> str:
    if lang in _PIECES:
        return alternation(_PIECES[lang]).replace("(?:", "(?:(?:", 1) + ")++"
    return alternation(_WORDS[lang])


def spelled_pattern(lang: str, scale_words: str, unit_words: str = "(?!)") -> str:
    """Regex of a spelled number, or of an article/fraction directly before a scale word.

    An indefinite article or a fraction also reads as a number before a unit word
    ("près d'un gigawatt", "half a gigawatt"); a definite article only before a scale word.
    """
    word = _word(lang) + r"\b"
    gap = r"[ \u00a0-]+"
    link = gap
    if lang in _CONNECTORS:
        link = rf"(?:[ \u00a0]+{_CONNECTORS[lang]}[ \u00a0]+|-{_CONNECTORS[lang]}-|{gap})"
    lead = alternation((*ARTICLES[lang], *FRACTIONS[lang]))
    before_scale = rf"\b{lead}(?={gap}(?:{scale_words}|{unit_words})\b)"
    if DEFINITE_ARTICLES[lang]:
        definite = alternation(DEFINITE_ARTICLES[lang])
        before_scale += rf"|\b{definite}(?={gap}{scale_words}\b)"
    words = rf"\b(?:{lead}{gap}(?={word}))?{word}(?:{link}{word})*+"
    return rf"(?P<spelled>(?i:{before_scale}|{words}))"


def _text2num(phrase: str, lang: str) -> Decimal | None:
    try:
        return Decimal(text2num(phrase, lang))
    except ValueError:
        return None


def parse_spelled(phrase: str, lang: str) -> tuple[Decimal, int] | None:
    """Value of the longest leading part of ``phrase`` that reads as one number.

    Returns the value and the length of the part used (a list such as
    "deux trois" reads as just "deux"), or None when nothing reads as a number.
    """
    key = fold(phrase)
    if key in ARTICLES[lang] or key in DEFINITE_ARTICLES[lang]:
        return Decimal(1), len(phrase)
    fractions = {fold(form): value for form, value in FRACTIONS[lang].items()}
    if key in fractions:
        return fractions[key], len(phrase)
    spans = [match.span() for match in _WORD.finditer(phrase)]
    words = [phrase[start:end].lower() for start, end in spans]
    if len(words) > 1 and words[0] in ARTICLES[lang]:
        words[0] = _ONE[lang]
    for count in range(len(words), 0, -1):
        value = _text2num(" ".join(words[:count]), lang)
        if value is not None and value > 0:
            return value, spans[count - 1][1]
    return None
