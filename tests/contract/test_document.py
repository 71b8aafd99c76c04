"""What schemathesis found, pinned: exact request bodies, links, and the answers they promise."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from service.web.params import MAX_ID
from tests.admin.helpers import ADMIN_HEADERS
from tests.helpers import assert_problem


@pytest.fixture
async def document(client: httpx.AsyncClient) -> dict[str, Any]:
    """The OpenAPI document the application serves."""
    response = await client.get("/schema/openapi.json")
    body: dict[str, Any] = response.json()
    return body


def test_request_bodies_forbid_unknown_fields_and_keep_nullable_constraints(
    document: dict[str, Any],
) -> None:
    schemas = document["components"]["schemas"]

    forbidding = [name for name in schemas if schemas[name].get("additionalProperties") is False]
    ticker = schemas["IdentifiersInput"]["properties"]["ticker"]["anyOf"]

    assert {"SourceCreate", "FigureCreate", "DealUpdate", "PeriodInput"} <= set(forbidding)
    assert {"type": "string", "minLength": 1, "maxLength": 20} in ticker


def test_a_submitted_source_links_to_its_job_and_facts(document: dict[str, Any]) -> None:
    links = document["paths"]["/v1/admin/sources"]["post"]["responses"]["202"]["links"]

    assert links["GetJob"] == {
        "operationId": "getJob",
        "parameters": {"job_id": "$response.body#/job/id"},
    }
    assert links["ListFiguresOfSource"]["parameters"] == {"source": "$response.body#/source_id"}


async def test_options_lists_every_method_of_a_path(client: httpx.AsyncClient) -> None:
    response = await client.options("/v1/admin/figures/1", headers=ADMIN_HEADERS)

    assert response.headers["allow"] == "DELETE, OPTIONS, PATCH"


async def test_an_id_beyond_the_documented_maximum_answers_400(client: httpx.AsyncClient) -> None:
    response = await client.get(f"/v1/figures/{MAX_ID + 1}")

    assert_problem(response, 400)


async def test_a_nul_character_answers_422_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/figures", params={"company": "open\x00ai"})

    assert "NUL" in assert_problem(response, 422)["detail"]
