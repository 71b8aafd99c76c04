"""HTTP routes of figures."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from litestar import Controller, get
from litestar.di import NamedDependency, Provide
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from service.figures.schemas import Figure, FigurePage
from service.figures.service import FigureFilter, FigureService
from service.http import decode_cursor, next_cursor
from service.params import MAX_ID, CompanySlug, Cursor, Limit, MaxValue, MinValue, SourceId


async def provide_figure_service(db_session: NamedDependency[AsyncSession]) -> FigureService:
    """A figure service on the request's session."""
    return FigureService(db_session)


async def provide_figure_filter(
    *,
    company: CompanySlug = None,
    metric: Annotated[str | None, Parameter(description="Metric slug.", max_length=100)] = None,
    kind: Annotated[
        Literal["money", "power", "energy", "count", "ratio"] | None,
        Parameter(description="Kind of the metric."),
    ] = None,
    status: Annotated[
        Literal["actual", "forecast", "estimate", "target"] | None,
        Parameter(description="Status of the figure."),
    ] = None,
    source: SourceId = None,
    period_from: Annotated[
        date | None, Parameter(description="Periods ending on or after this date.")
    ] = None,
    period_to: Annotated[
        date | None, Parameter(description="Periods starting on or before this date.")
    ] = None,
    min_value: MinValue = None,
    max_value: MaxValue = None,
) -> FigureFilter:
    """The figure filters of the query string."""
    return FigureFilter(
        company=company,
        metric=metric,
        kind=kind,
        status=status,
        source=source,
        period_from=period_from,
        period_to=period_to,
        min_value=min_value,
        max_value=max_value,
    )


class FigureController(Controller):
    """Quantitative facts about companies."""

    path = "/v1/figures"
    tags = ["figures"]
    dependencies = {
        "figures": Provide(provide_figure_service),
        "filters": Provide(provide_figure_filter),
    }

    @get(
        operation_id="listFigures",
        summary="List figures",
        description="Figures in id order, filtered by company, metric, metric kind, status, "
        "source, period overlap and value range, with their citations.",
    )
    async def list_figures(
        self,
        figures: NamedDependency[FigureService],
        filters: NamedDependency[FigureFilter],
        cursor: Cursor = None,
        limit: Limit = 20,
    ) -> FigurePage:
        """List figures."""
        after = decode_cursor(cursor, int) if cursor else None
        rows = await figures.page(filters, after=after, limit=limit)
        return FigurePage(data=rows[:limit], next_cursor=next_cursor(rows, limit, "id"))

    @get(
        "/{figure_id:int}",
        operation_id="getFigure",
        summary="Get a figure",
        description="One figure with its canonical value, original, FX and citations.",
    )
    async def get_figure(
        self,
        figures: NamedDependency[FigureService],
        figure_id: Annotated[int, Parameter(description="Figure id.", ge=1, le=MAX_ID)],
    ) -> Figure:
        """Get one figure."""
        return await figures.get(figure_id)
