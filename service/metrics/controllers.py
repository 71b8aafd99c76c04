"""HTTP routes of the metric catalogue."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.di import NamedDependency, Provide
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from service.http import decode_cursor, next_cursor
from service.metrics.schemas import MetricKind, MetricPage
from service.metrics.service import MetricService
from service.params import Cursor, Limit


async def provide_metric_service(db_session: NamedDependency[AsyncSession]) -> MetricService:
    """A metric service on the request's session."""
    return MetricService(db_session)


class MetricController(Controller):
    """The catalogue of metrics and their canonical units."""

    path = "/v1/metrics"
    tags = ["metrics"]
    dependencies = {"metrics": Provide(provide_metric_service)}

    @get(
        operation_id="listMetrics",
        summary="List metrics",
        description="The metric catalogue in slug order, each with its canonical unit.",
    )
    async def list_metrics(
        self,
        *,
        metrics: NamedDependency[MetricService],
        cursor: Cursor = None,
        limit: Limit = 20,
        kind: Annotated[MetricKind | None, Parameter(description="Kind of quantity.")] = None,
    ) -> MetricPage:
        """List metrics."""
        after = decode_cursor(cursor, str) if cursor else None
        rows = await metrics.page(kind=kind, after=after, limit=limit)
        return MetricPage(data=rows[:limit], next_cursor=next_cursor(rows, limit, "slug"))
