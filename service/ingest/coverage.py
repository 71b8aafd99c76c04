"""The period a figure covers, by what its metric measures.

- A level (valuation, stake, users, backlog: a *stock* metric) is stated as of a day:
  the publication day when the sentence names no period, the last day of a named
  quarter or year (a month or a day is kept as written).
- An amount in parentheses takes no period from after them ("its current revenue ($5bn a
  year) and, from 2027, ...").
- "Alors", "damals", "at the time" in a sentence naming no period point back to the last
  period named before.
- A level's change ("backlog up 52% on a year") is dated like the level.
- A market move (share price, market value) without a named period is the move of the
  day of the news; "so far this year" runs from 1 January to the publication day; a
  quarter named near it is the results that moved it, not its period.
- A commitment (investment, contract) given an end ("through December 2031", "bis 2026")
  or a duration ("over five years") runs from the publication day to that end; neither
  the calendar year of the article nor a news day ("on Tuesday") is its period.
- Any other flow (revenue, spending) covers the period named, else the publication year.
- A results article names its reporting period (a quarter, a half-year) once and then
  states figure after figure without it: a sentence naming no period takes the reporting
  period of the sentences before it, for flows and levels (as of its last day) alike, but
  not for market moves, what is still to come, or what a company does (a funding round,
  an investment, a build-out: events, not results of the period).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from text_to_num import text2num

from service.ingest.lexicon import cues_for, prepared, shared
from service.ingest.periods import (
    PeriodMention,
    choose_period,
    default_period,
    find_periods,
    parenthesis_end,
    refers_back,
)


def figure_period(
    sentence: str,
    language: str,
    published_on: date,
    *,
    metric: str,
    span: tuple[int, int],
    others: list[tuple[int, int]],
    future: bool,
    reporting: PeriodMention | None = None,
    earlier: PeriodMention | None = None,
) -> PeriodMention:
    """The period of the figure of ``metric`` whose quantity stands at ``span``.

    ``others``: the spans of the sentence's other quantities (no period inside them);
    ``reporting``: the reporting period in force from the sentences before; ``earlier``: the
    last period they named, which "alors"/"damals"/"at the time" points back to.
    """
    daily = metric in shared().daily_metrics
    level = not daily and _is_level(metric)
    taken = [span, *others, *_comparison_bases(sentence, language)]
    closing = parenthesis_end(sentence, *span)
    mentions = [
        mention
        for mention in find_periods(sentence, language, published_on, future=future)
        if all(mention.end <= start or mention.start >= end for start, end in taken)
        and (closing is None or mention.start < closing)
        and (level or daily or not mention.event)
        and not (daily and mention.precision == "quarter")
    ]
    chosen = choose_period(mentions, span[0], span[1], others, prepared(sentence))
    if chosen is None and earlier is not None and refers_back(sentence, language):
        chosen = PeriodMention(0, 0, earlier.first, earlier.last, earlier.precision)
    carried = not (future or daily or metric in shared().plan_metrics)
    if chosen is None and reporting is not None and carried:
        chosen = PeriodMention(0, 0, reporting.first, reporting.last, reporting.precision)
    if level:
        return _as_of(chosen, published_on, future=future)
    if daily:
        return _until_published(chosen, published_on)
    if metric in shared().commitment_metrics:
        committed = _commitment(chosen, sentence, language, published_on)
        if committed is not None:
            return committed
    return chosen or default_period(published_on)


def _is_level(metric: str) -> bool:
    """A stock metric, or the change of one ("backlog_growth_yoy": as of the day it is measured)."""
    stocks = shared().stock_metrics
    if metric in stocks:
        return True
    change = metric.removesuffix("_yoy")
    return any(change in shared().change_metrics.get(stock, ()) for stock in stocks)


def reporting_period(
    sentence: str, language: str, published_on: date, current: PeriodMention | None
) -> PeriodMention | None:
    """The reporting period in force after ``sentence``.

    The last finished quarter or half-year it names outside a comparison base, else ``current``.
    """
    bases = _comparison_bases(sentence, language)
    named = [
        mention
        for mention in find_periods(sentence, language, published_on, future=False)
        if mention.precision == "quarter"
        and mention.last < published_on
        and all(mention.end <= start or mention.start >= end for start, end in bases)
    ]
    return named[-1] if named else current


def last_named(
    sentence: str, language: str, published_on: date, current: PeriodMention | None
) -> PeriodMention | None:
    """The last period named up to the end of ``sentence`` (not a news day), else ``current``."""
    named = [
        mention
        for mention in find_periods(sentence, language, published_on, future=False)
        if not mention.event and not mention.deadline
    ]
    return named[-1] if named else current


def _comparison_bases(sentence: str, language: str) -> list[tuple[int, int]]:
    """Spans of comparison bases ("than a year earlier"), whose period is not the figure's."""
    text = prepared(sentence)
    return [
        match.span()
        for pattern, _ in cues_for(language).comparisons
        for match in pattern.finditer(text)
    ]


def _as_of(chosen: PeriodMention | None, published_on: date, *, future: bool) -> PeriodMention:
    """A level on a day: as written to the month, else the period's last day (not yet to come)."""
    if chosen is None:
        return PeriodMention(0, 0, published_on, published_on, "day")
    if chosen.precision in ("day", "month") and not chosen.deadline:
        return chosen
    last = chosen.last if future else min(chosen.last, published_on)
    return PeriodMention(chosen.start, chosen.end, last, last, "day", chosen.deadline)


def _until_published(chosen: PeriodMention | None, published_on: date) -> PeriodMention:
    """A market move: the day of the news, or the named period up to the publication."""
    if chosen is None:
        return PeriodMention(0, 0, published_on, published_on, "day", event=True)
    if chosen.first <= published_on < chosen.last:
        return PeriodMention(chosen.start, chosen.end, chosen.first, published_on, "day")
    return chosen


def _commitment(
    chosen: PeriodMention | None, sentence: str, language: str, published_on: date
) -> PeriodMention | None:
    """From the publication day to the end named, or over the duration written."""
    if chosen is not None:
        if not chosen.deadline or chosen.last < published_on:
            return None
        return PeriodMention(
            chosen.start, chosen.end, published_on, chosen.last, chosen.precision, deadline=True
        )
    written = duration(sentence, language)
    if written is None:
        return None
    return PeriodMention(0, 0, published_on, _after(published_on, written), "day")


def _after(start: date, iso: str) -> date:
    """The last day of a period of ``iso`` ("P5Y", "P18M") starting on ``start``."""
    count, designator = int(iso[1:-1]), iso[-1]
    months = count * (12 if designator == "Y" else 1)
    year, month = divmod(start.month - 1 + months, 12)
    year += start.year
    day = min(start.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day) - timedelta(days=1)


def duration(sentence: str, language: str) -> str | None:
    """An ISO 8601 duration written in the sentence ("sur sept ans" -> "P7Y"), if any."""
    cues = cues_for(language)
    match = cues.durations.search(prepared(sentence))
    if match is None:
        return None
    groups = {name: value for name, value in match.groupdict().items() if value}
    number = groups.get("n") or groups.get("n2", "")
    unit = (groups.get("unit") or groups.get("unit2", "")).casefold()
    count = _number(number, language)
    designator = cues.raw.duration_units.get(unit)
    if count is None or designator is None or count <= 0:
        return None
    return f"P{count}{designator}"


def _number(word: str, language: str) -> int | None:
    if word.isdigit():
        return int(word)
    try:
        return int(text2num(word.casefold(), language))
    except ValueError:
        return None
