"""Queries over deals."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import msgspec
from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from service.deals.schemas import Amount, Deal, Party
from service.errors import NotFoundError
from service.models import Citation, DealParty
from service.models import Deal as DealRow
from service.values import citations_by_fact, fx_of, ids_of, original_of

_COLUMNS = (
    DealRow.id,
    DealRow.kind,
    DealRow.title,
    DealRow.duration,
    DealRow.announced_on,
    DealRow.status,
    DealRow.value,
    DealRow.unit,
    DealRow.bound,
    DealRow.low,
    DealRow.high,
    DealRow.original_text,
    DealRow.original_value,
    DealRow.original_unit,
    DealRow.fx_rate,
    DealRow.fx_date,
    DealRow.fx_source,
)


class DealFilter(msgspec.Struct, kw_only=True):
    """What a deal list may be narrowed by."""

    company: str | None = None
    kind: str | None = None
    status: str | None = None
    source: int | None = None
    announced_from: date | None = None
    announced_to: date | None = None
    min_value: Decimal | None = None
    max_value: Decimal | None = None


class DealService:
    """Reads deals with their parties and citations."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, deal_id: int, *, include_deprecated: bool = False) -> Deal:
        """One deal; NotFoundError if there is none with that id (or it is deprecated)."""
        stmt = select(*_COLUMNS).where(DealRow.id == deal_id)
        if not include_deprecated:
            stmt = stmt.where(DealRow.deprecated_at.is_(None))
        rows = (await self.session.execute(stmt)).all()
        if not rows:
            raise NotFoundError(f"no deal with id {deal_id}")
        return (await self._complete(rows))[0]

    async def page(self, filters: DealFilter, *, after: int | None, limit: int) -> list[Deal]:
        """Up to `limit` + 1 current (not deprecated) deals after id `after`."""
        stmt = select(*_COLUMNS).where(DealRow.deprecated_at.is_(None), *_conditions(filters))
        if after is not None:
            stmt = stmt.where(DealRow.id > after)
        rows = (await self.session.execute(stmt.order_by(DealRow.id).limit(limit + 1))).all()
        return await self._complete(rows)

    async def _complete(self, rows: Sequence[Any]) -> list[Deal]:
        ids = ids_of(rows)
        citations = await citations_by_fact(self.session, Citation.deal_id, ids)
        parties = await self._parties(ids)
        return [_deal(row, parties.get(row.id, []), citations.get(row.id, [])) for row in rows]

    async def _parties(self, ids: list[int]) -> dict[int, list[Party]]:
        if not ids:
            return {}
        stmt = (
            select(DealParty.deal_id, DealParty.company_slug, DealParty.role)
            .where(DealParty.deal_id.in_(ids))
            .order_by(DealParty.deal_id, DealParty.role, DealParty.company_slug)
        )
        grouped: dict[int, list[Party]] = defaultdict(list)
        for row in await self.session.execute(stmt):
            grouped[row.deal_id].append(Party(company=row.company_slug, role=row.role))
        return grouped


def _conditions(f: DealFilter) -> list[ColumnElement[bool]]:
    conditions = [
        DealRow.id.in_(select(DealParty.deal_id).where(DealParty.company_slug == f.company))
        if f.company
        else None,
        DealRow.kind == f.kind if f.kind else None,
        DealRow.status == f.status if f.status else None,
        DealRow.id.in_(select(Citation.deal_id).where(Citation.source_id == f.source))
        if f.source is not None
        else None,
        DealRow.announced_on >= f.announced_from if f.announced_from else None,
        DealRow.announced_on <= f.announced_to if f.announced_to else None,
        DealRow.value >= f.min_value if f.min_value is not None else None,
        DealRow.value <= f.max_value if f.max_value is not None else None,
    ]
    return [c for c in conditions if c is not None]


def _deal(row: Any, parties: list[Party], sources: list[Any]) -> Deal:
    amount = None
    if row.value is not None:
        amount = Amount(
            value=row.value,
            unit=row.unit,
            bound=row.bound or "exact",
            low=row.low,
            high=row.high,
            original=original_of(row),
            fx=fx_of(row),
        )
    return Deal(
        id=row.id,
        kind=row.kind,
        title=row.title,
        parties=parties,
        value=amount,
        duration=row.duration,
        announced_on=row.announced_on,
        status=row.status,
        sources=sources,
    )
