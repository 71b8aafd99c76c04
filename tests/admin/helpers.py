"""Request bodies and row counts shared by the admin tests."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from service.models import (
    Citation,
    Company,
    CompanyAlias,
    Deal,
    DealParty,
    FactRevision,
    Figure,
    IngestJob,
    Source,
)

ADMIN_HEADERS = {"Authorization": "Bearer test-admin-token"}
"""The admin token the test settings configure."""


def article(**fields: Any) -> dict[str, Any]:
    """A valid submission body, with `fields` replaced or added."""
    body: dict[str, Any] = {
        "text": "Lumen AI said its revenue reached $2 million in 2031, up from nothing.",
        "published_on": "2031-05-04",
        "language": "en",
        "url": "https://news.example/lumen-revenue",
        "title": "Lumen AI revenue",
        "publisher": "Example News",
    }
    body.update(fields)
    return body


async def row_counts(session: AsyncSession) -> dict[str, int]:
    """How many rows the tables the admin operations write to hold."""
    tables = (
        Source,
        IngestJob,
        Figure,
        Citation,
        Deal,
        DealParty,
        Company,
        CompanyAlias,
        FactRevision,
    )
    counts = {
        model.__tablename__: await session.scalar(select(func.count()).select_from(model))
        for model in tables
    }
    counts["pgqueuer"] = await session.scalar(text("SELECT count(*) FROM pgqueuer"))
    return {name: int(count or 0) for name, count in counts.items()}


async def stored_source(session: AsyncSession, text: str, language: str = "en") -> Source:
    """A source holding `text`, as a submission would have stored it."""
    source = Source(
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        language=language,
        published_on=date(2031, 5, 4),
    )
    session.add(source)
    await session.flush()
    return source


async def history_of(
    session: AsyncSession, fact_type: str, fact_id: int | str
) -> list[FactRevision]:
    """The revisions of one fact, oldest first."""
    rows = await session.scalars(
        select(FactRevision)
        .where(FactRevision.fact_type == fact_type, FactRevision.fact_id == str(fact_id))
        .order_by(FactRevision.id)
    )
    return list(rows)
