"""Polling feeds: each new item ingested once, conditional requests, errors a person can act on."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.feeds.polling import ITEM_RETRIES, FeedPoller
from service.jobs.fetch import FetchPolicy
from service.jobs.ingestion import IngestionRunner
from service.models import Feed, FeedItem, IngestJob, Source
from tests.feeds.server import ATOM, RSS, FeedServer, Resource, article_page, atom, feed_server, rss

LOCAL = FetchPolicy(allowed_hosts=frozenset({"127.0.0.1"}))

DEAL = (
    "Tessaline AI signed a $300 million cloud contract with Brightmoor Compute, "
    "the companies said on Monday."
)
REVENUE = (
    "Corvane Robotics, a maker of warehouse robots, said its annual revenue rose to "
    "$48 million in 2024."
)


@pytest.fixture
def web() -> Iterator[FeedServer]:
    with feed_server() as server:
        server.resources["/news/deal"] = Resource(article_page("A cloud deal", DEAL))
        server.resources["/news/revenue"] = Resource(article_page("Revenue rises", REVENUE))
        items = [
            ("wire-1", "/news/deal?utm_source=rss", "A cloud deal"),
            ("wire-2", "/news/revenue", "Revenue rises"),
        ]
        server.resources["/rss"] = Resource(rss(server.base, items), RSS, etag='"v1"')
        yield server


async def add_feed(session: AsyncSession, url: str, language: str | None = None) -> Feed:
    feed = Feed(url=url, canonical_url=url, language=language)
    session.add(feed)
    await session.commit()
    return feed


async def jobs_of(session: AsyncSession, feed_id: int) -> list[IngestJob]:
    rows = await session.scalars(
        select(IngestJob)
        .join(FeedItem, FeedItem.source_id == IngestJob.source_id)
        .where(FeedItem.feed_id == feed_id)
        .order_by(IngestJob.id)
        .execution_options(populate_existing=True)
    )
    return list(rows)


async def refreshed(session: AsyncSession, feed: Feed) -> Feed:
    await session.refresh(feed)
    return feed


async def test_each_item_is_ingested_once_and_becomes_a_source_with_facts(
    session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession], web: FeedServer
) -> None:
    feed = await add_feed(session, f"{web.base}/rss")
    poller = FeedPoller(sessionmaker, LOCAL)

    first = await poller.poll(feed.id)
    again = await poller.poll(feed.id)

    assert first is not None
    assert again is not None
    assert (first.http_status, first.new_items, first.ingested) == (200, 2, 2)
    assert (again.http_status, again.new_items, again.ingested) == (304, 0, 0)
    assert web.requests[-1].if_none_match == '"v1"'
    jobs = await jobs_of(session, feed.id)
    assert len(jobs) == 2
    for job in jobs:
        await IngestionRunner(sessionmaker, fetch_policy=LOCAL).run(job.id)
    jobs = await jobs_of(session, feed.id)
    assert [job.status for job in jobs] == ["succeeded", "succeeded"], [j.error for j in jobs]
    assert all(job.figures_count + job.deals_count >= 1 for job in jobs)
    source = await session.get_one(Source, jobs[0].source_id, populate_existing=True)
    assert source.canonical_url == f"{web.base}/news/deal"
    assert (source.title, source.language, str(source.published_on)) == (
        "A cloud deal",
        "en",
        "2025-06-02",
    )
    feed = await refreshed(session, feed)
    assert (feed.items_seen, feed.items_ingested, feed.etag) == (2, 2, '"v1"')
    assert feed.last_error is None
    assert feed.last_success_at is not None


async def test_a_feed_ignoring_validators_still_ingests_nothing_twice(
    session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession], web: FeedServer
) -> None:
    web.resources["/rss"].etag = None
    feed = await add_feed(session, f"{web.base}/rss")
    poller = FeedPoller(sessionmaker, LOCAL)

    await poller.poll(feed.id)
    items = [("wire-3", "/news/deal", "Same page, new GUID"), ("wire-2", "/news/other", "Moved")]
    web.resources["/rss"].body = rss(web.base, items)
    again = await poller.poll(feed.id)

    assert again is not None
    assert (again.http_status, again.new_items, again.ingested) == (200, 0, 0)
    assert len(await jobs_of(session, feed.id)) == 2
    assert web.requests[-1].if_none_match is None


async def test_an_atom_feed_is_polled_with_if_modified_since_and_a_304_ingests_nothing(
    session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession], web: FeedServer
) -> None:
    stamp = "Tue, 03 Jun 2025 10:00:00 GMT"
    body = atom(web.base, [("urn:ledger:1", "/news/revenue", "Revenue rises")])
    web.resources["/atom"] = Resource(body, ATOM, last_modified=stamp)
    feed = await add_feed(session, f"{web.base}/atom", language="en")
    poller = FeedPoller(sessionmaker, LOCAL)

    first = await poller.poll(feed.id)
    web.resources["/atom"].body = atom(web.base, [("urn:ledger:2", "/news/deal", "Unseen")])
    second = await poller.poll(feed.id)

    assert first is not None
    assert second is not None
    assert (first.new_items, second.http_status, second.new_items) == (1, 304, 0)
    assert web.requests[-1].if_modified_since == stamp
    feed = await refreshed(session, feed)
    assert (feed.last_modified, feed.last_http_status, feed.items_seen) == (stamp, 304, 1)


async def test_an_item_whose_page_fails_is_recorded_and_retried_at_the_next_polls(
    session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession], web: FeedServer
) -> None:
    web.resources["/news/revenue"].status = 503
    feed = await add_feed(session, f"{web.base}/rss")
    poller = FeedPoller(sessionmaker, LOCAL)
    runner = IngestionRunner(sessionmaker, fetch_policy=LOCAL)
    await poller.poll(feed.id)
    for job in await jobs_of(session, feed.id):
        await runner.run(job.id)
    failed = (await jobs_of(session, feed.id))[1]
    assert failed.status == "failed"
    assert "answered HTTP 503" in (failed.error or "")

    web.resources["/news/revenue"].status = 200
    retry = await poller.poll(feed.id)
    assert retry is not None
    assert (retry.http_status, retry.retried) == (304, 1)
    await runner.run(failed.id)

    assert [job.status for job in await jobs_of(session, feed.id)] == ["succeeded"] * 2
    after = await poller.poll(feed.id)
    assert after is not None
    assert after.retried == 0


async def test_an_item_failing_every_time_is_retried_a_few_times_only(
    session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession], web: FeedServer
) -> None:
    web.resources["/news/revenue"].status = 500
    feed = await add_feed(session, f"{web.base}/rss")
    poller = FeedPoller(sessionmaker, LOCAL)
    runner = IngestionRunner(sessionmaker, fetch_policy=LOCAL)

    retried = []
    for _ in range(ITEM_RETRIES + 2):
        result = await poller.poll(feed.id)
        assert result is not None
        retried.append(result.retried)
        for job in await jobs_of(session, feed.id):
            if job.status == "queued":
                await runner.run(job.id)

    assert retried == [0] + [1] * ITEM_RETRIES + [0]


@pytest.mark.parametrize(
    ("resource", "reason"),
    [
        (Resource("<html><body><p>Our feeds</p></body></html>"), "is not an RSS or Atom feed"),
        (Resource("gone", status=410), "answered HTTP 410"),
    ],
)
async def test_a_poll_that_gets_no_feed_says_why(
    session: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    web: FeedServer,
    resource: Resource,
    reason: str,
) -> None:
    web.resources["/broken"] = resource
    feed = await add_feed(session, f"{web.base}/broken")

    result = await FeedPoller(sessionmaker, LOCAL).poll(feed.id)

    assert result is not None
    assert reason in (result.error or "")
    feed = await refreshed(session, feed)
    assert reason in (feed.last_error or "")
    assert feed.last_success_at is None
    assert feed.last_polled_at is not None
    assert feed.items_seen == 0


async def test_a_feed_on_loopback_is_refused_unless_allowed_and_nothing_is_sent(
    session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession], web: FeedServer
) -> None:
    feed = await add_feed(session, f"{web.base}/rss")

    await FeedPoller(sessionmaker, FetchPolicy()).poll(feed.id)

    feed = await refreshed(session, feed)
    assert "refused to fetch" in (feed.last_error or "")
    assert "AIFACTS_FETCH_ALLOW_HOSTS" in (feed.last_error or "")
    assert web.requests == []


@pytest.mark.parametrize(
    "link", ["http://10.0.0.7/news/a", "http://169.254.169.254/latest/meta-data/", "LOCALHOST"]
)
async def test_an_item_linking_inside_the_network_is_refused_by_its_job(
    session: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    web: FeedServer,
    link: str,
) -> None:
    link = link.replace("LOCALHOST", f"http://localhost:{web.base.rsplit(':', 1)[1]}/news/deal")
    web.resources["/inside"] = Resource(rss(web.base, [("inside-1", link, "Inside")]), RSS)
    feed = await add_feed(session, f"{web.base}/inside")

    await FeedPoller(sessionmaker, LOCAL).poll(feed.id)
    [job] = await jobs_of(session, feed.id)
    await IngestionRunner(sessionmaker, fetch_policy=LOCAL).run(job.id)

    [job] = await jobs_of(session, feed.id)
    assert job.status == "failed"
    assert "refused to fetch" in (job.error or "")
    assert web.paths() == ["/inside"]


async def test_only_active_feeds_whose_time_has_come_are_polled(
    session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession], web: FeedServer
) -> None:
    web.resources["/later"] = Resource(rss(web.base, []), RSS)
    web.resources["/paused"] = Resource(rss(web.base, []), RSS)
    due = await add_feed(session, f"{web.base}/rss")
    later = await add_feed(session, f"{web.base}/later")
    paused = await add_feed(session, f"{web.base}/paused")
    await session.refresh(later)
    later.next_poll_at = later.next_poll_at.replace(year=later.next_poll_at.year + 1)
    paused.active = False
    await session.commit()
    poller = FeedPoller(sessionmaker, LOCAL)

    polled = await poller.poll_due()
    again = await poller.poll_due()

    assert [result.feed_id for result in polled] == [due.id]
    assert again == []
    assert web.paths()[0] == "/rss"
    due = await refreshed(session, due)
    assert due.last_polled_at is not None
    assert (due.next_poll_at - due.last_polled_at).total_seconds() == pytest.approx(3600, abs=1)


async def test_an_item_date_no_article_can_have_is_dropped_not_the_item(
    session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession], web: FeedServer
) -> None:
    body = rss(web.base, [("far-1", "/news/deal", "A cloud deal")]).replace("2025", "2150")
    web.resources["/future"] = Resource(body, RSS)
    feed = await add_feed(session, f"{web.base}/future")

    result = await FeedPoller(sessionmaker, LOCAL).poll(feed.id)
    [job] = await jobs_of(session, feed.id)
    await IngestionRunner(sessionmaker, fetch_policy=LOCAL).run(job.id)

    assert result is not None
    assert (result.new_items, result.ingested) == (1, 1)
    source = await session.get_one(Source, job.source_id, populate_existing=True)
    assert str(source.published_on) == "2025-06-02"
    assert source.title == "A cloud deal"
