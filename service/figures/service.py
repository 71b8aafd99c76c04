"""Queries over figures."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import msgspec
from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncSession

from service.errors import NotFoundError
from service.figures.schemas import Figure, Period
from service.models import Citation, Metric
from service.models import Figure as FigureRow
from service.values import citations_by_fact, fx_of, ids_of, original_of

_COLUMNS = (
    FigureRow.id,
    FigureRow.company_slug,
    FigureRow.metric_slug,
    FigureRow.value,
    FigureRow.unit,
    FigureRow.bound,
    FigureRow.low,
    FigureRow.high,
    FigureRow.period_start,
    FigureRow.period_end,
    FigureRow.period_precision,
    FigureRow.status,
    FigureRow.original_text,
    FigureRow.original_value,
    FigureRow.original_unit,
    FigureRow.fx_rate,
    FigureRow.fx_date,
    FigureRow.fx_source,
)


class FigureFilter(msgspec.Struct, kw_only=True):
    """What a figure list may be narrowed by."""

    company: str | None = None
    metric: str | None = None
    kind: str | None = None
    status: str | None = None
    source: int | None = None
    period_from: date | None = None
    period_to: date | None = None
    min_value: Decimal | None = None
    max_value: Decimal | None = None


class FigureService:
    """Reads figures with their citations."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, figure_id: int, *, include_deprecated: bool = False) -> Figure:
        """One figure; NotFoundError if there is none with that id (or it is deprecated)."""
        stmt = select(*_COLUMNS).where(FigureRow.id == figure_id)
        if not include_deprecated:
            stmt = stmt.where(FigureRow.deprecated_at.is_(None))
        rows = (await self.session.execute(stmt)).all()
        if not rows:
            raise NotFoundError(f"no figure with id {figure_id}")
        return (await self._with_citations(rows))[0]

    async def page(self, filters: FigureFilter, *, after: int | None, limit: int) -> list[Figure]:
        """Up to `limit` + 1 current figures after id `after` (one extra: a next page exists)."""
        stmt = select(*_COLUMNS).where(FigureRow.deprecated_at.is_(None), *_conditions(filters))
        if after is not None:
            stmt = stmt.where(FigureRow.id > after)
        rows = (await self.session.execute(stmt.order_by(FigureRow.id).limit(limit + 1))).all()
        return await self._with_citations(rows)

    async def _with_citations(self, rows: Sequence[Any]) -> list[Figure]:
        citations = await citations_by_fact(self.session, Citation.figure_id, ids_of(rows))
        return [_figure(row, citations.get(row.id, [])) for row in rows]


def _conditions(f: FigureFilter) -> list[ColumnElement[bool]]:
    conditions = [
        FigureRow.company_slug == f.company if f.company else None,
        FigureRow.metric_slug == f.metric if f.metric else None,
        FigureRow.metric_slug.in_(select(Metric.slug).where(Metric.kind == f.kind))
        if f.kind
        else None,
        FigureRow.status == f.status if f.status else None,
        FigureRow.id.in_(select(Citation.figure_id).where(Citation.source_id == f.source))
        if f.source is not None
        else None,
        FigureRow.period_end >= f.period_from if f.period_from else None,
        FigureRow.period_start <= f.period_to if f.period_to else None,
        FigureRow.value >= f.min_value if f.min_value is not None else None,
        FigureRow.value <= f.max_value if f.max_value is not None else None,
    ]
    return [c for c in conditions if c is not None]


def _figure(row: Any, sources: list[Any]) -> Figure:
    return Figure(
        id=row.id,
        company=row.company_slug,
        metric=row.metric_slug,
        value=row.value,
        unit=row.unit,
        bound=row.bound,
        low=row.low,
        high=row.high,
        period=Period(start=row.period_start, end=row.period_end, precision=row.period_precision),
        status=row.status,
        original=original_of(row),
        fx=fx_of(row),
        sources=sources,
    )
