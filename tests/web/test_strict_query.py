"""Query strings are read as strictly as the contract states them."""

from __future__ import annotations

import httpx
import pytest


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ("limit=5.0", "limit"),
        ("limit=1e1", "limit"),
        ("source=3.0", "source"),
        ("limit=5&limit=6", "limit"),
        ("company=openai&company=amazon", "company"),
    ],
)
async def test_lenient_query_values_answer_400_problem(
    client: httpx.AsyncClient, query: str, key: str
) -> None:
    response = await client.get(f"/v1/deals?{query}")

    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    assert [error["key"] for error in response.json()["errors"]] == [key]


async def test_well_formed_query_is_served(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/deals?company=openai&limit=5&source=1")

    assert response.status_code == 200
