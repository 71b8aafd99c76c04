"""Sources from a URL or a saved HTML page, fetched without server-side request forgery."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.jobs.fetch import FetchPolicy
from service.jobs.ingestion import IngestionRunner
from service.models import Source
from tests.admin.helpers import ADMIN_HEADERS
from tests.admin.pages import ARTICLE_HTML, EMPTY_HTML, Page, PageServer, page_server

LOCAL = FetchPolicy(allowed_hosts=frozenset({"127.0.0.1"}))


@pytest.fixture
def web() -> Iterator[PageServer]:
    with page_server() as server:
        server.pages["/article"] = Page(body=ARTICLE_HTML)
        server.pages["/empty"] = Page(body=EMPTY_HTML)
        server.pages["/old"] = Page(status=301, location="/article")
        server.pages["/pdf"] = Page(body="%PDF-1.7", content_type="application/pdf")
        yield server


async def submit(client: httpx.AsyncClient, body: dict[str, Any], status: int = 202) -> Any:
    response = await client.post("/v1/admin/sources", json=body, headers=ADMIN_HEADERS)
    assert response.status_code == status, response.text
    return response.json()


async def ingest(
    client: httpx.AsyncClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    body: dict[str, Any],
    policy: FetchPolicy = LOCAL,
) -> dict[str, Any]:
    """Submit `body`, run its job with `policy`, answer the job."""
    accepted = await submit(client, body)
    await IngestionRunner(sessionmaker, fetch_policy=policy).run(accepted["job"]["id"])
    response = await client.get(f"/v1/admin/jobs/{accepted['job']['id']}", headers=ADMIN_HEADERS)
    job: dict[str, Any] = response.json()
    return job


async def test_a_url_is_fetched_and_its_article_ingested_with_quotes_into_its_text(
    client: httpx.AsyncClient,
    session: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    web: PageServer,
) -> None:
    job = await ingest(client, sessionmaker, {"url": f"{web.base}/old?utm_source=feed"})

    assert job["status"] == "succeeded", job["error"]
    assert job["counts"]["figures"] >= 1
    source = await session.get_one(Source, job["source_id"])
    await session.refresh(source)
    assert source.final_url == f"{web.base}/article"
    assert source.canonical_url == f"{web.base}/old"
    assert source.fetched_at is not None
    assert (source.title, source.author, source.language) == (
        "Lumen AI posts its first revenue",
        "Ada Tester",
        "en",
    )
    assert str(source.published_on) == "2025-05-04"
    assert source.text is not None
    assert "Copyright" not in source.text
    shown = (await client.get(f"/v1/sources/{source.id}")).json()
    assert (shown["final_url"], shown["author"]) == (f"{web.base}/article", "Ada Tester")
    assert shown["fetched_at"] is not None
    figures = (await client.get("/v1/figures", params={"source": source.id})).json()["data"]
    cited = figures[0]["sources"][0]
    assert source.text[cited["start"] : cited["end"]] == "$2 million"


async def test_the_same_url_twice_is_one_source_and_so_is_a_refetch(
    client: httpx.AsyncClient, sessionmaker: async_sessionmaker[AsyncSession], web: PageServer
) -> None:
    first = await ingest(client, sessionmaker, {"url": f"{web.base}/article?utm_medium=x#top"})
    again = await submit(client, {"url": f"{web.base}/article"}, status=200)
    refetched = await submit(client, {"url": f"{web.base}/article", "refetch": True})

    assert again["source_id"] == refetched["source_id"] == first["source_id"]
    assert refetched["job"] == {"id": first["id"], "status": "queued"}


async def test_a_saved_html_page_is_read_without_fetching(
    client: httpx.AsyncClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    web: PageServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    body = {"html": ARTICLE_HTML, "url": f"{web.base}/saved"}
    with caplog.at_level(logging.INFO, logger="service.jobs.ingestion"):
        job = await ingest(client, sessionmaker, body)

    assert job["status"] == "succeeded", job["error"]
    assert job["counts"]["figures"] >= 1
    assert web.requested == []
    [ended] = [r.getMessage() for r in caplog.records if "ended" in r.getMessage()]
    assert re.fullmatch(
        rf"ingest job {job['id']} ended succeeded in [0-9.]+ s: "
        r"\d+ figures, \d+ deals, \d+ companies",
        ended,
    )


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/empty", "no article found in"),
        ("/missing", "answered HTTP 404"),
        ("/pdf", "is not an HTML page (its content type is application/pdf)"),
    ],
)
async def test_a_page_without_article_fails_with_its_reason_and_can_be_retried(
    client: httpx.AsyncClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    web: PageServer,
    path: str,
    reason: str,
) -> None:
    job = await ingest(client, sessionmaker, {"url": web.base + path})

    assert job["status"] == "failed"
    assert reason in job["error"]
    retried = await submit(client, {"url": web.base + path})
    assert retried["job"] == {"id": job["id"], "status": "queued"}


async def test_a_page_without_date_asks_for_published_on(
    client: httpx.AsyncClient, sessionmaker: async_sessionmaker[AsyncSession], web: PageServer
) -> None:
    undated = ARTICLE_HTML.replace("2025-05-04T09:00:00Z", "")
    web.pages["/undated"] = Page(body=undated)

    job = await ingest(client, sessionmaker, {"url": f"{web.base}/undated"})

    assert job["status"] == "failed"
    assert "published_on" in job["error"]


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.7/a",
        "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0/a",
        "http://2130706433/a",  # 127.0.0.1 as one decimal number
        "http://127.1/a",
        "http://100.100.100.200/latest/meta-data/",  # a cloud's metadata, shared address space
    ],
)
async def test_private_and_metadata_addresses_are_refused(
    client: httpx.AsyncClient, sessionmaker: async_sessionmaker[AsyncSession], url: str
) -> None:
    job = await ingest(client, sessionmaker, {"url": url})

    assert job["status"] == "failed"
    assert "refused to fetch" in job["error"]
    assert "non-public address" in job["error"]


async def test_loopback_is_refused_unless_allowed_and_nothing_is_sent(
    client: httpx.AsyncClient, sessionmaker: async_sessionmaker[AsyncSession], web: PageServer
) -> None:
    job = await ingest(client, sessionmaker, {"url": f"{web.base}/article"}, FetchPolicy())

    assert job["status"] == "failed"
    assert "127.0.0.1" in job["error"]
    assert "AIFACTS_FETCH_ALLOW_HOSTS" in job["error"]
    assert web.requested == []


async def test_a_name_resolving_to_loopback_is_refused(
    client: httpx.AsyncClient, sessionmaker: async_sessionmaker[AsyncSession], web: PageServer
) -> None:
    port = web.base.rsplit(":", 1)[1]
    job = await ingest(client, sessionmaker, {"url": f"http://localhost:{port}/article"})

    assert job["status"] == "failed"
    assert "localhost resolves to the non-public address" in job["error"]
    assert web.requested == []


@pytest.mark.parametrize("target", ["http://10.1.2.3/x", "http://localhost:{port}/article"])
async def test_a_redirect_to_an_inside_address_is_refused_before_it_is_followed(
    client: httpx.AsyncClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    web: PageServer,
    target: str,
) -> None:
    web.pages["/jump"] = Page(status=302, location=target.format(port=web.base.rsplit(":")[-1]))

    job = await ingest(client, sessionmaker, {"url": f"{web.base}/jump"})

    assert job["status"] == "failed"
    assert "refused to fetch" in job["error"]
    assert web.requested == ["/jump"]


async def test_other_schemes_and_empty_submissions_are_refused(client: httpx.AsyncClient) -> None:
    await submit(client, {"url": "file:///etc/passwd"}, status=400)
    await submit(client, {"url": "http://[::1]/a"}, status=400)
    for body in ({}, {"text": "x", "html": "<p>x</p>"}, {"text": "Lumen AI grew."}):
        await submit(client, body, status=422)


@pytest.mark.parametrize(
    ("path", "policy", "reason"),
    [
        (
            "/article",
            FetchPolicy(allowed_hosts=LOCAL.allowed_hosts, max_bytes=100),
            "larger than 100",
        ),
        ("/loop", LOCAL, "more than 5 redirects"),
    ],
)
async def test_size_cap_and_redirect_limit_end_the_job_failed(
    *,
    client: httpx.AsyncClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    web: PageServer,
    path: str,
    policy: FetchPolicy,
    reason: str,
) -> None:
    web.pages["/loop"] = Page(status=302, location="/loop")

    job = await ingest(client, sessionmaker, {"url": web.base + path}, policy)

    assert job["status"] == "failed"
    assert reason in job["error"]


async def test_a_server_dripping_its_page_is_cut_off_by_the_total_deadline(
    client: httpx.AsyncClient, sessionmaker: async_sessionmaker[AsyncSession], web: PageServer
) -> None:
    web.pages["/slow"] = Page(body=ARTICLE_HTML[:60], drip=0.05)
    policy = FetchPolicy(allowed_hosts=LOCAL.allowed_hosts, timeout=0.5)

    job = await ingest(client, sessionmaker, {"url": f"{web.base}/slow"}, policy)

    assert job["status"] == "failed"
    assert "took longer than 2 s to fetch" in job["error"]
