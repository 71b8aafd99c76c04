"""Figures written by hand: created (or corroborated), corrected and deprecated, with history."""

from __future__ import annotations

import msgspec

from service.domain.errors import InvalidInputError
from service.facts.curation import (
    Curated,
    Curator,
    Snapshot,
    check_companies_exist,
    citing,
    deprecate_fact,
    fact_snapshot,
    fit_to_metric,
    live_fact_for_update,
    metric_named,
    read_value,
    value_language,
)
from service.facts.ranking import group_of, refresh_figure_ranks
from service.facts.store import amount_columns
from service.figures.schemas import Figure, FigureCreate, FigureUpdate, PeriodInput
from service.figures.service import FigureService
from service.ingest.confidence import CURATED
from service.models import Figure as FigureRow


class FigureCurator(Curator):
    """Writes figures on an administrator's behalf; flushes, never commits."""

    async def create(self, data: FigureCreate) -> Curated[Figure]:
        """Store the figure, or cite the equal figure already stored (the ingestion's rule)."""
        cited = await citing(self.session, data)
        await check_companies_exist(self.session, {data.company})
        metric = await metric_named(self.session, data.metric)
        language = value_language(data.language, cited)
        quantity = fit_to_metric(read_value(data.value, language, data.as_of), metric)
        _check_period(data.period)
        figure_id = await self.store.same_figure(
            data.company, data.metric, data.period.start, data.period.end, quantity
        )
        before = None if figure_id is None else await self._snapshot(figure_id)
        if figure_id is None:
            figure_id = await self.store.insert_figure(
                quantity,
                company_slug=data.company,
                metric_slug=data.metric,
                period_start=data.period.start,
                period_end=data.period.end,
                period_precision=data.period.precision,
                status=data.status,
                basis=data.basis,
            )
        if cited is not None:
            await self.store.cite(cited.source.id, cited.mention, figure_id=figure_id)
        await refresh_figure_ranks(self.session, [(data.company, data.metric, *data.period.key)])
        await self.history.record_curated(
            "figure", figure_id, before, await self._snapshot(figure_id)
        )
        return Curated(
            fact=await FigureService(self.session).get(figure_id), created=before is None
        )

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
        return await FigureService(self.session).get(figure_id)

    async def deprecate(self, figure_id: int, reason: str) -> None:
        """Withdraw the figure from the public API, keeping it and why."""
        row, before = await deprecate_fact(
            self.session, FigureRow, figure_id, reason, self._snapshot
        )
        await refresh_figure_ranks(self.session, [group_of(row)])
        await self.history.record(
            "figure", figure_id, "deprecate", before, await self._snapshot(figure_id)
        )

    async def _snapshot(self, figure_id: int) -> Snapshot:
        figure = await FigureService(self.session).get(figure_id, include_deprecated=True)
        return await fact_snapshot(self.session, FigureRow, figure, figure_id)


def _check_period(period: PeriodInput) -> None:
    if period.start > period.end:
        raise InvalidInputError(f"period starts ({period.start}) after it ends ({period.end})")
