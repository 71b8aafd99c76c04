"""HTTP routes of figures."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from litestar import Controller, Response, delete, get, patch, post
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.params import JSONBody, Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from service.admin.auth import AdminRoutes, provide_actor
from service.db.actor import act_as, token_actor
from service.domain.vocabulary import FigureStatus, MetricKind
from service.facts.curation_docs import Reason, creation_docs, deprecation_docs, update_docs
from service.facts.slugs import SlugResolver, provide_slug_resolver
from service.facts.values import Reading, provide_reading
from service.figures.curation import FigureCurator
from service.figures.schemas import Figure, FigureCreate, FigureHistory, FigurePage, FigureUpdate
from service.figures.service import FigureFilter, FigureService
from service.web.http import JsonResponse, decode_cursor, next_cursor
from service.web.params import (
    DEFAULT_LIMIT,
    MAX_ID,
    MAX_SLUG,
    CompanySlug,
    Cursor,
    Limit,
    MaxValue,
    MinConfidence,
    MinValue,
    SourceId,
    UpdatedSince,
    confidence_floor,
    instant,
)

FigureId = Annotated[int, Parameter(description="Figure id.", ge=1, le=MAX_ID)]
MetricParam = Annotated[
    str | None,
    Parameter(
        description="Metric slug, in any case (`Revenue` is `revenue`); one naming no metric "
        "answers 422 with the `nearest` known slugs.",
        max_length=MAX_SLUG,
    ),
]
FigureStatusParam = Annotated[FigureStatus | None, Parameter(description="Status of the figure.")]
PeriodFrom = Annotated[date | None, Parameter(description="Periods ending on or after this date.")]
PeriodTo = Annotated[date | None, Parameter(description="Periods starting on or before this date.")]


async def provide_figure_service(
    db_session: NamedDependency[AsyncSession], state: State
) -> FigureService:
    """A figure service on the request's session."""
    return FigureService(db_session, state.reader if state.settings.documents else None)


async def provide_figure_filter(
    *,
    company: CompanySlug = None,
    metric: MetricParam = None,
    kind: Annotated[MetricKind | None, Parameter(description="Kind of the metric.")] = None,
    status: FigureStatusParam = None,
    source: SourceId = None,
    period_from: PeriodFrom = None,
    period_to: PeriodTo = None,
    min_value: MinValue = None,
    min_confidence: MinConfidence = None,
    max_value: MaxValue = None,
    updated_since: UpdatedSince = None,
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
        min_confidence=confidence_floor(min_confidence),
        max_value=max_value,
        updated_since=instant("updated_since", updated_since),
    )


class FigureController(Controller):
    """Quantitative facts about companies."""

    path = "/v1/figures"
    tags = ["figures"]
    dependencies = {
        "figures": Provide(provide_figure_service),
        "filters": Provide(provide_figure_filter),
        "reading": Provide(provide_reading),
        "slugs": Provide(provide_slug_resolver),
    }

    @get(
        operation_id="listFigures",
        summary="List figures",
        description="The preferred claims in id order (every claim with `include=all`), "
        "filtered by company, metric, metric kind, status, source, period overlap, value range "
        "and last change, with their citations; as the API knew them at `as_of` if given, with "
        "money also in `currency` if given.",
    )
    async def list_figures(
        self,
        *,
        figures: NamedDependency[FigureService],
        filters: NamedDependency[FigureFilter],
        reading: NamedDependency[Reading],
        slugs: NamedDependency[SlugResolver],
        cursor: Cursor = None,
        limit: Limit = DEFAULT_LIMIT,
    ) -> Response[FigurePage]:
        """List figures."""
        after = decode_cursor(cursor, int) if cursor else None
        body = await figures.page_document(filters, reading, after=after, limit=limit)
        if body is not None:
            return JsonResponse(body)
        filters = await slugs.filters(filters)
        rows = await figures.page(filters, reading, after=after, limit=limit)
        return JsonResponse(
            FigurePage(data=rows[:limit], next_cursor=next_cursor(rows, limit, "id"))
        )

    @get(
        "/{figure_id:int}",
        operation_id="getFigure",
        summary="Get a figure",
        description="One figure of any rank with its canonical value, original, FX and "
        "citations (a deprecated one only with `include=all`), as the API knew it at `as_of` "
        "if given.",
    )
    async def get_figure(
        self,
        figures: NamedDependency[FigureService],
        reading: NamedDependency[Reading],
        figure_id: FigureId,
    ) -> Response[Figure]:
        """Get one figure."""
        body = await figures.document(figure_id, reading)
        return JsonResponse(await figures.get(figure_id, reading) if body is None else body)

    @get(
        "/{figure_id:int}/history",
        operation_id="getFigureHistory",
        summary="Get the history of a figure",
        description="Every version of a figure, oldest first: when it was recorded and "
        "superseded, by whom, what changed, and the figure as it was.",
    )
    async def get_figure_history(
        self, figures: NamedDependency[FigureService], figure_id: FigureId
    ) -> FigureHistory:
        """Get every version of one figure."""
        return FigureHistory(data=await figures.history(figure_id))


async def provide_figure_curator(
    db_session: NamedDependency[AsyncSession], actor: NamedDependency[str]
) -> FigureCurator:
    """A figure curator on the request's session, acting for the token's owner."""
    await act_as(db_session, token_actor(actor))
    return FigureCurator(db_session, actor)


class FigureCurationController(AdminRoutes):
    """Adding, correcting and deprecating figures, behind the admin bearer token."""

    path = "/v1/admin/figures"
    dependencies = {"actor": Provide(provide_actor), "curator": Provide(provide_figure_curator)}

    @post(
        **creation_docs(
            Figure,
            "figure",
            "Normalises the raw value as the ingestion does and stores the figure with "
            "its citation (201). When a current figure states the same value for the same company, "
            "metric and period, the citation is added to it instead and it is answered with 200.",
        )
    )
    async def create_figure(
        self, curator: NamedDependency[FigureCurator], data: JSONBody[FigureCreate]
    ) -> Response[Figure]:
        """Add a figure."""
        curated = await curator.create(data)
        return JsonResponse(curated.fact, status_code=201 if curated.created else 200)

    @patch(
        "/{figure_id:int}",
        **update_docs(
            "figure",
            "Changes only the fields given; a new value is normalised again and must "
            "be in the unit of the (new) metric. The change is recorded in the history.",
        ),
    )
    async def update_figure(
        self,
        curator: NamedDependency[FigureCurator],
        figure_id: FigureId,
        data: JSONBody[FigureUpdate],
    ) -> Figure:
        """Correct a figure."""
        return await curator.update(figure_id, data)

    @delete("/{figure_id:int}", **deprecation_docs("figure"))
    async def deprecate_figure(
        self,
        curator: NamedDependency[FigureCurator],
        figure_id: FigureId,
        reason: Reason,
    ) -> None:
        """Deprecate a figure."""
        await curator.deprecate(figure_id, reason)
