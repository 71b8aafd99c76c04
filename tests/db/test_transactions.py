"""Each test runs in a transaction that is rolled back: nothing leaks between tests."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from service.models import Company
from tests.helpers import assert_problem

PROBE_SLUG = "isolation-probe"


@pytest.mark.parametrize("attempt", ["first", "second"])
async def test_company_committed_in_a_test_is_seen_by_the_api_and_gone_afterwards(
    client: httpx.AsyncClient, session: AsyncSession, attempt: str
) -> None:
    # Whichever attempt runs second proves the other one's insert was rolled back.
    assert_problem(await client.get(f"/v1/companies/{PROBE_SLUG}"), 404)

    session.add(Company(slug=PROBE_SLUG, name=f"Isolation probe ({attempt})", kind="company"))
    await session.commit()

    response = await client.get(f"/v1/companies/{PROBE_SLUG}")
    assert response.status_code == 200
    assert response.json()["name"] == f"Isolation probe ({attempt})"
