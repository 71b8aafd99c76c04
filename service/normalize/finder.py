"""The scanner: finds every amount in a text and reads its bound, range and unit."""

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from service.normalize import reading
from service.normalize.building import build_quantity
from service.normalize.lexicon import lookup_key
from service.normalize.patterns import Grammar, grammar
from service.normalize.reading import Amount, Unit
from service.normalize.types import Bound, Quantity, UnknownCurrencyError

_NUMBER_UNIT = Unit("number", "1", "")
_CURRENCY_LEAD = re.compile(
    r"(?:[A-Z]{0,3}[$€£¥₹₩₺₽]|(?P<code>[A-Z]{3})[ \u00a0])?",
)


_COMMA_GROUPED = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3}){2,}|[1-9]\d{0,2},000)(?![\d,]|\.\d)")
"""A number only a thousands comma can explain ("5,000", "1,250,000"): a text that writes one
groups thousands with a comma (Latin American Spanish), though its language's decimal mark is
the comma."""


@dataclass(frozen=True)
class Candidate:
    """An amount with everything needed to build its quantity."""

    amount: Amount
    unit: Unit
    bound: Bound
    vague: bool
    capped: bool = False


def _read_tail(
    text: str, amount: Amount, number_end: int, g: Grammar, *, priced: bool
) -> Amount | None:
    """Scale, unit and period after a number; None when the digits run into a word."""
    amount = reading.read_plus(text, reading.read_scale(text, amount, g))
    amount = reading.read_unit(text, amount, g, priced=priced)
    if reading.is_glued_to_word(text, amount, number_end):
        return None
    if reading.is_bare_article(text, amount, number_end, g.lang):
        return None
    return reading.read_period(text, amount, g)


def _read_amount(text: str, match: re.Match[str], floor: int, g: Grammar) -> Amount | None:
    """The amount starting at an anchor match, with a currency symbol written before it."""
    if match.group("vague") is not None:
        amount = reading.read_unit(text, reading.read_vague(match, g), g)
        return reading.read_period(text, amount, g)
    if match.group("multiple") is not None:
        return reading.read_multiple(match, g)
    number = reading.read_number(match, g.lang, comma_groups=g.comma_groups)
    if number is None:
        return None
    number = reading.read_mexican_thousands(text, number, g.lang)
    if reading.leads_nowhere(text, number):
        return None
    priced = reading.currency_before(text, number.start, floor, g) is not None
    tail = _read_tail(text, number, number.end, g, priced=priced)
    if tail is None:
        return None
    return reading.read_sign(text, reading.read_currency_prefix(text, tail, floor, g), floor)


def _second_amount(text: str, start: int, g: Grammar) -> Amount | None:
    """The amount after a range connector, with an optional currency symbol before it."""
    lead = _CURRENCY_LEAD.match(text, start)
    position = lead.end() if lead else start
    match = g.number.match(text, position)
    if match is None:
        return None
    number = reading.read_number(match, g.lang, comma_groups=g.comma_groups)
    if number is None:
        return None
    priced = position > start
    amount = _read_tail(text, number, number.end, g, priced=priced)
    if amount is None or reading.continues_as_digit_run(text, amount.end):
        return None
    return replace(reading.read_currency_prefix(text, amount, start, g), start=start)


def _range_opener(text: str, first: Amount, floor: int, g: Grammar) -> re.Match[str] | None:
    window_start = max(floor, first.start - g.hedge_window)
    return g.range_opener.search(text, window_start, first.start)


def _is_bare(amount: Amount) -> bool:
    return amount.unit is None and amount.scale is None


def _link_allowed(
    connector: str | None, opener: re.Match[str] | None, first: Amount, g: Grammar
) -> bool:
    if connector is None:
        return True
    key = lookup_key(connector)
    if key in g.alternatives:
        return _is_bare(first)
    if opener is not None and key in g.openers[lookup_key(opener.group("opener"))]:
        return True
    return key in g.bare_connectors


def _merge(first: Amount, second: Amount) -> Amount | None:
    """One range amount from its two ends; None when the two ends do not fit together."""
    if first.unit is not None and second.unit is not None and first.unit != second.unit:
        return None
    unit = second.unit or first.unit
    scaled = first.scale is not None or second.scale is not None
    if scaled and unit is not None and unit.kind == "ratio":
        return None
    if first.scale is None:
        first = replace(first, scale=second.scale)
    if second.unit is not None and second.unit.kind == "count":
        first = reading.whole_count(first)
    low, high = first.low_value, second.high_value
    if low >= high:
        return None
    return Amount(
        start=first.start,
        end=second.end,
        number=low,
        high_number=high,
        scale=Decimal(1) if scaled else None,
        scale_needs_unit=first.scale_needs_unit or second.scale_needs_unit,
        unit=unit,
        per=second.per or first.per,
    )


def _read_range(text: str, first: Amount, floor: int, g: Grammar) -> tuple[Amount, bool] | None:
    """The range starting with ``first`` if one follows, else ``first``; None for digit runs.

    Only a dash glued between digits ("555-123-4567", "2025-07-01") condemns ``first``;
    a dash before a clause ("$5bn — backed by...") is punctuation, not a connector.
    """
    link = g.range_link.match(text, first.end)
    if link is None:
        return first, False
    second = _second_amount(text, link.end(), g)
    if second is None:
        return None if reading.continues_as_digit_run(text, first.end) else (first, False)
    opener = _range_opener(text, first, floor, g)
    allowed = _link_allowed(link.group("word"), opener, first, g)
    merged = _merge(first, second) if allowed else None
    if merged is None:
        return first, False
    if opener is not None:
        merged = replace(merged, start=opener.start())
    return merged, True


def _partitive(text: str, first: Amount, g: Grammar) -> Amount:
    """A bare part of the scaled amount after it, with that amount's scale and unit.

    "3,2 des 5 milliards de dollars" is 3.2 billion dollars (the 5 billion is found next).
    """
    if first.scale is not None or first.year_like:
        return first
    if first.unit is not None and first.unit.kind != "money":
        return first
    link = g.partitive.match(text, first.end)
    whole = _second_amount(text, link.end(), g) if link else None
    if whole is None or whole.scale is None:
        return first
    if first.unit is not None and whole.unit is not None and first.unit != whole.unit:
        return first
    unit = first.unit or whole.unit
    borrowed = replace(first, scale=whole.scale, scale_needs_unit=whole.scale_needs_unit)
    if unit is not None and unit.kind == "count":
        return reading.whole_count(replace(borrowed, unit=unit))
    return replace(borrowed, unit=unit, per=first.per or whole.per)


def _unit_of(amount: Amount, default_currency: str | None) -> Unit | None:
    if amount.unit is not None:
        return amount.unit
    if amount.scale is None or amount.scale_needs_unit:
        return None
    return reading.money_unit(default_currency) if default_currency else _NUMBER_UNIT


def _hedged(text: str, amount: Amount, floor: int, g: Grammar) -> tuple[Amount, Bound, bool]:
    """The amount widened over its hedge word, its bound, and whether it means "just under"."""
    window_start = max(floor, amount.start - g.hedge_window)
    match = g.hedge.search(text, window_start, amount.start)
    if match is None:
        return amount, amount.written_bound or "exact", False
    key = lookup_key(match.group("hedge"))
    return replace(amount, start=match.start()), g.hedges[key], key in g.just_under


def _candidate(
    text: str, match: re.Match[str], floor: int, g: Grammar, default_currency: str | None
) -> Candidate | None:
    amount = _read_amount(text, match, floor, g)
    if amount is None:
        return None
    vague = match.group("vague") is not None
    ranged = (amount, False) if vague else _read_range(text, amount, floor, g)
    if ranged is None:
        return None
    amount, is_range = ranged
    if not is_range:
        amount = _partitive(text, amount, g)
    unit = _unit_of(amount, default_currency)
    if unit is None:
        return None
    if is_range or vague:
        return Candidate(amount, unit, "range", vague)
    amount, bound, capped = _hedged(text, amount, floor, g)
    return Candidate(amount, unit, bound, vague=False, capped=capped)


def groups_with_comma(text: str, lang: str) -> bool:
    """Whether ``text``, in a language whose decimal mark is the comma, groups thousands with it.

    Mexican Spanish does, and its press writes "mdd" for millions of dollars.
    """
    if lang == "es" and reading.MEXICAN_SCALED_CURRENCY.search(text) is not None:
        return True
    return lang != "en" and _COMMA_GROUPED.search(text) is not None


def scan(
    text: str,
    lang: str,
    ref_date: date,
    default_currency: str | None,
    *,
    comma_groups: bool = False,
) -> Iterator[Quantity | UnknownCurrencyError]:
    """Quantities of ``text`` in order, or the currency error met instead of one."""
    g = grammar(lang)
    if lang != "en" and (comma_groups or groups_with_comma(text, lang)):
        g = replace(g, comma_groups=True)
    position = floor = 0
    while (match := g.anchor.search(text, position)) is not None:
        candidate = _candidate(text, match, floor, g, default_currency)
        if candidate is None:
            position = match.end()
            continue
        position = floor = candidate.amount.end
        try:
            yield build_quantity(
                text,
                candidate.amount,
                candidate.unit,
                candidate.bound,
                ref_date,
                vague=candidate.vague,
                capped=candidate.capped,
            )
        except UnknownCurrencyError as error:
            yield error
