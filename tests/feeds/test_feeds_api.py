"""The feed routes: create, read, list, change and remove feeds; bad input answers 4xx."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.admin.helpers import ADMIN_HEADERS
from tests.helpers import AppClient

FEED = "https://news.example/feeds/companies.xml"


@pytest.fixture
async def local(app_client: AppClient) -> AsyncIterator[httpx.AsyncClient]:
    """A client of an app allowed to fetch from 127.0.0.1 (as the feed tests' server is)."""
    async with app_client(fetch_allow_hosts="127.0.0.1") as http:
        yield http


async def create(client: httpx.AsyncClient, body: dict[str, Any], status: int = 201) -> Any:
    response = await client.post("/v1/admin/feeds", json=body, headers=ADMIN_HEADERS)
    assert response.status_code == status, response.text
    return response.json()


async def test_a_feed_is_created_read_listed_changed_and_removed(
    client: httpx.AsyncClient,
) -> None:
    created = await create(client, {"url": FEED, "language": "en", "poll_interval_minutes": 30})

    assert (created["url"], created["language"], created["poll_interval_minutes"]) == (
        FEED,
        "en",
        30,
    )
    assert created["active"] is True
    assert created["status"]["last_polled_at"] is None
    assert created["status"]["items_seen"] == created["status"]["items_failed"] == 0
    path = f"/v1/admin/feeds/{created['id']}"
    assert (await client.get(path, headers=ADMIN_HEADERS)).json() == created
    listed = (await client.get("/v1/admin/feeds", headers=ADMIN_HEADERS)).json()
    assert [feed["id"] for feed in listed["data"]] == [created["id"]]

    changes = {"language": None, "poll_interval_minutes": 1440, "active": False}
    changed = (await client.patch(path, json=changes, headers=ADMIN_HEADERS)).json()
    assert (changed["language"], changed["poll_interval_minutes"], changed["active"]) == (
        None,
        1440,
        False,
    )
    assert changed["url"] == FEED

    assert (await client.delete(path, headers=ADMIN_HEADERS)).status_code == 204
    assert (await client.get(path, headers=ADMIN_HEADERS)).status_code == 404
    assert (await client.delete(path, headers=ADMIN_HEADERS)).status_code == 404


async def test_the_list_pages_by_id(client: httpx.AsyncClient) -> None:
    ids = [(await create(client, {"url": f"{FEED}?edition={n}"}))["id"] for n in range(3)]

    first = (await client.get("/v1/admin/feeds", params={"limit": 2}, headers=ADMIN_HEADERS)).json()
    cursor = {"limit": 2, "cursor": first["next_cursor"]}
    second = (await client.get("/v1/admin/feeds", params=cursor, headers=ADMIN_HEADERS)).json()

    assert [feed["id"] for feed in first["data"] + second["data"]] == ids
    assert second["next_cursor"] is None


async def test_the_same_address_twice_is_a_conflict(client: httpx.AsyncClient) -> None:
    first = await create(client, {"url": FEED})
    other = await create(client, {"url": "https://news.example/other.xml"})

    problem = await create(client, {"url": f"{FEED}?utm_source=newsletter#top"}, status=409)
    assert "registered" in problem["detail"]
    moved = await client.patch(
        f"/v1/admin/feeds/{other['id']}", json={"url": FEED}, headers=ADMIN_HEADERS
    )
    assert moved.status_code == 409
    assert moved.headers["content-type"].startswith("application/problem+json")
    assert (await client.get(f"/v1/admin/feeds/{first['id']}", headers=ADMIN_HEADERS)).is_success


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"url": "ftp://news.example/feed"}, 400),
        ({"url": "file:///etc/passwd"}, 400),
        ({"url": "not a url"}, 400),
        ({"url": FEED, "poll_interval_minutes": 4}, 400),
        ({"url": FEED, "poll_interval_minutes": 1441}, 400),
        ({"url": FEED, "language": "xx"}, 422),
        ({"url": FEED, "colour": "blue"}, 400),
        ({}, 400),
        ({"url": "http://10.0.0.7/feed.xml"}, 422),
        ({"url": "http://169.254.169.254/latest/meta-data/"}, 422),
        ({"url": "http://127.0.0.1:9/feed.xml"}, 422),
        ({"url": "http://localhost:9/feed.xml"}, 422),
        ({"url": "https://.news.example:8443/feed"}, 422),
        ({"url": "http://news..example/feed"}, 422),
        ({"url": "http://news.example:99999/feed"}, 400),
    ],
)
async def test_bad_feeds_are_refused_with_a_problem(
    client: httpx.AsyncClient, body: dict[str, Any], status: int
) -> None:
    problem = await create(client, body, status=status)

    assert problem["status"] == status
    assert (await client.get("/v1/admin/feeds", headers=ADMIN_HEADERS)).json()["data"] == []


async def test_an_inside_address_names_the_setting_that_allows_it(
    client: httpx.AsyncClient, local: httpx.AsyncClient
) -> None:
    refused = await create(client, {"url": "http://127.0.0.1:9/feed.xml"}, status=422)
    allowed = await create(local, {"url": "http://127.0.0.1:9/feed.xml"})

    assert "AIFACTS_FETCH_ALLOW_HOSTS" in refused["detail"]
    assert allowed["url"] == "http://127.0.0.1:9/feed.xml"


async def test_a_host_that_does_not_resolve_yet_is_accepted(client: httpx.AsyncClient) -> None:
    created = await create(client, {"url": "https://feeds.invalid/companies.xml"})

    assert created["status"]["last_error"] is None


async def test_feed_routes_need_the_admin_token(client: httpx.AsyncClient) -> None:
    created = await create(client, {"url": FEED})
    path = f"/v1/admin/feeds/{created['id']}"

    assert (await client.post("/v1/admin/feeds", json={"url": FEED})).status_code == 401
    assert (await client.get("/v1/admin/feeds")).status_code == 401
    assert (await client.get(path)).status_code == 401
    assert (await client.patch(path, json={"active": False})).status_code == 401
    assert (await client.delete(path)).status_code == 401


async def test_changes_to_an_unknown_feed_answer_404(client: httpx.AsyncClient) -> None:
    response = await client.patch(
        "/v1/admin/feeds/999999", json={"active": False}, headers=ADMIN_HEADERS
    )

    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    body=st.dictionaries(
        st.sampled_from(["url", "language", "poll_interval_minutes", "active", "extra"]),
        st.one_of(st.none(), st.integers(), st.text(max_size=30), st.booleans()),
    )
)
async def test_any_body_answers_a_feed_or_a_client_error(
    client: httpx.AsyncClient, body: dict[str, Any]
) -> None:
    response = await client.post("/v1/admin/feeds", json=body, headers=ADMIN_HEADERS)

    assert response.status_code in (201, 400, 409, 422), response.text
    if response.status_code == 201:
        await client.delete(f"/v1/admin/feeds/{response.json()['id']}", headers=ADMIN_HEADERS)
