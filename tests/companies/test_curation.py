"""Companies written by hand: added with their aliases, corrected, with history."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests.admin.helpers import ADMIN_HEADERS, history_of, row_counts
from tests.helpers import assert_problem


def company(**fields: Any) -> dict[str, Any]:
    """A valid company body, with `fields` replaced or added."""
    body: dict[str, Any] = {
        "slug": "test-lumen-ai",
        "name": "Lumen AI",
        "kind": "company",
        "parent": "openai",
        "country": "FR",
        "website": "https://lumen.example",
        "identifiers": {"wikidata": "Q123", "lei": None, "ticker": "LMN"},
        "aliases": [{"alias": "Lumen", "language": "fr"}],
    }
    return body | fields


async def create(client: httpx.AsyncClient, body: dict[str, Any]) -> httpx.Response:
    return await client.post("/v1/admin/companies", json=body, headers=ADMIN_HEADERS)


async def update(client: httpx.AsyncClient, slug: str, body: dict[str, Any]) -> httpx.Response:
    return await client.patch(f"/v1/admin/companies/{slug}", json=body, headers=ADMIN_HEADERS)


async def test_company_is_created_with_its_name_as_an_alias(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    response = await create(client, company())

    assert response.status_code == 201, response.text
    created = response.json()
    assert created == {
        "slug": "test-lumen-ai",
        "name": "Lumen AI",
        "kind": "company",
        "parent": "openai",
        "country": "FR",
        "website": "https://lumen.example",
        "identifiers": {"wikidata": "Q123", "lei": None, "ticker": "LMN"},
        "aliases": [
            {"alias": "Lumen AI", "language": None},
            {"alias": "Lumen", "language": "fr"},
        ],
    }
    assert (await client.get("/v1/companies/test-lumen-ai")).json() == created
    [revision] = await history_of(session, "company", "test-lumen-ai")
    assert (revision.action, revision.actor, revision.after) == ("create", "bootstrap", created)


async def test_only_slug_and_name_are_required(client: httpx.AsyncClient) -> None:
    response = await create(client, {"slug": "test-minimal", "name": "Minimal"})

    assert response.status_code == 201, response.text
    assert (response.json()["kind"], response.json()["parent"]) == ("company", None)


async def test_duplicate_slug_answers_409_and_writes_nothing(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    before = await row_counts(session)

    response = await create(client, company(slug="openai"))

    assert "openai" in assert_problem(response, 409)["detail"]
    assert await row_counts(session) == before


async def test_unknown_parent_answers_422_and_writes_nothing(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    before = await row_counts(session)

    response = await create(client, company(parent="no-such-parent"))

    assert "no-such-parent" in assert_problem(response, 422)["detail"]
    assert await row_counts(session) == before


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"slug": "Lumen AI"}, id="slug-with-spaces"),
        pytest.param({"country": "France"}, id="country-not-iso"),
        pytest.param({"kind": "charity"}, id="unknown-kind"),
        pytest.param({"website": "lumen.example"}, id="website-without-scheme"),
        pytest.param({"identifiers": {"wikidata": "123"}}, id="malformed-qid"),
        pytest.param({"aliases": [{"alias": ""}]}, id="empty-alias"),
        pytest.param({"name": ""}, id="empty-name"),
    ],
)
async def test_malformed_company_answers_400_and_writes_nothing(
    client: httpx.AsyncClient, session: AsyncSession, fields: dict[str, Any]
) -> None:
    before = await row_counts(session)

    response = await create(client, company(**fields))

    assert_problem(response, 400)
    assert await row_counts(session) == before


async def test_patch_changes_only_the_given_fields_and_replaces_aliases(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    created = (await create(client, company())).json()

    response = await update(
        client,
        "test-lumen-ai",
        {"website": None, "aliases": [{"alias": "Lumen Labs", "language": None}]},
    )

    assert response.status_code == 200, response.text
    updated = response.json()
    assert updated == created | {
        "website": None,
        "aliases": [
            {"alias": "Lumen AI", "language": None},
            {"alias": "Lumen Labs", "language": None},
        ],
    }
    revision = (await history_of(session, "company", "test-lumen-ai"))[-1]
    assert (revision.action, revision.before, revision.after) == ("update", created, updated)


async def test_renamed_company_keeps_its_aliases_and_gains_the_new_name(
    client: httpx.AsyncClient,
) -> None:
    await create(client, company())

    updated = (await update(client, "test-lumen-ai", {"name": "Lumen Intelligence"})).json()

    assert updated["name"] == "Lumen Intelligence"
    assert [a["alias"] for a in updated["aliases"]] == ["Lumen AI", "Lumen", "Lumen Intelligence"]


@pytest.mark.parametrize(
    "parent",
    [
        pytest.param("test-lumen-ai", id="itself"),
        pytest.param("test-lumen-child", id="its-own-child"),
        pytest.param("no-such-parent", id="unknown"),
    ],
)
async def test_patch_to_an_impossible_parent_answers_422(
    client: httpx.AsyncClient, session: AsyncSession, parent: str
) -> None:
    await create(client, company())
    await create(client, company(slug="test-lumen-child", parent="test-lumen-ai", aliases=[]))
    before = await row_counts(session)

    response = await update(client, "test-lumen-ai", {"parent": parent})

    assert_problem(response, 422)
    assert await row_counts(session) == before


async def test_patch_of_an_unknown_company_answers_404(client: httpx.AsyncClient) -> None:
    assert_problem(await update(client, "no-such-company", {"name": "X"}), 404)
