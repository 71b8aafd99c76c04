"""Deals written by hand: normalised, corroborated, corrected and deprecated."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests.admin.helpers import ADMIN_HEADERS, history_of, row_counts, stored_source
from tests.helpers import assert_problem

TEXT = "OpenAI a signé avec Amazon un accord de 12 milliards de dollars sur cinq ans."
AMOUNT_AT = TEXT.index("12 milliards")


def deal(**fields: Any) -> dict[str, Any]:
    """A valid deal body, with `fields` replaced or added."""
    body: dict[str, Any] = {
        "kind": "cloud_contract",
        "title": "OpenAI–Amazon test contract",
        "parties": [
            {"company": "openai", "role": "customer"},
            {"company": "amazon", "role": "provider"},
        ],
        "value": "12 milliards de dollars",
        "language": "fr",
        "duration": "P5Y",
        "announced_on": "2031-05-04",
        "status": "signed",
    }
    return body | fields


async def create(client: httpx.AsyncClient, body: dict[str, Any]) -> httpx.Response:
    return await client.post("/v1/admin/deals", json=body, headers=ADMIN_HEADERS)


async def created_id(client: httpx.AsyncClient, body: dict[str, Any]) -> int:
    response = await create(client, body)
    assert response.status_code == 201, response.text
    deal_id: int = response.json()["id"]
    return deal_id


async def test_deal_is_stored_with_its_parties_and_normalised_amount(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    response = await create(client, deal())

    assert response.status_code == 201, response.text
    created = response.json()
    assert created["parties"] == [
        {"company": "openai", "role": "customer"},
        {"company": "amazon", "role": "provider"},
    ]
    assert (created["value"]["value"], created["value"]["unit"]) == (12000000000, "USD")
    assert created["value"]["original"]["text"] == "12 milliards de dollars"
    assert (created["duration"], created["announced_on"]) == ("P5Y", "2031-05-04")
    assert (await client.get(f"/v1/deals/{created['id']}")).json() == created
    [revision] = await history_of(session, "deal", created["id"])
    assert (revision.action, revision.actor) == ("create", "bootstrap")


async def test_deal_without_value_has_none(client: httpx.AsyncClient) -> None:
    response = await create(client, deal(value=None, kind="partnership"))

    assert response.status_code == 201, response.text
    assert response.json()["value"] is None


async def test_equal_deal_gains_the_citation_and_answers_200(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    first = await created_id(client, deal(value="$12 billion", language="en"))
    source = await stored_source(session, TEXT, language="fr")
    citation = {"source_id": source.id, "quote": TEXT, "start": AMOUNT_AT, "end": AMOUNT_AT + 23}
    before = await row_counts(session)

    again = await create(client, deal(**citation))

    assert again.status_code == 200, again.text
    assert again.json()["id"] == first
    assert again.json()["sources"][0]["source_id"] == source.id
    after = await row_counts(session)
    assert (after["deals"], after["deal_parties"]) == (before["deals"], before["deal_parties"])
    assert after["citations"] == before["citations"] + 1


@pytest.mark.parametrize(
    ("fields", "detail"),
    [
        pytest.param({"value": "5 GW"}, "a deal's value is money", id="power-value"),
        pytest.param({"value": "beaucoup d'argent"}, "could not be read", id="unreadable"),
        pytest.param(
            {"parties": [{"company": "no-such-company", "role": "investor"}]},
            "unknown company",
            id="unknown-party",
        ),
        pytest.param({"source_id": 999999999, "quote": "q"}, "unknown source", id="unknown-source"),
    ],
)
async def test_invalid_deal_answers_422_and_writes_nothing(
    client: httpx.AsyncClient, session: AsyncSession, fields: dict[str, Any], detail: str
) -> None:
    before = await row_counts(session)

    response = await create(client, deal(**fields))

    assert detail in assert_problem(response, 422)["detail"]
    assert await row_counts(session) == before


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"duration": "7 years"}, id="duration-not-iso"),
        pytest.param({"duration": "P"}, id="duration-empty"),
        pytest.param({"duration": "PT"}, id="duration-empty-time"),
        pytest.param({"parties": []}, id="no-parties"),
        pytest.param({"kind": "merger"}, id="unknown-kind"),
        pytest.param({"announced_on": "2031-02-30"}, id="impossible-date"),
    ],
)
async def test_malformed_deal_answers_400_and_writes_nothing(
    client: httpx.AsyncClient, session: AsyncSession, fields: dict[str, Any]
) -> None:
    before = await row_counts(session)

    response = await create(client, deal(**fields))

    assert_problem(response, 400)
    assert await row_counts(session) == before


async def test_patch_replaces_parties_and_null_value_removes_the_amount(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    deal_id = await created_id(client, deal())

    response = await client.patch(
        f"/v1/admin/deals/{deal_id}",
        json={
            "parties": [{"company": "openai", "role": "customer"}],
            "value": None,
            "status": "completed",
        },
        headers=ADMIN_HEADERS,
    )

    assert response.status_code == 200, response.text
    updated = response.json()
    assert updated["parties"] == [{"company": "openai", "role": "customer"}]
    assert (updated["value"], updated["status"], updated["duration"]) == (None, "completed", "P5Y")
    revision = (await history_of(session, "deal", deal_id))[-1]
    assert revision.action == "update"
    assert revision.before is not None
    assert revision.after is not None
    assert len(revision.before["parties"]) == 2
    assert revision.after["value"] is None


async def test_patch_with_a_new_value_normalises_it_again(client: httpx.AsyncClient) -> None:
    deal_id = await created_id(client, deal())

    response = await client.patch(
        f"/v1/admin/deals/{deal_id}",
        json={"value": "15 miliardi di dollari", "language": "it"},
        headers=ADMIN_HEADERS,
    )

    assert response.status_code == 200, response.text
    assert response.json()["value"]["value"] == 15000000000


async def test_deprecated_deal_is_hidden_and_cannot_be_deprecated_again(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    source = await stored_source(session, TEXT, language="fr")
    deal_id = await created_id(client, deal(source_id=source.id, quote=TEXT))

    response = await client.delete(
        f"/v1/admin/deals/{deal_id}", params={"reason": "duplicate"}, headers=ADMIN_HEADERS
    )
    before = await row_counts(session)
    again = await client.delete(
        f"/v1/admin/deals/{deal_id}", params={"reason": "duplicate"}, headers=ADMIN_HEADERS
    )

    assert response.status_code == 204, response.text
    assert_problem(await client.get(f"/v1/deals/{deal_id}"), 404)
    listed = (await client.get("/v1/deals", params={"source": source.id})).json()
    assert listed["data"] == []
    assert (await client.get(f"/v1/sources/{source.id}")).json()["deals"] == []
    assert_problem(again, 409)
    assert await row_counts(session) == before
    actions = [r.action for r in await history_of(session, "deal", deal_id)]
    assert actions == ["create", "deprecate"]


async def test_patch_of_an_unknown_deal_answers_404(client: httpx.AsyncClient) -> None:
    response = await client.patch(
        "/v1/admin/deals/999999999", json={"status": "signed"}, headers=ADMIN_HEADERS
    )

    assert_problem(response, 404)
