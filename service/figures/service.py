"""Queries over figures: today's from the figure table, past ones from its versions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any, Final

import msgspec
from sqlalchemy import ColumnElement, FromClause, bindparam, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.prepared import Prepared
from service.db.reads import Reader
from service.domain.errors import NotFoundError
from service.domain.vocabulary import FigureStatus, MetricKind
from service.facts.history import cited_versions, version_fields
from service.facts.ranking import CLAIM_GROUP_COLUMNS, ranked_claims
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
    snapshot,
)
from service.figures.documents import PAGE_FILTERS, figure_document, page_document
from service.figures.schemas import Figure, FigureVersion, Period
from service.models import Citation, Metric
from service.models import Figure as FigureRow
from service.models import FigureVersion as FigureVersionRow

_NAMES = (
    "id",
    "company_slug",
    "metric_slug",
    *AMOUNT_COLUMNS,
    "period_start",
    "period_end",
    "period_precision",
    "status",
    "basis",
    "rank",
    "confidence",
    "confidence_signals",
    *DEPRECATION_COLUMNS,
    "updated_at",
)

GroupConditions = Callable[[FromClause], list[ColumnElement[bool]]]
"""Conditions on a figures table keeping whole claim groups."""


class FigureFilter(msgspec.Struct, kw_only=True):
    """What a figure list may be narrowed by."""

    company: str | None = None
    metric: str | None = None
    kind: MetricKind | None = None
    status: FigureStatus | None = None
    source: int | None = None
    period_from: date | None = None
    period_to: date | None = None
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    updated_since: datetime | None = None
    min_confidence: float | None = None


class FigureService:
    """Reads figures with their citations, today or as of an instant."""

    def __init__(self, session: AsyncSession, reader: Reader | None = None) -> None:
        """Reads on `session`, and the one-statement documents on `reader` if given."""
        self.session = session
        self.reader = reader

    async def document(self, figure_id: int, reading: Reading) -> bytes | None:
        """The JSON body of `get`, written by PostgreSQL in one statement, when it can be.

        None when the read needs the general path (as-of, `include=all`, a display currency,
        a number the one statement cannot write exactly).
        """
        if self.reader is None or reading != TODAY:
            return None
        body = await figure_document(self.reader, figure_id)
        if body == b"":
            raise _missing(figure_id)
        return body

    async def page_document(
        self, filters: FigureFilter, reading: Reading, *, after: int | None, limit: int
    ) -> bytes | None:
        """The JSON body of the `FigurePage` of `page`, written by PostgreSQL, when it can be."""
        if self.reader is None or reading != TODAY:
            return None
        return await today_page_document(self.reader, filters, after=after, limit=limit)

    async def get(
        self, figure_id: int, reading: Reading = TODAY, *, include_deprecated: bool = False
    ) -> Figure:
        """One figure whatever its rank; NotFoundError if there is none (or it is deprecated)."""
        live_only = not (include_deprecated or reading.include_all)
        if reading.as_of is None and live_only:
            rows = await _TODAY_BY_ID.fetch(self.session, id=figure_id)
        else:
            table = _table(reading, _same_group_as(figure_id, reading.as_of))
            stmt = select(*figure_columns(table)).where(table.c.id == figure_id)
            if live_only:
                stmt = stmt.where(table.c.deprecated_at.is_(None))
            rows = (await self.session.execute(stmt)).all()
        if not rows:
            raise _missing(figure_id)
        return (await self._with_citations(rows, reading))[0]

    async def page(
        self, filters: FigureFilter, reading: Reading, *, after: int | None, limit: int
    ) -> list[Figure]:
        """Up to `limit` + 1 figures after id `after` (one extra: a next page exists).

        Only `preferred` claims unless `include_all`, which adds `normal` and deprecated ones.
        """
        if (simple := _simple_filters(filters, reading, after)) is not None:
            rows = await _today_page(tuple(simple)).fetch(self.session, limit=limit + 1, **simple)
            return await self._with_citations(rows, reading)
        table = _table(reading, lambda t: _group_conditions(filters, t))
        stmt = select(*figure_columns(table)).where(
            *_group_conditions(filters, table), *_claim_conditions(filters, table, reading.as_of)
        )
        if not reading.include_all:
            stmt = stmt.where(table.c.deprecated_at.is_(None), table.c.rank == "preferred")
        if after is not None:
            stmt = stmt.where(table.c.id > after)
        rows = (await self.session.execute(stmt.order_by(table.c.id).limit(limit + 1))).all()
        return await self._with_citations(rows, reading)

    async def history(self, figure_id: int) -> list[FigureVersion]:
        """Every version of a figure, oldest first; NotFoundError if it never existed."""
        versions = await cited_versions(
            self.session, FigureVersionRow, Citation.figure_id, figure_id, "figure"
        )
        return [
            FigureVersion(**version_fields(v), figure=figure_of(v, cited, None))
            for v, cited in versions
        ]

    async def _with_citations(self, rows: Sequence[Any], reading: Reading) -> list[Figure]:
        ids = ids_of(rows)
        citations = await citations_by_fact(self.session, Citation.figure_id, ids, reading.as_of)
        return [figure_of(row, citations.get(row.id, []), reading.currency) for row in rows]


def _missing(figure_id: int) -> NotFoundError:
    return NotFoundError(f"no figure with id {figure_id}")


def figure_columns(
    table: FromClause, rank: ColumnElement[str] | None = None
) -> list[ColumnElement[Any]]:
    """The columns `figure_of` reads, from the figure table or a snapshot of it.

    `rank`, when given, stands for the stored rank (e.g. a rank computed as of an instant).
    """
    if rank is None:
        return [table.c[name] for name in _NAMES]
    return [rank.label("rank") if name == "rank" else table.c[name] for name in _NAMES]


def _table(reading: Reading, groups: GroupConditions) -> FromClause:
    """The figure table, or the figures as they were at `as_of` ranked as they were then.

    `groups(table)` narrows the claim groups to rank (whole groups only); a past rank is
    computed by the rule of `service.facts.ranking` over the snapshot and what was cited by then.
    """
    if reading.as_of is None:
        return FigureRow.__table__
    figures = snapshot(FigureVersionRow, reading.as_of, "figures_as_of")
    claims = snapshot(FigureVersionRow, reading.as_of, "claims_as_of")
    ranked = ranked_claims(claims, as_of=reading.as_of, where=groups(claims))
    rank = func.coalesce(ranked.c.rank, figures.c.rank)
    return (
        select(*figure_columns(figures, rank))
        .select_from(figures.outerjoin(ranked, ranked.c.id == figures.c.id))
        .subquery("ranked_as_of")
    )


_TODAY = FigureRow.__table__
_TODAY_BY_ID = Prepared(
    select(*figure_columns(_TODAY)).where(
        _TODAY.c.id == bindparam("id"), _TODAY.c.deprecated_at.is_(None)
    )
)


async def today_page_document(
    reader: Reader, filters: FigureFilter, *, after: int | None, limit: int
) -> bytes | None:
    """The JSON body of today's `FigurePage` of `filters`, written by PostgreSQL, when it can be.

    None unless the filters are only company, metric and status and every document is exact.
    """
    if (values := _simple_filters(filters, TODAY, after)) is None:
        return None
    return await page_document(reader, values, limit)


_SIMPLE: Final = frozenset(PAGE_FILTERS)
"""The filters the fast path serves; any other field of FigureFilter takes the general path."""


def _simple_filters(f: FigureFilter, reading: Reading, after: int | None) -> dict[str, Any] | None:
    """The values of a today's page filtered only by company, metric and status; else None."""
    given = {name for name in f.__struct_fields__ if getattr(f, name) is not None}
    if reading.as_of is not None or reading.include_all or not given <= _SIMPLE:
        return None
    values = {name: value for name in sorted(_SIMPLE) if (value := getattr(f, name))}
    if after is not None:
        values["after"] = after
    return values


@cache
def _today_page(names: tuple[str, ...]) -> Prepared:
    """Today's preferred live figures by the named filters, in id order, `limit` at most."""
    conditions = {
        "company": _TODAY.c.company_slug == bindparam("company"),
        "metric": _TODAY.c.metric_slug == bindparam("metric"),
        "status": _TODAY.c.status == bindparam("status"),
        "after": _TODAY.c.id > bindparam("after"),
    }
    return Prepared(
        select(*figure_columns(_TODAY))
        .where(*(conditions[name] for name in names))
        .where(_TODAY.c.deprecated_at.is_(None), _TODAY.c.rank == "preferred")
        .order_by(_TODAY.c.id)
        .limit(bindparam("limit"))
    )


def _same_group_as(figure_id: int, as_of: datetime | None) -> GroupConditions:
    """Conditions keeping the claim group `figure_id` was in at `as_of`."""
    if as_of is None:
        return lambda _: []
    own = snapshot(FigureVersionRow, as_of, "own_as_of")
    group = select(*(own.c[name] for name in CLAIM_GROUP_COLUMNS)).where(own.c.id == figure_id)
    return lambda t: [tuple_(*(t.c[name] for name in CLAIM_GROUP_COLUMNS)).in_(group)]


def _group_conditions(f: FigureFilter, t: FromClause) -> list[ColumnElement[bool]]:
    """Filters that keep or drop whole claim groups (so ranks within them stay the same)."""
    conditions = [
        t.c.company_slug == f.company if f.company else None,
        t.c.metric_slug == f.metric if f.metric else None,
        t.c.metric_slug.in_(select(Metric.slug).where(Metric.kind == f.kind)) if f.kind else None,
        t.c.period_end >= f.period_from if f.period_from else None,
        t.c.period_start <= f.period_to if f.period_to else None,
    ]
    return [c for c in conditions if c is not None]


def _claim_conditions(
    f: FigureFilter, t: FromClause, as_of: datetime | None
) -> list[ColumnElement[bool]]:
    """Filters of single claims, applied after ranking."""
    conditions = [
        t.c.status == f.status if f.status else None,
        t.c.id.in_(cited_from(Citation.figure_id, f.source, as_of))
        if f.source is not None
        else None,
        t.c.value >= f.min_value if f.min_value is not None else None,
        t.c.value <= f.max_value if f.max_value is not None else None,
        t.c.updated_at >= f.updated_since if f.updated_since is not None else None,
        t.c.confidence >= f.min_confidence if f.min_confidence is not None else None,
    ]
    return [c for c in conditions if c is not None]


def figure_of(row: Any, sources: list[SourceCitation], currency: str | None) -> Figure:
    """The public figure of a row of `figure_columns`, cited by `sources`.

    Its rank is `deprecated` once deprecated, else the row's; money also in `currency` if given.
    """
    return Figure(
        id=row.id,
        company=row.company_slug,
        metric=row.metric_slug,
        value=row.value,
        unit=row.unit,
        bound=row.bound,
        low=row.low,
        high=row.high,
        vague=row.vague,
        period=Period(start=row.period_start, end=row.period_end, precision=row.period_precision),
        status=row.status,
        original=original_of(row),
        fx=fx_of(row),
        sources=sources,
        basis=row.basis,
        rank="deprecated" if row.deprecated_at is not None else row.rank,
        confidence=row.confidence,
        confidence_signals=json_value(row.confidence_signals),
        deprecation=deprecation_of(row),
        display=display_of(currency, row, row.fx_date or row.period_end),
        updated_at=row.updated_at,
    )
