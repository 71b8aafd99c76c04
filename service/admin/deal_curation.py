"""Deals written by hand: created (or corroborated), corrected and deprecated, with history."""

from __future__ import annotations

from datetime import date
from typing import Any, Final

import msgspec
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from service.admin.curation import (
    Action,
    Curated,
    History,
    Snapshot,
    check_companies_exist,
    citing,
    live_fact_for_update,
    now,
    read_value,
    snapshot_of,
    value_language,
)
from service.admin.curation_schemas import DealCreate, DealUpdate, PartyInput
from service.deals.schemas import Deal
from service.deals.service import DealService
from service.errors import InvalidInputError
from service.ingest.confidence import CURATED
from service.ingest.store import FactStore, amount_columns
from service.models import Deal as DealRow
from service.models import DealParty
from service.models.facts import MoneyLike
from service.normalize import Quantity

NO_AMOUNT: Final[dict[str, Any]] = dict.fromkeys(MoneyLike.__annotations__) | {"vague": False}
"""The value columns of a deal stating no amount."""


class DealCurator:
    """Writes deals on an administrator's behalf; flushes, never commits."""

    def __init__(self, session: AsyncSession, actor: str) -> None:
        self.session = session
        self.history = History(session, actor)
        self.deals = DealService(session)

    async def create(self, data: DealCreate) -> Curated[Deal]:
        """Store the deal, or cite the equal deal already stored (the ingestion's rule)."""
        cited = await citing(self.session, data)
        parties = await self._parties(data.parties)
        amount = _amount(data.value, value_language(data.language, cited), data.as_of)
        store = FactStore(self.session)
        deal_id = await store.same_deal(data.kind, {company for company, _ in parties}, amount)
        before = None if deal_id is None else await self._snapshot(deal_id)
        if deal_id is None:
            deal_id = await self._insert(data, parties, amount)
        if cited is not None:
            await store.cite(cited.source.id, cited.mention, deal_id=deal_id)
        after = await self._snapshot(deal_id)
        if after != before:
            action: Action = "create" if before is None else "update"
            await self.history.record("deal", deal_id, action, before, after)
        return Curated(fact=await self.deals.get(deal_id), created=before is None)

    async def update(self, deal_id: int, data: DealUpdate) -> Deal:
        """Change the fields given; a new amount is normalised again, parties are replaced."""
        row = await live_fact_for_update(self.session, DealRow, deal_id, "deal")
        before = await self._snapshot(deal_id)
        if data.parties is not msgspec.UNSET:
            await self._replace_parties(deal_id, await self._parties(data.parties))
        if data.value is not msgspec.UNSET:
            amount = _amount(data.value, value_language(data.language, None), data.as_of)
            columns = NO_AMOUNT if amount is None else amount_columns(amount)
            for column, value in columns.items():
                setattr(row, column, value)
        for field in ("kind", "title", "status", "duration", "announced_on"):
            if (value := getattr(data, field)) is not msgspec.UNSET:
                setattr(row, field, value)
        for column, value in CURATED.items():
            setattr(row, column, value)
        await self.session.flush()
        await self.history.record("deal", deal_id, "update", before, await self._snapshot(deal_id))
        return await self.deals.get(deal_id)

    async def deprecate(self, deal_id: int, reason: str) -> None:
        """Withdraw the deal from the public API, keeping it and why."""
        if not reason.strip():
            raise InvalidInputError("reason must say why the deal is deprecated")
        row = await live_fact_for_update(self.session, DealRow, deal_id, "deal")
        before = await self._snapshot(deal_id)
        row.deprecated_at = await now(self.session)
        row.deprecated_reason = reason.strip()
        await self.session.flush()
        after = await self._snapshot(deal_id)
        await self.history.record("deal", deal_id, "deprecate", before, after)

    async def _insert(
        self, data: DealCreate, parties: list[tuple[str, str]], amount: Quantity | None
    ) -> int:
        row = DealRow(
            kind=data.kind,
            title=data.title,
            duration=data.duration,
            announced_on=data.announced_on,
            status=data.status,
            **(NO_AMOUNT if amount is None else amount_columns(amount)),
        )
        self.session.add(row)
        await self.session.flush()
        await self._replace_parties(row.id, parties)
        return row.id

    async def _parties(self, parties: list[PartyInput]) -> list[tuple[str, str]]:
        """Distinct (company, role) pairs, every company known."""
        pairs = sorted({(party.company, party.role) for party in parties})
        await check_companies_exist(self.session, {company for company, _ in pairs})
        return pairs

    async def _replace_parties(self, deal_id: int, parties: list[tuple[str, str]]) -> None:
        await self.session.execute(delete(DealParty).where(DealParty.deal_id == deal_id))
        self.session.add_all(
            DealParty(deal_id=deal_id, company_slug=company, role=role) for company, role in parties
        )
        await self.session.flush()

    async def _snapshot(self, deal_id: int) -> Snapshot:
        deal = await self.deals.get(deal_id, include_deprecated=True)
        row = await self.session.get_one(DealRow, deal_id)
        return snapshot_of(
            deal, deprecated_at=row.deprecated_at, deprecated_reason=row.deprecated_reason
        )


def _amount(raw: str | None, language: str, as_of: date | None) -> Quantity | None:
    """The normalised amount of money of a deal; InvalidInputError if it is not money."""
    if raw is None:
        return None
    quantity = read_value(raw, language, as_of)
    if quantity.kind != "money":
        raise InvalidInputError(
            f"value {raw!r} is {quantity.kind} in {quantity.unit}: a deal's value is money"
        )
    return quantity
