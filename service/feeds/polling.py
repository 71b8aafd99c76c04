"""Polling news feeds: conditional requests, each new item ingested once, status recorded.

A poll claims its feed (moves its next poll one interval on, in a short transaction), so
that several workers never poll one feed at once; it then fetches the feed through the same
SSRF-checked fetch as pages, with the validators of its last full answer (If-None-Match,
If-Modified-Since). A 304 ingests nothing. Each item not seen before (by GUID, and by
normalised URL) becomes a source and a job exactly as `POST /v1/admin/sources` with its `url`
makes them. Items whose job failed are queued again at the next polls, a few times.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import Final

import msgspec
from sqlalchemy import Select, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.admin.schemas import SourceCreate
from service.admin.service import AdminService
from service.domain.errors import DomainError, InvalidInputError
from service.feeds.parsing import FeedEntry, FeedUnreadableError, ParsedFeed, parse_feed
from service.jobs.fetch import Fetched, FetchPolicy, PageUnavailableError, fetch
from service.jobs.ingestion import MAX_ERROR_LENGTH, clock_now
from service.jobs.urls import normalise_url
from service.models import Feed, FeedItem, IngestJob
from service.settings import Settings
from service.web.offload import in_daemon_thread

logger = logging.getLogger(__name__)

ITEM_RETRIES: Final = 3
"""Times an item whose ingestion failed is queued again, one poll apart."""
DUE_BATCH: Final = 20
"""Feeds one scheduled run polls at most; the rest wait for the next minute."""
ACCEPT: Final = (
    "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1"
)


class PollResult(msgspec.Struct, frozen=True, kw_only=True):
    """What one poll did: the HTTP status, items new to the feed, sources queued, retries."""

    feed_id: int
    http_status: int | None = None
    new_items: int = 0
    ingested: int = 0
    retried: int = 0
    error: str | None = None


class _Claimed(msgspec.Struct, frozen=True):
    """What a poll needs of its feed, read when claiming it."""

    id: int
    url: str
    language: str | None
    etag: str | None
    last_modified: str | None


def submission_of(body: Mapping[str, object]) -> SourceCreate | None:
    """The submission `body` describes, checked as the API checks it; None if refused.

    An item's title or date a submission would refuse (a year past 2099...) is dropped by
    the caller, who tries again without them.
    """
    try:
        return msgspec.convert(body, SourceCreate)
    except (msgspec.ValidationError, DomainError):
        return None


class FeedPoller:
    """Polls feeds when due; `poll` polls one at once (the scheduler calls `poll_due`)."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], policy: FetchPolicy) -> None:
        self.sessionmaker = sessionmaker
        self.policy = policy

    @classmethod
    def configured(
        cls, sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
    ) -> FeedPoller:
        """A poller fetching with the settings' fetch policy."""
        return cls(sessionmaker, FetchPolicy.of(settings))

    async def poll_due(self) -> list[PollResult]:
        """Poll every active feed whose time has come (at most `DUE_BATCH` of them)."""
        due = (
            select(Feed.id)
            .where(Feed.active, Feed.next_poll_at <= clock_now())
            .order_by(Feed.next_poll_at)
            .limit(DUE_BATCH)
            .with_for_update(skip_locked=True)
        )
        results = []
        for feed in await self._claim(due):
            try:
                results.append(await self._poll(feed))
            except Exception:  # one feed's trouble (removed meanwhile...) spares the others
                logger.exception("feed %s: the poll stopped", feed.id)
        return results

    async def poll(self, feed_id: int) -> PollResult | None:
        """Poll feed `feed_id` now, due or not; None if there is no such feed."""
        claimed = await self._claim(select(Feed.id).where(Feed.id == feed_id).with_for_update())
        return await self._poll(claimed[0]) if claimed else None

    async def _claim(self, feeds: Select[tuple[int]] | Select[int]) -> list[_Claimed]:
        """Mark the feeds polled now and due again one interval on; what polling them needs."""
        interval = func.make_interval(0, 0, 0, 0, 0, Feed.poll_interval_minutes)
        async with self.sessionmaker() as session, session.begin():
            rows = await session.execute(
                update(Feed)
                .where(Feed.id.in_(feeds.scalar_subquery()))
                .values(last_polled_at=clock_now(), next_poll_at=clock_now() + interval)
                .returning(Feed.id, Feed.url, Feed.language, Feed.etag, Feed.last_modified)
            )
            return [_Claimed(*row) for row in rows.all()]

    async def _poll(self, feed: _Claimed) -> PollResult:
        """Fetch the feed, ingest its new items, queue failed ones again, record the outcome."""
        started = time.perf_counter()
        status: int | None = None
        try:
            fetched = await fetch(feed.url, self.policy, self._validators(feed))
            status = fetched.status
            parsed = await self._parse(fetched) if status != 304 else None
        except (PageUnavailableError, FeedUnreadableError) as error:
            result = PollResult(feed_id=feed.id, http_status=status, error=str(error))
            await self._record_failure(result)
        else:
            new, ingested = await self._ingest(feed, parsed) if parsed else (0, 0)
            result = PollResult(
                feed_id=feed.id, http_status=status, new_items=new, ingested=ingested
            )
            await self._record_success(result, fetched)
        retried = await self._retry_failed(feed.id)
        logger.info(
            "feed %s polled in %.2f s: HTTP %s, %d new items, %d ingested, %d retried%s",
            feed.id,
            time.perf_counter() - started,
            status,
            result.new_items,
            result.ingested,
            retried,
            f"; {result.error}" if result.error else "",
        )
        return msgspec.structs.replace(result, retried=retried)

    @staticmethod
    def _validators(feed: _Claimed) -> dict[str, str]:
        """The request headers of a conditional poll."""
        headers = {"Accept": ACCEPT}
        if feed.etag:
            headers["If-None-Match"] = feed.etag
        if feed.last_modified:
            headers["If-Modified-Since"] = feed.last_modified
        return headers

    @staticmethod
    async def _parse(fetched: Fetched) -> ParsedFeed:
        """The feed's items; FeedUnreadableError for an error answer or a document no feed."""
        if fetched.status >= 400:
            raise FeedUnreadableError(f"{fetched.final_url} answered HTTP {fetched.status}")
        kind = fetched.headers.get("content-type")
        return await in_daemon_thread(parse_feed, fetched.body, fetched.final_url, kind)

    async def _ingest(self, feed: _Claimed, parsed: ParsedFeed) -> tuple[int, int]:
        """Record each item not seen before and submit it; (items new, sources queued)."""
        new = ingested = 0
        for entry in parsed.entries:
            async with self.sessionmaker() as session, session.begin():
                item_id = await session.scalar(
                    insert(FeedItem)
                    .values(feed_id=feed.id, guid=entry.guid, url=normalise_url(entry.url))
                    .on_conflict_do_nothing()
                    .returning(FeedItem.id)
                )
                if item_id is None:
                    continue
                new += 1
                ingested += await self._submit(session, item_id, entry, feed, parsed)
        return new, ingested

    @staticmethod
    async def _submit(
        session: AsyncSession, item_id: int, entry: FeedEntry, feed: _Claimed, parsed: ParsedFeed
    ) -> int:
        """Submit the item as `POST /v1/admin/sources` would its URL; 1 if a job was queued."""
        body = {"url": entry.url, "language": feed.language or parsed.language}
        described = {**body, "title": entry.title, "published_on": entry.published_on}
        try:
            submitted = submission_of(described) or submission_of(body)
            if submitted is None:
                raise InvalidInputError(f"{entry.url} is not an address that can be fetched")
            submission = await AdminService(session).submit(submitted)
        except DomainError as error:
            logger.warning("feed %s: item %s not ingested: %s", feed.id, entry.url, error)
            return 0
        await session.execute(
            update(FeedItem)
            .where(FeedItem.id == item_id)
            .values(source_id=submission.accepted.source_id)
        )
        return int(submission.queued_now)

    async def _retry_failed(self, feed_id: int) -> int:
        """Queue again the failed jobs of the feed's items that have retries left."""
        async with self.sessionmaker() as session, session.begin():
            items = list(
                await session.scalars(
                    select(FeedItem)
                    .join(IngestJob, IngestJob.source_id == FeedItem.source_id)
                    .where(
                        FeedItem.feed_id == feed_id,
                        FeedItem.retries < ITEM_RETRIES,
                        IngestJob.status == "failed",
                    )
                    .with_for_update(of=FeedItem, skip_locked=True)
                )
            )
            admin = AdminService(session)
            for item in items:
                await admin.submit(SourceCreate(url=item.url))
                item.retries += 1
        return len(items)

    async def _record_success(self, result: PollResult, fetched: Fetched) -> None:
        """The feed answered: its validators (of a full answer), counts, no error."""
        values: dict[str, object] = {
            "last_success_at": clock_now(),
            "last_http_status": result.http_status,
            "last_error": None,
            "items_seen": Feed.items_seen + result.new_items,
            "items_ingested": Feed.items_ingested + result.ingested,
        }
        if result.http_status != 304:
            values["etag"] = fetched.headers.get("etag")
            values["last_modified"] = fetched.headers.get("last-modified")
        await self._update(result.feed_id, values)

    async def _record_failure(self, result: PollResult) -> None:
        """The poll failed: why, for a person to act on."""
        error = (result.error or "the poll failed")[:MAX_ERROR_LENGTH]
        await self._update(
            result.feed_id, {"last_http_status": result.http_status, "last_error": error}
        )

    async def _update(self, feed_id: int, values: dict[str, object]) -> None:
        """Write the outcome of a poll on its feed, in its own transaction."""
        async with self.sessionmaker() as session, session.begin():
            await session.execute(update(Feed).where(Feed.id == feed_id).values(**values))
