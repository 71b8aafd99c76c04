"""Histories of figures and deals: their versions, each cited by what was known while it held."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Annotated, Any, TypeVar

import msgspec
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from service.domain.errors import NotFoundError
from service.domain.vocabulary import RevisionAction
from service.facts.values import SourceCitation, citation_of
from service.models import Citation, DealVersion, FigureVersion, Source
from service.web.http import Base

VersionRow = TypeVar("VersionRow", FigureVersion, DealVersion)


class FactVersion(Base):
    """When one version of a fact held and who recorded it (the fact itself is the subclass's)."""

    version: Annotated[int, msgspec.Meta(description="1 for the creation, then 2, 3...")]
    recorded_at: Annotated[datetime, msgspec.Meta(description="When this version was recorded.")]
    superseded_at: Annotated[
        datetime | None, msgspec.Meta(description="When the next one replaced it; null if current.")
    ]
    recorded_by: Annotated[
        str,
        msgspec.Meta(description="`job:<id>`, `token:<name>`, `reference`, `bulk` or `system`."),
    ]
    change: Annotated[RevisionAction, msgspec.Meta(description="What this version did.")]


def version_fields(row: FigureVersion | DealVersion) -> dict[str, Any]:
    """The `FactVersion` fields of a version row, to build a figure or deal version with."""
    return {
        "version": row.version,
        "recorded_at": row.recorded_at,
        "superseded_at": row.superseded_at,
        "recorded_by": row.recorded_by,
        "change": row.change,
    }


async def cited_versions(
    session: AsyncSession,
    versions: type[VersionRow],
    fact_column: InstrumentedAttribute[int | None],
    fact_id: int,
    noun: str,
) -> list[tuple[VersionRow, list[SourceCitation]]]:
    """Every version of one fact, oldest first, with the citations known while it held.

    `fact_column` is the citation column naming the fact (`Citation.figure_id`, ...).
    NotFoundError (`no <noun> with id ...`) if the fact never existed.
    """
    stmt = select(versions).where(versions.id == fact_id).order_by(versions.version)
    rows: Sequence[VersionRow] = (await session.scalars(stmt)).all()
    if not rows:
        raise NotFoundError(f"no {noun} with id {fact_id}")
    citations = await dated_citations(session, fact_column, fact_id)
    return [(row, known_before(citations, row.superseded_at)) for row in rows]


async def dated_citations(
    session: AsyncSession, fact_column: InstrumentedAttribute[int | None], fact_id: int
) -> list[tuple[datetime, SourceCitation]]:
    """Every citation of one fact with when it became known (cited, from a retrieved source)."""
    stmt = (
        select(
            func.greatest(Citation.recorded_at, Source.retrieved_at).label("known_at"),
            Citation.source_id,
            Citation.quote,
            Citation.start_offset,
            Citation.end_offset,
            Citation.more_offsets,
            Citation.source_version,
        )
        .join(Source, Source.id == Citation.source_id)
        .where(fact_column == fact_id)
        .order_by(Citation.source_id, Citation.start_offset)
    )
    return [(row.known_at, citation_of(row)) for row in await session.execute(stmt)]


def known_before(
    citations: list[tuple[datetime, SourceCitation]], end: datetime | None
) -> list[SourceCitation]:
    """The citations known before `end` (all of them when `end` is None)."""
    return [citation for known_at, citation in citations if end is None or known_at < end]
