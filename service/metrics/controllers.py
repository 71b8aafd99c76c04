"""HTTP routes of the metric catalogue."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.di import NamedDependency, Provide
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from service.domain.vocabulary import MetricKind
from service.metrics.schemas import Metric, MetricPage
from service.metrics.service import MetricService
from service.web.http import decode_cursor, next_cursor
from service.web.params import AsOf, Cursor, Limit, UpdatedSince, instant, past_instant


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
        description="The metric catalogue in slug order, each with its canonical unit; the "
        "default page (100) holds the whole catalogue. With `as_of`, the metrics created by "
        "then; `updated_since` compares their last change.",
    )
    async def list_metrics(
        self,
        *,
        metrics: NamedDependency[MetricService],
        cursor: Cursor = None,
        limit: Limit = 100,
        kind: Annotated[MetricKind | None, Parameter(description="Kind of quantity.")] = None,
        as_of: AsOf = None,
        updated_since: UpdatedSince = None,
    ) -> MetricPage:
        """List metrics."""
        rows = await metrics.page(
            kind=kind,
            after=decode_cursor(cursor, str) if cursor else None,
            limit=limit,
            as_of=past_instant("as_of", as_of),
            updated_since=instant("updated_since", updated_since),
        )
        return MetricPage(data=rows[:limit], next_cursor=next_cursor(rows, limit, "slug"))

    @get(
        "/{slug:str}",
        operation_id="getMetric",
        summary="Get a metric",
        description="One metric by its slug, e.g. `revenue`; with `as_of`, 404 if it was "
        "created later.",
    )
    async def get_metric(
        self,
        metrics: NamedDependency[MetricService],
        slug: Annotated[str, Parameter(description="Metric slug.", max_length=100)],
        as_of: AsOf = None,
    ) -> Metric:
        """Get one metric."""
        return await metrics.get(slug, past_instant("as_of", as_of))
