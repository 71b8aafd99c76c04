"""POST /v1/normalize: canonical quantities from text, errors as problem+json."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest

PROBLEM = "application/problem+json"


async def normalize(client: httpx.AsyncClient, body: dict[str, Any]) -> httpx.Response:
    return await client.post("/v1/normalize", json=body)


async def test_french_deal_amount_is_canonical_usd_with_offsets(client: httpx.AsyncClient) -> None:
    text = "OpenAI a signé un accord de 38 milliards de dollars sur sept ans."
    response = await normalize(client, {"text": text, "lang": "fr", "date": "2025-11-03"})

    assert response.status_code == 200
    body = response.json()
    assert body["lang"] == "fr"
    [quantity] = body["quantities"]
    assert quantity["value"] == 38_000_000_000
    assert quantity["unit"] == "USD"
    assert quantity["bound"] == "exact"
    assert quantity["fx"] is None
    assert (
        text[quantity["start"] : quantity["end"]] == quantity["text"] == "38 milliards de dollars"
    )


async def test_values_are_exact_json_numbers(client: httpx.AsyncClient) -> None:
    body = {"text": "Amazon shares rose 4.7% after the deal.", "lang": "en", "date": "2025-11-03"}
    response = await normalize(client, body)

    assert '"value":0.047' in response.text
    assert response.json()["quantities"][0]["unit"] == "ratio"


async def test_euro_amount_is_converted_at_the_ecb_rate_of_the_last_business_day(
    client: httpx.AsyncClient,
) -> None:
    body = {"text": "Siemens investiert rund 1,5 Mrd. Euro.", "lang": "de", "date": "2025-03-08"}
    [quantity] = (await normalize(client, body)).json()["quantities"]

    assert quantity["bound"] == "approximate"
    assert quantity["original"] == {"value": 1_500_000_000, "unit": "EUR"}
    assert quantity["fx"]["source"] == "ECB"
    assert quantity["fx"]["date"] == "2025-03-07"
    rate = Decimal(str(quantity["fx"]["rate"]))
    assert Decimal(str(quantity["value"])) == Decimal(1_500_000_000) * rate


async def test_language_is_detected_when_not_given(client: httpx.AsyncClient) -> None:
    body = {"text": "Il progetto costerà 3 trilioni di dollari e consumerà 5 gigawatt di energia."}
    response = await normalize(client, body)

    assert response.status_code == 200
    payload = response.json()
    assert payload["lang"] == "it"
    assert [(q["value"], q["unit"]) for q in payload["quantities"]] == [
        (3_000_000_000_000, "USD"),
        (5_000_000_000, "W"),
    ]


async def test_quantities_come_in_order_of_appearance(client: httpx.AsyncClient) -> None:
    text = "La empresa tiene unos 300.000 clientes y factura entre 2 y 3 mil millones de euros."
    body = {"text": text, "lang": "es", "date": "2025-06-02"}
    quantities = (await normalize(client, body)).json()["quantities"]

    starts = [q["start"] for q in quantities]
    assert starts == sorted(starts)
    assert quantities[0]["unit"] == "customer"
    assert quantities[-1]["bound"] == "range"


async def test_text_without_quantities_answers_an_empty_list(client: httpx.AsyncClient) -> None:
    body = {"text": "OpenAI a été fondée en 2015 à San Francisco.", "lang": "fr"}
    response = await normalize(client, body)

    assert response.status_code == 200
    assert response.json()["quantities"] == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": ""}, "text"),
        ({"text": "x" * 10_001}, "text"),
        ({"text": "5 GW", "date": "2025-13-01"}, "date"),
        ({"text": "5 GW", "lang": "pt"}, "lang"),
        ({"text": 5}, "text"),
        ({"text": "5 GW", "unexpected": True}, "unexpected"),
        ({}, "text"),
    ],
    ids=[
        "empty",
        "too-long",
        "bad-date",
        "unknown-language",
        "wrong-type",
        "unknown-field",
        "none",
    ],
)
async def test_bad_input_answers_400_problem_naming_the_field(
    client: httpx.AsyncClient, body: dict[str, Any], field: str
) -> None:
    response = await normalize(client, body)

    assert response.status_code == 400
    assert response.headers["content-type"].startswith(PROBLEM)
    problem = response.json()
    assert problem["status"] == 400
    assert problem["errors"][0]["key"] == field


async def test_malformed_json_answers_400_problem(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/v1/normalize", content=b"{not json", headers={"content-type": "application/json"}
    )

    assert response.status_code == 400
    assert response.headers["content-type"].startswith(PROBLEM)
