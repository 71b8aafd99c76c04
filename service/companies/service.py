"""Queries over companies."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from service.companies.schemas import Alias, Company, Identifiers
from service.errors import NotFoundError
from service.models import Company as CompanyRow
from service.models import CompanyAlias

_COLUMNS = (
    CompanyRow.slug,
    CompanyRow.name,
    CompanyRow.kind,
    CompanyRow.parent_slug,
    CompanyRow.country,
    CompanyRow.website,
    CompanyRow.wikidata_qid,
    CompanyRow.lei,
    CompanyRow.ticker,
)


class CompanyService:
    """Reads companies with their aliases."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, slug: str) -> Company:
        """One company; NotFoundError if no company has that slug."""
        stmt = select(*_COLUMNS).where(CompanyRow.slug == slug)
        rows = (await self.session.execute(stmt)).all()
        if not rows:
            raise NotFoundError(f"no company with slug {slug!r}")
        return (await self._with_aliases(rows))[0]

    async def page(
        self, *, kind: str | None, country: str | None, after: str | None, limit: int
    ) -> list[Company]:
        """Up to `limit` + 1 companies after slug `after`, in slug order."""
        stmt = select(*_COLUMNS)
        if kind:
            stmt = stmt.where(CompanyRow.kind == kind)
        if country:
            stmt = stmt.where(CompanyRow.country == country.upper())
        if after is not None:
            stmt = stmt.where(CompanyRow.slug > after)
        rows = (await self.session.execute(stmt.order_by(CompanyRow.slug).limit(limit + 1))).all()
        return await self._with_aliases(rows)

    async def _with_aliases(self, rows: Sequence[Any]) -> list[Company]:
        slugs = [row.slug for row in rows]
        stmt = (
            select(CompanyAlias.company_slug, CompanyAlias.alias, CompanyAlias.language)
            .where(CompanyAlias.company_slug.in_(slugs))
            .order_by(CompanyAlias.company_slug, CompanyAlias.id)
        )
        aliases: dict[str, list[Alias]] = defaultdict(list)
        for alias in await self.session.execute(stmt) if slugs else []:
            aliases[alias.company_slug].append(Alias(alias=alias.alias, language=alias.language))
        return [_company(row, aliases.get(row.slug, [])) for row in rows]


def _company(row: Any, aliases: list[Alias]) -> Company:
    return Company(
        slug=row.slug,
        name=row.name,
        kind=row.kind,
        parent=row.parent_slug,
        country=row.country,
        website=row.website,
        identifiers=Identifiers(wikidata=row.wikidata_qid, lei=row.lei, ticker=row.ticker),
        aliases=aliases,
    )
