"""The worker offers feed polling to the queue's scheduler, which runs it on time."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta

import pytest
from sqlalchemy import delete, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from service.db.engine import create_sessionmaker
from service.feeds.polling import FeedPoller
from service.jobs.fetch import FetchPolicy
from service.jobs.ingestion import IngestionRunner
from service.jobs.worker import FEED_POLL_CRON, FEED_POLL_TASK, Worker, scheduled_tasks
from service.models import Feed
from service.settings import Settings
from tests.feeds.server import RSS, FeedServer, Resource, feed_server, rss

EVERY_SECOND = "* * * * * *"
TASK = "test_poll_feeds"


@pytest.fixture
def web() -> Iterator[FeedServer]:
    with feed_server() as server:
        server.resources["/quiet"] = Resource(rss(server.base, []), RSS, etag='"q1"')
        yield server


@pytest.fixture
async def committed_feed(engine: AsyncEngine, web: FeedServer) -> AsyncIterator[int]:
    """A feed committed to the database (a worker reads only committed rows), removed after."""
    async with AsyncSession(engine) as session, session.begin():
        feed = Feed(url=f"{web.base}/quiet", canonical_url=f"{web.base}/quiet")
        session.add(feed)
        await session.flush()
        feed_id = feed.id
    yield feed_id
    async with AsyncSession(engine) as session, session.begin():
        await session.execute(delete(Feed).where(Feed.id == feed_id))
        await session.execute(
            text("DELETE FROM pgqueuer_schedules WHERE entrypoint = :task"), {"task": TASK}
        )


def test_every_worker_offers_the_feed_poll_once_a_minute(settings: Settings) -> None:
    tasks = scheduled_tasks(async_sessionmaker(), settings)

    assert list(tasks) == [FEED_POLL_TASK]
    assert tasks[FEED_POLL_TASK][0] == FEED_POLL_CRON == "* * * * *"


async def test_a_running_worker_polls_a_due_feed_through_the_scheduler(
    engine: AsyncEngine, database_url: str, web: FeedServer, committed_feed: int
) -> None:
    sessionmaker = create_sessionmaker(engine)
    poller = FeedPoller(sessionmaker, FetchPolicy(allowed_hosts=frozenset({"127.0.0.1"})))
    polled = asyncio.Event()

    async def poll_and_tell() -> None:
        if await poller.poll_due():
            polled.set()

    worker = Worker(
        database_url,
        IngestionRunner(sessionmaker),
        heartbeat_timeout=timedelta(seconds=10),
        scheduled={TASK: (EVERY_SECOND, poll_and_tell)},
    )

    running = asyncio.create_task(worker.run())
    await asyncio.wait_for(polled.wait(), timeout=30)
    worker.stop()
    await asyncio.wait_for(running, timeout=30)

    assert "/quiet" in web.paths()
    async with AsyncSession(engine) as session:
        feed = await session.get_one(Feed, committed_feed)
    assert (feed.last_http_status, feed.etag, feed.last_error) == (200, '"q1"', None)
    assert feed.next_poll_at > feed.last_polled_at  # type: ignore[operator]
