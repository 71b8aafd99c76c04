"""Which claims stand in a frame, and the calendar periods frames are read for."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Final, Literal

from sqlalchemy import ColumnElement, FromClause, Subquery

from service.facts.ranking import ranked_claims

PERIOD_PATTERN: Final = r"^[1-9][0-9]{3}(-Q[1-4]|-(0[1-9]|1[0-2]))?$"
"""`2025` (a year), `2025-Q3` (a quarter) or `2025-07` (a month)."""


@dataclass(frozen=True)
class CalendarPeriod:
    """A calendar year, quarter or month."""

    start: date
    end: date
    precision: Literal["month", "quarter", "year"]


def calendar_period(text: str) -> CalendarPeriod:
    """The calendar period `text` names (it matches PERIOD_PATTERN)."""
    match = re.fullmatch(r"(\d{4})(?:-Q(\d)|-(\d{2}))?", text)
    if match is None:
        raise ValueError(f"not a calendar period: {text!r}")
    year = int(match[1])
    if match[2]:
        first = 3 * int(match[2]) - 2
        return _months(year, first, first + 2, "quarter")
    if match[3]:
        return _months(year, int(match[3]), int(match[3]), "month")
    return _months(year, 1, 12, "year")


def _months(
    year: int, first: int, last: int, precision: Literal["month", "quarter", "year"]
) -> CalendarPeriod:
    end = date(year, last, calendar.monthrange(year, last)[1])
    return CalendarPeriod(date(year, first, 1), end, precision)


def frame_claims(
    figures: FromClause,
    metric: Any,
    start: Any,
    end: Any,
    basis: Any,
    *,
    as_of: datetime | None = None,
) -> Subquery:
    """(id, rank) of the claims that may stand in a frame, ranked as frames rank them.

    The live claims of `metric` of `basis` covering exactly `start`..`end` that state a
    number; the arguments are values or bind parameters.
    """
    return ranked_claims(
        figures,
        as_of=as_of,
        where=[
            *in_frame(figures, metric, start, end),
            figures.c.basis == basis,
            figures.c.vague.is_(False),
        ],
    )


def in_frame(figures: FromClause, metric: Any, start: Any, end: Any) -> list[ColumnElement[bool]]:
    """Claims of `metric` covering exactly `start`..`end` (whole claim groups)."""
    return [
        figures.c.metric_slug == metric,
        figures.c.period_start == start,
        figures.c.period_end == end,
    ]
