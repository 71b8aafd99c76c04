"""Figures copied with ranks computed before they land rank as `refresh_figure_ranks` ranks them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.facts.bulk import copy_rows, driver_connection, normal_claims
from service.facts.ranking import ClaimGroup, refresh_figure_ranks
from service.models import Base, Figure
from service.models.base import FIGURE_STATUSES

TABLES = Base.metadata.tables
FIRST_ID = 10**12
COMPANIES = (
    ("bulkrank-alpha", "https://www.bulkrank-alpha.example"),
    ("bulkrank-beta", None),
)
URLS = (
    "https://bulkrank-alpha.example/investors/2033",
    "http://WWW.BulkRank-Alpha.example/news",
    "https://press.example/bulkrank-alpha",
    "https://bulkrank-beta.example/about",
    None,
)
PERIODS = ((date(2033, 1, 1), date(2033, 12, 31)), (date(2033, 1, 1), date(2033, 3, 31)))
FIGURE_COLUMNS = ("id", "company_slug", "metric_slug", "period_start", "period_end",
                  "period_precision", "status", "value", "unit", "bound", "low", "high", "vague",
                  "deprecated_at", "deprecated_reason", "rank")  # fmt: skip

SOURCES = st.lists(
    st.tuples(
        st.sampled_from(URLS),
        st.one_of(st.none(), st.dates(min_value=date(2032, 1, 1), max_value=date(2032, 1, 9))),
    ),
    min_size=1,
    max_size=5,
)
CLAIMS = st.lists(
    st.tuples(
        st.integers(0, len(COMPANIES) - 1),
        st.integers(0, len(PERIODS) - 1),
        st.sampled_from(FIGURE_STATUSES),
        st.booleans(),
        st.integers(0, 9).map(lambda n: n == 0),
        st.sets(st.integers(0, 4), max_size=3),
    ),
    min_size=1,
    max_size=14,
)
"""(company, period, status, vague, deprecated, indexes of the sources citing it)."""


def _figure_row(number: int, claim: tuple[Any, ...]) -> tuple[Any, ...]:
    company, period, status, vague, deprecated, _cited = claim
    start, end = PERIODS[period]
    value = Decimal(1000 + number)
    low, high = (value / 2, value * 2) if vague else (None, None)
    return (FIRST_ID + number, COMPANIES[company][0], "revenue", start, end,
            "year" if period == 0 else "quarter", status, value, "USD",
            "range" if vague else "exact", low, high, vague,
            datetime(2034, 1, 1, tzinfo=UTC) if deprecated else None,
            "withdrawn" if deprecated else None)  # fmt: skip


async def _load(
    raw: Any, sources: Sequence[tuple[str | None, date | None]], claims: Sequence[tuple[Any, ...]]
) -> None:
    """Companies and sources first, then the figures with bulk ranks, then their citations."""
    companies = [(slug, slug.title(), "company", site) for slug, site in COMPANIES]
    await copy_rows(raw, TABLES["companies"], ("slug", "name", "kind", "website"), companies)
    source_ids = [FIRST_ID + n for n in range(len(sources))]
    source_rows = [
        (i, url, day, f"bulkrank-{i}") for i, (url, day) in zip(source_ids, sources, strict=True)
    ]
    await copy_rows(raw, TABLES["sources"], ("id", "url", "published_on", "sha256"), source_rows)
    figures = [_figure_row(number, claim) for number, claim in enumerate(claims)]
    cited = sorted(
        {(FIRST_ID + n, source_ids[s]) for n, claim in enumerate(claims)
         for s in claim[5] if s < len(sources)}
    )  # fmt: skip
    claim_rows = [(f[0], f[1], f[2], f[3], f[4], f[6], f[12], f[13]) for f in figures]
    normal = await normal_claims(raw, claim_rows, cited)
    ranked = [(*row, "normal" if row[0] in normal else "preferred") for row in figures]
    await copy_rows(raw, TABLES["figures"], FIGURE_COLUMNS, ranked)
    await copy_rows(raw, TABLES["citations"],
                    ("figure_id", "source_id", "quote", "start_offset", "end_offset"),
                    [(figure, source, "quoted", 0, 6) for figure, source in cited])  # fmt: skip


async def _stored_ranks(session: AsyncSession) -> dict[int, str]:
    rows = await session.execute(
        select(Figure.id, Figure.rank).where(Figure.id >= FIRST_ID).order_by(Figure.id)
    )
    return {row.id: row.rank for row in rows}


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(sources=SOURCES, claims=CLAIMS)
async def test_ranks_stored_by_the_bulk_load_are_those_a_refresh_computes(
    sessionmaker: async_sessionmaker[AsyncSession], sources: list[tuple[str | None, date | None]],
    claims: list[tuple[Any, ...]],
) -> None:  # fmt: skip
    groups: list[ClaimGroup] = [(COMPANIES[c][0], "revenue", *PERIODS[p]) for c, p, *_ in claims]
    async with sessionmaker() as session:  # in a savepoint, rolled back below
        await _load(await driver_connection(await session.connection()), sources, claims)
        loaded = await _stored_ranks(session)
        changed = await refresh_figure_ranks(session, groups)
        refreshed = await _stored_ranks(session)
        await session.rollback()
    assert changed == 0
    assert loaded == refreshed


@pytest.fixture
async def raw(session: AsyncSession) -> Any:
    """The asyncpg connection under the test's session (inside its savepoint)."""
    return await driver_connection(await session.connection())


async def test_a_varied_load_has_rivals_ranked_normal_and_not_always_the_first_recorded(
    session: AsyncSession, raw: Any
) -> None:
    sources = [(URLS[2], date(2032, 1, 2)), (URLS[0], None), (URLS[3], date(2032, 1, 5))]
    claims = [
        (0, 0, "estimate", False, False, {0, 2}),  # more sources, but an estimate
        (0, 0, "actual", False, False, {0}),  # press only
        (0, 0, "actual", False, False, {1}),  # the company's own site: preferred
        (0, 0, "actual", True, False, {0, 1, 2}),  # vague: last
        (1, 1, "actual", False, True, {0}),  # deprecated: keeps its stored default
    ]
    await _load(raw, sources, claims)
    ranks = await _stored_ranks(session)
    assert list(ranks.values()) == ["normal", "normal", "preferred", "normal", "preferred"]


async def test_claims_of_a_group_already_stored_are_refused(raw: Any) -> None:
    claims: list[tuple[Any, ...]] = [(0, 0, "actual", False, False, set())]
    await _load(raw, [(URLS[0], None)], claims)
    again = [(FIRST_ID + 99, COMPANIES[0][0], "revenue", *PERIODS[0], "actual", False, None)]
    with pytest.raises(ValueError, match="already has stored figures"):
        await normal_claims(raw, again, [])
