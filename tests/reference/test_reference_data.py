"""The bundled reference data: idempotent loading and internal consistency."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from service.models import (
    Citation,
    Company,
    CompanyAlias,
    Deal,
    DealParty,
    Figure,
    Metric,
    ReferenceLoad,
    Source,
)
from service.models.base import Base
from service.reference.loader import load_reference_data
from service.reference.schema import RefDeal, RefFigure
from tests.helpers import reference_data

COUNTED = (Metric, Company, CompanyAlias, Source, Figure, Deal, DealParty, Citation)


async def _counts(session: AsyncSession) -> dict[str, int]:
    counts: dict[str, int] = {}
    for model in COUNTED:
        counts[model.__tablename__] = (
            await session.execute(select(func.count()).select_from(model))
        ).scalar_one()
    return counts


async def test_loading_the_same_version_again_is_a_no_op(session: AsyncSession) -> None:
    before = await _counts(session)

    loaded = await load_reference_data(session)

    assert loaded is False
    assert await _counts(session) == before


async def test_reloading_after_forgetting_the_version_duplicates_nothing(
    session: AsyncSession,
) -> None:
    before = await _counts(session)
    await session.execute(delete(ReferenceLoad))

    loaded = await load_reference_data(session)

    assert loaded is True
    assert await _counts(session) == before
    assert (await session.execute(select(func.count()).select_from(ReferenceLoad))).scalar_one()


@pytest.mark.parametrize("model", [Metric, Company, Source, Figure, Deal])
async def test_every_reference_record_is_in_the_database(
    session: AsyncSession, model: type[Base]
) -> None:
    data = reference_data()
    expected = {
        Metric: len(data.metrics),
        Company: len(data.companies),
        Source: len(data.sources),
        Figure: len(data.figures),
        Deal: len(data.deals),
    }[model]

    count = (await session.execute(select(func.count()).select_from(model))).scalar_one()

    assert count >= expected


async def test_every_citation_has_a_quote_and_a_span_that_fits_in_it(
    session: AsyncSession,
) -> None:
    citations = (await session.execute(select(Citation))).scalars().all()

    assert citations
    for citation in citations:
        assert citation.quote.strip()
        assert 0 <= citation.start_offset < citation.end_offset
        assert citation.end_offset - citation.start_offset <= len(citation.quote)


async def test_every_figure_is_in_its_metrics_canonical_unit(session: AsyncSession) -> None:
    mismatched = (
        await session.execute(
            select(Figure.id, Figure.metric_slug, Figure.unit, Metric.unit)
            .join(Metric, Metric.slug == Figure.metric_slug)
            .where(Figure.unit != Metric.unit)
        )
    ).all()

    assert mismatched == []


def test_reference_file_figures_use_their_metrics_units() -> None:
    data = reference_data()
    units = {metric.slug: metric.unit for metric in data.metrics}

    assert [f.key for f in data.figures if units[f.metric] != f.unit] == []


def test_reference_file_citations_name_known_sources() -> None:
    data = reference_data()
    keys = {source.key for source in data.sources}
    facts: list[RefFigure | RefDeal] = [*data.figures, *data.deals]

    assert [c.source for fact in facts for c in fact.citations if c.source not in keys] == []
