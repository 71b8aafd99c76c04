"""Queries over the metric catalogue."""

from __future__ import annotations

from datetime import datetime
from typing import TypeVarTuple

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from service.domain.errors import NotFoundError
from service.facts.rows import MetricShape
from service.metrics.schemas import Metric
from service.models import Metric as MetricRow

_Ts = TypeVarTuple("_Ts")
_COLUMNS = (MetricRow.slug, MetricRow.name, MetricRow.unit, MetricRow.kind, MetricRow.description)


class MetricService:
    """Reads the metric catalogue, now or as it was at an instant."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, slug: str, as_of: datetime | None = None) -> Metric:
        """One metric; NotFoundError if none has that slug (or it was created after `as_of`)."""
        stmt = _known(select(*_COLUMNS).where(MetricRow.slug == slug), as_of)
        row = (await self.session.execute(stmt)).first()
        if row is None:
            known = f" on {as_of.isoformat()}" if as_of else ""
            raise NotFoundError(f"no metric with slug {slug!r}{known}")
        return _metric(row)

    async def page(
        self,
        *,
        kind: str | None,
        after: str | None,
        limit: int,
        as_of: datetime | None = None,
        updated_since: datetime | None = None,
    ) -> list[Metric]:
        """Up to `limit` + 1 metrics after slug `after`, in slug order."""
        stmt = _known(select(*_COLUMNS), as_of)
        if kind:
            stmt = stmt.where(MetricRow.kind == kind)
        if updated_since:
            stmt = stmt.where(MetricRow.updated_at >= updated_since)
        if after is not None:
            stmt = stmt.where(MetricRow.slug > after)
        rows = await self.session.execute(stmt.order_by(MetricRow.slug).limit(limit + 1))
        return [_metric(r) for r in rows]


def _known(stmt: Select[*_Ts], as_of: datetime | None) -> Select[*_Ts]:
    return stmt if as_of is None else stmt.where(MetricRow.created_at <= as_of)


def _metric(row: MetricShape) -> Metric:
    return Metric(
        slug=row.slug, name=row.name, unit=row.unit, kind=row.kind, description=row.description
    )
