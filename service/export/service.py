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
from sqlalchemy import ColumnElement, FromClause, Select, Text, case, func, literal, select, true
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.ext.asyncio import AsyncResult, AsyncSession, async_sessionmaker
from sqlalchemy.orm import InstrumentedAttribute

from service.domain.vocabulary import DealKind, DealStatus, FigureStatus
from service.export.formats import RowEncoder
from service.facts.ranking import ranked_claims
from service.facts.values import snapshot, table_at
from service.figures.service import figure_columns
from service.models import Citation, DealParty, Source
from service.models import Deal as DealRow
from service.models import DealVersion as DealVersionRow
from service.models import Figure as FigureRow
from service.models import FigureVersion as FigureVersionRow

BATCH_ROWS: Final = 2000
"""Rows fetched from the cursor, encoded and sent at a time."""


class FigureExportFilter(msgspec.Struct, kw_only=True):
    """What a figure export may be narrowed by, and as of which instant."""

    company: str | None = None
    metric: str | None = None
    status: FigureStatus | None = None
    period_from: date | None = None
    period_to: date | None = None
    updated_since: datetime | None = None
    include_all: bool = False
    as_of: datetime | None = None


class DealExportFilter(msgspec.Struct, kw_only=True):
    """What a deal export may be narrowed by, and as of which instant."""

    company: str | None = None
    kind: DealKind | None = None
    status: DealStatus | None = None
    updated_since: datetime | None = None
    include_all: bool = False
    as_of: datetime | None = None


def _exact(column: ColumnElement[Any]) -> ColumnElement[str]:
    """A NUMERIC as PostgreSQL writes it (never an exponent), without trailing zeros."""
    return func.trim_scale(column).cast(Text)


def _cited(
    fact_column: InstrumentedAttribute[int | None], fact_id: Any, as_of: datetime | None
) -> Any:
    """Per fact, the citations as four parallel arrays in source order (NULL if none).

    With `as_of`, only those known then: recorded then, from a source retrieved by then.
    """
    order = (Citation.source_id, Citation.start_offset)
    stmt = select(
        func.array_agg(aggregate_order_by(Citation.source_id, *order)).label("c_sources"),
        func.array_agg(aggregate_order_by(Citation.quote, *order)).label("c_quotes"),
        func.array_agg(aggregate_order_by(Citation.start_offset, *order)).label("c_starts"),
        func.array_agg(aggregate_order_by(Citation.end_offset, *order)).label("c_ends"),
    ).where(fact_column == fact_id)
    if as_of is not None:
        stmt = stmt.join(Source, Source.id == Citation.source_id).where(
            Citation.recorded_at <= as_of, Source.retrieved_at <= as_of
        )
    return stmt.lateral("cited")


def _rank(stored: ColumnElement[str], deprecated_at: ColumnElement[Any]) -> Any:
    return case((deprecated_at.is_not(None), literal("deprecated")), else_=stored)


def _figure_select(t: FromClause, cited: Any) -> tuple[Any, ...]:
    """FIGURE_COLUMNS of the figures `t`, then the citation arrays."""
    c = t.c
    return (
        c.id, c.company_slug, c.metric_slug, _exact(c.value), c.unit, c.bound, _exact(c.low),
        _exact(c.high), c.period_start, c.period_end, c.period_precision, c.status, c.basis,
        _rank(c.rank, c.deprecated_at), c.original_text, _exact(c.original_value),
        c.original_unit, _exact(c.fx_rate), c.fx_date, c.fx_source, c.updated_at, *cited.c,
    )  # fmt: skip


def _deal_parties(t: FromClause) -> Any:
    """Per deal, its parties as two parallel arrays (companies, roles) in role order."""
    order = (DealParty.role, DealParty.company_slug)
    return (
        select(
            func.array_agg(aggregate_order_by(DealParty.company_slug, *order)).label("companies"),
            func.array_agg(aggregate_order_by(DealParty.role, *order)).label("roles"),
        )
        .where(DealParty.deal_id == t.c.id)
        .lateral("parties")
    )


def _deal_select(t: FromClause, parties: Any, cited: Any) -> tuple[Any, ...]:
    """DEAL_COLUMNS of the deals `t`, then the party arrays and the citation arrays."""
    c = t.c
    return (
        c.id, c.kind, c.title, c.status, c.announced_on, c.duration, _exact(c.value), c.unit,
        c.bound, _exact(c.low), _exact(c.high), c.original_text, _exact(c.original_value),
        c.original_unit, _exact(c.fx_rate), c.fx_date, c.fx_source,
        _rank(literal("preferred"), c.deprecated_at), c.updated_at, *parties.c, *cited.c,
    )  # fmt: skip


def _figures_at(f: FigureExportFilter) -> FromClause:
    """The figure table, or the figures as they were at `as_of`, ranked as they were then.

    The rank of a past claim is computed by `service.facts.ranking` over the snapshot of its
    (whole) claim group and what was cited by then.
    """
    if f.as_of is None:
        return FigureRow.__table__
    figures = snapshot(FigureVersionRow, f.as_of, "figures_as_of")
    claims = snapshot(FigureVersionRow, f.as_of, "claims_as_of")
    ranked = ranked_claims(claims, as_of=f.as_of, where=_group_conditions(f, claims))
    rank = func.coalesce(ranked.c.rank, figures.c.rank)
    return (
        select(*figure_columns(figures, rank))
        .select_from(figures.outerjoin(ranked, ranked.c.id == figures.c.id))
        .subquery("ranked_as_of")
    )


def _group_conditions(f: FigureExportFilter, t: FromClause) -> list[ColumnElement[bool]]:
    """Filters that keep or drop whole claim groups (so ranks within them stay the same)."""
    conditions = [
        t.c.company_slug == f.company if f.company else None,
        t.c.metric_slug == f.metric if f.metric else None,
        t.c.period_end >= f.period_from if f.period_from else None,
        t.c.period_start <= f.period_to if f.period_to else None,
    ]
    return [c for c in conditions if c is not None]


def figures_query(f: FigureExportFilter) -> Select[Any]:
    """The figure export (as of `as_of`, if given): matching figures in id order, each cited."""
    t = _figures_at(f)
    cited = _FIGURE_CITED if f.as_of is None else _cited(Citation.figure_id, t.c.id, f.as_of)
    conditions = [
        t.c.status == f.status if f.status else None,
        t.c.updated_at >= f.updated_since if f.updated_since else None,
        None if f.include_all else t.c.deprecated_at.is_(None),
        None if f.include_all else t.c.rank == "preferred",
    ]
    return (
        select(*_figure_select(t, cited))
        .select_from(t)
        .outerjoin(cited, true())
        .where(*_group_conditions(f, t), *[c for c in conditions if c is not None])
        .order_by(t.c.id)
    )


def deals_query(f: DealExportFilter) -> Select[Any]:
    """The deal export (as of `as_of`, if given): matching deals in id order, each cited.

    Parties are today's, as in the deal reads.
    """
    t = table_at(DealRow, DealVersionRow, f.as_of, "deals_as_of")
    parties = _deal_parties(t)
    cited = _cited(Citation.deal_id, t.c.id, f.as_of)
    conditions = [
        t.c.id.in_(select(DealParty.deal_id).where(DealParty.company_slug == f.company))
        if f.company
        else None,
        t.c.kind == f.kind if f.kind else None,
        t.c.status == f.status if f.status else None,
        t.c.updated_at >= f.updated_since if f.updated_since else None,
        None if f.include_all else t.c.deprecated_at.is_(None),
    ]
    return (
        select(*_deal_select(t, parties, cited))
        .select_from(t)
        .outerjoin(parties, true())
        .outerjoin(cited, true())
        .where(*[c for c in conditions if c is not None])
        .order_by(t.c.id)
    )


_FIGURE_CITED = _cited(Citation.figure_id, FigureRow.__table__.c.id, None)
"""Today's citations of each figure."""


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
