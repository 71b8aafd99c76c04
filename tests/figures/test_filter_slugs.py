"""Company and metric filters: slugs matched case-insensitively, unknown ones answer 422."""

from __future__ import annotations

import httpx
import pytest

from tests.helpers import assert_problem


async def test_company_slug_matches_whatever_its_case(client: httpx.AsyncClient) -> None:
    lower = (await client.get("/v1/figures", params={"company": "openai"})).json()
    upper = (await client.get("/v1/figures", params={"company": "OpenAI"})).json()

    assert lower["data"]
    assert upper == lower


@pytest.mark.parametrize(
    ("route", "params", "named"),
    [
        (
            "/v1/figures",
            {"metric": "revenu"},
            "unknown metric 'revenu'; the nearest known: revenue",
        ),
        (
            "/v1/figures",
            {"company": "openaii"},
            "unknown company 'openaii'; the nearest known: openai",
        ),
        ("/v1/deals", {"company": "anthropik"}, "the nearest known: anthropic"),
    ],
)
async def test_unknown_slugs_answer_422_naming_the_nearest(
    client: httpx.AsyncClient, route: str, params: dict[str, str], named: str
) -> None:
    response = await client.get(route, params=params)

    assert_problem(response, 422)
    assert named in response.json()["detail"]
