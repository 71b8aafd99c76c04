"""HTTP caching of reads: ETag on 200 JSON GETs, 304 on a matching If-None-Match, no-cache."""

from __future__ import annotations

import httpx
import pytest

from service.web.caching import entity_tag, none_match


async def test_a_read_carries_a_strong_etag_of_its_body_and_no_cache(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/v1/companies/openai")

    assert response.status_code == 200
    assert response.headers["etag"] == entity_tag(response.content)
    assert response.headers["etag"].startswith('"')
    assert response.headers["cache-control"] == "no-cache"


async def test_lists_carry_an_etag_that_differs_by_content(client: httpx.AsyncClient) -> None:
    first = await client.get("/v1/companies", params={"limit": 1})
    second = await client.get("/v1/companies", params={"limit": 2})

    assert first.headers["etag"] != second.headers["etag"]


@pytest.mark.parametrize(
    "if_none_match",
    [
        pytest.param("{tag}", id="same-tag"),
        pytest.param("W/{tag}", id="weak-form"),
        pytest.param('"other", {tag}', id="in-a-list"),
        pytest.param("*", id="any"),
    ],
)
async def test_a_matching_if_none_match_answers_304_without_body(
    client: httpx.AsyncClient, if_none_match: str
) -> None:
    tag = (await client.get("/v1/companies/openai")).headers["etag"]

    response = await client.get(
        "/v1/companies/openai", headers={"If-None-Match": if_none_match.format(tag=tag)}
    )

    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["etag"] == tag
    assert "content-type" not in response.headers


async def test_a_stale_if_none_match_answers_200_with_the_body(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/companies/openai", headers={"If-None-Match": '"stale"'})

    assert response.status_code == 200
    assert response.json()["slug"] == "openai"


async def test_problems_and_writes_carry_no_etag(client: httpx.AsyncClient) -> None:
    missing = await client.get("/v1/companies/no-such-company")
    written = await client.post("/v1/normalize", json={"text": "$2 million"})

    assert missing.status_code == 404
    assert "etag" not in missing.headers
    assert "etag" not in written.headers


def test_if_none_match_without_the_tag_does_not_match() -> None:
    assert not none_match(None, '"a"')
    assert not none_match('"b", W/"c"', '"a"')
    assert none_match(' W/"a" ', '"a"')
