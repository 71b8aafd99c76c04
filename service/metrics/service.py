"""Queries over the metric catalogue."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from service.metrics.schemas import Metric
from service.models import Metric as MetricRow


class MetricService:
    """Reads the metric catalogue."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def page(self, *, kind: str | None, after: str | None, limit: int) -> list[Metric]:
        """Up to `limit` + 1 metrics after slug `after`, in slug order."""
        stmt = select(
            MetricRow.slug, MetricRow.name, MetricRow.unit, MetricRow.kind, MetricRow.description
        )
        if kind:
            stmt = stmt.where(MetricRow.kind == kind)
        if after is not None:
            stmt = stmt.where(MetricRow.slug > after)
        rows = await self.session.execute(stmt.order_by(MetricRow.slug).limit(limit + 1))
        return [
            Metric(slug=r.slug, name=r.name, unit=r.unit, kind=r.kind, description=r.description)
            for r in rows
        ]
