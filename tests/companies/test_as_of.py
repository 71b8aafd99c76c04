"""Companies as they were at an instant: names from their versions, aliases from curation."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from service.models import FactRevision
from tests.admin.helpers import ADMIN_HEADERS
from tests.helpers import assert_problem, walk_pages

SLUG = "zz-renamed"


async def now(session: AsyncSession) -> datetime:
    """The database clock, which the version triggers stamp versions with."""
    instant: datetime = (await session.execute(select(func.clock_timestamp()))).scalar_one()
    return instant


async def curate(
    client: httpx.AsyncClient, session: AsyncSession, method: str, path: str, body: dict[str, Any]
) -> None:
    """An admin change, its revision stamped when it happened.

    The revision takes its transaction's start time; here every request shares the test's
    transaction, so the stamp is moved to the instant of the change, as separate requests get.
    """
    response = await client.request(method, path, json=body, headers=ADMIN_HEADERS)
    assert response.status_code in {200, 201}, response.text
    await session.execute(
        update(FactRevision)
        .where(FactRevision.id == select(func.max(FactRevision.id)).scalar_subquery())
        .values(changed_at=func.clock_timestamp())
    )


@pytest.fixture
async def instants(client: httpx.AsyncClient, session: AsyncSession) -> dict[str, str]:
    """A company created as "Old Name" (alias "Oldie"), then renamed "New Name" ("Newbie")."""
    before = await now(session)
    await curate(
        client,
        session,
        "POST",
        "/v1/admin/companies",
        {"slug": SLUG, "name": "Old Name", "aliases": [{"alias": "Oldie", "language": None}]},
    )
    between = await now(session)
    await curate(
        client,
        session,
        "PATCH",
        f"/v1/admin/companies/{SLUG}",
        {"name": "New Name", "aliases": [{"alias": "Newbie", "language": "fr"}]},
    )
    return {"before": before.isoformat(), "between": between.isoformat()}


def aliases(company: dict[str, Any]) -> set[str]:
    """The alias names of a company answer."""
    return {alias["alias"] for alias in company["aliases"]}


async def test_company_as_of_between_changes_has_its_old_name_and_aliases(
    client: httpx.AsyncClient, instants: dict[str, str]
) -> None:
    then = (await client.get(f"/v1/companies/{SLUG}", params={"as_of": instants["between"]})).json()
    current = (await client.get(f"/v1/companies/{SLUG}")).json()

    assert (then["name"], aliases(then)) == ("Old Name", {"Old Name", "Oldie"})
    assert (current["name"], aliases(current)) == ("New Name", {"New Name", "Newbie"})


async def test_company_before_it_existed_answers_404(
    client: httpx.AsyncClient, instants: dict[str, str]
) -> None:
    response = await client.get(f"/v1/companies/{SLUG}", params={"as_of": instants["before"]})

    assert SLUG in assert_problem(response, 404)["detail"]


async def test_company_list_as_of_shows_the_companies_and_names_of_then(
    client: httpx.AsyncClient, instants: dict[str, str]
) -> None:
    between = {
        c["slug"]: c
        for c in await walk_pages(
            client, "/v1/companies", {"as_of": instants["between"], "limit": 100}
        )
    }
    before = await walk_pages(client, "/v1/companies", {"as_of": instants["before"], "limit": 100})

    assert between[SLUG]["name"] == "Old Name"
    assert "openai" in between
    assert SLUG not in {c["slug"] for c in before}


async def test_search_as_of_finds_the_old_name(
    client: httpx.AsyncClient, instants: dict[str, str]
) -> None:
    then = await walk_pages(
        client, "/v1/companies", {"q": "old name", "as_of": instants["between"]}
    )
    before = await walk_pages(
        client, "/v1/companies", {"q": "new name", "as_of": instants["before"]}
    )

    assert then[0]["slug"] == SLUG
    assert then[0]["name"] == "Old Name"
    assert SLUG not in {c["slug"] for c in before}


async def test_updated_since_keeps_companies_changed_since(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await curate(client, session, "POST", "/v1/admin/companies", {"slug": SLUG, "name": "Fresh"})
    since = (await session.execute(select(func.now()))).scalar_one().isoformat()

    changed = await walk_pages(client, "/v1/companies", {"updated_since": since, "limit": 100})
    everything = await walk_pages(client, "/v1/companies", {"limit": 100})

    assert SLUG in {c["slug"] for c in changed}
    assert len(changed) < len(everything)


@pytest.mark.parametrize(
    ("as_of", "status"),
    [("2999-01-01T00:00:00Z", 422), ("2025-13-01T00:00:00Z", 400), ("2025-01-01T00:00:00", 400)],
)
async def test_future_or_malformed_as_of_answers_a_problem(
    client: httpx.AsyncClient, as_of: str, status: int
) -> None:
    assert_problem(await client.get("/v1/companies", params={"as_of": as_of}), status)
    assert_problem(await client.get("/v1/companies/openai", params={"as_of": as_of}), status)
