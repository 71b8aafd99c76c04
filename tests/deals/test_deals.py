"""The deal read API: values, parties, filters, pagination and lookup."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from service.reference.schema import RefDeal
from tests.helpers import assert_problem, deal_ids, reference_data, source_ids, walk_pages

REFERENCE = reference_data()


async def test_openai_aws_cloud_contract_is_38_billion_usd_over_seven_years(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/v1/deals", params={"company": "amazon", "kind": "cloud_contract"})

    assert response.status_code == 200
    [deal] = response.json()["data"]
    assert deal["value"]["value"] == 38_000_000_000
    assert deal["value"]["unit"] == "USD"
    assert '"value":38000000000,' in response.text
    assert deal["duration"] == "P7Y"
    assert {(p["company"], p["role"]) for p in deal["parties"]} == {
        ("openai", "customer"),
        ("amazon", "provider"),
    }
    assert deal["sources"]


async def test_deal_without_a_stated_value_serialises_value_null(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    deal_id = (await deal_ids(session))["softbank-stargate-funding"]

    response = await client.get(f"/v1/deals/{deal_id}")

    assert response.status_code == 200
    assert response.json()["value"] is None
    assert '"value":null' in response.text


FILTERS = [
    pytest.param(
        {"company": "openai"},
        lambda d: "openai" in {p.company for p in d.parties},
        id="company",
    ),
    pytest.param({"kind": "cloud_contract"}, lambda d: d.kind == "cloud_contract", id="kind"),
    pytest.param({"status": "signed"}, lambda d: d.status == "signed", id="status"),
    pytest.param(
        {"company": "softbank", "kind": "investment"},
        lambda d: d.kind == "investment" and "softbank" in {p.company for p in d.parties},
        id="company-and-kind",
    ),
    pytest.param(
        {"min_value": "100000000000"},
        lambda d: d.value is not None and d.value.value >= 100_000_000_000,
        id="min-value",
    ),
]


@pytest.mark.parametrize(("params", "keep"), FILTERS)
async def test_deal_filters_return_exactly_the_matching_deals(
    client: httpx.AsyncClient,
    session: AsyncSession,
    params: dict[str, str],
    keep: Callable[[RefDeal], bool],
) -> None:
    ids = await deal_ids(session)
    expected = {ids[d.key] for d in REFERENCE.deals if keep(d)}

    deals = await walk_pages(client, "/v1/deals", {**params, "limit": 100})

    assert expected
    assert {deal["id"] for deal in deals} == expected


async def test_source_filter_keeps_deals_cited_from_that_source(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    ids, sources = await deal_ids(session), await source_ids(session)
    key = "openai-aws-38bn-fr"
    expected = {ids[d.key] for d in REFERENCE.deals if key in {c.source for c in d.citations}}

    deals = await walk_pages(client, "/v1/deals", {"source": sources[key], "limit": 100})

    assert expected
    assert {deal["id"] for deal in deals} == expected
    assert all(sources[key] in {c["source_id"] for c in deal["sources"]} for deal in deals)


async def test_pagination_walks_every_deal_once_in_id_order(client: httpx.AsyncClient) -> None:
    everything = await walk_pages(client, "/v1/deals", {"limit": 100})

    walked = await walk_pages(client, "/v1/deals", {"limit": 2})

    ids = [deal["id"] for deal in walked]
    assert ids == [deal["id"] for deal in everything]
    assert ids == sorted(set(ids))
    assert len(ids) >= len(REFERENCE.deals)


async def test_unknown_deal_id_answers_404_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/deals/987654321")

    assert "987654321" in assert_problem(response, 404)["detail"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"kind": "merger"}, "kind"),
        ({"status": "maybe"}, "status"),
        ({"announced_from": "03/11/2025"}, "announced_from"),
        ({"limit": "101"}, "limit"),
    ],
)
async def test_invalid_deal_parameter_answers_400_with_field_errors(
    client: httpx.AsyncClient, params: dict[str, str], field: str
) -> None:
    response = await client.get("/v1/deals", params=params)

    body = assert_problem(response, 400)
    assert field in {error["key"] for error in body["errors"]}
