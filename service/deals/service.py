"""Queries over deals: today's from the deal table, past ones from its versions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Final

import msgspec
from sqlalchemy import ARRAY, BigInteger, ColumnElement, FromClause, any_, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.prepared import Prepared
from service.db.reads import Reader
from service.deals.documents import PAGE_FILTERS, deal_document, page_document
from service.deals.schemas import Amount, Deal, DealVersion, Party
from service.domain.errors import NotFoundError
from service.domain.vocabulary import DealKind, DealStatus
from service.facts.history import cited_versions, version_fields
from service.facts.values import (
    AMOUNT_COLUMNS,
    DEPRECATION_COLUMNS,
    TODAY,
    Reading,
    SourceCitation,
    citations_by_fact,
    cited_from,
    deprecation_of,
    display_of,
    fx_of,
    ids_of,
    json_value,
    original_of,
    table_at,
)
from service.models import Citation, DealParty
from service.models import Deal as DealRow
from service.models import DealVersion as DealVersionRow

_NAMES = (
    "id",
    "kind",
    "title",
    "duration",
    "announced_on",
    "status",
    *AMOUNT_COLUMNS,
    *DEPRECATION_COLUMNS,
    "confidence",
    "confidence_signals",
    "updated_at",
)


class DealFilter(msgspec.Struct, kw_only=True):
    """What a deal list may be narrowed by."""

    company: str | None = None
    kind: DealKind | None = None
    status: DealStatus | None = None
    source: int | None = None
    announced_from: date | None = None
    announced_to: date | None = None
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    updated_since: datetime | None = None
    min_confidence: float | None = None


class DealService:
    """Reads deals with their parties and citations, today or as of an instant."""

    def __init__(self, session: AsyncSession, reader: Reader | None = None) -> None:
        """Reads on `session`, and the one-statement documents on `reader` if given."""
        self.session = session
        self.reader = reader

    async def document(self, deal_id: int, reading: Reading) -> bytes | None:
        """The JSON body of `get`, written by PostgreSQL in one statement, when it can be.

        None when the read needs the general path (as-of, `include=all`, a display currency,
        a number the one statement cannot write exactly).
        """
        if self.reader is None or reading != TODAY:
            return None
        body = await deal_document(self.reader, deal_id)
        if body == b"":
            raise _missing(deal_id)
        return body

    async def page_document(
        self, filters: DealFilter, reading: Reading, *, after: int | None, limit: int
    ) -> bytes | None:
        """The JSON body of the `DealPage` of `page`, written by PostgreSQL, when it can be."""
        if self.reader is None or reading != TODAY:
            return None
        return await today_page_document(self.reader, filters, after=after, limit=limit)

    async def get(
        self, deal_id: int, reading: Reading = TODAY, *, include_deprecated: bool = False
    ) -> Deal:
        """One deal; NotFoundError if there is none with that id (or it is deprecated)."""
        table = table_at(DealRow, DealVersionRow, reading.as_of)
        stmt = select(*_columns(table)).where(table.c.id == deal_id)
        if not (include_deprecated or reading.include_all):
            stmt = stmt.where(table.c.deprecated_at.is_(None))
        rows = (await self.session.execute(stmt)).all()
        if not rows:
            raise _missing(deal_id)
        return (await self._complete(rows, reading))[0]

    async def page(
        self, filters: DealFilter, reading: Reading, *, after: int | None, limit: int
    ) -> list[Deal]:
        """Up to `limit` + 1 deals after id `after` (live ones unless `include_all`)."""
        table = table_at(DealRow, DealVersionRow, reading.as_of)
        stmt = select(*_columns(table)).where(*_conditions(filters, table, reading.as_of))
        if not reading.include_all:
            stmt = stmt.where(table.c.deprecated_at.is_(None))
        if after is not None:
            stmt = stmt.where(table.c.id > after)
        rows = (await self.session.execute(stmt.order_by(table.c.id).limit(limit + 1))).all()
        return await self._complete(rows, reading)

    async def history(self, deal_id: int) -> list[DealVersion]:
        """Every version of a deal, oldest first; NotFoundError if it never existed."""
        versions = await cited_versions(
            self.session, DealVersionRow, Citation.deal_id, deal_id, "deal"
        )
        parties = (await self._parties([deal_id])).get(deal_id, [])
        return [
            DealVersion(**version_fields(v), deal=_deal(v, parties, cited, None))
            for v, cited in versions
        ]

    async def _complete(self, rows: Sequence[Any], reading: Reading) -> list[Deal]:
        ids = ids_of(rows)
        citations = await citations_by_fact(self.session, Citation.deal_id, ids, reading.as_of)
        parties = await self._parties(ids)
        return [
            _deal(row, parties.get(row.id, []), citations.get(row.id, []), reading.currency)
            for row in rows
        ]

    async def _parties(self, ids: list[int]) -> dict[int, list[Party]]:
        if not ids:
            return {}
        grouped: dict[int, list[Party]] = defaultdict(list)
        for row in await _PARTIES.fetch(self.session, ids=ids):
            grouped[row.deal_id].append(Party(company=row.company_slug, role=row.role))
        return grouped


async def today_page_document(
    reader: Reader, filters: DealFilter, *, after: int | None, limit: int
) -> bytes | None:
    """The JSON body of today's `DealPage` of `filters`, written by PostgreSQL, when it can be.

    None unless the filters are only party, kind and status and every document is exact.
    """
    given = {name for name in filters.__struct_fields__ if getattr(filters, name) is not None}
    if not given <= _SIMPLE:
        return None
    values: dict[str, Any] = {
        name: value for name in PAGE_FILTERS if (value := getattr(filters, name))
    }
    if after is not None:
        values["after"] = after
    return await page_document(reader, values, limit)


_SIMPLE: Final = frozenset(PAGE_FILTERS)


def _missing(deal_id: int) -> NotFoundError:
    return NotFoundError(f"no deal with id {deal_id}")


def _columns(table: FromClause) -> list[ColumnElement[Any]]:
    return [table.c[name] for name in _NAMES]


def _conditions(f: DealFilter, t: FromClause, as_of: datetime | None) -> list[ColumnElement[bool]]:
    conditions = [
        t.c.id.in_(select(DealParty.deal_id).where(DealParty.company_slug == f.company))
        if f.company
        else None,
        t.c.kind == f.kind if f.kind else None,
        t.c.status == f.status if f.status else None,
        t.c.id.in_(cited_from(Citation.deal_id, f.source, as_of)) if f.source is not None else None,
        t.c.announced_on >= f.announced_from if f.announced_from else None,
        t.c.announced_on <= f.announced_to if f.announced_to else None,
        t.c.value >= f.min_value if f.min_value is not None else None,
        t.c.value <= f.max_value if f.max_value is not None else None,
        t.c.updated_at >= f.updated_since if f.updated_since is not None else None,
        t.c.confidence >= f.min_confidence if f.min_confidence is not None else None,
    ]
    return [c for c in conditions if c is not None]


def _deal(
    row: Any, parties: list[Party], sources: list[SourceCitation], currency: str | None
) -> Deal:
    amount = None
    if row.value is not None:
        amount = Amount(
            value=row.value,
            unit=row.unit,
            bound=row.bound or "exact",
            low=row.low,
            high=row.high,
            vague=row.vague,
            original=original_of(row),
            fx=fx_of(row),
            display=display_of(currency, row, row.fx_date or row.announced_on),
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
        rank="deprecated" if row.deprecated_at is not None else "preferred",
        confidence=row.confidence,
        confidence_signals=json_value(row.confidence_signals),
        deprecation=deprecation_of(row),
        updated_at=row.updated_at,
    )


_PARTIES = Prepared(
    select(DealParty.deal_id, DealParty.company_slug, DealParty.role)
    .where(DealParty.deal_id == any_(bindparam("ids", type_=ARRAY(BigInteger))))
    .order_by(DealParty.deal_id, DealParty.role, DealParty.company_slug)
)
