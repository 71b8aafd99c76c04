"""Time expressions of a sentence, resolved against the publication date."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache, lru_cache

import msgspec

from service.ingest.lexicon import cues_for, prepared, shared
from service.ingest.types import Precision

_YEAR = r"(?P<year>(?:19|20)\d\d)(?![\d.,]\d)"


class PeriodMention(msgspec.Struct, frozen=True):
    """A time expression at ``[start, end)`` of a sentence and the period it names."""

    start: int
    end: int
    first: date
    last: date
    precision: Precision
    deadline: bool = False
    """Named as an end ("by 2030", "through December 2031"), not as the period itself."""
    event: bool = False
    """The day of a news event ("today", "on Tuesday"): a market move's day, no flow's period."""


class _Patterns(msgspec.Struct, frozen=True):
    quarter_words: re.Pattern[str]
    quarter_codes: re.Pattern[str]
    half_words: re.Pattern[str]
    half_codes: re.Pattern[str]
    month: re.Pattern[str]
    deadline: re.Pattern[str]
    year: re.Pattern[str]
    relative: list[tuple[re.Pattern[str], int]]
    annual: re.Pattern[str]
    today: re.Pattern[str]
    bare_year: re.Pattern[str]
    weekday: re.Pattern[str]
    year_to_date: re.Pattern[str]
    quarter_ended: re.Pattern[str]
    deadline_prep: re.Pattern[str]
    month_end: re.Pattern[str]
    year_end: re.Pattern[str]
    back_reference: re.Pattern[str]
    month_quarter: re.Pattern[str] | None
    month_span: re.Pattern[str]


def _alternatives(words: list[str] | dict[str, int]) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


@cache
def _patterns(language: str) -> _Patterns:
    raw = cues_for(language).raw
    flags = re.IGNORECASE
    months = _alternatives(raw.months)
    halves = {word: rank for word, rank in raw.quarter_ordinals.items() if rank <= 2}
    return _Patterns(
        quarter_words=re.compile(
            rf"(?<!\w)(?P<ordinal>{_alternatives(raw.quarter_ordinals)})[\s-]+"
            rf"{raw.quarter_word}(?:{_YEAR})?",
            flags,
        ),
        quarter_codes=re.compile(shared().quarter_pattern),
        half_words=re.compile(
            rf"(?<!\w)(?P<ordinal>{_alternatives(halves)})[\s-]+{raw.half_word}(?:\s+{_YEAR})?(?!\w)",
            flags,
        ),
        half_codes=re.compile(shared().half_pattern),
        month=re.compile(
            rf"(?<!\w)(?:(?P<prep>{raw.month_preps})\s+)?(?:(?P<day>\d{{1,2}})(?:er|º|\.)?\s+)?"
            rf"(?P<month>{months})(?:\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?,?)?"
            rf"(?:\s+(?:de\s+|del\s+)?{_YEAR})?(?!\w)",
            flags,
        ),
        deadline=re.compile(
            rf"(?<!\w)(?:{raw.deadline_preps})\s+(?:fin\s+|end\s+of\s+)?{_YEAR}", flags
        ),
        year=re.compile(rf"(?<!\w)(?:{raw.year_preps})\s+{_YEAR}", flags),
        relative=[
            (re.compile(rf"(?<!\w)(?:{p})", flags), shift) for p, shift in raw.relative_years
        ],
        annual=re.compile(rf"(?<!\w)(?:{raw.annual})(?!\w)", flags),
        today=re.compile(rf"(?<!\w)(?:{raw.today})", flags),
        bare_year=re.compile(shared().year_pattern),
        weekday=re.compile(rf"(?<!\w)(?P<weekday>{_alternatives(raw.weekdays)})(?!\w)", flags),
        year_to_date=re.compile(rf"(?<!\w)(?:{raw.year_to_date})", flags),
        quarter_ended=re.compile(
            rf"(?<!\w)(?:{raw.quarter_ended})\s+(?:(?:the|le|el|il|am)\s+)?"
            rf"(?:(?P<day>\d{{1,2}})(?:er|º|\.)?\s+(?:de\s+)?)?(?P<month>{months})"
            rf"(?:\s+(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?,?)?(?:\s+(?:de\s+|del\s+)?{_YEAR})?(?!\w)",
            flags,
        ),
        deadline_prep=re.compile(rf"(?:{raw.deadline_preps})$", flags),
        month_end=re.compile(rf"(?:{raw.month_end})$", flags),
        back_reference=re.compile(rf"(?<!\w)(?:{raw.back_reference})(?!\w)", flags),
        year_end=re.compile(rf"(?<!\w)(?:{raw.year_end})(?!\w)", flags),
        month_quarter=re.compile(
            rf"(?<!\w)(?P<month>{months})\s+(?:{raw.month_quarter})(?:\s+{_YEAR})?(?!\w)", flags
        )
        if raw.month_quarter
        else None,
        month_span=re.compile(
            rf"(?<!\w)(?:{_SPAN_OPENERS[language]})\s+(?P<month>{months})\s+"
            rf"(?:{_SPAN_LINKS[language]})\s+(?P<last>{months})(?:\s+(?:de\s+|del\s+)?{_YEAR})?(?!\w)",
            flags,
        ),
    )


_SPAN_OPENERS = {
    "en": "between|from",
    "fr": "entre|de|d'",
    "it": "tra|fra|da",
    "de": "zwischen|von",
    "es": "entre|de",
}
"""Words opening a span of months ("between July and September")."""

_SPAN_LINKS = {"en": "and|to", "fr": "et|à", "it": "e|a", "de": "und|bis", "es": "y|a"}
"""Words closing a span of months."""


def _month_span(year: int, first: int, last: int) -> tuple[date, date, Precision]:
    """The months from ``first`` to ``last`` of ``year``; a calendar quarter when it is one.

    A span across New Year ("from November to January") starts the year before.
    """
    first_year = year if first <= last else year - 1
    end = date(year, last, calendar.monthrange(year, last)[1])
    quarter = first <= last and last - first == 2 and first % 3 == 1
    return date(first_year, first, 1), end, "quarter" if quarter else "month"


def _year_period(year: int) -> tuple[date, date, Precision]:
    return date(year, 1, 1), date(year, 12, 31), "year"


def _month_period(year: int, month: int) -> tuple[date, date, Precision]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "month"


def _quarter_period(year: int, quarter: int) -> tuple[date, date, Precision]:
    first_month = 3 * quarter - 2
    last = date(year, first_month + 2, calendar.monthrange(year, first_month + 2)[1])
    return date(year, first_month, 1), last, "quarter"


def _half_period(year: int, half: int) -> tuple[date, date, Precision]:
    """A half-year: to the quarter, its first and last day."""
    first_month = 6 * half - 5
    return date(year, first_month, 1), date(year, first_month + 5, 29 + half), "quarter"


def _quarter_ending(year: int, month: int) -> tuple[date, date, Precision]:
    """The three months ending with ``month`` (a fiscal quarter "ended August 31")."""
    first_year, first_month = (year, month - 2) if month > 2 else (year - 1, month + 10)
    last = date(year, month, calendar.monthrange(year, month)[1])
    return date(first_year, first_month, 1), last, "quarter"


def _weekday(published_on: date, weekday: int, future: bool) -> date:
    """The named weekday nearest the publication: the last one, or the next when future."""
    if future:
        return published_on + timedelta(days=(weekday - published_on.weekday()) % 7)
    return published_on - timedelta(days=(published_on.weekday() - weekday) % 7)


def _implied_year(published_on: date, first_month: int, future: bool) -> int:
    """The most recent year in which the month started, or the coming one when future."""
    if future:
        return published_on.year + (1 if first_month < published_on.month else 0)
    return published_on.year - (1 if first_month > published_on.month else 0)


_Candidate = tuple[re.Match[str], tuple[date, date, Precision], bool, bool]
"""A time expression found: its match, period, whether a deadline, whether a news day."""


def find_periods(
    sentence: str, language: str, published_on: date, *, future: bool
) -> list[PeriodMention]:
    """Every time expression of ``sentence``, the most specific kept where they overlap."""
    return list(_found(sentence, language, published_on, future))


@lru_cache(maxsize=64)
def _found(
    sentence: str, language: str, published_on: date, future: bool
) -> tuple[PeriodMention, ...]:
    """The time expressions of a sentence, computed once for all its quantities."""
    text = prepared(sentence)
    found: list[PeriodMention] = []
    candidates = [
        *_calendar(text, language, published_on, future),
        *_relative(text, language, published_on, future),
    ]
    for match, (first, last, precision), deadline, event in candidates:
        start, end = match.span()
        if all(end <= kept.start or start >= kept.end for kept in found):
            found.append(PeriodMention(start, end, first, last, precision, deadline, event))
    return tuple(sorted(found, key=lambda mention: mention.start))


def _calendar(text: str, language: str, published_on: date, future: bool) -> Iterator[_Candidate]:
    """Quarters, half-years and months, most specific first."""
    patterns = _patterns(language)
    raw = cues_for(language).raw
    for match in patterns.month_span.finditer(text):
        first = raw.months[match.group("month").casefold()]
        last = raw.months[match.group("last").casefold()]
        year = _year_of(match, published_on, last, future)
        yield match, _month_span(year, first, last), False, False
    ended = [*patterns.quarter_ended.finditer(text)]
    if patterns.month_quarter is not None:
        ended.extend(patterns.month_quarter.finditer(text))
    for match in ended:
        month = raw.months[match.group("month").casefold()]
        year = _year_of(match, published_on, month, False)
        yield match, _quarter_ending(year, month), False, False
    for match in patterns.quarter_words.finditer(text):
        quarter = raw.quarter_ordinals[match.group("ordinal").casefold()]
        year = _year_of(match, published_on, 3 * quarter - 2, future)
        yield match, _quarter_period(year, quarter), False, False
    for match in patterns.quarter_codes.finditer(text):
        quarter = int(match.group(1))
        year_text = match.group(2)
        year = (
            _full_year(year_text)
            if year_text
            else _implied_year(published_on, 3 * quarter - 2, future)
        )
        yield match, _quarter_period(year, quarter), False, False
    for match in patterns.half_words.finditer(text):
        half = raw.quarter_ordinals[match.group("ordinal").casefold()]
        year = _year_of(match, published_on, 6 * half - 5, future)
        yield match, _half_period(year, half), False, False
    for match in patterns.half_codes.finditer(text):
        half, year_text = int(match.group(1)), match.group(2) or match.group(3)
        year = (
            _full_year(year_text)
            if year_text
            else _implied_year(published_on, 6 * half - 5, future)
        )
        yield match, _half_period(year, half), False, False
    for match in patterns.month.finditer(text):
        if match.group("prep") or match.group("day") or match.group("day2") or match.group("year"):
            prep = match.group("prep") or ""
            deadline = patterns.deadline_prep.match(prep) is not None
            period = _month_or_day(match, raw.months, published_on, future)
            if period[2] == "month" and patterns.month_end.match(prep):
                period = (period[1], period[1], "day")
            yield match, period, deadline, False


def _month_or_day(
    match: re.Match[str], months: dict[str, int], published_on: date, future: bool
) -> tuple[date, date, Precision]:
    month = months[match.group("month").casefold()]
    year = _year_of(match, published_on, month, future)
    day = match.group("day") or match.group("day2")
    period = _month_period(year, month)
    if day and 1 <= int(day) <= period[1].day:
        exact = date(year, month, int(day))
        return exact, exact, "day"
    return period


def _relative(text: str, language: str, published_on: date, future: bool) -> Iterator[_Candidate]:
    """Years, deadlines and expressions relative to the publication day."""
    patterns = _patterns(language)
    weekdays = cues_for(language).raw.weekdays
    today: tuple[date, date, Precision] = (published_on, published_on, "day")
    for match in patterns.year_end.finditer(text):
        yield match, _year_period(published_on.year), True, False
    for match in patterns.year_to_date.finditer(text):
        yield match, (date(published_on.year, 1, 1), published_on, "day"), False, False
    for match in patterns.deadline.finditer(text):
        yield match, _year_period(int(match.group("year"))), True, False
    for match in patterns.year.finditer(text):
        yield match, _year_period(int(match.group("year"))), False, False
    for pattern, shift in patterns.relative:
        for match in pattern.finditer(text):
            yield match, _year_period(published_on.year + shift), False, False
    for match in patterns.annual.finditer(text):
        yield match, _year_period(published_on.year), False, False
    for match in patterns.today.finditer(text):
        yield match, today, False, True
    for match in patterns.weekday.finditer(text):
        day = _weekday(published_on, weekdays[match.group("weekday").casefold()], future)
        yield match, (day, day, "day"), False, True
    for match in patterns.bare_year.finditer(text):
        yield match, _year_period(int(match.group(1))), False, False


def _full_year(text: str) -> int:
    return int(text) if len(text) == 4 else 2000 + int(text)


def _year_of(match: re.Match[str], published_on: date, first_month: int, future: bool) -> int:
    year = match.group("year")
    return int(year) if year else _implied_year(published_on, first_month, future)


def refers_back(sentence: str, language: str) -> bool:
    """Whether the sentence points back to the time named before it ("alors", "damals")."""
    return _patterns(language).back_reference.search(prepared(sentence)) is not None


def parenthesis_end(text: str, start: int, end: int) -> int | None:
    """Where the parenthesis enclosing ``[start, end)`` closes, if the span is inside one."""
    opening = text.rfind("(", 0, start)
    if opening < 0 or text.find(")", opening, start) >= 0:
        return None
    closing = text.find(")", end)
    return None if closing < 0 else closing


def choose_period(
    mentions: list[PeriodMention], start: int, end: int, others: list[tuple[int, int]]
) -> PeriodMention | None:
    """The expression governing the quantity at ``[start, end)`` of the sentence.

    The one with the fewest other quantities in between wins; then one before the
    quantity; then the closest.
    """

    def rank(mention: PeriodMention) -> tuple[int, int, int]:
        after = mention.start >= end
        low, high = (end, mention.start) if after else (mention.end, start)
        between = sum(1 for other in others if low <= other[0] and other[1] <= high)
        return between, int(after), max(0, high - low)

    return min(mentions, key=rank, default=None)


def default_period(published_on: date) -> PeriodMention:
    """The publication year, when the sentence names no period."""
    first, last, precision = _year_period(published_on.year)
    return PeriodMention(0, 0, first, last, precision)
