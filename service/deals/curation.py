"""Deals written by hand: created (or corroborated), corrected and deprecated, with history."""

from __future__ import annotations

from datetime import date
from typing import Any, Final

import msgspec
from sqlalchemy import delete

from service.deals.schemas import Deal, DealCreate, DealUpdate, PartyInput
from service.deals.service import DealService
from service.domain.errors import InvalidInputError
from service.facts import curation
from service.facts.store import amount_columns
from service.ingest.confidence import CURATED
from service.models import Deal as DealRow
from service.models import DealParty
from service.models.facts import MoneyLike
from service.normalize import Quantity

NO_AMOUNT: Final[dict[str, Any]] = dict.fromkeys(MoneyLike.__annotations__) | {"vague": False}
"""The value columns of a deal stating no amount."""


class DealCurator(curation.Curator):
    """Writes deals on an administrator's behalf; flushes, never commits."""

    async def create(self, data: DealCreate) -> curation.Curated[Deal]:
        """Store the deal, or cite the equal deal already stored (the ingestion's rule)."""
        cited = await curation.citing(self.session, data)
        parties = await self._parties(data.parties)
        amount = _amount(data.value, curation.value_language(data.language, cited), data.as_of)
        deal_id = await self.store.same_deal(data.kind, {company for company, _ in parties}, amount)
        before = None if deal_id is None else await self._snapshot(deal_id)
        if deal_id is None:
            deal_id = await self.store.insert_deal(
                amount,
                set(parties),
                kind=data.kind,
                title=data.title,
                duration=data.duration,
                announced_on=data.announced_on,
                status=data.status,
            )
        if cited is not None:
            await self.store.cite(cited.source.id, cited.mention, deal_id=deal_id)
        await self.history.record_curated("deal", deal_id, before, await self._snapshot(deal_id))
        return curation.Curated(
            fact=await DealService(self.session).get(deal_id), created=before is None
        )

    async def update(self, deal_id: int, data: DealUpdate) -> Deal:
        """Change the fields given; a new amount is normalised again, parties are replaced."""
        row = await curation.live_fact_for_update(self.session, DealRow, deal_id, "deal")
        before = await self._snapshot(deal_id)
        if data.parties is not msgspec.UNSET:
            await self._replace_parties(deal_id, await self._parties(data.parties))
        if data.value is not msgspec.UNSET:
            amount = _amount(data.value, curation.value_language(data.language, None), data.as_of)
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
        return await DealService(self.session).get(deal_id)

    async def deprecate(self, deal_id: int, reason: str) -> None:
        """Withdraw the deal from the public API, keeping it and why."""
        _, before = await curation.deprecate_fact(
            self.session, DealRow, deal_id, reason, self._snapshot
        )
        after = await self._snapshot(deal_id)
        await self.history.record("deal", deal_id, "deprecate", before, after)

    async def _parties(self, parties: list[PartyInput]) -> list[tuple[str, str]]:
        """Distinct (company, role) pairs, every company known."""
        pairs = sorted({(party.company, party.role) for party in parties})
        await curation.check_companies_exist(self.session, {company for company, _ in pairs})
        return pairs

    async def _replace_parties(self, deal_id: int, parties: list[tuple[str, str]]) -> None:
        await self.session.execute(delete(DealParty).where(DealParty.deal_id == deal_id))
        self.session.add_all(
            DealParty(deal_id=deal_id, company_slug=company, role=role) for company, role in parties
        )
        await self.session.flush()

    async def _snapshot(self, deal_id: int) -> curation.Snapshot:
        deal = await DealService(self.session).get(deal_id, include_deprecated=True)
        return await curation.fact_snapshot(self.session, DealRow, deal, deal_id)


def _amount(raw: str | None, language: str, as_of: date | None) -> Quantity | None:
    """The normalised amount of money of a deal; InvalidInputError if it is not money."""
    if raw is None:
        return None
    quantity = curation.read_value(raw, language, as_of)
    if quantity.kind != "money":
        raise InvalidInputError(
            f"value {raw!r} is {quantity.kind} in {quantity.unit}: a deal's value is money"
        )
    return quantity
