"""Content types, HEAD and unknown paths: the HTTP answers issue 13 found missing (row 13)."""

from __future__ import annotations

import httpx
import pytest

from tests.admin.helpers import ADMIN_HEADERS, article
from tests.helpers import AppClient, assert_problem

NOT_JSON = [
    pytest.param("text/plain", b'{"text": "$5 billion"}', id="text-plain-holding-json"),
    pytest.param("application/x-www-form-urlencoded", b"text=%245+billion", id="form"),
    pytest.param("multipart/form-data; boundary=x", b"--x--\r\n", id="multipart"),
    pytest.param("", b'{"text": "$5 billion"}', id="no-content-type"),
]


@pytest.mark.parametrize(("content_type", "body"), NOT_JSON)
async def test_a_body_that_is_not_json_answers_415_naming_json(
    client: httpx.AsyncClient, content_type: str, body: bytes
) -> None:
    headers = {"content-type": content_type} if content_type else {}
    response = await client.post("/v1/normalize", content=body, headers=headers)

    problem = assert_problem(response, 415)
    assert "application/json" in problem["detail"]


async def test_the_admin_source_route_refuses_a_text_plain_body_with_415(
    client: httpx.AsyncClient,
) -> None:
    body = httpx.Request("POST", "/", json=article()).content
    response = await client.post(
        "/v1/admin/sources", content=body, headers={**ADMIN_HEADERS, "content-type": "text/plain"}
    )

    assert_problem(response, 415)


@pytest.mark.parametrize("content_type", ["application/json; charset=utf-8", "application/x+json"])
async def test_json_media_types_with_parameters_or_suffix_are_read(
    client: httpx.AsyncClient, content_type: str
) -> None:
    response = await client.post(
        "/v1/normalize", content=b'{"text": ""}', headers={"content-type": content_type}
    )

    problem = assert_problem(response, 400)  # read as JSON, refused by the schema
    assert problem["errors"][0]["key"] == "text"


async def test_head_answers_the_get_headers_without_a_body(client: httpx.AsyncClient) -> None:
    got = await client.get("/v1/companies")
    head = await client.head("/v1/companies")

    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["etag"] == got.headers["etag"]
    assert head.headers["content-length"] == got.headers["content-length"]
    assert head.headers["content-type"] == got.headers["content-type"]


async def test_head_with_a_matching_etag_answers_304(client: httpx.AsyncClient) -> None:
    etag = (await client.get("/v1/companies")).headers["etag"]

    response = await client.head("/v1/companies", headers={"if-none-match": etag})

    assert response.status_code == 304


async def test_head_counts_against_the_rate_limit_and_says_so(app_client: AppClient) -> None:
    async with app_client(rate_limit=2) as http:
        answers = [await http.head("/v1/companies") for _ in range(3)]

    assert [answer.status_code for answer in answers] == [200, 200, 429]
    assert answers[0].headers["ratelimit"].startswith('"default";r=1;t=')
    assert "retry-after" in answers[2].headers


async def test_allow_lists_head_beside_get(client: httpx.AsyncClient) -> None:
    response = await client.delete("/v1/companies")

    assert_problem(response, 405)
    assert [m.strip() for m in response.headers["allow"].split(",")] == ["GET", "HEAD", "OPTIONS"]


async def test_head_on_a_post_only_route_answers_405_problem_headers(
    client: httpx.AsyncClient,
) -> None:
    response = await client.head("/v1/normalize")

    assert response.status_code == 405
    assert response.headers["content-type"] == "application/problem+json"
    assert response.content == b""


@pytest.mark.parametrize("path", ["/schema/%00", "/schema/nope", "/schema/x.json", "/nope"])
async def test_unknown_paths_answer_404_problem_even_under_schema(
    client: httpx.AsyncClient, path: str
) -> None:
    response = await client.get(path)

    assert_problem(response, 404)
