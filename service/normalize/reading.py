"""Reading one amount (number, scale, unit, rate period) at a position in text."""

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from service.normalize.currencies import ALIASES, SYMBOLS
from service.normalize.hedges import DASHES
from service.normalize.lexicon import lookup_key
from service.normalize.numbers import parse_digits
from service.normalize.patterns import Grammar
from service.normalize.scales import BARE_PLURAL_SPAN
from service.normalize.spelled import ARTICLES, DEFINITE_ARTICLES, parse_spelled
from service.normalize.types import Bound, Kind, Period
from service.normalize.units import PREFIX_SYMBOLS, PREFIX_WORDS

_HUNDRED = Decimal(100)
_THOUSAND = Decimal(1000)
_AFTER_MIL = re.compile(r"[ \u00a0]+(?P<rest>\d{1,3})(?!\d|[.,]\d)")
_MIL_AND = re.compile(r"[ \u00a0]+mil" + _AFTER_MIL.pattern)
_NOT_AN_AMOUNT_NEXT = re.compile(r"[./:,]\d")
_DASHED_RUN_NEXT = re.compile("[" + re.escape("".join(DASHES)) + r"./:]\d")
_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
_DEAD_END = re.compile(r"[ \u00a0\u202f]*+(?:\d|[.,;:!?)\]}/]|$)")
_CURRENCY_BEFORE = re.compile(r"[A-Z$€£¥₹₩₺₽]")
_SIGN_BEFORE = re.compile(
    r"(?:(?<![\w.,%+\u2212\u2013-])(?P<sign>[-+\u2212\u2013])|(?i:\bminus)[ \u00a0]+)$"
)
_SIGNED_KINDS = ("ratio", "money", "number")
_SIGN_ENDS = frozenset("-+\u2212\u2013 \u00a0")
_PLUS_AFTER = re.compile(r"\+(?![\d+])")


@dataclass(frozen=True)
class Unit:
    """What an amount measures: kind, canonical unit, unit as written, factor to canonical."""

    kind: Kind
    canonical: str
    original: str
    factor: Decimal = Decimal(1)


@dataclass(frozen=True)
class Amount:
    """A number read from text, before bounds and currency conversion."""

    start: int
    end: int
    number: Decimal
    high_number: Decimal | None = None
    scale: Decimal | None = None
    scale_needs_unit: bool = False
    unit: Unit | None = None
    per: Period | None = None
    year_like: bool = False
    written_bound: Bound | None = None
    as_thousands: Decimal | None = None

    @property
    def low_value(self) -> Decimal:
        """Lowest value in original units (the value for exact amounts)."""
        return self.number * (self.scale or 1)

    @property
    def high_value(self) -> Decimal:
        """Highest value in original units (the value for exact amounts)."""
        return (self.high_number or self.number) * (self.scale or 1)


def money_unit(code: str) -> Unit:
    """Unit of an amount of money in the ISO 4217 currency ``code``."""
    return Unit("money", "USD", code)


def _is_thousands_shaped(digits: str) -> bool:
    """One mark followed by exactly three digits, after one to three leading digits."""
    return 5 <= len(digits) <= 7 and digits[-4] in ".," and digits[0] != "0"


def read_number(match: re.Match[str], lang: str, *, comma_groups: bool = False) -> Amount | None:
    """Amount of a digits, spelled, vague or multiple match of the anchor pattern.

    ``comma_groups``: the text groups thousands with a comma elsewhere ("5,000 millones"),
    so an ambiguous "3,700" is 3,700 there too, not the decimal 3.7.
    """
    if match.group("digits") is not None:
        value = parse_digits(match.group("digits"), match.group("sep"), lang)
        if value is None:
            return None
        digits = match.group("digits")
        year_like = bool(_YEAR_LIKE.fullmatch(digits))
        thousands = None
        if match.group("sep") is None and _is_thousands_shaped(digits):
            thousands = Decimal(digits[:-4] + digits[-3:])
            if comma_groups and digits[-4] == ",":
                value, thousands = thousands, None
        return Amount(
            match.start(), match.end(), value, year_like=year_like, as_thousands=thousands
        )
    if match.group("spelled") is not None:
        parsed = parse_spelled(match.group("spelled"), lang)
        if parsed is None:
            return None
        value, length = parsed
        return Amount(match.start(), match.start() + length, value)
    return None


def read_mexican_thousands(text: str, amount: Amount, lang: str) -> Amount:
    """Amount extended over Mexican thousands written "mil": "740 mil 200" is 740,200.

    "740 mil 200 millones" is 740,200 million and "mil 200 millones" 1,200 million.
    """
    if lang != "es" or amount.scale is not None:
        return amount
    spelled_mil = text[amount.start : amount.end].lower().endswith("mil")
    match = (_AFTER_MIL if spelled_mil else _MIL_AND).match(text, amount.end)
    if match is None:
        return amount
    thousands = amount.number if spelled_mil else amount.number * _THOUSAND
    number = thousands + Decimal(match.group("rest"))
    return replace(amount, end=match.end(), number=number, year_like=False)


def read_vague(match: re.Match[str], grammar: Grammar) -> Amount:
    """Amount of a vague match: "tens of billions" = [1e10, 1e11), "billions" = [1e9, 1e10).

    The intervals partition the decades of the scale word (see ``scales``).
    """
    base = grammar.vague_plurals[lookup_key(match.group("vplural"))]
    span = BARE_PLURAL_SPAN
    if match.group("vmult") is not None:
        span = grammar.vague_multipliers[lookup_key(match["vmult"])]
    low, high = span
    return Amount(match.start(), match.end(), Decimal(low), high_number=Decimal(high), scale=base)


def read_multiple(match: re.Match[str], grammar: Grammar) -> Amount:
    """Amount of a multiple written as a word ("il doppio", "dreimal")."""
    value = Decimal(grammar.multiples[lookup_key(match.group("multiple"))])
    return Amount(match.start(), match.end(), value, unit=Unit("ratio", "ratio", "x"))


_SCALED_CURRENCIES: dict[str, tuple[Decimal, str]] = {
    "mdd": (Decimal("1e6"), "USD"),
    "mmdd": (Decimal("1e9"), "USD"),
    "mde": (Decimal("1e6"), "EUR"),
    "mmde": (Decimal("1e9"), "EUR"),
    "mdp": (Decimal("1e6"), "MXN"),
    "mmdp": (Decimal("1e9"), "MXN"),
}
"""Mexican press abbreviations of a scale and a currency: "500 mdd" is 500 million dollars,
"2.5 mmdd" 2.5 billion dollars, "mdp" millions of pesos."""

_SCALED_CURRENCY = re.compile(
    r"[ \u00a0]?(?P<abbr>mmdd|mdd|mmde|mde|mmdp|mdp)(?![^\W\d_])", re.IGNORECASE
)
MEXICAN_SCALED_CURRENCY = re.compile(
    r"\d[ \u00a0]?(?:mmdd|mdd|mmdp|mdp)(?![^\W\d_])", re.IGNORECASE
)
"""A number written with one of them: the text follows Mexican number conventions."""


def read_scale(text: str, amount: Amount, grammar: Grammar) -> Amount:
    """Amount extended by a scale word or abbreviation written after it."""
    if grammar.lang == "es" and (both := _SCALED_CURRENCY.match(text, amount.end)):
        factor, code = _SCALED_CURRENCIES[both.group("abbr").lower()]
        return replace(amount, end=both.end(), scale=factor, unit=money_unit(code))
    match = grammar.scale.match(text, amount.end)
    if match is None:
        return amount
    written = match.group("word") or match.group("abbr")
    scale = grammar.scales.get(lookup_key(written).rstrip("."))
    if scale is None:
        return amount
    factor = scale.factor * (amount.scale or 1)
    return replace(amount, end=match.end(), scale=factor, scale_needs_unit=scale.needs_unit)


def read_plus(text: str, amount: Amount) -> Amount:
    """Amount extended by a plus sign glued after it ("150.000+ Chips"): at least that much."""
    if not text.startswith("+", amount.end):
        return amount
    match = _PLUS_AFTER.match(text, amount.end)
    if match is None:
        return amount
    return replace(amount, end=match.end(), written_bound="at_least")


def _physical_unit(match: re.Match[str]) -> Unit:
    if match.group("word") is None:
        base = match.group("base")
        factor = PREFIX_SYMBOLS[match.group("prefix")]
        symbol = match.group("prefix").replace("K", "k")
    else:
        base = "Wh" if match.group("hours") else "W"
        prefix = match.group("wprefix")
        factor = PREFIX_WORDS[prefix.lower()] if prefix else Decimal(1)
        symbol = {3: "k", 6: "M", 9: "G", 12: "T", 15: "P"}.get(factor.adjusted(), "")
    kind: Kind = "energy" if base == "Wh" else "power"
    return Unit(kind, base, symbol + base, factor)


def _currency_unit(match: re.Match[str], grammar: Grammar) -> Unit:
    if match.group("sym") is not None:
        return money_unit(SYMBOLS[match.group("sym")])
    if match.group("code") is not None:
        code = match.group("code")
        return money_unit(ALIASES.get(code, code))
    return money_unit(grammar.currency_words[lookup_key(match.group("word"))])


def whole_count(amount: Amount) -> Amount:
    """A counted amount whose thousands-shaped number is read with thousands.

    A count cannot be fractional: "1.200 users" in English and "1,200 utilisateurs" in
    French are 1200 (and "1.000 users" 1000), while "1.250 million users" stays decimal.
    """
    if amount.as_thousands is None or amount.scale is not None:
        return amount
    return replace(amount, number=amount.as_thousands, as_thousands=None)


def _count_unit(text: str, match: re.Match[str], amount: Amount, grammar: Grammar) -> Amount:
    noun = grammar.count_nouns[lookup_key(match.group("noun"))]
    per: Period | None = None
    for word in match.group("skipped").split():
        per = per or grammar.adjectives.get(lookup_key(word))
    end = match.end()
    while (post := grammar.post_adjective.match(text, end)) is not None:
        per = per or grammar.post_adjectives[lookup_key(post.group("adj"))]
        end = post.end()
    unit = Unit("count", noun, noun)
    return whole_count(replace(amount, end=end, unit=unit, per=per))


def _percent(text: str, amount: Amount, grammar: Grammar) -> Amount | None:
    match = grammar.percent.match(text, amount.end)
    if match is None:
        return None
    return replace(amount, end=match.end(), unit=Unit("ratio", "ratio", "%", 1 / _HUNDRED))


def _times(text: str, amount: Amount, grammar: Grammar) -> Amount | None:
    match = grammar.times.match(text, amount.end)
    if match is None:
        return None
    return replace(amount, end=match.end(), unit=Unit("ratio", "ratio", "x"))


def _currency(text: str, amount: Amount, grammar: Grammar) -> Amount | None:
    match = grammar.currency_suffix.match(text, amount.end)
    if match is None:
        return None
    return replace(amount, end=match.end(), unit=_currency_unit(match, grammar))


def _physical(text: str, amount: Amount, grammar: Grammar) -> Amount | None:
    match = grammar.physical.match(text, amount.end)
    if match is None:
        return None
    return replace(amount, end=match.end(), unit=_physical_unit(match))


def _count(text: str, amount: Amount, grammar: Grammar) -> Amount | None:
    match = grammar.count.match(text, amount.end)
    if match is None:
        return None
    if amount.year_like and amount.scale is None and match.group("skipped"):
        return None
    return _count_unit(text, match, amount, grammar)


_UNIT_READERS = (_percent, _times, _currency, _physical, _count)
_PRICED_UNIT_READERS = (_percent, _times, _currency, _physical)


def read_unit(text: str, amount: Amount, grammar: Grammar, *, priced: bool = False) -> Amount:
    """Amount extended by the unit written after it: %, x, currency, W/Wh or a thing.

    A ``priced`` amount (a currency symbol or code before it) is money, never a count.
    """
    if amount.unit is not None:
        return amount
    for reader in _PRICED_UNIT_READERS if priced else _UNIT_READERS:
        extended = reader(text, amount, grammar)
        if extended is not None:
            return extended
    return amount


def read_period(text: str, amount: Amount, grammar: Grammar) -> Amount:
    """Amount extended by a rate period written after it ("per week", "pro Jahr")."""
    if amount.unit is not None and amount.unit.kind == "ratio":
        return amount
    match = grammar.period.match(text, amount.end)
    if match is None:
        return amount
    return replace(amount, end=match.end(), per=grammar.periods[lookup_key(match["period"])])


def currency_before(text: str, start: int, floor: int, grammar: Grammar) -> re.Match[str] | None:
    """The currency symbol or code written just before ``start`` (not before ``floor``)."""
    return grammar.currency_prefix.search(text, max(floor, start - 6), start)


def read_currency_prefix(text: str, amount: Amount, floor: int, grammar: Grammar) -> Amount:
    """Amount extended backwards over a currency symbol or code written before it."""
    match = currency_before(text, amount.start, floor, grammar)
    if match is None:
        return amount
    unit = _currency_unit(match, grammar)
    if amount.unit is not None and amount.unit != unit:
        return amount
    return replace(amount, start=match.start(), unit=unit)


def read_sign(text: str, amount: Amount, floor: int) -> Amount | None:
    """Amount extended backwards over its sign: "-4,1 %", "−2.7%", "minus 3 Prozent", "+14%".

    Only a change (ratio), money or a bare number is signed; a plus sign glued before
    anything else (phone numbers, "+3 GW") makes no amount.
    """
    if amount.start == 0 or text[amount.start - 1] not in _SIGN_ENDS:
        return amount
    match = _SIGN_BEFORE.search(text, max(floor, amount.start - 7), amount.start)
    if match is None:
        return amount
    kind = amount.unit.kind if amount.unit is not None else "number"
    if kind not in _SIGNED_KINDS:
        return None if match.group("sign") == "+" else amount
    number = amount.number if match.group("sign") == "+" else -amount.number
    return replace(amount, start=match.start(), number=number)


def leads_nowhere(text: str, amount: Amount) -> bool:
    """Fast rejection: nothing can follow the number and no currency precedes it."""
    if not _DEAD_END.match(text, amount.end):
        return False
    before = text[max(0, amount.start - 2) : amount.start].strip()
    return not (before and _CURRENCY_BEFORE.match(before[-1]))


def is_glued_to_word(text: str, amount: Amount, number_end: int) -> bool:
    """Whether digits run into letters or digit runs ("4o", "3rd", "3D chips", "1.2.3").

    Only a scale abbreviation, a unit symbol or a multiple sign may be glued to digits.
    """
    following = text[number_end : number_end + 2]
    if _NOT_AN_AMOUNT_NEXT.match(following):
        return True
    if not following[:1].isalpha():
        return False
    if amount.scale is not None:
        return False
    return amount.unit is None or amount.unit.kind not in ("power", "energy", "ratio")


def continues_as_digit_run(text: str, end: int) -> bool:
    """Whether a dash, dot, slash or colon and a digit follow (dates, phone numbers)."""
    return bool(_DASHED_RUN_NEXT.match(text, end))


def is_bare_article(text: str, amount: Amount, number_end: int, lang: str) -> bool:
    """Whether a spelled match is only an article ("un", "a") without a scale word or unit.

    An article reads as one before a scale word ("un milliard") or a power or energy unit
    ("un gigawatt"), never before an ordinary noun ("un utilisateur", "a dollar").
    """
    if amount.scale is not None:
        return False
    article = text[amount.start : number_end].lower()
    if amount.unit is not None and amount.unit.kind in ("power", "energy"):
        return article in DEFINITE_ARTICLES[lang]
    return article in ARTICLES[lang] or article in DEFINITE_ARTICLES[lang]
