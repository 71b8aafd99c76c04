"""A URL refetched: one source, whose changed text becomes its next version; facts cite theirs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.jobs.fetch import FetchPolicy
from service.jobs.ingestion import IngestionRunner
from service.models import Citation, Source, SourceVersion
from tests.admin.helpers import ADMIN_HEADERS
from tests.feeds.server import FeedServer, Resource, article_page, feed_server

LOCAL = FetchPolicy(allowed_hosts=frozenset({"127.0.0.1"}))
FIRST = "Halvorsen Data said its annual revenue rose to $52 million in 2024."
SECOND = (
    "Halvorsen Data said its annual revenue rose to $52 million in 2024. "
    "Halvorsen Data signed a $90 million cloud contract with Quillmark Systems."
)
REVISED = "Halvorsen Data said its annual revenue rose to $57 million in 2024."


@pytest.fixture
def web() -> Iterator[FeedServer]:
    with feed_server() as server:
        server.resources["/story"] = Resource(article_page("Halvorsen results", FIRST))
        yield server


async def submit(client: httpx.AsyncClient, body: dict[str, Any], status: int) -> Any:
    response = await client.post("/v1/admin/sources", json=body, headers=ADMIN_HEADERS)
    assert response.status_code == status, response.text
    return response.json()


async def run(sessionmaker: async_sessionmaker[AsyncSession], accepted: Any) -> None:
    await IngestionRunner(sessionmaker, fetch_policy=LOCAL).run(accepted["job"]["id"])


async def versions_of(session: AsyncSession, source_id: int) -> list[SourceVersion]:
    rows = await session.scalars(
        select(SourceVersion)
        .where(SourceVersion.source_id == source_id)
        .order_by(SourceVersion.version)
    )
    return list(rows)


async def citations_of(session: AsyncSession, source_id: int) -> list[Citation]:
    rows = await session.scalars(
        select(Citation)
        .where(Citation.source_id == source_id)
        .order_by(Citation.id)
        .execution_options(populate_existing=True)
    )
    return list(rows)


async def test_an_unchanged_page_refetched_makes_no_version_and_no_facts(
    client: httpx.AsyncClient,
    session: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    web: FeedServer,
) -> None:
    url = f"{web.base}/story"
    first = await submit(client, {"url": url}, 202)
    await run(sessionmaker, first)
    cited = await citations_of(session, first["source_id"])

    again = await submit(client, {"url": url}, 200)
    refetched = await submit(client, {"url": url, "refetch": True}, 202)
    await run(sessionmaker, refetched)

    assert again["source_id"] == refetched["source_id"] == first["source_id"]
    assert refetched["job"]["id"] == first["job"]["id"]
    assert web.paths() == ["/story", "/story"]
    source = await session.get_one(Source, first["source_id"], populate_existing=True)
    assert source.version == 1
    assert [v.version for v in await versions_of(session, source.id)] == [1]
    assert await citations_of(session, source.id) == cited
    job = (await client.get(f"/v1/admin/jobs/{first['job']['id']}", headers=ADMIN_HEADERS)).json()
    assert job["status"] == "succeeded"


async def test_a_changed_page_becomes_the_next_version_and_its_facts_cite_it(
    client: httpx.AsyncClient,
    session: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    web: FeedServer,
) -> None:
    url = f"{web.base}/story"
    first = await submit(client, {"url": url}, 202)
    await run(sessionmaker, first)
    [revenue] = await citations_of(session, first["source_id"])
    web.resources["/story"].body = article_page("Halvorsen results", SECOND)

    refetched = await submit(client, {"url": url, "refetch": True}, 202)
    await run(sessionmaker, refetched)

    source = await session.get_one(Source, first["source_id"], populate_existing=True)
    versions = await versions_of(session, source.id)
    assert [v.version for v in versions] == [1, 2]
    assert source.version == 2
    assert source.text == versions[1].text
    assert "Quillmark" in versions[1].text
    assert "Quillmark" not in versions[0].text
    citations = await citations_of(session, source.id)
    assert len(citations) == 2
    assert {c.source_version for c in citations} == {2}
    assert citations[0].id == revenue.id
    for citation in citations:
        assert source.text[citation.start_offset : citation.end_offset] in citation.quote


async def test_a_fact_only_the_old_version_states_keeps_citing_it(
    client: httpx.AsyncClient,
    session: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    web: FeedServer,
) -> None:
    url = f"{web.base}/story"
    first = await submit(client, {"url": url}, 202)
    await run(sessionmaker, first)
    web.resources["/story"].body = article_page("Halvorsen results", REVISED)

    await run(sessionmaker, await submit(client, {"url": url, "refetch": True}, 202))

    versions = await versions_of(session, first["source_id"])
    by_version = {v.version: v.text for v in versions}
    citations = await citations_of(session, first["source_id"])
    assert sorted(c.source_version for c in citations) == [1, 2]
    for citation in citations:
        text = by_version[citation.source_version]
        assert text[citation.start_offset : citation.end_offset] in ("$52 million", "$57 million")


async def test_a_refetch_asked_while_the_job_waits_is_one_job(
    client: httpx.AsyncClient, web: FeedServer
) -> None:
    url = f"{web.base}/story"
    first = await submit(client, {"url": url}, 202)

    again = await submit(client, {"url": url, "refetch": True}, 200)

    assert again == first


async def test_the_api_shows_each_citation_with_the_version_its_offsets_point_into(
    client: httpx.AsyncClient, sessionmaker: async_sessionmaker[AsyncSession], web: FeedServer
) -> None:
    url = f"{web.base}/story"
    first = await submit(client, {"url": url}, 202)
    await run(sessionmaker, first)
    web.resources["/story"].body = article_page("Halvorsen results", REVISED)
    await run(sessionmaker, await submit(client, {"url": url, "refetch": True}, 202))
    source_id = first["source_id"]

    source = (await client.get(f"/v1/sources/{source_id}")).json()
    params = {"source": source_id, "include": "all"}
    figures = (await client.get("/v1/figures", params=params)).json()["data"]

    assert source["version"] == 2
    texts = {}
    for version in (1, 2):
        shown = (await client.get(f"/v1/sources/{source_id}/versions/{version}")).json()
        texts[version] = shown["text"]
    assert texts[2] == source["text"]
    cited = {
        texts[c["source_version"]][c["start"] : c["end"]]
        for figure in figures
        for c in figure["sources"]
    }
    assert cited == {"$52 million", "$57 million"}
    mentioned = {texts[m["source_version"]][m["start"] : m["end"]] for m in source["figures"]}
    assert mentioned == cited
    missing = await client.get(f"/v1/sources/{source_id}/versions/3")
    assert missing.status_code == 404
