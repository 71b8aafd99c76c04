"""Persisting extractions: companies, figures and deals, corroborated across sources."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal

import msgspec
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from service.facts.store import FactStore, GazetteerCache
from service.ingest.types import (
    DealParty,
    ExtractedDeal,
    ExtractedFigure,
    Extraction,
    Mention,
    NewCompany,
)
from service.models import Citation, Company, CompanyAlias, Deal, Figure, Source
from service.models import DealParty as DealPartyRow
from service.normalize import Bound, Fx, Original, Quantity

PERIOD = (date(2046, 1, 1), date(2046, 12, 31))
"""A year no reference figure and no article of another test covers.

Only this test's figures compete.
"""


def usd(
    value: str,
    *,
    bound: Bound = "exact",
    low: str | None = None,
    high: str | None = None,
    text: str = "some dollars",
    unit: str = "USD",
) -> Quantity:
    amount = Decimal(value)
    return Quantity(
        value=amount,
        unit=unit,
        kind="money",
        bound=bound,
        low=Decimal(low) if low else None,
        high=Decimal(high) if high else None,
        original=Original(value=amount, unit=unit),
        fx=None,
        start=0,
        end=len(text),
        text=text,
    )


def revenue(quantity: Quantity, *, at: int = 10, company: str = "openai") -> ExtractedFigure:
    return ExtractedFigure(
        company=company,
        metric="revenue",
        quantity=quantity,
        period_start=PERIOD[0],
        period_end=PERIOD[1],
        precision="year",
        status="actual",
        mention=Mention(quote=f"A sentence stating {quantity.text}.", start=at, end=at + 5),
    )


def cloud_deal(
    amount: Quantity | None, *, at: int = 50, parties: tuple[str, ...] = ("nvidia", "tsmc")
) -> ExtractedDeal:
    roles = ("customer", "provider", "partner")
    return ExtractedDeal(
        kind="cloud_contract",
        title="A cloud agreement",
        parties=[DealParty(company=c, role=r) for c, r in zip(parties, roles, strict=False)],
        amount=amount,
        duration="P7Y",
        announced_on=date(2031, 3, 1),
        status="signed",
        mention=Mention(quote="A sentence stating the deal.", start=at, end=at + 5),
    )


def extraction(
    *,
    language: str = "en",
    figures: list[ExtractedFigure] | None = None,
    deals: list[ExtractedDeal] | None = None,
    companies: list[NewCompany] | None = None,
) -> Extraction:
    return Extraction(
        language=language, figures=figures or [], deals=deals or [], new_companies=companies or []
    )


async def new_source(session: AsyncSession, name: str) -> int:
    source = Source(
        sha256=hashlib.sha256(f"test-store-{name}".encode()).hexdigest(),
        language=name[:2],
        text=f"The text of {name}.",
    )
    session.add(source)
    await session.flush()
    return source.id


async def figures_of_period(session: AsyncSession) -> list[Figure]:
    rows = await session.scalars(
        select(Figure).where(Figure.period_start == PERIOD[0]).order_by(Figure.id)
    )
    return list(rows)


async def deals_of_2031(session: AsyncSession) -> list[Deal]:
    rows = await session.scalars(
        select(Deal).where(Deal.announced_on == date(2031, 3, 1)).order_by(Deal.id)
    )
    return list(rows)


async def cited_sources(
    session: AsyncSession, column: InstrumentedAttribute[int | None], fact_id: int
) -> list[int]:
    rows = await session.scalars(
        select(Citation.source_id).where(column == fact_id).order_by(Citation.source_id)
    )
    return list(rows)


async def test_new_figure_keeps_value_original_fx_and_citation(session: AsyncSession) -> None:
    source = await new_source(session, "en-figure")
    euros = Quantity(
        value=Decimal(11000000000),
        unit="USD",
        kind="money",
        bound="approximate",
        low=None,
        high=None,
        original=Original(value=Decimal(10000000000), unit="EUR"),
        fx=Fx(rate=Decimal("1.1"), date=date(2031, 2, 27), source="ECB"),
        start=0,
        end=15,
        text="about €10 billion",
    )

    counts = await FactStore(session).save(source, extraction(figures=[revenue(euros)]))

    [figure] = await figures_of_period(session)
    assert (counts.figures, counts.deals, counts.companies) == (1, 0, 0)
    assert (figure.company_slug, figure.metric_slug, figure.status) == (
        "openai",
        "revenue",
        "actual",
    )
    assert (figure.value, figure.unit, figure.bound) == (Decimal(11000000000), "USD", "approximate")
    assert (figure.original_text, figure.original_value, figure.original_unit) == (
        "about €10 billion",
        Decimal(10000000000),
        "EUR",
    )
    assert (figure.fx_rate, figure.fx_date, figure.fx_source) == (
        Decimal("1.1"),
        date(2031, 2, 27),
        "ECB",
    )
    [citation] = await session.scalars(select(Citation).where(Citation.figure_id == figure.id))
    assert (citation.source_id, citation.start_offset, citation.end_offset) == (source, 10, 15)
    assert citation.quote == "A sentence stating about €10 billion."


async def test_french_and_italian_versions_yield_one_set_of_facts_citing_both(
    session: AsyncSession,
) -> None:
    french, italian = (
        await new_source(session, "fr-article"),
        await new_source(session, "it-article"),
    )
    store = FactStore(session)

    await store.save(
        french,
        extraction(
            language="fr",
            figures=[revenue(usd("13000000000", text="13 milliards de dollars"), at=40)],
            deals=[cloud_deal(usd("38000000000", text="38 milliards de dollars"), at=90)],
        ),
    )
    counts = await store.save(
        italian,
        extraction(
            language="it",
            figures=[revenue(usd("13000000000", text="13 miliardi di dollari"), at=37)],
            deals=[cloud_deal(usd("38000000000", text="38 miliardi di dollari"), at=85)],
        ),
    )

    [figure] = await figures_of_period(session)
    [deal] = await deals_of_2031(session)
    assert (counts.figures, counts.deals) == (1, 1)
    assert await cited_sources(session, Citation.figure_id, figure.id) == [french, italian]
    assert await cited_sources(session, Citation.deal_id, deal.id) == [french, italian]


@pytest.mark.parametrize(
    ("stored", "stated"),
    [
        pytest.param(usd("1000000000"), usd("1009000000"), id="within-one-percent"),
        pytest.param(
            usd("15000000000", bound="range", low="10000000000", high="20000000000"),
            usd("19500000000", bound="approximate", low="19000000000", high="20500000000"),
            id="overlapping-ranges",
        ),
        pytest.param(
            usd("15000000000", bound="range", low="10000000000", high="20000000000"),
            usd("12000000000"),
            id="exact-value-inside-range",
        ),
    ],
)
async def test_agreeing_value_from_another_source_is_corroborated(
    session: AsyncSession, stored: Quantity, stated: Quantity
) -> None:
    first, second = await new_source(session, "en-first"), await new_source(session, "en-second")
    store = FactStore(session)

    await store.save(first, extraction(figures=[revenue(stored)]))
    await store.save(second, extraction(figures=[revenue(stated)]))

    [figure] = await figures_of_period(session)
    assert figure.value == stored.value
    assert await cited_sources(session, Citation.figure_id, figure.id) == [first, second]


@pytest.mark.parametrize(
    ("stored", "stated"),
    [
        pytest.param(usd("1000000000"), usd("1020000000"), id="two-percent-apart"),
        pytest.param(
            usd("15000000000", bound="range", low="10000000000", high="20000000000"),
            usd("25000000000", bound="range", low="21000000000", high="29000000000"),
            id="disjoint-ranges",
        ),
        pytest.param(usd("1000000000"), usd("1000000000", unit="EUR"), id="other-unit"),
    ],
)
async def test_disagreeing_value_is_a_separate_claim(
    session: AsyncSession, stored: Quantity, stated: Quantity
) -> None:
    first, second = await new_source(session, "en-first"), await new_source(session, "en-second")
    store = FactStore(session)

    await store.save(first, extraction(figures=[revenue(stored)]))
    await store.save(second, extraction(figures=[revenue(stated)]))

    original, claim = await figures_of_period(session)
    assert (original.value, original.unit) == (stored.value, stored.unit)
    assert (claim.value, claim.unit) == (stated.value, stated.unit)
    assert await cited_sources(session, Citation.figure_id, original.id) == [first]
    assert await cited_sources(session, Citation.figure_id, claim.id) == [second]


async def test_same_value_of_another_company_is_another_figure(session: AsyncSession) -> None:
    source = await new_source(session, "en-two-companies")

    await FactStore(session).save(
        source,
        extraction(
            figures=[revenue(usd("5000000000")), revenue(usd("5000000000"), company="nvidia")]
        ),
    )

    assert [f.company_slug for f in await figures_of_period(session)] == ["openai", "nvidia"]


async def test_saving_the_same_extraction_twice_adds_nothing(session: AsyncSession) -> None:
    source = await new_source(session, "en-twice")
    facts = extraction(figures=[revenue(usd("7000000000"))], deals=[cloud_deal(usd("1000"))])
    store = FactStore(session)

    await store.save(source, facts)
    again = await store.save(source, facts)

    citations = await session.scalar(
        select(func.count()).select_from(Citation).where(Citation.source_id == source)
    )
    assert len(await figures_of_period(session)) == 1
    assert len(await deals_of_2031(session)) == 1
    assert citations == 2
    assert (again.figures, again.deals) == (1, 1)


async def test_a_value_stated_twice_in_one_article_is_one_citation_with_both_offsets(
    session: AsyncSession,
) -> None:
    source = await new_source(session, "en-repeated")
    twice = [revenue(usd("3000000000"), at=10), revenue(usd("3000000000"), at=300)]

    counts = await FactStore(session).save(source, extraction(figures=twice))
    await FactStore(session).save(source, extraction(figures=twice))

    [figure] = await figures_of_period(session)
    rows = await session.execute(
        select(Citation.start_offset, Citation.more_offsets).where(Citation.figure_id == figure.id)
    )
    assert [tuple(row) for row in rows] == [(10, [[300, 305]])]
    assert counts.figures == 1


@pytest.mark.parametrize(
    ("stored", "stated"),
    [
        pytest.param(usd("38000000000"), usd("38200000000"), id="within-one-percent"),
        pytest.param(None, None, id="both-without-amount"),
    ],
)
async def test_same_deal_between_the_same_parties_is_corroborated(
    session: AsyncSession, stored: Quantity | None, stated: Quantity | None
) -> None:
    first, second = await new_source(session, "en-deal-1"), await new_source(session, "en-deal-2")
    store = FactStore(session)

    await store.save(first, extraction(deals=[cloud_deal(stored)]))
    await store.save(second, extraction(deals=[cloud_deal(stated, parties=("tsmc", "nvidia"))]))

    [deal] = await deals_of_2031(session)
    assert await cited_sources(session, Citation.deal_id, deal.id) == [first, second]


@pytest.mark.parametrize(
    "stated",
    [
        pytest.param(cloud_deal(usd("45000000000")), id="other-amount"),
        pytest.param(cloud_deal(None), id="amount-missing"),
        pytest.param(
            cloud_deal(usd("38000000000"), parties=("nvidia", "microsoft")), id="other-parties"
        ),
        pytest.param(
            cloud_deal(usd("38000000000"), parties=("nvidia", "tsmc", "amazon")),
            id="more-parties",
        ),
    ],
)
async def test_deal_differing_in_amount_or_parties_is_another_deal(
    session: AsyncSession, stated: ExtractedDeal
) -> None:
    first, second = await new_source(session, "en-deal-1"), await new_source(session, "en-deal-2")
    store = FactStore(session)

    await store.save(first, extraction(deals=[cloud_deal(usd("38000000000"))]))
    await store.save(second, extraction(deals=[stated]))

    assert len(await deals_of_2031(session)) == 2


async def test_new_deal_keeps_its_parties_and_terms(session: AsyncSession) -> None:
    source = await new_source(session, "en-deal-terms")

    await FactStore(session).save(source, extraction(deals=[cloud_deal(usd("38000000000"))]))

    [deal] = await deals_of_2031(session)
    parties = await session.execute(
        select(DealPartyRow.company_slug, DealPartyRow.role).where(DealPartyRow.deal_id == deal.id)
    )
    assert {tuple(row) for row in parties} == {("nvidia", "customer"), ("tsmc", "provider")}
    assert (deal.kind, deal.duration, deal.status) == ("cloud_contract", "P7Y", "signed")
    assert (deal.value, deal.unit) == (Decimal(38000000000), "USD")


async def test_new_companies_are_created_once_with_their_aliases(session: AsyncSession) -> None:
    source = await new_source(session, "en-new-company")
    newcomer = NewCompany(slug="test-lumen-ai", name="Lumen AI", aliases=["Lumen", "Lumen AI"])
    store = FactStore(session)

    first = await store.save(source, extraction(companies=[newcomer]))
    again = await store.save(source, extraction(companies=[newcomer]))

    company = await session.get_one(Company, "test-lumen-ai")
    aliases = await session.scalars(
        select(CompanyAlias.alias).where(CompanyAlias.company_slug == "test-lumen-ai")
    )
    assert company.name == "Lumen AI"
    assert sorted(aliases) == ["Lumen", "Lumen AI"]
    assert (first.companies, again.companies) == (1, 0)


async def test_new_company_name_is_language_free_and_its_other_names_in_the_articles_language(
    session: AsyncSession,
) -> None:
    source = await new_source(session, "de-new-company")
    newcomer = NewCompany(slug="test-brenntal", name="Brenntal", aliases=["Brenntal GmbH"])

    await FactStore(session).save(source, extraction(language="de", companies=[newcomer]))

    aliases = await session.execute(
        select(CompanyAlias.alias, CompanyAlias.language)
        .where(CompanyAlias.company_slug == "test-brenntal")
        .order_by(CompanyAlias.alias)
    )
    assert [tuple(row) for row in aliases] == [("Brenntal", None), ("Brenntal GmbH", "de")]


async def test_figures_of_a_new_company_are_stored(session: AsyncSession) -> None:
    source = await new_source(session, "en-new-company-figure")
    newcomer = NewCompany(slug="test-lumen-ai", name="Lumen AI", aliases=[])

    counts = await FactStore(session).save(
        source,
        extraction(
            companies=[newcomer], figures=[revenue(usd("2000000"), company="test-lumen-ai")]
        ),
    )

    [figure] = await figures_of_period(session)
    assert figure.company_slug == "test-lumen-ai"
    assert (counts.figures, counts.companies) == (1, 1)


async def test_the_gazetteer_cache_is_reused_until_a_company_or_alias_changes(
    session: AsyncSession,
) -> None:
    cache = GazetteerCache()
    first = await cache.get(session)
    assert await cache.get(session) is first
    extraction = Extraction(
        language="en",
        figures=[],
        deals=[],
        new_companies=[NewCompany(slug="cacheco", name="CacheCo", aliases=[])],
    )
    await FactStore(session).save(1, extraction)
    rebuilt = await cache.get(session)
    assert rebuilt is not first
    assert rebuilt.knows("cacheco")
    assert not first.knows("cacheco")


def vague_usd(low: str, high: str, text: str = "tens of billions") -> Quantity:
    middle = (Decimal(low) + Decimal(high)) / 2
    return msgspec.structs.replace(
        usd(str(middle), bound="range", low=low, high=high, text=text), vague=True
    )


@pytest.mark.parametrize("precise_first", [True, False], ids=["precise-first", "vague-first"])
async def test_a_stated_number_and_a_vague_amount_around_it_stay_two_claims(
    session: AsyncSession, precise_first: bool
) -> None:
    precise = revenue(usd("41000000000", text="41 billion"), at=10)
    vague = revenue(vague_usd("10000000000", "100000000000"), at=200)
    first, second = (precise, vague) if precise_first else (vague, precise)
    await FactStore(session).save(
        await new_source(session, "en-first"), extraction(figures=[first])
    )
    await FactStore(session).save(
        await new_source(session, "en-second"), extraction(figures=[second])
    )
    await FactStore(session).save(
        await new_source(session, "en-third"), extraction(figures=[vague])
    )

    figures = {f.vague: f for f in await figures_of_period(session)}

    assert set(figures) == {True, False}
    assert figures[False].value == Decimal(41000000000)
    assert figures[False].rank == "preferred"
    assert figures[True].rank == "normal"
    cited = await session.scalars(
        select(func.count()).where(Citation.figure_id == figures[True].id)
    )
    assert cited.one() == 2


async def test_two_vague_amounts_of_the_same_range_corroborate(session: AsyncSession) -> None:
    vague = vague_usd("1000000000000", "10000000000000", text="trillions")
    await FactStore(session).save(
        await new_source(session, "en-vague-a"), extraction(figures=[revenue(vague)])
    )
    await FactStore(session).save(
        await new_source(session, "en-vague-b"), extraction(figures=[revenue(vague, at=99)])
    )
    exact_three = revenue(usd("3000000000000", text="3 trillion"), at=150)
    await FactStore(session).save(
        await new_source(session, "en-vague-c"), extraction(figures=[exact_three])
    )

    figures = await figures_of_period(session)

    assert [(f.vague, f.rank) for f in figures] == [(True, "normal"), (False, "preferred")]


async def test_each_new_source_stating_a_figure_raises_its_confidence_once(
    session: AsyncSession,
) -> None:
    stated = msgspec.structs.replace(revenue(usd("7000000000")), confidence=0.6)
    first, second = await new_source(session, "en-trust-a"), await new_source(session, "en-trust-b")

    await FactStore(session).save(first, extraction(figures=[stated]))
    [figure] = await figures_of_period(session)
    assert figure.confidence == pytest.approx(0.6)
    await FactStore(session).save(second, extraction(figures=[stated]))
    await FactStore(session).save(second, extraction(figures=[stated]))

    await session.refresh(figure)
    assert figure.confidence == pytest.approx(0.84)
    assert figure.confidence_signals["sources"] == 2


async def test_a_stored_deal_carries_the_confidence_of_its_reading(session: AsyncSession) -> None:
    source = await new_source(session, "en-trust-deal")

    await FactStore(session).save(source, extraction(deals=[cloud_deal(None)]))

    [deal] = await deals_of_2031(session)
    assert 0 < deal.confidence < 1
    assert deal.confidence_signals["no_amount"] is True
