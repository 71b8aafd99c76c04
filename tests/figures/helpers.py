"""Figures written straight to the database, and the instants their versions were recorded."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.actor import act_as
from service.facts.ranking import group_of, refresh_figure_ranks
from service.models import Citation, Figure, FigureVersion, Source

ACTOR = "token:history-tester"
MICROSECOND = timedelta(microseconds=1)
PERIOD = (date(2047, 1, 1), date(2047, 12, 31))
"""A period no reference figure, and no article committed by other tests, covers: the claim
groups of these tests are their own."""


async def add_figure(session: AsyncSession, value: Decimal, **fields: Any) -> Figure:
    """A money figure of OpenAI's 2047 revenue (unless `fields` say otherwise), ranks refreshed."""
    await act_as(session, ACTOR)
    row = Figure(
        company_slug="openai",
        metric_slug="revenue",
        period_start=PERIOD[0],
        period_end=PERIOD[1],
        period_precision="year",
        status="actual",
        value=value,
        unit="USD",
        bound="exact",
        original_text=f"${value}",
        original_value=value,
        original_unit="USD",
    )
    for name, field in fields.items():
        setattr(row, name, field)
    session.add(row)
    await session.flush()
    await refresh_figure_ranks(session, [group_of(row)])
    await session.refresh(row)
    return row


async def change_figure(session: AsyncSession, row: Figure, **fields: Any) -> Figure:
    """Change `row`'s fields, refreshing the ranks of its group."""
    await act_as(session, ACTOR)
    for name, field in fields.items():
        setattr(row, name, field)
    await session.flush()
    await refresh_figure_ranks(session, [group_of(row)])
    await session.refresh(row)
    return row


async def deprecate_figure(session: AsyncSession, row: Figure, reason: str) -> Figure:
    """Deprecate `row` as a curator does."""
    stamp = await session.scalar(select(func.clock_timestamp()))
    return await change_figure(session, row, deprecated_at=stamp, deprecated_reason=reason)


async def add_source(session: AsyncSession, name: str, **fields: Any) -> Source:
    """A source document named `name`."""
    text = f"{name}: OpenAI's 2047 revenue was large."
    source = Source(
        url=fields.pop("url", f"https://news.example/{name}"),
        title=name,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        text=text,
        **fields,
    )
    session.add(source)
    await session.flush()
    return source


async def cite(session: AsyncSession, figure: Figure, source: Source) -> Citation:
    """Cite `figure` from `source`, and refresh its group's ranks."""
    citation = Citation(
        source_id=source.id,
        figure_id=figure.id,
        quote=source.text or "",
        start_offset=0,
        end_offset=4,
    )
    session.add(citation)
    await session.flush()
    await refresh_figure_ranks(session, [group_of(figure)])
    await session.refresh(citation)
    return citation


async def version_times(session: AsyncSession, figure_id: int) -> list[datetime]:
    """When each version of the figure was recorded, oldest first."""
    stmt = (
        select(FigureVersion.recorded_at)
        .where(FigureVersion.id == figure_id)
        .order_by(FigureVersion.version)
    )
    return list((await session.scalars(stmt)).all())
