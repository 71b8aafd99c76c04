"""Pages of a company's deals, read from its parties, are the general path's pages byte for byte.

The one-statement read walks the company's parties in deal order and looks each deal up; the
general path filters deals by party. Varied deal sets (a company in one deal under several
roles, deprecated deals, other companies' deals in between, kind and status filters, small
pages followed by cursor) must read the same on both, page after page.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, get_args

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.db.actor import act_as
from service.domain.vocabulary import DealKind, DealStatus
from service.models import Company, Deal, DealParty
from tests.helpers import AppClient

ACTOR = "token:company-deal-pages-tester"
COMPANIES = ("pagewalk-alpha", "pagewalk-beta", "pagewalk-gamma")
ROLES = ("investor", "investee", "customer", "provider")
KINDS: tuple[str, ...] = get_args(DealKind)[:2]
STATUSES: tuple[str, ...] = get_args(DealStatus)[:2]

DEALS = st.lists(
    st.tuples(
        st.sampled_from(KINDS),
        st.sampled_from(STATUSES),
        st.booleans(),  # deprecated
        st.dictionaries(st.sampled_from(COMPANIES), st.sets(st.sampled_from(ROLES), min_size=1)),
    ),
    max_size=12,
)
"""Each deal: its kind, status, whether deprecated, and each party company's roles in it."""


async def _store(session: AsyncSession, deals: list[tuple[Any, ...]]) -> None:
    await act_as(session, ACTOR)
    for slug in COMPANIES:
        session.add(Company(slug=slug, name=slug.replace("-", " ").title()))
    await session.flush()
    for kind, status, deprecated, parties in deals:
        deal = Deal(kind=kind, status=status, title=f"{kind} {status}")
        if deprecated:
            deal.deprecated_at = datetime(2046, 3, 1, tzinfo=UTC)
            deal.deprecated_reason = "withdrawn"
        session.add(deal)
        await session.flush()
        for slug, roles in parties.items():
            session.add_all(DealParty(deal_id=deal.id, company_slug=slug, role=r) for r in roles)
    await session.flush()


async def _pages(client: httpx.AsyncClient, url: str) -> list[tuple[int, bytes, str | None]]:
    """Every page of `url`, following its cursors: status, body and ETag of each."""
    answers = []
    while True:
        answer = await client.get(url)
        answers.append((answer.status_code, answer.content, answer.headers.get("etag")))
        cursor = answer.json().get("next_cursor") if answer.status_code == 200 else None
        if not cursor:
            return answers
        url = f"{url.split('&cursor=', maxsplit=1)[0]}&cursor={cursor}"


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(deals=DEALS, limit=st.integers(1, 4), kind=st.sampled_from((None, *KINDS)))
async def test_a_companys_deal_pages_read_from_its_parties_match_the_general_path(
    sessionmaker: async_sessionmaker[AsyncSession],
    app_client: AppClient,
    deals: list[tuple[Any, ...]],
    limit: int,
    kind: str | None,
) -> None:
    async with sessionmaker() as session:  # in a savepoint, rolled back below
        await _store(session, deals)
        async with app_client(documents=False) as general, app_client(documents=True) as fast:
            for slug in COMPANIES:
                url = f"/v1/deals?company={slug}&limit={limit}" + (f"&kind={kind}" if kind else "")
                assert await _pages(fast, url) == await _pages(general, url), url
        await session.rollback()


async def test_a_deal_naming_the_company_in_two_roles_is_listed_once(
    session: AsyncSession, app_client: AppClient
) -> None:
    await _store(
        session, [("investment", "signed", False, {COMPANIES[0]: {"investor", "customer"}})]
    )
    async with app_client(documents=True) as fast:
        page = (await fast.get(f"/v1/deals?company={COMPANIES[0]}")).json()
    assert [deal["title"] for deal in page["data"]] == ["investment signed"]
    assert sorted(party["role"] for party in page["data"][0]["parties"]) == ["customer", "investor"]
