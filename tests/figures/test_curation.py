"""Figures written by hand: normalised, cited, corroborated, corrected and deprecated."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from service.models import Figure
from tests.admin.helpers import ADMIN_HEADERS, history_of, row_counts, stored_source
from tests.helpers import assert_problem

TEXT = "Lumen AI a déclaré un chiffre d'affaires de 38 milliards de dollars en 2031."
QUOTE_AT = TEXT.index("38 milliards")


def figure(**fields: Any) -> dict[str, Any]:
    """A valid figure body, with `fields` replaced or added."""
    body: dict[str, Any] = {
        "company": "openai",
        "metric": "revenue",
        "value": "€3.5bn",
        "as_of": "2025-03-03",
        "period": {"start": "2031-01-01", "end": "2031-12-31", "precision": "year"},
        "status": "actual",
    }
    return body | fields


async def create(client: httpx.AsyncClient, body: dict[str, Any]) -> httpx.Response:
    return await client.post("/v1/admin/figures", json=body, headers=ADMIN_HEADERS)


async def created_body(client: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    response = await create(client, body)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def created_id(client: httpx.AsyncClient, body: dict[str, Any]) -> int:
    figure_id: int = (await created_body(client, body))["id"]
    return figure_id


async def test_raw_euro_value_is_normalised_to_usd_with_its_original_and_fx(
    client: httpx.AsyncClient,
) -> None:
    response = await create(client, figure())

    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["unit"], body["bound"], body["status"]) == ("USD", "exact", "actual")
    assert body["original"] == {"text": "€3.5bn", "value": 3500000000, "unit": "EUR"}
    assert body["fx"]["source"] == "ECB"
    assert body["value"] == pytest.approx(3500000000 * body["fx"]["rate"], rel=1e-9)
    assert body["period"] == {"start": "2031-01-01", "end": "2031-12-31", "precision": "year"}
    assert body["sources"] == []
    public = await client.get(f"/v1/figures/{body['id']}")
    assert public.json() == body


async def test_french_count_with_a_hedge_keeps_its_bound(client: httpx.AsyncClient) -> None:
    body = figure(metric="weekly_users", value="plus de 800 millions d'utilisateurs", language="fr")

    created = await created_body(client, body)

    assert (created["value"], created["unit"], created["bound"]) == (800000000, "user", "at_least")


async def test_bare_number_counts_in_the_unit_of_a_count_metric(
    client: httpx.AsyncClient,
) -> None:
    created = await created_body(client, figure(metric="gpus", value="1.2 million"))

    assert (created["value"], created["unit"]) == (1200000, "gpu")


async def test_power_value_is_stored_in_watts(client: httpx.AsyncClient) -> None:
    created = await created_body(client, figure(metric="power_capacity", value="5 GW"))

    assert (created["value"], created["unit"], created["original"]["unit"]) == (
        5000000000,
        "W",
        "GW",
    )


async def test_citation_offsets_are_found_from_the_quote_and_the_source_language(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    source = await stored_source(session, TEXT, language="fr")
    body = figure(value="38 milliards de dollars", source_id=source.id, quote=TEXT)
    body.pop("as_of")

    created = await created_body(client, body)

    assert created["value"] == 38000000000
    assert created["sources"] == [
        {
            "source_id": source.id,
            "quote": TEXT,
            "start": 0,
            "end": len(TEXT),
            "more_offsets": [],
            "source_version": 1,
        }
    ]
    detail = (await client.get(f"/v1/sources/{source.id}")).json()
    assert [f["id"] for f in detail["figures"]] == [created["id"]]


async def test_equal_figure_gains_the_citation_and_answers_200(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    first = await created_id(client, figure(value="$38 billion"))
    source = await stored_source(session, TEXT, language="fr")
    citation = {"source_id": source.id, "quote": TEXT, "start": QUOTE_AT, "end": QUOTE_AT + 23}
    before = await row_counts(session)

    again = await create(client, figure(value="38 milliards de dollars", **citation))

    assert again.status_code == 200, again.text
    assert again.json()["id"] == first
    assert [s["start"] for s in again.json()["sources"]] == [QUOTE_AT]
    after = await row_counts(session)
    assert after["figures"] == before["figures"]
    assert after["citations"] == before["citations"] + 1
    assert [r.action for r in await history_of(session, "figure", first)] == ["create", "update"]


async def test_creation_is_recorded_in_the_history_with_the_bootstrap_actor(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    figure_id = await created_id(client, figure())

    [revision] = await history_of(session, "figure", figure_id)

    assert (revision.action, revision.actor, revision.before) == ("create", "bootstrap", None)
    assert revision.after is not None
    assert revision.after["original"]["text"] == "€3.5bn"
    assert revision.after["deprecated_at"] is None


@pytest.mark.parametrize(
    ("fields", "detail"),
    [
        pytest.param({"value": "a lot of money"}, "could not be read", id="unreadable-value"),
        pytest.param({"value": "5 GW and 3 GW"}, "could not be read", id="two-values"),
        pytest.param({"metric": "gpus", "value": "$5 billion"}, "measured in gpu", id="money-gpus"),
        pytest.param({"metric": "revenue", "value": "5 GW"}, "measured in USD", id="power-revenue"),
        pytest.param({"company": "no-such-company"}, "unknown company", id="unknown-company"),
        pytest.param({"metric": "no_such_metric"}, "unknown metric", id="unknown-metric"),
        pytest.param({"source_id": 999999999, "quote": "q"}, "unknown source", id="unknown-source"),
        pytest.param({"quote": "a quote"}, "give source_id", id="quote-without-source"),
        pytest.param(
            {"period": {"start": "2031-12-31", "end": "2031-01-01", "precision": "year"}},
            "after it ends",
            id="period-reversed",
        ),
    ],
)
async def test_invalid_figure_answers_422_and_writes_nothing(
    client: httpx.AsyncClient, session: AsyncSession, fields: dict[str, Any], detail: str
) -> None:
    before = await row_counts(session)

    response = await create(client, figure(**fields))

    assert detail in assert_problem(response, 422)["detail"]
    assert await row_counts(session) == before


@pytest.mark.parametrize(
    ("citation", "detail"),
    [
        pytest.param({}, "quote is required", id="no-quote"),
        pytest.param({"quote": "   "}, "quote is required", id="blank-quote"),
        pytest.param({"quote": "not in the text"}, "not in the text", id="quote-elsewhere"),
        pytest.param({"quote": TEXT, "start": 3}, "both start and end", id="start-alone"),
        pytest.param({"quote": TEXT, "start": 9, "end": 2}, "is after end", id="start-after-end"),
        pytest.param(
            {"quote": TEXT, "start": 0, "end": len(TEXT) + 1}, "past the text", id="end-past-text"
        ),
    ],
)
async def test_citation_that_does_not_fit_its_source_answers_422(
    client: httpx.AsyncClient, session: AsyncSession, citation: dict[str, Any], detail: str
) -> None:
    source = await stored_source(session, TEXT, language="fr")
    before = await row_counts(session)

    response = await create(client, figure(source_id=source.id, **citation))

    assert detail in assert_problem(response, 422)["detail"]
    assert await row_counts(session) == before


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"status": "rumour"}, id="unknown-status"),
        pytest.param({"language": "pt"}, id="unsupported-language"),
        pytest.param({"value": ""}, id="empty-value"),
        pytest.param({"start": -1}, id="negative-offset"),
        pytest.param({"surprise": True}, id="unknown-field"),
        pytest.param({"period": {"start": "2031-01-01"}}, id="period-without-end"),
    ],
)
async def test_malformed_figure_answers_400_and_writes_nothing(
    client: httpx.AsyncClient, session: AsyncSession, fields: dict[str, Any]
) -> None:
    before = await row_counts(session)

    response = await create(client, figure(**fields))

    assert_problem(response, 400)
    assert await row_counts(session) == before


async def test_patch_changes_only_the_given_fields_and_records_before_and_after(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    figure_id = await created_id(client, figure())
    original = (await client.get(f"/v1/figures/{figure_id}")).json()

    response = await client.patch(
        f"/v1/admin/figures/{figure_id}",
        json={"value": "4 milliards de dollars", "language": "fr", "status": "estimate"},
        headers=ADMIN_HEADERS,
    )

    assert response.status_code == 200, response.text
    updated = response.json()
    assert (updated["value"], updated["fx"], updated["status"]) == (4000000000, None, "estimate")
    assert updated["period"] == original["period"]
    assert updated["company"] == original["company"]
    revision = (await history_of(session, "figure", figure_id))[-1]
    assert revision.action == "update"
    assert revision.before is not None
    assert revision.after is not None
    assert (revision.before["status"], revision.after["status"]) == ("actual", "estimate")
    assert Decimal(revision.after["value"]) == 4000000000


async def test_patch_to_a_metric_of_another_unit_needs_a_value_in_that_unit(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    figure_id = await created_id(client, figure())
    before = await row_counts(session)

    wrong = await client.patch(
        f"/v1/admin/figures/{figure_id}", json={"metric": "gpus"}, headers=ADMIN_HEADERS
    )
    right = await client.patch(
        f"/v1/admin/figures/{figure_id}",
        json={"metric": "gpus", "value": "10,000 GPUs"},
        headers=ADMIN_HEADERS,
    )

    assert "give a value" in assert_problem(wrong, 422)["detail"]
    assert right.status_code == 200, right.text
    assert (right.json()["metric"], right.json()["unit"]) == ("gpus", "gpu")
    assert (await row_counts(session))["fact_revisions"] == before["fact_revisions"] + 1


async def test_patch_of_an_unknown_figure_answers_404(client: httpx.AsyncClient) -> None:
    response = await client.patch(
        "/v1/admin/figures/999999999", json={"status": "actual"}, headers=ADMIN_HEADERS
    )

    assert_problem(response, 404)


async def deprecate(client: httpx.AsyncClient, figure_id: int, reason: str) -> httpx.Response:
    return await client.delete(
        f"/v1/admin/figures/{figure_id}", params={"reason": reason}, headers=ADMIN_HEADERS
    )


async def test_deprecated_figure_is_kept_but_hidden_from_the_public_reads(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    source = await stored_source(session, TEXT, language="fr")
    body = figure(value="38 milliards de dollars", source_id=source.id, quote=TEXT)
    figure_id = await created_id(client, body)

    response = await deprecate(client, figure_id, "misread: the amount is a forecast")

    assert response.status_code == 204, response.text
    assert_problem(await client.get(f"/v1/figures/{figure_id}"), 404)
    listed = (await client.get("/v1/figures", params={"source": source.id})).json()
    assert listed["data"] == []
    assert (await client.get(f"/v1/sources/{source.id}")).json()["figures"] == []
    row = await session.get_one(Figure, figure_id)
    await session.refresh(row)
    assert row.deprecated_reason == "misread: the amount is a forecast"
    assert row.deprecated_at is not None
    revision = (await history_of(session, "figure", figure_id))[-1]
    assert (revision.action, revision.actor) == ("deprecate", "bootstrap")
    assert revision.before is not None
    assert revision.after is not None
    assert revision.before["deprecated_reason"] is None
    assert revision.after["deprecated_reason"] == "misread: the amount is a forecast"


async def test_deprecating_twice_answers_409_and_changes_nothing(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    figure_id = await created_id(client, figure())
    await deprecate(client, figure_id, "duplicate")
    before = await row_counts(session)

    again = await deprecate(client, figure_id, "still a duplicate")

    assert "duplicate" in assert_problem(again, 409)["detail"]
    assert await row_counts(session) == before


async def test_deprecated_figure_can_no_longer_be_patched(client: httpx.AsyncClient) -> None:
    figure_id = await created_id(client, figure())
    await deprecate(client, figure_id, "duplicate")

    response = await client.patch(
        f"/v1/admin/figures/{figure_id}", json={"status": "estimate"}, headers=ADMIN_HEADERS
    )

    assert_problem(response, 409)


async def test_deprecated_figure_is_not_corroborated_by_an_equal_new_one(
    client: httpx.AsyncClient,
) -> None:
    figure_id = await created_id(client, figure())
    await deprecate(client, figure_id, "wrong company")

    again = await create(client, figure())

    assert again.status_code == 201
    assert again.json()["id"] != figure_id


@pytest.mark.parametrize(
    ("params", "status"),
    [
        pytest.param({"reason": "   "}, 422, id="blank-reason"),
        pytest.param({"reason": ""}, 400, id="empty-reason"),
        pytest.param({}, 400, id="no-reason"),
    ],
)
async def test_deprecation_without_a_reason_is_refused(
    client: httpx.AsyncClient, session: AsyncSession, params: dict[str, str], status: int
) -> None:
    figure_id = await created_id(client, figure())
    before = await row_counts(session)

    response = await client.delete(
        f"/v1/admin/figures/{figure_id}", params=params, headers=ADMIN_HEADERS
    )

    assert_problem(response, status)
    assert await row_counts(session) == before
    assert (await client.get(f"/v1/figures/{figure_id}")).status_code == 200


async def test_deprecating_an_unknown_figure_answers_404(client: httpx.AsyncClient) -> None:
    assert_problem(await deprecate(client, 999999999, "gone"), 404)
