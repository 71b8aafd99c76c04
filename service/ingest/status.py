"""Whether a figure is actual, forecast, estimate or target, and how far along a deal is."""

from __future__ import annotations

import re
from datetime import date

from service.ingest.lexicon import LanguageCues, cues_for, prepared
from service.ingest.periods import PeriodMention
from service.ingest.types import DealStatus, Status

_PRIORITY: dict[Status, int] = {"target": 0, "estimate": 1, "forecast": 2, "actual": 3}


def distance(span: tuple[int, int], start: int, end: int) -> int:
    """Characters between ``span`` and ``[start, end)``; zero when they touch or overlap."""
    return max(0, span[0] - end, start - span[1])


def cue_status(sentence: str, language: str, start: int, end: int) -> Status | None:
    """The status named by the cue nearest the quantity at ``[start, end)``, if any."""
    text = prepared(sentence)
    best: tuple[int, int, Status] | None = None
    for pattern, status in cues_for(language).status_cues:
        for match in pattern.finditer(text):
            if match.start() < end and match.end() > start:
                continue
            candidate = (distance(match.span(), start, end), _PRIORITY[status], status)
            if best is None or candidate < best:
                best = candidate
    return None if best is None else best[2]


def figure_status(cue: Status | None, period: PeriodMention, published_on: date) -> Status:
    """The status from the nearest cue, corrected by when the period lies.

    A deadline ("by 2030") makes a target; a forecast of a period already over is a
    past fact; a figure without cue for a period still to come is a forecast.
    """
    if period.deadline:
        return "target"
    if cue == "forecast" and period.last < published_on:
        return "actual"
    if cue is None:
        return "forecast" if period.first > published_on else "actual"
    return cue


def is_future(cue: Status | None) -> bool:
    """Whether the cue speaks of what is still to come."""
    return cue in ("forecast", "target")


def deal_status(sentence: str, language: str) -> DealStatus:
    """The first matching status, most decisive first ("cancelled" before "signed")."""
    text = prepared(sentence)
    for pattern, status in cues_for(language).deal_status:
        if pattern.search(text):
            return status
    return "announced"


def exceeds(sentence: str, language: str, start: int) -> bool:
    """Whether a finite "exceeded" verb precedes the quantity in its clause."""
    clause = re.split(r"[,;:—–]", prepared(sentence)[:start])[-1]
    cues: LanguageCues = cues_for(language)
    return cues.exceed_verbs.search(clause) is not None
