"""Companies written by hand: added to the catalogue and corrected, with history."""

from __future__ import annotations

import msgspec
from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from service.companies.schemas import AliasInput, Company, CompanyCreate, CompanyUpdate
from service.companies.service import CompanyService
from service.domain.errors import ConflictError, InvalidInputError, NotFoundError
from service.facts.curation import History, check_companies_exist, snapshot_of
from service.models import Company as CompanyRow
from service.models import CompanyAlias


class CompanyCurator:
    """Writes companies on an administrator's behalf; flushes, never commits."""

    def __init__(self, session: AsyncSession, actor: str) -> None:
        self.session = session
        self.history = History(session, actor)
        self.companies = CompanyService(session)

    async def create(self, data: CompanyCreate) -> Company:
        """Add the company with its aliases; ConflictError if the slug is taken."""
        if data.parent is not None:
            await check_companies_exist(self.session, {data.parent})
        inserted = await self.session.execute(
            insert(CompanyRow)
            .values(
                slug=data.slug,
                name=data.name,
                kind=data.kind,
                parent_slug=data.parent,
                country=data.country,
                website=data.website,
                wikidata_qid=data.identifiers.wikidata,
                lei=data.identifiers.lei,
                ticker=data.identifiers.ticker,
            )
            .on_conflict_do_nothing(index_elements=[CompanyRow.slug])
            .returning(CompanyRow.slug)
        )
        if inserted.scalar_one_or_none() is None:
            raise ConflictError(f"a company with slug {data.slug!r} already exists")
        await self._add_aliases(data.slug, data.name, data.aliases)
        company = await self.companies.get(data.slug)
        await self.history.record("company", data.slug, "create", None, snapshot_of(company))
        return company

    async def update(self, slug: str, data: CompanyUpdate) -> Company:
        """Change the fields given; given aliases replace the old ones."""
        row = await self.session.get(CompanyRow, slug, with_for_update=True)
        if row is None:
            raise NotFoundError(f"no company with slug {slug!r}")
        before = snapshot_of(await self.companies.get(slug))
        if data.parent is not msgspec.UNSET:
            await self._check_parent(slug, data.parent)
            row.parent_slug = data.parent
        for field in ("name", "kind", "country", "website"):
            if (value := getattr(data, field)) is not msgspec.UNSET:
                setattr(row, field, value)
        if data.identifiers is not msgspec.UNSET:
            row.wikidata_qid = data.identifiers.wikidata
            row.lei = data.identifiers.lei
            row.ticker = data.identifiers.ticker
        await self.session.flush()
        if data.aliases is not msgspec.UNSET:
            await self.session.execute(
                delete(CompanyAlias).where(CompanyAlias.company_slug == slug)
            )
        await self._add_aliases(slug, row.name, data.aliases or [])
        company = await self.companies.get(slug)
        await self.history.record("company", slug, "update", before, snapshot_of(company))
        return company

    async def _check_parent(self, slug: str, parent: str | None) -> None:
        """InvalidInputError unless `parent` is a known company outside `slug`'s descendants."""
        ancestor = parent
        while ancestor is not None:
            if ancestor == slug:
                raise InvalidInputError(f"{parent!r} cannot be the parent of {slug!r}: a cycle")
            row = await self.session.get(CompanyRow, ancestor)
            if row is None:
                raise InvalidInputError(f"unknown company {ancestor!r}")
            ancestor = row.parent_slug

    async def _add_aliases(self, slug: str, name: str, aliases: list[AliasInput]) -> None:
        """The company's name and `aliases`, each once per language, as matching aliases."""
        rows: dict[tuple[str, str | None], dict[str, str | None]] = {}
        for alias in [AliasInput(alias=name), *aliases]:
            key = CompanyAlias.key_of(alias.alias)
            rows.setdefault(
                (key, alias.language),
                {
                    "company_slug": slug,
                    "alias": alias.alias,
                    "alias_key": key,
                    "language": alias.language,
                },
            )
        await self.session.execute(
            insert(CompanyAlias).values(list(rows.values())).on_conflict_do_nothing()
        )
