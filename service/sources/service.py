"""Queries over sources, now or as known at an instant."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Any, TypeVarTuple

import msgspec
from sqlalchemy import ColumnElement, FromClause, Select, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from service.domain.errors import NotFoundError
from service.facts.ranking import CLAIM_GROUP_COLUMNS, ranked_claims
from service.facts.values import snapshot, table_at
from service.models import Citation, Deal, DealVersion, Figure, FigureVersion, SourceVersion
from service.models import Source as SourceRow
from service.sources import search
from service.sources.schemas import (
    DealMention,
    FigureMention,
    Source,
    SourceItem,
    SourceSummary,
    SourceText,
)

_Ts = TypeVarTuple("_Ts")
_SUMMARY = (
    SourceRow.id,
    SourceRow.url,
    SourceRow.title,
    SourceRow.publisher,
    SourceRow.language,
    SourceRow.published_on,
    SourceRow.retrieved_at,
    SourceRow.sha256,
)


class SourceFilter(msgspec.Struct, kw_only=True, frozen=True):
    """What a source list may be narrowed by, and the instant it is read at."""

    language: str | None = None
    published_from: date | None = None
    published_to: date | None = None
    retrieved_since: datetime | None = None
    as_of: datetime | None = None


class SourceService:
    """Reads sources and what was found in them."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, source_id: int, as_of: datetime | None = None) -> Source:
        """One source with its text and facts (known at `as_of`); NotFoundError if absent."""
        stmt = select(
            *_SUMMARY,
            SourceRow.text,
            SourceRow.author,
            SourceRow.final_url,
            SourceRow.fetched_at,
            SourceRow.version,
        ).where(SourceRow.id == source_id)
        if as_of is not None:
            stmt = stmt.where(SourceRow.retrieved_at <= as_of)
        row = (await self.session.execute(stmt)).first()
        if row is None:
            known = f" on {as_of.isoformat()}" if as_of else ""
            raise NotFoundError(f"no source with id {source_id}{known}")
        return Source(
            **_summary_fields(row),
            text=row.text,
            author=row.author,
            final_url=row.final_url,
            fetched_at=row.fetched_at,
            version=row.version,
            figures=await self._figures(source_id, as_of),
            deals=await self._deals(source_id, as_of),
        )

    async def text_of(self, source_id: int, version: int) -> SourceText:
        """One version of a source's text; NotFoundError if the source never had it."""
        kept = await self.session.scalar(
            select(SourceVersion).where(
                SourceVersion.source_id == source_id, SourceVersion.version == version
            )
        )
        if kept is not None:
            return SourceText(
                source_id=source_id,
                version=version,
                sha256=kept.sha256,
                text=kept.text,
                final_url=kept.final_url,
                fetched_at=kept.fetched_at,
            )
        source = await self.session.get(SourceRow, source_id)
        if source is None or source.text is None or source.version != version:
            raise NotFoundError(f"source {source_id} has no text of version {version}")
        return SourceText(
            source_id=source_id,
            version=version,
            sha256=hashlib.sha256(source.text.encode("utf-8")).hexdigest(),
            text=source.text,
            final_url=source.final_url,
            fetched_at=source.fetched_at,
        )

    async def page(
        self, filters: SourceFilter, *, after: int | None, limit: int
    ) -> list[SourceItem]:
        """Up to `limit` + 1 sources after id `after`, in id order."""
        stmt = _filtered(select(*_SUMMARY), filters)
        if after is not None:
            stmt = stmt.where(SourceRow.id > after)
        rows = await self.session.execute(stmt.order_by(SourceRow.id).limit(limit + 1))
        return [SourceItem(**_summary_fields(row), snippet=None) for row in rows]

    async def search(
        self, query: str, filters: SourceFilter, *, after: tuple[int, int] | None, limit: int
    ) -> list[tuple[int, SourceItem]]:
        """Up to `limit` + 1 sources matching `query`, best first, with their match rank.

        Ties go by id; `after` is the (match rank, id) of the previous page's last source.
        """
        rank = search.match_rank(query).label("match_rank")
        hits = _filtered(select(SourceRow.id, rank), filters).where(search.matches(query))
        ranked = hits.subquery("hits")
        stmt = select(*_SUMMARY, ranked.c.match_rank, search.snippet(query).label("snippet"))
        stmt = stmt.join(ranked, ranked.c.id == SourceRow.id)
        if after is not None:
            stmt = stmt.where(tuple_(ranked.c.match_rank, SourceRow.id) > tuple_(*after))
        stmt = stmt.order_by(ranked.c.match_rank, SourceRow.id).limit(limit + 1)
        return [
            (row.match_rank, SourceItem(**_summary_fields(row), snippet=row.snippet))
            for row in await self.session.execute(stmt)
        ]

    async def _figures(self, source_id: int, as_of: datetime | None) -> list[FigureMention]:
        figures = table_at(Figure, FigureVersion, as_of, "facts_as_of")
        rank: ColumnElement[str] = figures.c.rank
        joined: FromClause = figures
        if as_of is not None:
            ranked = _ranks_as_of(source_id, as_of)
            joined = figures.outerjoin(ranked, ranked.c.id == figures.c.id)
            rank = func.coalesce(ranked.c.rank, figures.c.rank)
        stmt = (
            select(
                figures.c.id,
                figures.c.company_slug,
                figures.c.metric_slug,
                figures.c.value,
                figures.c.unit,
                rank.label("rank"),
                Citation.quote,
                Citation.start_offset,
                Citation.end_offset,
                Citation.source_version,
            )
            .select_from(joined)
            .join(Citation, Citation.figure_id == figures.c.id)
            .where(_cited_from(source_id, as_of), figures.c.deprecated_at.is_(None))
            .order_by(Citation.start_offset, figures.c.id)
        )
        return [
            FigureMention(
                id=r.id,
                company=r.company_slug,
                metric=r.metric_slug,
                value=r.value,
                unit=r.unit,
                rank=r.rank,
                quote=r.quote,
                start=r.start_offset,
                end=r.end_offset,
                source_version=r.source_version,
            )
            for r in await self.session.execute(stmt)
        ]

    async def _deals(self, source_id: int, as_of: datetime | None) -> list[DealMention]:
        deals = table_at(Deal, DealVersion, as_of, "facts_as_of")
        stmt = (
            select(
                deals.c.id,
                deals.c.kind,
                deals.c.title,
                Citation.quote,
                Citation.start_offset,
                Citation.end_offset,
                Citation.source_version,
            )
            .join(Citation, Citation.deal_id == deals.c.id)
            .where(_cited_from(source_id, as_of), deals.c.deprecated_at.is_(None))
            .order_by(Citation.start_offset, deals.c.id)
        )
        return [
            DealMention(
                id=r.id,
                kind=r.kind,
                title=r.title,
                quote=r.quote,
                start=r.start_offset,
                end=r.end_offset,
                source_version=r.source_version,
            )
            for r in await self.session.execute(stmt)
        ]


def _ranks_as_of(source_id: int, as_of: datetime) -> FromClause:
    """(id, rank) at `as_of` of the claims in the groups of the figures cited from the source."""
    claims = snapshot(FigureVersion, as_of, "claims_as_of")
    cited = snapshot(FigureVersion, as_of, "cited_as_of")
    groups = (
        select(*(cited.c[name] for name in CLAIM_GROUP_COLUMNS))
        .join(Citation, Citation.figure_id == cited.c.id)
        .where(_cited_from(source_id, as_of))
    )
    in_groups = tuple_(*(claims.c[name] for name in CLAIM_GROUP_COLUMNS)).in_(groups)
    return ranked_claims(claims, as_of=as_of, where=[in_groups])


def _cited_from(source_id: int, as_of: datetime | None) -> ColumnElement[bool]:
    cited = Citation.source_id == source_id
    return cited if as_of is None else cited & (Citation.recorded_at <= as_of)


def _filtered(stmt: Select[*_Ts], filters: SourceFilter) -> Select[*_Ts]:
    if filters.language:
        stmt = stmt.where(SourceRow.language == filters.language)
    if filters.published_from:
        stmt = stmt.where(SourceRow.published_on >= filters.published_from)
    if filters.published_to:
        stmt = stmt.where(SourceRow.published_on <= filters.published_to)
    if filters.retrieved_since:
        stmt = stmt.where(SourceRow.retrieved_at >= filters.retrieved_since)
    if filters.as_of:
        stmt = stmt.where(SourceRow.retrieved_at <= filters.as_of)
    return stmt


def _summary_fields(row: Any) -> dict[str, Any]:
    return {name: getattr(row, name) for name in SourceSummary.__struct_fields__}
