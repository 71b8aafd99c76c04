"""The bundled reference data: idempotent loading and internal consistency."""

from __future__ import annotations

from datetime import UTC, datetime, time

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
    FigureVersion,
    Metric,
    ReferenceLoad,
    Source,
)
from service.models.base import Base
from service.reference.loader import load_reference_data
from service.reference.schema import RefDeal, RefFigure
from tests.helpers import reference_data

REVENUE_JULY = "openai-revenue-2025-07"
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


async def test_a_reference_figure_is_known_from_its_earliest_sources_publication(
    session: AsyncSession,
) -> None:
    figure_id = await session.scalar(select(Figure.id).where(Figure.ref_key == REVENUE_JULY))
    first_published = await session.scalar(
        select(func.min(Source.published_on))
        .join(Citation, Citation.source_id == Source.id)
        .where(Citation.figure_id == figure_id)
    )
    recorded_at = await session.scalar(
        select(FigureVersion.recorded_at).where(
            FigureVersion.id == figure_id, FigureVersion.version == 1
        )
    )
    assert first_published is not None
    assert recorded_at is not None
    assert recorded_at == datetime.combine(first_published, time(), tzinfo=UTC)
    assert recorded_at < datetime.now(UTC)


async def test_reference_citations_are_known_from_their_sources_publication(
    session: AsyncSession,
) -> None:
    late = await session.scalar(
        select(func.count())
        .select_from(Citation)
        .join(Source, Source.id == Citation.source_id)
        .where(
            Source.published_on.is_not(None),
            func.date(func.timezone("UTC", Citation.recorded_at)) != Source.published_on,
            Citation.figure_id.in_(select(Figure.id).where(Figure.ref_key.is_not(None))),
        )
    )
    assert late == 0


async def test_reload_gives_a_language_to_an_alias_an_older_file_left_language_free(
    session: AsyncSession,
) -> None:
    bound = [
        (company.slug, alias.alias, alias.language)
        for company in reference_data().companies
        for alias in company.aliases
        if alias.language is not None and alias.alias != company.name
    ]
    slug, name, language = bound[0]
    key = CompanyAlias.key_of(name)
    session.add(CompanyAlias(company_slug=slug, alias=name, alias_key=key, language=None))
    await session.execute(delete(ReferenceLoad))

    await load_reference_data(session)

    languages = await session.scalars(
        select(CompanyAlias.language).where(
            CompanyAlias.company_slug == slug, CompanyAlias.alias_key == key
        )
    )
    assert list(languages) == [language]
