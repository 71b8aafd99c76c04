"""Submitting sources: validation, storage with a queued job, and idempotency by text."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from service.admin.service import MAX_TEXT_CHARS
from service.models import IngestJob, Source
from tests.admin.helpers import ADMIN_HEADERS, article, row_counts
from tests.helpers import assert_problem


async def submit(client: httpx.AsyncClient, body: Any) -> httpx.Response:
    return await client.post("/v1/admin/sources", json=body, headers=ADMIN_HEADERS)


async def test_new_text_is_stored_with_a_queued_job(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    before = await row_counts(session)
    body = article()

    response = await submit(client, body)

    assert response.status_code == 202, response.text
    accepted = response.json()
    assert accepted["job"]["status"] == "queued"
    source = await session.get_one(Source, accepted["source_id"])
    assert source.sha256 == hashlib.sha256(body["text"].encode()).hexdigest()
    assert (source.text, source.language, source.published_on) == (
        body["text"],
        "en",
        date(2031, 5, 4),
    )
    assert (source.url, source.title, source.publisher) == (
        body["url"],
        body["title"],
        body["publisher"],
    )
    job = await session.get_one(IngestJob, accepted["job"]["id"])
    assert job.source_id == source.id
    after = await row_counts(session)
    assert after == before | {
        "sources": before["sources"] + 1,
        "ingest_jobs": before["ingest_jobs"] + 1,
        "pgqueuer": before["pgqueuer"] + 1,
    }


async def test_queued_job_names_its_ingest_job(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    job_id = (await submit(client, article())).json()["job"]["id"]

    queued = await session.execute(
        text("SELECT entrypoint, payload, status FROM pgqueuer WHERE dedupe_key = :key"),
        {"key": f"ingest-job-{job_id}"},
    )

    [(entrypoint, payload, status)] = queued.all()
    assert (entrypoint, status) == ("ingest_source", "queued")
    assert bytes(payload) == f'{{"job_id":{job_id}}}'.encode()


async def test_same_text_again_returns_the_same_source_and_job_and_writes_nothing(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    first = (await submit(client, article())).json()
    before = await row_counts(session)

    again = await submit(client, article(title="Another headline", language="fr"))

    assert again.status_code == 200
    assert again.json() == first
    assert await row_counts(session) == before


async def test_known_source_without_text_gets_the_text_and_a_job(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    body = article()
    digest = hashlib.sha256(body["text"].encode()).hexdigest()
    known = Source(sha256=digest, url="https://known.example/article", text=None)
    session.add(known)
    await session.flush()
    before = await row_counts(session)

    response = await submit(client, body)

    assert response.status_code == 202
    assert response.json()["source_id"] == known.id
    await session.refresh(known)
    assert known.text == body["text"]
    assert known.url == "https://known.example/article"
    assert (known.title, known.published_on) == (body["title"], date(2031, 5, 4))
    after = await row_counts(session)
    assert after["sources"] == before["sources"]
    assert after["ingest_jobs"] == before["ingest_jobs"] + 1


@pytest.mark.parametrize(
    ("body", "status"),
    [
        pytest.param(article(text=""), 422, id="empty-text"),
        pytest.param(article(text=" \n\t "), 422, id="whitespace-text"),
        pytest.param(article(text="x" * (MAX_TEXT_CHARS + 1)), 422, id="text-over-1M-chars"),
        pytest.param(article(language="pt"), 422, id="unsupported-language"),
        pytest.param(article(language="EN"), 422, id="upper-case-language"),
        pytest.param(article(published_on="2031-13-45"), 400, id="malformed-date"),
        pytest.param(article(published_on="yesterday"), 400, id="not-a-date"),
        pytest.param(article(text=42), 400, id="text-not-a-string"),
        pytest.param(article(title=["a", "list"]), 400, id="title-not-a-string"),
        pytest.param(article(url="https://x.example/" + "a" * 3000), 400, id="url-too-long"),
        pytest.param(article(source="rss"), 400, id="unknown-field"),
        pytest.param({"text": "Only text."}, 422, id="missing-published-on"),
        pytest.param(["not", "an", "object"], 400, id="not-an-object"),
    ],
)
async def test_bad_submission_answers_problem_and_writes_nothing(
    client: httpx.AsyncClient, session: AsyncSession, body: Any, status: int
) -> None:
    before = await row_counts(session)

    response = await submit(client, body)

    assert_problem(response, status)
    assert await row_counts(session) == before


async def test_malformed_json_answers_400_problem(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    before = await row_counts(session)

    response = await client.post(
        "/v1/admin/sources",
        content=b'{"text": "unterminated',
        headers={**ADMIN_HEADERS, "Content-Type": "application/json"},
    )

    assert_problem(response, 400)
    assert await row_counts(session) == before


async def test_body_over_the_size_limit_answers_413_problem(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    before = await row_counts(session)

    response = await submit(client, article(text="\u0001" * MAX_TEXT_CHARS + "x" * 200_000))

    assert_problem(response, 413)
    assert await row_counts(session) == before


@pytest.mark.parametrize(
    "url", ["https://[", "https://[::1/x", "ftp://news.example/a", "news.example/a", "https:// x"]
)
async def test_a_url_that_is_not_an_http_address_with_a_host_name_answers_400_problem(
    client: httpx.AsyncClient, session: AsyncSession, url: str
) -> None:
    before = await row_counts(session)
    response = await submit(client, {**article(), "url": url})
    assert_problem(response, 400)
    assert await row_counts(session) == before


async def test_an_address_with_port_path_query_and_fragment_is_accepted(
    client: httpx.AsyncClient,
) -> None:
    url = "https://news.example:8443/a/b?id=1&x=[2]#part"
    response = await submit(client, {**article(), "url": url})
    assert response.status_code == 202, response.text
