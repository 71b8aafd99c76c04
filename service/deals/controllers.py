"""HTTP routes of deals."""

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
from service.deals.curation import DealCurator
from service.deals.schemas import Deal, DealCreate, DealHistory, DealPage, DealUpdate
from service.deals.service import DealFilter, DealService
from service.domain.vocabulary import DealKind, DealStatus
from service.facts.curation_docs import Reason, creation_docs, deprecation_docs, update_docs
from service.facts.slugs import SlugResolver, provide_slug_resolver
from service.facts.values import Reading, provide_reading
from service.web.http import JsonResponse, decode_cursor, next_cursor
from service.web.params import (
    DEFAULT_LIMIT,
    MAX_ID,
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

DealId = Annotated[int, Parameter(description="Deal id.", ge=1, le=MAX_ID)]
DealKindParam = Annotated[DealKind | None, Parameter(description="Kind of deal.")]
DealStatusParam = Annotated[DealStatus | None, Parameter(description="Status of the deal.")]


async def provide_deal_service(
    db_session: NamedDependency[AsyncSession], state: State
) -> DealService:
    """A deal service on the request's session."""
    return DealService(db_session, state.reader if state.settings.documents else None)


async def provide_deal_filter(
    *,
    company: CompanySlug = None,
    kind: DealKindParam = None,
    status: DealStatusParam = None,
    source: SourceId = None,
    announced_from: Annotated[
        date | None, Parameter(description="Announced on or after this date.")
    ] = None,
    announced_to: Annotated[
        date | None, Parameter(description="Announced on or before this date.")
    ] = None,
    min_value: MinValue = None,
    min_confidence: MinConfidence = None,
    max_value: MaxValue = None,
    updated_since: UpdatedSince = None,
) -> DealFilter:
    """The deal filters of the query string."""
    return DealFilter(
        company=company,
        kind=kind,
        status=status,
        source=source,
        announced_from=announced_from,
        announced_to=announced_to,
        min_value=min_value,
        min_confidence=confidence_floor(min_confidence),
        max_value=max_value,
        updated_since=instant("updated_since", updated_since),
    )


class DealController(Controller):
    """Agreements between companies."""

    path = "/v1/deals"
    tags = ["deals"]
    dependencies = {
        "deals": Provide(provide_deal_service),
        "filters": Provide(provide_deal_filter),
        "reading": Provide(provide_reading),
        "slugs": Provide(provide_slug_resolver),
    }

    @get(
        operation_id="listDeals",
        summary="List deals",
        description="Live deals in id order (every deal with `include=all`), filtered by party, "
        "kind, status, source, announcement date, value range and last change, with parties "
        "and citations; as the API knew them at `as_of` if given, with values also in "
        "`currency` if given.",
    )
    async def list_deals(
        self,
        *,
        deals: NamedDependency[DealService],
        filters: NamedDependency[DealFilter],
        reading: NamedDependency[Reading],
        slugs: NamedDependency[SlugResolver],
        cursor: Cursor = None,
        limit: Limit = DEFAULT_LIMIT,
    ) -> Response[DealPage]:
        """List deals."""
        after = decode_cursor(cursor, int) if cursor else None
        body = await deals.page_document(filters, reading, after=after, limit=limit)
        if body is not None:
            return JsonResponse(body)
        filters = await slugs.filters(filters)
        rows = await deals.page(filters, reading, after=after, limit=limit)
        return JsonResponse(DealPage(data=rows[:limit], next_cursor=next_cursor(rows, limit, "id")))

    @get(
        "/{deal_id:int}",
        operation_id="getDeal",
        summary="Get a deal",
        description="One deal with its parties, value and citations (a deprecated one only "
        "with `include=all`), as the API knew it at `as_of` if given.",
    )
    async def get_deal(
        self,
        deals: NamedDependency[DealService],
        reading: NamedDependency[Reading],
        deal_id: DealId,
    ) -> Response[Deal]:
        """Get one deal."""
        body = await deals.document(deal_id, reading)
        return JsonResponse(await deals.get(deal_id, reading) if body is None else body)

    @get(
        "/{deal_id:int}/history",
        operation_id="getDealHistory",
        summary="Get the history of a deal",
        description="Every version of a deal, oldest first: when it was recorded and "
        "superseded, by whom, what changed, and the deal as it was.",
    )
    async def get_deal_history(
        self, deals: NamedDependency[DealService], deal_id: DealId
    ) -> DealHistory:
        """Get every version of one deal."""
        return DealHistory(data=await deals.history(deal_id))


async def provide_deal_curator(
    db_session: NamedDependency[AsyncSession], actor: NamedDependency[str]
) -> DealCurator:
    """A deal curator on the request's session, acting for the token's owner."""
    await act_as(db_session, token_actor(actor))
    return DealCurator(db_session, actor)


class DealCurationController(AdminRoutes):
    """Adding, correcting and deprecating deals, behind the admin bearer token."""

    path = "/v1/admin/deals"
    dependencies = {"actor": Provide(provide_actor), "curator": Provide(provide_deal_curator)}

    @post(
        **creation_docs(
            Deal,
            "deal",
            "Normalises the raw amount (money) as the ingestion does and stores the deal with "
            "its parties and citation (201). When a current deal of the same kind between the "
            "same companies states the same amount, the citation is added to it instead and it "
            "is answered with 200.",
        )
    )
    async def create_deal(
        self, curator: NamedDependency[DealCurator], data: JSONBody[DealCreate]
    ) -> Response[Deal]:
        """Add a deal."""
        curated = await curator.create(data)
        return JsonResponse(curated.fact, status_code=201 if curated.created else 200)

    @patch(
        "/{deal_id:int}",
        **update_docs(
            "deal",
            "Changes only the fields given; `parties`, when given, replace every "
            "party, and `value: null` removes the amount. The change is recorded in the history.",
        ),
    )
    async def update_deal(
        self,
        curator: NamedDependency[DealCurator],
        deal_id: DealId,
        data: JSONBody[DealUpdate],
    ) -> Deal:
        """Correct a deal."""
        return await curator.update(deal_id, data)

    @delete("/{deal_id:int}", **deprecation_docs("deal"))
    async def deprecate_deal(
        self,
        curator: NamedDependency[DealCurator],
        deal_id: DealId,
        reason: Reason,
    ) -> None:
        """Deprecate a deal."""
        await curator.deprecate(deal_id, reason)
