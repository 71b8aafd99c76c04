"""The claim-ranking rule, on real PostgreSQL: which figure of a claim group is preferred."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from service.facts.ranking import ClaimGroup, ranked_claims, refresh_figure_ranks
from service.models import Citation, Company, Figure, Source

PERIOD = (date(2033, 1, 1), date(2033, 12, 31))
GROUP: ClaimGroup = ("rankco", "revenue", *PERIOD)


async def _company(session: AsyncSession) -> None:
    session.add(Company(slug="rankco", name="RankCo", website="https://www.rankco.example"))
    await session.flush()


async def _source(session: AsyncSession, url: str, published: date) -> int:
    source = Source(
        url=url,
        title=url,
        published_on=published,
        sha256=hashlib.sha256(url.encode()).hexdigest(),
        text="RankCo revenue.",
    )
    session.add(source)
    await session.flush()
    return source.id


async def _claim(session: AsyncSession, value: int, *sources: int, status: str = "actual") -> int:
    figure = Figure(
        company_slug="rankco",
        metric_slug="revenue",
        period_start=PERIOD[0],
        period_end=PERIOD[1],
        period_precision="year",
        status=status,
        value=Decimal(value),
        unit="USD",
        bound="exact",
    )
    session.add(figure)
    await session.flush()
    for source_id in sources:
        session.add(
            Citation(
                source_id=source_id, figure_id=figure.id, quote="q", start_offset=0, end_offset=1
            )
        )
    await session.flush()
    return figure.id


async def _ranks(session: AsyncSession) -> dict[int, str]:
    await refresh_figure_ranks(session, [GROUP])
    rows = await session.execute(
        select(Figure.id, Figure.rank).where(Figure.company_slug == "rankco")
    )
    return {row.id: row.rank for row in rows}


async def test_an_actual_figure_is_preferred_over_a_better_sourced_estimate(
    session: AsyncSession,
) -> None:
    await _company(session)
    a = await _source(session, "https://a.example/1", date(2034, 1, 5))
    b = await _source(session, "https://b.example/1", date(2034, 1, 6))
    estimate = await _claim(session, 7, a, b, status="estimate")
    actual = await _claim(session, 6, a)
    assert await _ranks(session) == {actual: "preferred", estimate: "normal"}


async def test_a_claim_from_the_companys_own_site_is_preferred_over_press(
    session: AsyncSession,
) -> None:
    await _company(session)
    press = [
        await _source(session, f"https://press{i}.example/a", date(2034, 2, 1)) for i in (1, 2)
    ]
    own = await _source(session, "https://rankco.example/ir/2033", date(2034, 1, 1))
    from_press = await _claim(session, 7, *press)
    from_company = await _claim(session, 6, own)
    assert await _ranks(session) == {from_company: "preferred", from_press: "normal"}


async def test_more_corroborating_sources_win_among_equals(session: AsyncSession) -> None:
    await _company(session)
    sources = [
        await _source(session, f"https://n{i}.example/x", date(2034, 1, 1)) for i in range(3)
    ]
    single = await _claim(session, 7, sources[0])
    double = await _claim(session, 6, sources[1], sources[2])
    assert await _ranks(session) == {double: "preferred", single: "normal"}


async def test_the_more_recently_published_claim_wins_a_tie_on_sources(
    session: AsyncSession,
) -> None:
    await _company(session)
    older = await _claim(session, 7, await _source(session, "https://o.example/", date(2034, 1, 1)))
    newer = await _claim(session, 6, await _source(session, "https://n.example/", date(2034, 3, 1)))
    assert await _ranks(session) == {newer: "preferred", older: "normal"}


async def test_the_first_recorded_claim_wins_a_complete_tie(session: AsyncSession) -> None:
    await _company(session)
    first = await _claim(session, 7)
    second = await _claim(session, 6)
    assert await _ranks(session) == {first: "preferred", second: "normal"}


async def test_deprecating_the_preferred_claim_promotes_the_next(session: AsyncSession) -> None:
    await _company(session)
    best = await _claim(session, 7, await _source(session, "https://x.example/", date(2034, 1, 1)))
    runner_up = await _claim(session, 6)
    assert (await _ranks(session))[best] == "preferred"
    row = await session.get_one(Figure, best)
    row.deprecated_at = await session.scalar(select(func.now()))
    row.deprecated_reason = "misread"
    await session.flush()
    assert (await _ranks(session))[runner_up] == "preferred"


async def test_ranks_as_of_an_instant_count_only_citations_known_then(
    session: AsyncSession,
) -> None:
    await _company(session)
    early = await _claim(session, 7, await _source(session, "https://e.example/", date(2034, 1, 1)))
    late = await _claim(session, 6, await _source(session, "https://l.example/", date(2034, 1, 1)))
    between = await session.scalar(select(func.clock_timestamp()))
    assert isinstance(between, datetime)
    await session.execute(
        insert(Citation).values(
            source_id=await _source(session, "https://m.example/", date(2034, 1, 1)),
            figure_id=late,
            quote="q",
            start_offset=0,
            end_offset=1,
        )
    )

    assert await _ranks_at(session, between) == {early: "preferred", late: "normal"}
    assert await _ranks_at(session, None) == {early: "normal", late: "preferred"}


async def _ranks_at(session: AsyncSession, instant: datetime | None) -> dict[int, str]:
    ranked = ranked_claims(
        Figure.__table__, as_of=instant, where=[Figure.__table__.c.company_slug == "rankco"]
    )
    rows = await session.execute(select(ranked.c.id, ranked.c.rank))
    return {row.id: row.rank for row in rows}


async def test_a_refresh_of_every_group_ranks_rivals_and_promotes_a_lone_normal_claim(
    session: AsyncSession,
) -> None:
    await _company(session)
    first = await _claim(session, 7)
    second = await _claim(session, 6)
    await refresh_figure_ranks(session, None)
    assert (await session.get_one(Figure, second)).rank == "normal"
    row = await session.get_one(Figure, first)
    row.deprecated_at = await session.scalar(select(func.now()))
    row.deprecated_reason = "misread"
    await session.flush()
    await refresh_figure_ranks(session, None)
    await session.refresh(row)
    promoted = await session.get_one(Figure, second)
    await session.refresh(promoted)
    assert promoted.rank == "preferred"
