"""Whether a figure is actual, forecast, estimate, target, plan or rumor; how far a deal is."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import cast

from service.ingest.gazetteer import slugify
from service.ingest.lexicon import LanguageCues, cues_for, prepared, shared
from service.ingest.periods import PeriodMention, find_periods, parenthesis_end
from service.ingest.types import CueStatus, DealStatus, Status

_PRIORITY: dict[CueStatus, int] = {
    "rumor": 0,
    "expected": 0,
    "target": 1,
    "plan": 2,
    "estimate": 3,
    "forecast": 4,
    "future": 5,
    "actual": 6,
}
"""Between cues equally near, the more specific one speaks."""
CUE_REACH = 80
"""How many characters from a quantity a status cue may stand and still qualify it."""
_ANY_DAY = date(2000, 1, 1)
"""Where a sentence's time expressions stand does not depend on the publication day."""


def distance(span: tuple[int, int], start: int, end: int) -> int:
    """Characters between ``span`` and ``[start, end)``; zero when they touch or overlap."""
    return max(0, span[0] - end, start - span[1])


def cue_status(sentence: str, language: str, start: int, end: int) -> CueStatus | None:
    """The status named by the cue nearest the quantity at ``[start, end)``, if any near.

    What a denial before it is about ("denied a report that it raised $X") is a rumor.

    A cue does not reach across a clause break (", and", "while", ";"), nor, after the
    quantity, across a time expression that closes the quantity's phrase ("$5 billion this
    year and more planned for 2027": "planned" is about 2027) or a comparison with
    expectations, nor out of the parentheses enclosing the quantity. A conditional after a
    rumor cue is rumored; a forecast or estimate compared with the result ("beating the
    75 billion analysts expected") is ``expected``.
    """
    if denied(sentence, language, start):
        return "rumor"
    best: tuple[int, int, CueStatus] | None = None
    barriers = _barriers(sentence, language)
    closing = parenthesis_end(sentence, start, end)
    for span, status in _cues(sentence, language):
        if span[0] < end and span[1] > start:
            continue
        after = span[0] >= end
        if after and closing is not None and span[0] > closing:
            continue
        low, high = (end, span[0]) if after else (span[1], start)
        if any(
            low <= barrier_start and barrier_end <= high
            for barrier_start, barrier_end, after_only in barriers
            if after or not after_only
        ):
            continue
        gap = distance(span, start, end)
        candidate = (gap, _PRIORITY[status], status)
        if gap <= CUE_REACH and (best is None or candidate < best):
            best = candidate
    if best is not None and best[2] == "future" and _in_talks(sentence, language, start):
        return "rumor"
    if (
        best is not None
        and best[2] in ("forecast", "estimate")
        and _expected(sentence, language, start)
    ):
        return "expected"
    hearsay = best[2] in _HEARSAY if best is not None else _intends(sentence, language)
    if hearsay and attributed(sentence, language):
        return "rumor"
    return None if best is None else best[2]


_HEARSAY: frozenset[CueStatus] = frozenset({"future", "plan"})
"""What a company will or would do: credited to the press or to sources, it is a rumor.
A projection the press reports ("selon The Information, OpenAI prévoit") stays a forecast."""
_SOURCE_NOUNS = re.compile(
    r"(?:anonymous |unnamed )?(?:sources?|people|persons?|insiders?|fonti|fuentes|personnes|"
    r"persone|personas|Insidern?|Kreisen|informations|indiscrezioni)\b",
    re.IGNORECASE,
)
_OUTLET_WORDS = 5


def attributed(sentence: str, language: str) -> bool:
    """Whether the sentence credits what it says to unnamed sources or to a news outlet.

    "Selon Bloomberg, le tour pourrait ...", "secondo le fonti del FT", "confirmaron
    fuentes": the company has not said it. A company's own statement ("selon le
    communiqué", "according to Nvidia") is no such credit.
    """
    for match in cues_for(language).attribution.finditer(prepared(sentence)):
        if match.group("said"):
            return True
        source = match.group("source") or ""
        if _SOURCE_NOUNS.match(source):
            return True
        words = source.split()[:_OUTLET_WORDS]
        if any(
            slugify(" ".join(words[:count])) in shared().news_outlets
            for count in range(1, len(words) + 1)
        ):
            return True
    return False


def denied(sentence: str, language: str, start: int) -> bool:
    """Whether a denial or dispute stands before ``start`` ("OpenAI denied a report that")."""
    found = cues_for(language).denial.search(prepared(sentence), 0, start)
    return found is not None


def _expected(sentence: str, language: str, start: int) -> bool:
    """Whether a comparison with expectations ("beating expectations of") leads to ``start``."""
    return any(
        span[1] <= start and start - span[1] <= CUE_REACH for span in _versus(sentence, language)
    )


@lru_cache(maxsize=64)
def _versus(sentence: str, language: str) -> tuple[tuple[int, int], ...]:
    text = prepared(sentence)
    return tuple(match.span() for match in cues_for(language).versus_estimates.finditer(text))


def _in_talks(sentence: str, language: str, start: int) -> bool:
    """Whether a rumor cue ("in talks", "reportedly") stands before ``start``.

    A conditional after it ("a sale that would value it at") is part of what is rumored.
    """
    return any(status == "rumor" and span[1] <= start for span, status in _cues(sentence, language))


@lru_cache(maxsize=64)
def _barriers(sentence: str, language: str) -> tuple[tuple[int, int, bool], ...]:
    """Where a cue stops reaching: clause breaks on either side of the quantity.

    After it, also time expressions and comparisons with expectations (cues past "beating
    expectations" are the expectation's).
    """
    text = prepared(sentence)
    breaks = [(*match.span(), False) for match in cues_for(language).clause_break.finditer(text)]
    breaks.extend((start, end, True) for start, end in _versus(sentence, language))
    times = [
        (mention.start, mention.end, True)
        for mention in find_periods(sentence, language, _ANY_DAY, future=False)
    ]
    return tuple(breaks + times)


@lru_cache(maxsize=64)
def _cues(sentence: str, language: str) -> tuple[tuple[tuple[int, int], CueStatus], ...]:
    """Every status cue of a sentence, found once for all its quantities."""
    text = prepared(sentence)
    return tuple(
        (match.span(), status)
        for pattern, status in cues_for(language).status_cues
        for match in pattern.finditer(text)
    )


def figure_status(
    cue: CueStatus | None,
    period: PeriodMention,
    published_on: date,
    metric: str,
    *,
    outlook: bool = False,
) -> Status:
    """The status from the nearest cue, corrected by when the period lies and the metric.

    What a company intends to do (invest, deploy, hire: a plan metric) is a `plan` when
    said in the future tense, foreseen ("prévoient le déploiement de 10 GW"), set as a goal
    or given a deadline; an intended outcome
    (revenue, users) is a forecast, or a target by a deadline. A forecast of a period
    already over is a past fact; a figure without cue for a period to come (or still running
    in a sentence with an ``outlook``) is intended, and
    so is money committed (an investment) without cue, unless dated to a period over.
    """
    if cue == "expected":
        return "forecast"
    if period.deadline and cue != "actual":
        return _intended(metric, "target")
    if cue in ("forecast", "future") and period.last < published_on:
        return "actual"
    if cue is None:
        return _uncued(period, published_on, metric, outlook=outlook)
    if cue in ("future", "target", "forecast"):
        return _intended(metric, "target" if cue == "target" else "forecast")
    return cast(Status, cue)


def _uncued(period: PeriodMention, published_on: date, metric: str, *, outlook: bool) -> Status:
    """The status of a figure without cue.

    Intended for a period to come, or for one not over when published in a sentence that
    looks ahead (``outlook``: "will ramp up, with capex reaching $70 billion this year"),
    or for a whole year not over when the figure is a result of that year;
    a plan for money committed (an investment, a
    construction cost) unless dated to a period over; else actual.
    """
    committed = metric in shared().plan_metrics and metric in shared().commitment_metrics
    if committed and not (period.end > 0 and period.last < published_on):
        return "plan"
    running = period.end > 0 and period.last > published_on
    if running and (outlook or _whole_year_result(period, published_on, metric)):
        return _intended(metric, "forecast")
    return _intended(metric, "forecast") if period.first > published_on else "actual"


_YEAR_RESULTS = frozenset({"revenue", "net_income", "operating_income"})
"""Results that a year still running cannot yet have: stated for it, they are foreseen."""


def _whole_year_result(period: PeriodMention, published_on: date, metric: str) -> bool:
    """Whether a result is stated for a whole year not over when published.

    "Revenue it puts at $13 billion for 2025", said in October 2025, is a forecast.
    """
    return metric in _YEAR_RESULTS and period.precision == "year" and period.first <= published_on


def _intended(metric: str, otherwise: Status) -> Status:
    return "plan" if metric in shared().plan_metrics else otherwise


def _intends(sentence: str, language: str) -> bool:
    return any(status in _HEARSAY for _, status in _cues(sentence, language))


def looks_ahead(sentence: str, language: str) -> bool:
    """Whether any cue of the sentence speaks of what is to come ("will", "expects")."""
    return any(is_future(status) for _, status in _cues(sentence, language))


def is_future(cue: CueStatus | None) -> bool:
    """Whether the cue speaks of what is still to come."""
    return cue in ("forecast", "future", "target", "plan")


def deal_status(sentence: str, language: str) -> DealStatus:
    """The first matching status, most decisive first ("cancelled" before "signed")."""
    text = prepared(sentence)
    if denied(sentence, language, len(sentence)):
        return "rumored"
    for pattern, status in cues_for(language).deal_status:
        if pattern.search(text):
            return status
    return "announced"


def exceeds(sentence: str, language: str, start: int) -> bool:
    """Whether a finite "exceeded" verb precedes the quantity in its clause."""
    clause = re.split(r"[,;:—–]", prepared(sentence)[:start])[-1]
    cues: LanguageCues = cues_for(language)
    return cues.exceed_verbs.search(clause) is not None
