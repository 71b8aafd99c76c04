"""Queries over companies, now or as they were at an instant."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import msgspec
from sqlalchemy import (
    ARRAY,
    ColumnElement,
    FromClause,
    Select,
    String,
    any_,
    bindparam,
    or_,
    select,
    tuple_,
)
from sqlalchemy.ext.asyncio import AsyncSession

from service.companies.documents import PAGE_FILTERS, company_document, page_document
from service.companies.schemas import Alias, Company, Identifiers
from service.companies.search import match_ranks
from service.db.prepared import Prepared
from service.db.reads import Reader
from service.domain.errors import NotFoundError
from service.domain.vocabulary import CompanyKind
from service.facts.rows import CompanyShape
from service.models import Company as CompanyRow
from service.models import CompanyAlias, CompanyVersion, FactRevision

_FIELDS = (
    "slug",
    "name",
    "kind",
    "parent_slug",
    "country",
    "website",
    "wikidata_qid",
    "lei",
    "ticker",
    "updated_at",
)


class CompanyFilter(msgspec.Struct, kw_only=True, frozen=True):
    """What a company list may be narrowed by, and the instant it is read at."""

    kind: CompanyKind | None = None
    country: str | None = None
    updated_since: datetime | None = None
    as_of: datetime | None = None


def companies_at(as_of: datetime | None) -> FromClause:
    """The companies table, or with `as_of` the version of each company valid at that instant."""
    if as_of is None:
        return CompanyRow.__table__
    columns = [getattr(CompanyVersion, field) for field in _FIELDS]
    return select(*columns).where(version_valid_at(as_of)).subquery("companies")


def version_valid_at(as_of: datetime) -> ColumnElement[bool]:
    """The version of a company that was current at `as_of`."""
    return (CompanyVersion.recorded_at <= as_of) & or_(
        CompanyVersion.superseded_at.is_(None), CompanyVersion.superseded_at > as_of
    )


class CompanyService:
    """Reads companies with their aliases."""

    def __init__(self, session: AsyncSession, reader: Reader | None = None) -> None:
        """Reads on `session`, and the one-statement documents on `reader` if given."""
        self.session = session
        self.reader = reader

    async def document(self, slug: str, as_of: datetime | None) -> bytes | None:
        """The JSON body of `get`, written by PostgreSQL in one statement, when it can be.

        None when the read needs the general path: as of an instant, or no such company (the
        general path says which).
        """
        if self.reader is None or as_of is not None:
            return None
        return await company_document(self.reader, slug)

    async def page_document(
        self, filters: CompanyFilter, *, after: str | None, limit: int
    ) -> bytes | None:
        """The JSON body of the `CompanyPage` of `page`, written by PostgreSQL; None as of."""
        if self.reader is None or filters.as_of is not None:
            return None
        values: dict[str, Any] = {
            name: value for name in PAGE_FILTERS if (value := _filter_value(filters, name))
        }
        if after is not None:
            values["after"] = after
        return await page_document(self.reader, values, limit)

    async def get(self, slug: str, as_of: datetime | None = None) -> Company:
        """One company; NotFoundError if no company had that slug (at `as_of`)."""
        if as_of is None:
            rows = await _TODAY_BY_SLUG.fetch(self.session, slug=slug)
        else:
            companies = companies_at(as_of)
            stmt = _select(companies).where(companies.c.slug == slug)
            rows = (await self.session.execute(stmt)).all()
        if not rows:
            known = f" on {as_of.isoformat()}" if as_of else ""
            raise NotFoundError(f"no company with slug {slug!r}{known}")
        return (await self._with_aliases(rows, as_of))[0]

    async def page(self, filters: CompanyFilter, *, after: str | None, limit: int) -> list[Company]:
        """Up to `limit` + 1 companies after slug `after`, in slug order."""
        companies = companies_at(filters.as_of)
        stmt = _filtered(_select(companies), companies, filters)
        if after is not None:
            stmt = stmt.where(companies.c.slug > after)
        rows = (await self.session.execute(stmt.order_by(companies.c.slug).limit(limit + 1))).all()
        return await self._with_aliases(rows, filters.as_of)

    async def search(
        self, query: str, filters: CompanyFilter, *, after: tuple[int, str] | None, limit: int
    ) -> list[tuple[int, Company]]:
        """Up to `limit` + 1 companies matching `query`, best match first, with their match rank.

        Ties in match rank go by slug; `after` is the (match rank, slug) of the previous page's
        last company.
        """
        if not CompanyAlias.key_of(query):
            return []
        companies = companies_at(filters.as_of)
        matches = match_ranks(query, companies, with_names=filters.as_of is not None)
        stmt = _filtered(
            _select(companies, matches.c.match_rank).join(
                matches, matches.c.slug == companies.c.slug
            ),
            companies,
            filters,
        )
        if after is not None:
            stmt = stmt.where(tuple_(matches.c.match_rank, companies.c.slug) > tuple_(*after))
        stmt = stmt.order_by(matches.c.match_rank, companies.c.slug).limit(limit + 1)
        rows = (await self.session.execute(stmt)).all()
        found = await self._with_aliases(rows, filters.as_of)
        return [(row.match_rank, company) for row, company in zip(rows, found, strict=True)]

    async def _with_aliases(self, rows: Sequence[Any], as_of: datetime | None) -> list[Company]:
        slugs = [row.slug for row in rows]
        aliases = await self._current_aliases(slugs)
        if as_of is not None:
            aliases.update(await self._aliases_before_changes(slugs, as_of))
        return [_company(row, aliases.get(row.slug, [])) for row in rows]

    async def _current_aliases(self, slugs: list[str]) -> dict[str, list[Alias]]:
        aliases: dict[str, list[Alias]] = defaultdict(list)
        for alias in await _CURRENT_ALIASES.fetch(self.session, slugs=slugs) if slugs else []:
            aliases[alias.company_slug].append(Alias(alias=alias.alias, language=alias.language))
        return aliases

    async def _aliases_before_changes(
        self, slugs: list[str], as_of: datetime
    ) -> dict[str, list[Alias]]:
        """Aliases at `as_of` of companies curated since: those before the first later change.

        Aliases are not versioned; the curation history keeps each change's before and after.
        """
        stmt = (
            select(FactRevision.fact_id, FactRevision.before)
            .where(
                FactRevision.fact_type == "company",
                FactRevision.fact_id.in_(slugs),
                FactRevision.changed_at > as_of,
                FactRevision.before.is_not(None),
            )
            .order_by(FactRevision.fact_id, FactRevision.id)
            .distinct(FactRevision.fact_id)
        )
        rows: Iterable[Any] = await self.session.execute(stmt) if slugs else []
        return {
            row.fact_id: msgspec.convert(row.before.get("aliases", []), list[Alias]) for row in rows
        }


def _select(companies: FromClause, *extra: Any) -> Select[Any]:
    return select(*(companies.c[field] for field in _FIELDS), *extra)


def _filter_value(filters: CompanyFilter, name: str) -> Any:
    """The value a filter is compared with (countries are stored upper case)."""
    value = getattr(filters, name)
    return value.upper() if name == "country" and value else value


def _filtered(stmt: Select[Any], companies: FromClause, filters: CompanyFilter) -> Select[Any]:
    if filters.kind:
        stmt = stmt.where(companies.c.kind == filters.kind)
    if filters.country:
        stmt = stmt.where(companies.c.country == _filter_value(filters, "country"))
    if filters.updated_since:
        stmt = stmt.where(companies.c.updated_at >= filters.updated_since)
    return stmt


def _company(row: CompanyShape, aliases: list[Alias]) -> Company:
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


_TODAY_BY_SLUG = Prepared(_select(CompanyRow.__table__).where(CompanyRow.slug == bindparam("slug")))
_CURRENT_ALIASES = Prepared(
    select(CompanyAlias.company_slug, CompanyAlias.alias, CompanyAlias.language)
    .where(CompanyAlias.company_slug == any_(bindparam("slugs", type_=ARRAY(String))))
    .order_by(CompanyAlias.company_slug, CompanyAlias.id)
)
