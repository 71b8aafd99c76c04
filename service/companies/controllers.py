"""HTTP routes of companies."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, get
from litestar.di import NamedDependency, Provide
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from service.companies.schemas import Company, CompanyKind, CompanyPage
from service.companies.service import CompanyService
from service.http import decode_cursor, next_cursor
from service.params import Cursor, Limit


async def provide_company_service(db_session: NamedDependency[AsyncSession]) -> CompanyService:
    """A company service on the request's session."""
    return CompanyService(db_session)


class CompanyController(Controller):
    """Organisations of the AI industry."""

    path = "/v1/companies"
    tags = ["companies"]
    dependencies = {"companies": Provide(provide_company_service)}

    @get(
        operation_id="listCompanies",
        summary="List companies",
        description="Companies in slug order, with aliases and identifiers.",
    )
    async def list_companies(
        self,
        *,
        companies: NamedDependency[CompanyService],
        cursor: Cursor = None,
        limit: Limit = 20,
        kind: Annotated[CompanyKind | None, Parameter(description="Kind of organisation.")] = None,
        country: Annotated[
            str | None,
            Parameter(description="ISO 3166-1 alpha-2 country code.", pattern="^[A-Za-z]{2}$"),
        ] = None,
    ) -> CompanyPage:
        """List companies."""
        after = decode_cursor(cursor, str) if cursor else None
        rows = await companies.page(kind=kind, country=country, after=after, limit=limit)
        return CompanyPage(data=rows[:limit], next_cursor=next_cursor(rows, limit, "slug"))

    @get(
        "/{slug:str}",
        operation_id="getCompany",
        summary="Get a company",
        description="One company by its slug, e.g. `openai`.",
    )
    async def get_company(
        self,
        companies: NamedDependency[CompanyService],
        slug: Annotated[str, Parameter(description="Company slug.", max_length=100)],
    ) -> Company:
        """Get one company."""
        return await companies.get(slug)
