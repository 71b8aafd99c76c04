"""Deals written straight to the database, and the instants their versions were recorded."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.actor import act_as
from service.deals.documents import DOCUMENT, EXACT
from service.models import Deal, DealParty, DealVersion

ACTOR = "token:deal-history-tester"


async def add_deal(session: AsyncSession, value: Decimal | None, **fields: Any) -> Deal:
    """An OpenAI–Oracle cloud contract announced on `announced_on` (default 2024-06-30)."""
    await act_as(session, ACTOR)
    row = Deal(
        kind="cloud_contract",
        title="Test cloud contract",
        announced_on=date(2024, 6, 30),
        status="signed",
        value=value,
        unit=None if value is None else "USD",
        bound=None if value is None else "exact",
    )
    for name, field in fields.items():
        setattr(row, name, field)
    session.add(row)
    await session.flush()
    session.add(DealParty(deal_id=row.id, company_slug="openai", role="customer"))
    session.add(DealParty(deal_id=row.id, company_slug="oracle", role="provider"))
    await session.flush()
    await session.refresh(row)
    return row


async def change_deal(session: AsyncSession, row: Deal, **fields: Any) -> Deal:
    """Change `row`'s fields."""
    await act_as(session, ACTOR)
    for name, field in fields.items():
        setattr(row, name, field)
    await session.flush()
    await session.refresh(row)
    return row


async def deprecate_deal(session: AsyncSession, row: Deal, reason: str) -> Deal:
    """Deprecate `row` as a curator does."""
    stamp = await session.scalar(select(func.clock_timestamp()))
    return await change_deal(session, row, deprecated_at=stamp, deprecated_reason=reason)


async def deal_version_times(session: AsyncSession, deal_id: int) -> list[datetime]:
    """When each version of the deal was recorded, oldest first."""
    stmt = (
        select(DealVersion.recorded_at)
        .where(DealVersion.id == deal_id)
        .order_by(DealVersion.version)
    )
    return list((await session.scalars(stmt)).all())


RENDERED_DOCUMENTS = (
    f"SELECT d.id, {DOCUMENT}, {EXACT} FROM deals d WHERE d.deprecated_at IS NULL ORDER BY d.id"
)
"""Every live deal's document and exactness as today's Python expression renders them."""
STORED_DOCUMENTS = "SELECT deal_id, document, exact FROM deal_documents ORDER BY deal_id"
"""Every document the database keeps beside its deal."""
