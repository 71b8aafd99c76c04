"""Company and metric filters: slugs in any case, unknown ones answer 422 naming the nearest."""

from __future__ import annotations

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import assert_problem

LISTS = ["/v1/figures", "/v1/deals", "/v1/export/figures", "/v1/export/deals"]
WITH_METRIC = ["/v1/figures", "/v1/export/figures"]


@pytest.mark.parametrize("route", LISTS)
async def test_company_slug_matches_whatever_its_case(
    client: httpx.AsyncClient, route: str
) -> None:
    lower = await client.get(route, params={"company": "openai"})
    mixed = await client.get(route, params={"company": "OpenAI"})

    assert lower.status_code == mixed.status_code == 200
    assert lower.content.strip()
    assert mixed.content == lower.content


@pytest.mark.parametrize("route", WITH_METRIC)
async def test_metric_slug_matches_whatever_its_case(client: httpx.AsyncClient, route: str) -> None:
    lower = await client.get(route, params={"metric": "revenue"})
    upper = await client.get(route, params={"metric": "REVENUE"})

    assert upper.status_code == 200
    assert upper.content == lower.content


async def test_frame_of_a_metric_in_capitals_is_the_metrics_frame(
    client: httpx.AsyncClient,
) -> None:
    lower = await client.get("/v1/metrics/revenue/frames/2024")
    mixed = await client.get("/v1/metrics/Revenue/frames/2024")

    assert mixed.status_code == 200
    assert mixed.json() == lower.json()
    assert mixed.json()["metric"] == "revenue"


@pytest.mark.parametrize("route", WITH_METRIC)
async def test_misspelt_metric_answers_422_suggesting_the_metric(
    client: httpx.AsyncClient, route: str
) -> None:
    body = assert_problem(await client.get(route, params={"metric": "revenu"}), 422)

    assert body["detail"].startswith("unknown metric 'revenu'; did you mean 'revenue'")
    assert body["nearest"][0] == "revenue"
    assert body["errors"] == [{"key": "metric", "source": "query", "message": body["detail"]}]


@pytest.mark.parametrize("route", LISTS)
async def test_misspelt_company_answers_422_suggesting_the_company(
    client: httpx.AsyncClient, route: str
) -> None:
    body = assert_problem(await client.get(route, params={"company": "Anthropik"}), 422)

    assert "unknown company 'Anthropik'; did you mean 'anthropic'" in body["detail"]
    assert "anthropic" in body["nearest"]
    assert len(body["nearest"]) <= 3


async def test_slug_like_no_known_one_points_to_the_catalogue(client: httpx.AsyncClient) -> None:
    body = assert_problem(await client.get("/v1/figures", params={"company": "qxqxqxqx"}), 422)

    assert body["nearest"] == []
    assert body["detail"] == "unknown company 'qxqxqxqx'; see /v1/companies"


async def test_empty_slug_filters_nothing(client: httpx.AsyncClient) -> None:
    unfiltered = await client.get("/v1/figures")
    empty = await client.get("/v1/figures", params={"company": "", "metric": ""})

    assert empty.status_code == 200
    assert empty.json() == unfiltered.json()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    parameter=st.sampled_from(["company", "metric"]),
    route=st.sampled_from(LISTS),
    value=st.text(max_size=100),
)
async def test_any_filter_text_answers_200_or_422(
    client: httpx.AsyncClient, parameter: str, route: str, value: str
) -> None:
    if parameter == "metric" and route not in WITH_METRIC:
        route = "/v1/figures"

    response = await client.get(route, params={parameter: value})

    assert response.status_code in {200, 422}, response.text
    if response.status_code == 422:
        body = assert_problem(response, 422)
        if "\x00" in value:  # PostgreSQL holds no NUL: refused as such
            assert "NUL" in body["detail"]
        else:
            assert body["detail"].startswith(f"unknown {parameter} ")
            assert isinstance(body["nearest"], list)
