"""Frames: for one metric and calendar period, the best figure of each company."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.reads import Reader
from service.domain.errors import NotFoundError
from service.domain.vocabulary import Basis
from service.facts.ranking import ranked_claims
from service.facts.values import citations_by_fact, ids_of, table_at
from service.figures.service import figure_columns, figure_of
from service.frames.claims import CalendarPeriod, frame_claims, in_frame
from service.frames.documents import frame_document
from service.frames.schemas import FrameRow
from service.models import Citation, FigureVersion, Metric
from service.models import Figure as FigureRow


class FrameService:
    """Reads frames, now or as they were at an instant."""

    def __init__(self, session: AsyncSession, reader: Reader | None = None) -> None:
        """Reads on `session`, and the one-statement pages on `reader` if given."""
        self.session = session
        self.reader = reader

    async def page_document(
        self,
        metric: str,
        period: CalendarPeriod,
        *,
        basis: Basis,
        as_of: datetime | None,
        after: str | None,
        limit: int,
    ) -> bytes | None:
        """The JSON body of the `FramePage` of `page`, written by PostgreSQL, when it can be."""
        if self.reader is None or as_of is not None:
            return None
        return await frame_document(
            self.reader, metric, period, basis=basis, after=after, limit=limit
        )

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
        best = frame_claims(claims, metric, period.start, period.end, basis, as_of=as_of)
        figures = table_at(FigureRow, FigureVersion, as_of, "frame_figures")
        joined = figures.join(best, best.c.id == figures.c.id)
        group_rank: ColumnElement[str] = figures.c.rank
        if as_of is not None:
            group = table_at(FigureRow, FigureVersion, as_of, "group_claims")
            ranked = ranked_claims(
                group, as_of=as_of, where=in_frame(group, metric, period.start, period.end)
            )
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
