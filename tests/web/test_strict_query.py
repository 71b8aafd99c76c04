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
        ("min_value=NaN", "min_value"),
        ("min_value=Infinity", "min_value"),
        ("min_value=1_000", "min_value"),
        ("min_value=%D9%A3", "min_value"),
        ("min_value=0x10", "min_value"),
        ("Limit=5", "Limit"),
        ("compnay=openai", "compnay"),
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


async def test_unknown_parameter_names_the_nearest_known_one(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/figures?Limit=5&compnay=openai")

    assert response.status_code == 400
    messages = {error["key"]: error["message"] for error in response.json()["errors"]}
    assert messages["Limit"].startswith("unknown query parameter; did you mean `limit`?")
    assert messages["compnay"].startswith("unknown query parameter; did you mean `company`?")


async def test_a_key_repeated_thousands_of_times_answers_one_short_error(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/v1/figures?" + "&".join(["limit=5"] * 8000))

    assert response.status_code == 400
    assert [error["key"] for error in response.json()["errors"]] == ["limit"]
    assert len(response.content) < 2000


@pytest.mark.parametrize("value", ["1e11", "-2.5", "0", "12345678901234567890"])
async def test_numbers_written_as_json_numbers_are_accepted(
    client: httpx.AsyncClient, value: str
) -> None:
    assert (await client.get(f"/v1/figures?min_value={value}")).status_code == 200
