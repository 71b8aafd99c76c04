"""Queries over sources."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from service.errors import NotFoundError
from service.models import Citation, Deal, Figure
from service.models import Source as SourceRow
from service.sources.schemas import DealMention, FigureMention, Source, SourceSummary

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


class SourceService:
    """Reads sources and what was found in them."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, source_id: int) -> Source:
        """One source with its text and facts; NotFoundError if absent."""
        stmt = select(*_SUMMARY, SourceRow.text).where(SourceRow.id == source_id)
        row = (await self.session.execute(stmt)).first()
        if row is None:
            raise NotFoundError(f"no source with id {source_id}")
        return Source(
            **_summary_fields(row),
            text=row.text,
            figures=await self._figures(source_id),
            deals=await self._deals(source_id),
        )

    async def page(
        self,
        *,
        language: str | None,
        published_from: date | None,
        published_to: date | None,
        after: int | None,
        limit: int,
    ) -> list[SourceSummary]:
        """Up to `limit` + 1 sources after id `after`."""
        stmt = select(*_SUMMARY)
        if language:
            stmt = stmt.where(SourceRow.language == language)
        if published_from:
            stmt = stmt.where(SourceRow.published_on >= published_from)
        if published_to:
            stmt = stmt.where(SourceRow.published_on <= published_to)
        if after is not None:
            stmt = stmt.where(SourceRow.id > after)
        rows = await self.session.execute(stmt.order_by(SourceRow.id).limit(limit + 1))
        return [SourceSummary(**_summary_fields(row)) for row in rows]

    async def _figures(self, source_id: int) -> list[FigureMention]:
        stmt = (
            select(
                Figure.id,
                Figure.company_slug,
                Figure.metric_slug,
                Figure.value,
                Figure.unit,
                Citation.quote,
                Citation.start_offset,
                Citation.end_offset,
            )
            .join(Citation, Citation.figure_id == Figure.id)
            .where(Citation.source_id == source_id, Figure.deprecated_at.is_(None))
            .order_by(Citation.start_offset, Figure.id)
        )
        return [
            FigureMention(
                id=r.id,
                company=r.company_slug,
                metric=r.metric_slug,
                value=r.value,
                unit=r.unit,
                quote=r.quote,
                start=r.start_offset,
                end=r.end_offset,
            )
            for r in await self.session.execute(stmt)
        ]

    async def _deals(self, source_id: int) -> list[DealMention]:
        stmt = (
            select(
                Deal.id,
                Deal.kind,
                Deal.title,
                Citation.quote,
                Citation.start_offset,
                Citation.end_offset,
            )
            .join(Citation, Citation.deal_id == Deal.id)
            .where(Citation.source_id == source_id, Deal.deprecated_at.is_(None))
            .order_by(Citation.start_offset, Deal.id)
        )
        return [
            DealMention(
                id=r.id,
                kind=r.kind,
                title=r.title,
                quote=r.quote,
                start=r.start_offset,
                end=r.end_offset,
            )
            for r in await self.session.execute(stmt)
        ]


def _summary_fields(row: Any) -> dict[str, Any]:
    return {name: getattr(row, name) for name in SourceSummary.__struct_fields__}
