"""Exports of figures and deals: one query read through a server-side cursor, in batches.

An export owns its session (so its connection and transaction) from the first batch to the
last: the request's session is committed when the handler returns, long before the stream
ends. Being one statement, the whole export reads one snapshot of the database. Only a batch of
rows and its encoded text are in memory at a time.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable
from datetime import date, datetime
from typing import Any, Final

import anyio
import msgspec
from sqlalchemy import ColumnElement, Select, Text, case, func, literal, select, true
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncResult, AsyncSession, async_sessionmaker
from sqlalchemy.orm import InstrumentedAttribute

from service.export.formats import RowEncoder
from service.models import Citation, DealParty
from service.models import Deal as DealRow
from service.models import Figure as FigureRow

BATCH_ROWS: Final = 2000
"""Rows fetched from the cursor, encoded and sent at a time."""


class FigureExportFilter(msgspec.Struct, kw_only=True):
    """What a figure export may be narrowed by."""

    company: str | None = None
    metric: str | None = None
    status: str | None = None
    period_from: date | None = None
    period_to: date | None = None
    updated_since: datetime | None = None
    include_all: bool = False


class DealExportFilter(msgspec.Struct, kw_only=True):
    """What a deal export may be narrowed by."""

    company: str | None = None
    kind: str | None = None
    status: str | None = None
    updated_since: datetime | None = None
    include_all: bool = False


def _exact(column: InstrumentedAttribute[Any]) -> ColumnElement[str]:
    """A NUMERIC as PostgreSQL writes it (never an exponent), without trailing zeros."""
    return func.trim_scale(column).cast(Text)


def _cited(fact_column: InstrumentedAttribute[int | None], fact_id: Any) -> Any:
    """Per fact, the citations as four parallel arrays in source order (NULL if none)."""
    order = (Citation.source_id, Citation.start_offset)
    return (
        select(
            func.array_agg(aggregate_order_by(Citation.source_id, *order)).label("c_sources"),
            func.array_agg(aggregate_order_by(Citation.quote, *order)).label("c_quotes"),
            func.array_agg(aggregate_order_by(Citation.start_offset, *order)).label("c_starts"),
            func.array_agg(aggregate_order_by(Citation.end_offset, *order)).label("c_ends"),
        )
        .where(fact_column == fact_id)
        .lateral("cited")
    )


def _rank(
    stored: ColumnElement[str] | InstrumentedAttribute[str],
    deprecated_at: InstrumentedAttribute[Any],
) -> Any:
    return case((deprecated_at.is_not(None), literal("deprecated")), else_=stored)


_FIGURE_CITED = _cited(Citation.figure_id, FigureRow.id)
_FIGURE_SELECT = (
    FigureRow.id, FigureRow.company_slug, FigureRow.metric_slug, _exact(FigureRow.value),
    FigureRow.unit, FigureRow.bound, _exact(FigureRow.low), _exact(FigureRow.high),
    FigureRow.period_start, FigureRow.period_end, FigureRow.period_precision, FigureRow.status,
    FigureRow.basis, _rank(FigureRow.rank, FigureRow.deprecated_at), FigureRow.original_text,
    _exact(FigureRow.original_value), FigureRow.original_unit, _exact(FigureRow.fx_rate),
    FigureRow.fx_date, FigureRow.fx_source, FigureRow.updated_at, *_FIGURE_CITED.c,
)  # fmt: skip
"""FIGURE_COLUMNS, then the citation arrays."""

_DEAL_CITED = _cited(Citation.deal_id, DealRow.id)
_PARTY_ORDER = (DealParty.role, DealParty.company_slug)
_DEAL_PARTIES = (
    select(
        func.array_agg(aggregate_order_by(DealParty.company_slug, *_PARTY_ORDER)).label(
            "companies"
        ),
        func.array_agg(aggregate_order_by(DealParty.role, *_PARTY_ORDER)).label("roles"),
    )
    .where(DealParty.deal_id == DealRow.id)
    .lateral("parties")
)
_DEAL_SELECT = (
    DealRow.id, DealRow.kind, DealRow.title, DealRow.status, DealRow.announced_on,
    DealRow.duration, _exact(DealRow.value), DealRow.unit, DealRow.bound, _exact(DealRow.low),
    _exact(DealRow.high), DealRow.original_text, _exact(DealRow.original_value),
    DealRow.original_unit, _exact(DealRow.fx_rate), DealRow.fx_date, DealRow.fx_source,
    _rank(literal("preferred"), DealRow.deprecated_at), DealRow.updated_at,
    *_DEAL_PARTIES.c, *_DEAL_CITED.c,
)  # fmt: skip
"""DEAL_COLUMNS, then the party arrays and the citation arrays."""


def figures_query(f: FigureExportFilter) -> Select[Any]:
    """The figure export: matching figures in id order, each with its citations."""
    conditions = [
        FigureRow.company_slug == f.company if f.company else None,
        FigureRow.metric_slug == f.metric if f.metric else None,
        FigureRow.status == f.status if f.status else None,
        FigureRow.period_end >= f.period_from if f.period_from else None,
        FigureRow.period_start <= f.period_to if f.period_to else None,
        FigureRow.updated_at >= f.updated_since if f.updated_since else None,
        None if f.include_all else FigureRow.deprecated_at.is_(None),
        None if f.include_all else FigureRow.rank == "preferred",
    ]
    return (
        select(*_FIGURE_SELECT)
        .select_from(FigureRow)
        .outerjoin(_FIGURE_CITED, true())
        .where(*[c for c in conditions if c is not None])
        .order_by(FigureRow.id)
    )


def deals_query(f: DealExportFilter) -> Select[Any]:
    """The deal export: matching deals in id order, each with its parties and citations."""
    conditions = [
        DealRow.id.in_(select(DealParty.deal_id).where(DealParty.company_slug == f.company))
        if f.company
        else None,
        DealRow.kind == f.kind if f.kind else None,
        DealRow.status == f.status if f.status else None,
        DealRow.updated_at >= f.updated_since if f.updated_since else None,
        None if f.include_all else DealRow.deprecated_at.is_(None),
    ]
    return (
        select(*_DEAL_SELECT)
        .select_from(DealRow)
        .outerjoin(_DEAL_PARTIES, true())
        .outerjoin(_DEAL_CITED, true())
        .where(*[c for c in conditions if c is not None])
        .order_by(DealRow.id)
    )


class Export:
    """An export under way: a session, its open cursor, and how to encode each batch."""

    def __init__(
        self, session: AsyncSession, result: AsyncResult[Any], encoder: RowEncoder
    ) -> None:
        self.session = session
        self.result = result
        self.encoder = encoder
        self._released = False

    async def chunks(self) -> AsyncGenerator[bytes, None]:
        """The encoded body, a batch at a time; the session is released when it ends or fails."""
        batches = self.result.partitions()
        try:
            if header := self.encoder.header():
                yield header
            while True:
                # A fetch cut off half-way (client gone) would break the connection: let it end.
                with anyio.CancelScope(shield=True):
                    batch = await anext(batches, None)
                if batch is None:
                    return
                yield self.encoder.encode(batch)
        finally:
            await self.release()

    async def release(self) -> None:
        """Close the cursor and the session (rolling back), even in a cancelled task."""
        if self._released:
            return
        self._released = True
        with anyio.CancelScope(shield=True):
            try:
                await self.result.close()
            finally:
                await self.session.close()


async def open_export(
    sessionmaker: async_sessionmaker[AsyncSession],
    stmt: Select[Any],
    encoder_of: Callable[[], RowEncoder],
) -> Export:
    """Run the export query in a session of its own and return it before the first row is read.

    Errors of the query itself (a database outage, a timeout) surface here, while the answer
    can still be a problem document.
    """
    session = sessionmaker()
    try:
        result = await session.stream(stmt.execution_options(yield_per=BATCH_ROWS))
    except BaseException:
        with anyio.CancelScope(shield=True):
            await session.close()
        raise
    return Export(session, result, encoder_of())
