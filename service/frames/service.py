"""Frames: for one metric and calendar period, the best figure of each company."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final, Literal

from sqlalchemy import ColumnElement, FromClause, select
from sqlalchemy.ext.asyncio import AsyncSession

from service.domain.errors import NotFoundError
from service.facts.ranking import ranked_claims
from service.facts.values import citations_by_fact, ids_of, table_at
from service.figures.service import figure_columns, figure_of
from service.frames.schemas import FrameRow
from service.models import Citation, FigureVersion, Metric
from service.models import Figure as FigureRow

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


class FrameService:
    """Reads frames, now or as they were at an instant."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def page(
        self,
        metric: str,
        period: CalendarPeriod,
        *,
        basis: str,
        as_of: datetime | None,
        after: str | None,
        limit: int,
    ) -> list[FrameRow]:
        """Up to `limit` + 1 rows after company `after`, in company slug order.

        Per company, the best live claim of the metric with the basis and exactly the period
        that states a number (a vague amount is no value of a frame), by the rule of
        `service.facts.ranking` (as it stood at `as_of`). NotFoundError if the metric
        is unknown (or was not created yet at `as_of`).
        """
        await self._check_metric(metric, as_of)
        claims = table_at(FigureRow, FigureVersion, as_of, "frame_claims")
        best = ranked_claims(
            claims,
            as_of=as_of,
            where=[
                *_in_frame(claims, metric, period),
                claims.c.basis == basis,
                claims.c.vague.is_(False),
            ],
        )
        figures = table_at(FigureRow, FigureVersion, as_of, "frame_figures")
        joined = figures.join(best, best.c.id == figures.c.id)
        group_rank: ColumnElement[str] = figures.c.rank
        if as_of is not None:
            group = table_at(FigureRow, FigureVersion, as_of, "group_claims")
            ranked = ranked_claims(group, as_of=as_of, where=_in_frame(group, metric, period))
            ranks = select(ranked.c.id, ranked.c.rank).subquery("group_ranks")
            joined = joined.join(ranks, ranks.c.id == figures.c.id)
            group_rank = ranks.c.rank
        stmt = (
            select(*figure_columns(figures, group_rank))
            .select_from(joined)
            .where(best.c.rank == "preferred")
        )
        if after is not None:
            stmt = stmt.where(figures.c.company_slug > after)
        rows = (
            await self.session.execute(stmt.order_by(figures.c.company_slug).limit(limit + 1))
        ).all()
        citations = await citations_by_fact(self.session, Citation.figure_id, ids_of(rows), as_of)
        return [
            FrameRow(
                company=r.company_slug,
                basis=r.basis,
                figure=figure_of(r, citations.get(r.id, []), None),
            )
            for r in rows
        ]

    async def _check_metric(self, metric: str, as_of: datetime | None) -> None:
        stmt = select(Metric.slug).where(Metric.slug == metric)
        if as_of is not None:
            stmt = stmt.where(Metric.created_at <= as_of)
        if (await self.session.execute(stmt)).first() is None:
            raise NotFoundError(f"no metric with slug {metric!r}")


def _in_frame(
    figures: FromClause, metric: str, period: CalendarPeriod
) -> list[ColumnElement[bool]]:
    """Claims of `metric` covering exactly `period` (whole claim groups)."""
    return [
        figures.c.metric_slug == metric,
        figures.c.period_start == period.start,
        figures.c.period_end == period.end,
    ]
