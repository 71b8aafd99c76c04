"""HTTP routes of companies."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, Response, get, patch, post
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.params import JSONBody, Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from service.admin.auth import AdminRoutes, provide_actor
from service.companies.curation import CompanyCurator
from service.companies.schemas import Company, CompanyCreate, CompanyPage, CompanyUpdate
from service.companies.service import CompanyFilter, CompanyService
from service.db.actor import act_as, token_actor
from service.domain.vocabulary import CompanyKind
from service.web.bearer import UNAUTHORIZED
from service.web.http import JsonResponse, decode_cursor, next_cursor
from service.web.params import (
    MAX_SLUG,
    AsOf,
    Cursor,
    Limit,
    UpdatedSince,
    instant,
    past_instant,
)
from service.web.problems import problem_spec
from service.web.search import SearchText, decode_ranked_cursor, encode_ranked_cursor

SEARCH_ORDER = (
    "With `q`, companies whose name, alias (any language) or slug matches, best match first: "
    "a name equal to `q`, then names starting with it, then names with a word starting with "
    "it, then similar spellings (trigram word similarity at least 0.6); within each, the more "
    "similar first, then by slug. Matching ignores case and accents (`societe generale` finds "
    "`Société Générale`). Without `q`, companies in slug order."
)


async def provide_company_service(
    db_session: NamedDependency[AsyncSession], state: State
) -> CompanyService:
    """A company service on the request's session."""
    return CompanyService(db_session, state.reader if state.settings.documents else None)


async def provide_company_filter(
    *,
    kind: Annotated[CompanyKind | None, Parameter(description="Kind of organisation.")] = None,
    country: Annotated[
        str | None,
        Parameter(description="ISO 3166-1 alpha-2 country code.", pattern="^[A-Za-z]{2}$"),
    ] = None,
    updated_since: UpdatedSince = None,
    as_of: AsOf = None,
) -> CompanyFilter:
    """The company filters of the query string, checked."""
    return CompanyFilter(
        kind=kind,
        country=country,
        updated_since=instant("updated_since", updated_since),
        as_of=past_instant("as_of", as_of),
    )


class CompanyController(Controller):
    """Organisations of the AI industry."""

    path = "/v1/companies"
    tags = ["companies"]
    dependencies = {
        "companies": Provide(provide_company_service),
        "filters": Provide(provide_company_filter),
    }

    @get(
        operation_id="listCompanies",
        summary="List or search companies",
        description=f"Companies with aliases and identifiers. {SEARCH_ORDER} With `as_of`, "
        "each company as it was then (aliases as they were before any later curation).",
    )
    async def list_companies(
        self,
        *,
        companies: NamedDependency[CompanyService],
        filters: NamedDependency[CompanyFilter],
        cursor: Cursor = None,
        limit: Limit = 20,
        q: SearchText = None,
    ) -> Response[CompanyPage]:
        """List companies, or search them by name."""
        if q is None:
            after = decode_cursor(cursor, str) if cursor else None
            body = await companies.page_document(filters, after=after, limit=limit)
            if body is not None:
                return JsonResponse(body)
            rows = await companies.page(filters, after=after, limit=limit)
            return JsonResponse(
                CompanyPage(data=rows[:limit], next_cursor=next_cursor(rows, limit, "slug"))
            )
        ranked = await companies.search(
            q, filters, after=decode_ranked_cursor(cursor) if cursor else None, limit=limit
        )
        last = ranked[limit - 1] if len(ranked) > limit else None
        return JsonResponse(
            CompanyPage(
                data=[company for _, company in ranked[:limit]],
                next_cursor=encode_ranked_cursor(last[0], last[1].slug) if last else None,
            )
        )

    @get(
        "/{slug:str}",
        operation_id="getCompany",
        summary="Get a company",
        description="One company by its slug, e.g. `openai`; with `as_of`, as it was then "
        "(404 if it was not known yet).",
    )
    async def get_company(
        self,
        companies: NamedDependency[CompanyService],
        slug: Annotated[str, Parameter(description="Company slug.", max_length=MAX_SLUG)],
        as_of: AsOf = None,
    ) -> Response[Company]:
        """Get one company."""
        instant = past_instant("as_of", as_of)
        body = await companies.document(slug, instant)
        return JsonResponse(await companies.get(slug, instant) if body is None else body)


async def provide_company_curator(
    db_session: NamedDependency[AsyncSession], actor: NamedDependency[str]
) -> CompanyCurator:
    """A company curator on the request's session, acting for the token's owner."""
    await act_as(db_session, token_actor(actor))
    return CompanyCurator(db_session, actor)


class CompanyCurationController(AdminRoutes):
    """Adding and correcting companies, behind the admin bearer token."""

    path = "/v1/admin/companies"
    dependencies = {
        "actor": Provide(provide_actor),
        "curator": Provide(provide_company_curator),
    }

    @post(
        operation_id="createCompany",
        summary="Add a company",
        description="Adds a company to the catalogue; its name and aliases become names the "
        "ingestion recognises. A slug already taken answers 409.",
        responses={
            401: UNAUTHORIZED,
            409: problem_spec("A company with this slug exists."),
            422: problem_spec("Unknown parent company."),
        },
    )
    async def create_company(
        self, curator: NamedDependency[CompanyCurator], data: JSONBody[CompanyCreate]
    ) -> Company:
        """Add a company."""
        return await curator.create(data)

    @patch(
        "/{slug:str}",
        operation_id="updateCompany",
        summary="Correct a company",
        description="Changes only the fields given; `aliases`, when given, replace every alias.",
        responses={401: UNAUTHORIZED, 422: problem_spec("Unknown parent, or a parent cycle.")},
    )
    async def update_company(
        self,
        curator: NamedDependency[CompanyCurator],
        slug: Annotated[str, Parameter(description="Company slug.")],
        data: JSONBody[CompanyUpdate],
    ) -> Company:
        """Correct a company."""
        return await curator.update(slug, data)
