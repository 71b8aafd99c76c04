"""Finding the stored fact a new statement repeats, under the lock of its claim."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.facts.claims import deal_claim, figure_claim
from service.facts.store import FactStore
from tests.facts.test_store import PERIOD, cloud_deal, extraction, new_source, revenue, usd

COMPANIES = ("nvidia", "tsmc", "microsoft", "amazon")
ROLES = ("customer", "provider", "partner")
AMOUNT = "7310000019"
"""A value no reference deal states, so that only this test's deals are candidates."""

PARTIES = st.sets(st.tuples(st.sampled_from(COMPANIES), st.sampled_from(ROLES)), min_size=1)


async def _store(store: FactStore, parties: set[tuple[str, str]]) -> int:
    return await store.insert_deal(
        usd(AMOUNT),
        parties,
        kind="supply_agreement",
        title="A supply agreement",
        announced_on=date(2047, 5, 2),
        status="signed",
        confidence=0.5,
        confidence_signals={},
    )


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(stored=st.lists(PARTIES, min_size=1, max_size=4), stated=st.sets(st.sampled_from(COMPANIES)))
async def test_the_same_deal_is_the_first_one_of_exactly_the_stated_companies(
    sessionmaker: async_sessionmaker[AsyncSession],
    stored: list[set[tuple[str, str]]],
    stated: set[str],
) -> None:
    async with sessionmaker() as session:  # in a savepoint, rolled back below
        store = FactStore(session)
        ids = [await _store(store, parties) for parties in stored]
        found = await store.same_deal("supply_agreement", stated, usd(AMOUNT))
        await session.rollback()
    companies_of = [{company for company, _ in parties} for parties in stored]
    expected = [
        deal for deal, companies in zip(ids, companies_of, strict=True) if companies == stated
    ]
    assert found == (expected[0] if expected else None)


async def test_a_deal_of_other_kind_or_amount_is_not_the_same(session: AsyncSession) -> None:
    store = FactStore(session)
    await _store(store, {("nvidia", "customer"), ("tsmc", "provider")})

    assert await store.same_deal("acquisition", {"nvidia", "tsmc"}, usd(AMOUNT)) is None
    assert await store.same_deal("supply_agreement", {"nvidia", "tsmc"}, usd("99")) is None
    assert await store.same_deal("supply_agreement", {"nvidia", "tsmc"}, usd(AMOUNT)) is not None


async def test_saving_holds_the_claim_of_each_fact_until_the_transaction_ends(
    session: AsyncSession,
) -> None:
    source = await new_source(session, "en-claims")
    deal = cloud_deal(usd(AMOUNT), parties=("tsmc", "nvidia"))
    facts = extraction(figures=[revenue(usd("5"))], deals=[deal])

    await FactStore(session).save(source, facts)

    held = await session.scalars(
        text(
            "SELECT (classid::bigint << 32) | objid::bigint FROM pg_locks "
            "WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
        )
    )
    claims = [
        figure_claim("openai", "revenue", *PERIOD),
        deal_claim("cloud_contract", {"nvidia", "tsmc"}),
    ]
    hashed = await session.scalars(
        text("SELECT hashtextextended(key, 0) FROM unnest(CAST(:keys AS text[])) AS key"),
        {"keys": claims},
    )
    assert set(hashed) <= set(held)
