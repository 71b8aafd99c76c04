"""HTTP routes of the exports: every figure or deal, streamed as NDJSON or CSV."""

from __future__ import annotations

from typing import Annotated, Any, TypeVar

from litestar import Controller, Request, get
from litestar.background_tasks import BackgroundTask
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.exceptions import HTTPException
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import QueryParameter
from litestar.response import Stream
from sqlalchemy import Select

from service.deals.controllers import DealKindParam, DealStatusParam
from service.export.formats import CsvEncoder, NdjsonEncoder, RowEncoder
from service.export.schemas import (
    CSV,
    DEAL_COLUMNS,
    FIGURE_COLUMNS,
    NDJSON,
    DealExportLine,
    ExportFormat,
    ExportOperation,
    FigureExportLine,
    export_description,
)
from service.export.service import (
    DealExportFilter,
    FigureExportFilter,
    deals_query,
    figures_query,
    open_export,
)
from service.facts.slugs import SlugResolver, names_slugs
from service.figures.controllers import FigureStatusParam, MetricParam, PeriodFrom, PeriodTo
from service.web.params import AsOf, CompanySlug, Include, UpdatedSince, instant, past_instant

FormatParam = Annotated[
    ExportFormat | None,
    QueryParameter(name="format", description="`ndjson` or `csv`; overrides the `Accept` header."),
]


async def provide_figure_export_filter(
    *,
    company: CompanySlug = None,
    metric: MetricParam = None,
    status: FigureStatusParam = None,
    period_from: PeriodFrom = None,
    period_to: PeriodTo = None,
    updated_since: UpdatedSince = None,
    include: Include = None,
    as_of: AsOf = None,
) -> FigureExportFilter:
    """The figure export filters and instant of the query string."""
    return FigureExportFilter(
        company=company,
        metric=metric,
        status=status,
        period_from=period_from,
        period_to=period_to,
        updated_since=instant("updated_since", updated_since),
        include_all=include == "all",
        as_of=past_instant("as_of", as_of),
    )


async def provide_deal_export_filter(
    *,
    company: CompanySlug = None,
    kind: DealKindParam = None,
    status: DealStatusParam = None,
    updated_since: UpdatedSince = None,
    include: Include = None,
    as_of: AsOf = None,
) -> DealExportFilter:
    """The deal export filters and instant of the query string."""
    return DealExportFilter(
        company=company,
        kind=kind,
        status=status,
        updated_since=instant("updated_since", updated_since),
        include_all=include == "all",
        as_of=past_instant("as_of", as_of),
    )


def negotiate(request: Request[Any, Any, Any], requested: ExportFormat | None) -> ExportFormat:
    """The format asked by `format`, else by `Accept` (NDJSON when absent); 406 if neither."""
    if requested is not None:
        return requested
    if not request.headers.get("accept"):
        return "ndjson"
    match request.accept.best_match([NDJSON, CSV]):
        case "application/x-ndjson":
            return "ndjson"
        case "text/csv":
            return "csv"
    raise HTTPException(
        status_code=406, detail="Accept names neither application/x-ndjson nor text/csv"
    )


F = TypeVar("F", FigureExportFilter, DealExportFilter)


async def _known_slugs(request: Request[Any, Any, Any], filters: F) -> F:
    """`filters` with their slugs as stored (422 if unknown), read in a session of its own.

    The export streams from its own session; this one is closed before that one begins
    (and not even opened when no slug is given).
    """
    if not names_slugs(filters):
        return filters
    state: State = request.app.state
    async with state.read_sessionmaker() as session:
        return await SlugResolver(session).filters(filters)


async def _stream(
    request: Request[Any, Any, Any],
    requested: ExportFormat | None,
    stmt: Select[Any],
    name: str,
    columns: tuple[str, ...],
) -> Stream:
    chosen = negotiate(request, requested)
    encoder: type[RowEncoder] = NdjsonEncoder if chosen == "ndjson" else CsvEncoder
    state: State = request.app.state
    export = await open_export(
        state.sessionmaker, stmt, lambda: encoder(columns, with_parties=name == "deals")
    )
    chunks = export.chunks()
    headers = {"Vary": "Accept"}
    if chosen == "csv":
        headers["Content-Disposition"] = f"attachment; filename={name}.csv"
    return Stream(
        chunks,
        media_type=NDJSON if chosen == "ndjson" else CSV,
        headers=headers,
        background=BackgroundTask(chunks.aclose),
    )


class ExportController(Controller):
    """Whole collections as one download."""

    path = "/v1/export"
    tags = ["export"]

    @get(
        "/figures",
        operation_id="exportFigures",
        summary="Export figures",
        description=export_description("figure", FIGURE_COLUMNS),
        dependencies={"filters": Provide(provide_figure_export_filter)},
        responses={
            200: ResponseSpec(
                FigureExportLine, media_type=NDJSON, description="Figures.", generate_examples=False
            )
        },
        operation_class=ExportOperation,
    )
    async def export_figures(
        self,
        request: Request[Any, Any, Any],
        filters: NamedDependency[FigureExportFilter],
        output: FormatParam = None,
    ) -> Stream:
        """Stream every matching figure."""
        query = figures_query(await _known_slugs(request, filters))
        return await _stream(request, output, query, "figures", FIGURE_COLUMNS)

    @get(
        "/deals",
        operation_id="exportDeals",
        summary="Export deals",
        description=export_description(
            "deal",
            DEAL_COLUMNS,
            " `parties` is `company:role` pairs joined by `;` (NDJSON: a list of {company, role}).",
        ),
        dependencies={"filters": Provide(provide_deal_export_filter)},
        responses={
            200: ResponseSpec(
                DealExportLine, media_type=NDJSON, description="Deals.", generate_examples=False
            )
        },
        operation_class=ExportOperation,
    )
    async def export_deals(
        self,
        request: Request[Any, Any, Any],
        filters: NamedDependency[DealExportFilter],
        output: FormatParam = None,
    ) -> Stream:
        """Stream every matching deal."""
        query = deals_query(await _known_slugs(request, filters))
        return await _stream(request, output, query, "deals", DEAL_COLUMNS)
