"""Figures written by hand: created (or corroborated), corrected and deprecated, with history."""

from __future__ import annotations

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from service.admin.curation import (
    Action,
    Curated,
    History,
    Snapshot,
    check_companies_exist,
    citing,
    fit_to_metric,
    live_fact_for_update,
    metric_named,
    now,
    read_value,
    snapshot_of,
    value_language,
)
from service.admin.curation_schemas import FigureCreate, FigureUpdate, PeriodInput
from service.errors import InvalidInputError
from service.figures.schemas import Figure
from service.figures.service import FigureService
from service.ingest.confidence import CURATED
from service.ingest.store import FactStore, amount_columns
from service.models import Figure as FigureRow
from service.ranking import group_of, refresh_figure_ranks


class FigureCurator:
    """Writes figures on an administrator's behalf; flushes, never commits."""

    def __init__(self, session: AsyncSession, actor: str) -> None:
        self.session = session
        self.history = History(session, actor)
        self.figures = FigureService(session)

    async def create(self, data: FigureCreate) -> Curated[Figure]:
        """Store the figure, or cite the equal figure already stored (the ingestion's rule)."""
        cited = await citing(self.session, data)
        await check_companies_exist(self.session, {data.company})
        metric = await metric_named(self.session, data.metric)
        language = value_language(data.language, cited)
        quantity = fit_to_metric(read_value(data.value, language, data.as_of), metric)
        _check_period(data.period)
        store = FactStore(self.session)
        figure_id = await store.same_figure(
            data.company, data.metric, data.period.start, data.period.end, quantity
        )
        before = None if figure_id is None else await self._snapshot(figure_id)
        if figure_id is None:
            row = FigureRow(
                company_slug=data.company,
                metric_slug=data.metric,
                period_start=data.period.start,
                period_end=data.period.end,
                period_precision=data.period.precision,
                status=data.status,
                basis=data.basis,
                **amount_columns(quantity),
            )
            self.session.add(row)
            await self.session.flush()
            figure_id = row.id
        if cited is not None:
            await store.cite(cited.source.id, cited.mention, figure_id=figure_id)
        await refresh_figure_ranks(self.session, [(data.company, data.metric, *data.period.key)])
        after = await self._snapshot(figure_id)
        if after != before:
            action: Action = "create" if before is None else "update"
            await self.history.record("figure", figure_id, action, before, after)
        return Curated(fact=await self.figures.get(figure_id), created=before is None)

    async def update(self, figure_id: int, data: FigureUpdate) -> Figure:
        """Change the fields given; a new value is normalised again."""
        row = await live_fact_for_update(self.session, FigureRow, figure_id, "figure")
        before = await self._snapshot(figure_id)
        group_before = group_of(row)
        if data.company is not msgspec.UNSET:
            await check_companies_exist(self.session, {data.company})
            row.company_slug = data.company
        metric = await metric_named(
            self.session, row.metric_slug if data.metric is msgspec.UNSET else data.metric
        )
        if data.value is not msgspec.UNSET:
            language = value_language(data.language, None)
            quantity = fit_to_metric(read_value(data.value, language, data.as_of), metric)
            for column, value in amount_columns(quantity).items():
                setattr(row, column, value)
        elif row.unit != metric.unit:
            raise InvalidInputError(
                f"figure {figure_id} is in {row.unit}, metric {metric.slug!r} in {metric.unit}: "
                "give a value in the metric's unit"
            )
        row.metric_slug = metric.slug
        if data.period is not msgspec.UNSET:
            _check_period(data.period)
            row.period_start, row.period_end = data.period.start, data.period.end
            row.period_precision = data.period.precision
        if data.status is not msgspec.UNSET:
            row.status = data.status
        if data.basis is not msgspec.UNSET:
            row.basis = data.basis
        for column, value in CURATED.items():
            setattr(row, column, value)
        await self.session.flush()
        await refresh_figure_ranks(self.session, [group_before, group_of(row)])
        await self.history.record(
            "figure", figure_id, "update", before, await self._snapshot(figure_id)
        )
        return await self.figures.get(figure_id)

    async def deprecate(self, figure_id: int, reason: str) -> None:
        """Withdraw the figure from the public API, keeping it and why."""
        if not reason.strip():
            raise InvalidInputError("reason must say why the figure is deprecated")
        row = await live_fact_for_update(self.session, FigureRow, figure_id, "figure")
        before = await self._snapshot(figure_id)
        row.deprecated_at = await now(self.session)
        row.deprecated_reason = reason.strip()
        await self.session.flush()
        await refresh_figure_ranks(self.session, [group_of(row)])
        await self.history.record(
            "figure", figure_id, "deprecate", before, await self._snapshot(figure_id)
        )

    async def _snapshot(self, figure_id: int) -> Snapshot:
        figure = await self.figures.get(figure_id, include_deprecated=True)
        row = await self.session.get_one(FigureRow, figure_id)
        return snapshot_of(
            figure, deprecated_at=row.deprecated_at, deprecated_reason=row.deprecated_reason
        )


def _check_period(period: PeriodInput) -> None:
    if period.start > period.end:
        raise InvalidInputError(f"period starts ({period.start}) after it ends ({period.end})")
