"""Company and metric slugs of list filters: matched case-insensitively, unknown ones refused."""

from __future__ import annotations

from typing import Final

from sqlalchemy import func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from service.domain.errors import InvalidInputError
from service.models import Company, Metric

NEAREST: Final = 3
"""Known slugs an error names for an unknown one."""


async def known_slug(
    session: AsyncSession, column: InstrumentedAttribute[str], slug: str | None, what: str
) -> str | None:
    """The stored spelling of `slug`, case ignored; InvalidInputError naming the nearest if none."""
    if slug is None:
        return None
    found = await session.scalar(select(column).where(func.lower(column) == slug.lower()))
    if found is not None:
        return found
    nearest = await session.scalars(
        select(column)
        .order_by(func.similarity(column, literal(slug.lower())).desc(), column)
        .limit(NEAREST)
    )
    names = ", ".join(nearest)
    raise InvalidInputError(f"unknown {what} {slug!r}; the nearest known: {names}")


async def known_company(session: AsyncSession, slug: str | None) -> str | None:
    """A company filter's slug as stored."""
    return await known_slug(session, Company.slug, slug, "company")


async def known_metric(session: AsyncSession, slug: str | None) -> str | None:
    """A metric filter's slug as stored."""
    return await known_slug(session, Metric.slug, slug, "metric")
