"""Registering news feeds, reading them with their status, changing and removing them."""

from __future__ import annotations

import asyncio
from typing import Final

import msgspec
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from service.domain.errors import ConflictError, InvalidInputError, NotFoundError
from service.feeds.schemas import Feed, FeedCreate, FeedPage, FeedStatus, FeedUpdate
from service.jobs.fetch import FetchPolicy, PageUnavailableError, host_and_port, refusal, resolve
from service.jobs.urls import normalise_url
from service.models import Feed as FeedRow
from service.models import FeedItem, IngestJob
from service.normalize import LANGUAGES
from service.web.http import encode_cursor

UNIQUE_URL: Final = "uq_feeds_canonical_url"
RESOLVE_SECONDS: Final = 5.0
"""How long registering a feed waits for its host's addresses."""


async def check_feed_url(url: str, policy: FetchPolicy) -> None:
    """Refuse (422) a feed address that resolves to an inside address the fetch would refuse.

    A host that does not resolve (within `RESOLVE_SECONDS`) is accepted: its polls say why
    they fail.
    """
    try:
        host, port = host_and_port(url)
    except PageUnavailableError as error:
        raise InvalidInputError(str(error)) from None
    try:
        async with asyncio.timeout(RESOLVE_SECONDS):
            addresses = await resolve(host, port)
    except (PageUnavailableError, TimeoutError):
        return
    if (reason := refusal(url, host, addresses, policy)) is not None:
        raise InvalidInputError(reason)


def check_language(language: str | None) -> None:
    """Refuse a language the pipeline does not read."""
    if language is not None and language not in LANGUAGES:
        raise InvalidInputError(f"language must be one of {', '.join(LANGUAGES)}")


class FeedService:
    """Reads and writes feeds in the request's session; flushes, never commits."""

    def __init__(self, session: AsyncSession, policy: FetchPolicy) -> None:
        self.session = session
        self.policy = policy

    async def create(self, data: FeedCreate) -> Feed:
        """Register a feed, polled first right away; 409 if its address is registered."""
        check_language(data.language)
        await check_feed_url(data.url, self.policy)
        row = FeedRow(
            url=data.url,
            canonical_url=normalise_url(data.url),
            language=data.language,
            poll_interval_minutes=data.poll_interval_minutes,
            active=data.active,
        )
        self.session.add(row)
        await self._flush(data.url)
        return await self.get(row.id)

    async def get(self, feed_id: int) -> Feed:
        """One feed with its status; NotFoundError if there is none with that id."""
        row = await self.session.get(FeedRow, feed_id, populate_existing=True)
        if row is None:
            raise NotFoundError(f"no feed with id {feed_id}")
        failed = await self._failed_counts([feed_id])
        return feed_of(row, failed.get(feed_id, 0))

    async def page(self, limit: int, after: int | None) -> FeedPage:
        """Feeds by id, `limit` of them after id `after`."""
        query = select(FeedRow).order_by(FeedRow.id).limit(limit + 1)
        if after is not None:
            query = query.where(FeedRow.id > after)
        rows = list(await self.session.scalars(query))
        failed = await self._failed_counts([row.id for row in rows[:limit]])
        feeds = [feed_of(row, failed.get(row.id, 0)) for row in rows[:limit]]
        more = len(rows) > limit
        return FeedPage(data=feeds, next_cursor=encode_cursor(feeds[-1].id) if more else None)

    async def update(self, feed_id: int, data: FeedUpdate) -> Feed:
        """Change the fields given; a new address forgets the validators of the old one."""
        row = await self.session.get(FeedRow, feed_id, with_for_update=True)
        if row is None:
            raise NotFoundError(f"no feed with id {feed_id}")
        if isinstance(data.url, str) and normalise_url(data.url) != row.canonical_url:
            await check_feed_url(data.url, self.policy)
            row.url, row.canonical_url = data.url, normalise_url(data.url)
            row.etag = row.last_modified = None
        if not isinstance(data.language, msgspec.UnsetType):
            check_language(data.language)
            row.language = data.language
        if isinstance(data.poll_interval_minutes, int):
            row.poll_interval_minutes = data.poll_interval_minutes
        if isinstance(data.active, bool):
            row.active = data.active
        await self._flush(row.url)
        return await self.get(feed_id)

    async def delete(self, feed_id: int) -> None:
        """Remove a feed and its items' records (the sources it brought in stay)."""
        deleted = await self.session.execute(
            delete(FeedRow).where(FeedRow.id == feed_id).returning(FeedRow.id)
        )
        if deleted.scalar_one_or_none() is None:
            raise NotFoundError(f"no feed with id {feed_id}")

    async def _flush(self, url: str) -> None:
        """Write the changes; ConflictError if another feed has the address."""
        try:
            async with self.session.begin_nested():
                await self.session.flush()
        except IntegrityError as error:
            if UNIQUE_URL in str(error.orig):
                raise ConflictError(f"a feed with the address {url} is registered") from None
            raise

    async def _failed_counts(self, feed_ids: list[int]) -> dict[int, int]:
        """How many items of each feed have a failed ingestion job."""
        if not feed_ids:
            return {}
        rows = await self.session.execute(
            select(FeedItem.feed_id, func.count())
            .join(IngestJob, IngestJob.source_id == FeedItem.source_id)
            .where(FeedItem.feed_id.in_(feed_ids), IngestJob.status == "failed")
            .group_by(FeedItem.feed_id)
        )
        return {int(feed_id): int(count) for feed_id, count in rows.all()}


def feed_of(row: FeedRow, failed: int) -> Feed:
    """The API shape of a feed row."""
    return Feed(
        id=row.id,
        url=row.url,
        language=row.language,
        poll_interval_minutes=row.poll_interval_minutes,
        active=row.active,
        status=FeedStatus(
            last_polled_at=row.last_polled_at,
            last_success_at=row.last_success_at,
            last_http_status=row.last_http_status,
            last_error=row.last_error,
            next_poll_at=row.next_poll_at,
            etag=row.etag,
            last_modified=row.last_modified,
            items_seen=row.items_seen,
            items_ingested=row.items_ingested,
            items_failed=failed,
        ),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )
