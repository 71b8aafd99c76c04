"""HTTP routes of news feeds, behind the admin bearer token."""

from __future__ import annotations

from typing import Annotated

from litestar import delete, get, patch, post
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.params import JSONBody, Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from service.admin.auth import AdminRoutes
from service.feeds.schemas import Feed, FeedCreate, FeedPage, FeedUpdate
from service.feeds.service import FeedService
from service.jobs.fetch import FetchPolicy
from service.web.bearer import UNAUTHORIZED
from service.web.http import decode_cursor
from service.web.params import MAX_ID, Cursor, Limit
from service.web.problems import problem_spec

FeedId = Annotated[int, Parameter(description="Feed id.", ge=1, le=MAX_ID)]
INVALID_FEED = problem_spec(
    "Not an http(s) address, an address resolving to a loopback, private, link-local or "
    "metadata address, an unsupported language, or a poll interval out of bounds."
)
DUPLICATE_FEED = problem_spec("A feed with this address (tracking parameters dropped) exists.")
POLLING = (
    "A scheduled job polls each active feed when due, with conditional requests (ETag, "
    "Last-Modified), and ingests each new item once (by GUID and by normalised URL) as "
    "`POST /v1/admin/sources` does with its `url`."
)


async def provide_feed_service(
    db_session: NamedDependency[AsyncSession], state: State
) -> FeedService:
    """A feed service on the request's session, with the settings' fetch policy."""
    return FeedService(db_session, FetchPolicy.of(state.settings))


class FeedController(AdminRoutes):
    """News feeds polled for articles."""

    path = "/v1/admin/feeds"
    dependencies = {"feeds": Provide(provide_feed_service)}

    @post(
        "/",
        operation_id="createFeed",
        summary="Add a news feed",
        description=f"Registers an RSS or Atom feed, polled first right away. {POLLING}",
        responses={401: UNAUTHORIZED, 409: DUPLICATE_FEED, 422: INVALID_FEED},
    )
    async def create_feed(
        self, feeds: NamedDependency[FeedService], data: JSONBody[FeedCreate]
    ) -> Feed:
        """Add a feed."""
        return await feeds.create(data)

    @get(
        "/",
        operation_id="listFeeds",
        summary="List news feeds",
        description="Feeds by id, with the status of their polls.",
        responses={401: UNAUTHORIZED},
    )
    async def list_feeds(
        self, feeds: NamedDependency[FeedService], cursor: Cursor = None, limit: Limit = 50
    ) -> FeedPage:
        """List feeds."""
        after = decode_cursor(cursor, int) if cursor else None
        return await feeds.page(limit, after)

    @get(
        "/{feed_id:int}",
        operation_id="getFeed",
        summary="Get a news feed",
        description="One feed: last poll, last success, last error, items seen and ingested.",
        responses={401: UNAUTHORIZED},
    )
    async def get_feed(self, feeds: NamedDependency[FeedService], feed_id: FeedId) -> Feed:
        """Get one feed."""
        return await feeds.get(feed_id)

    @patch(
        "/{feed_id:int}",
        operation_id="updateFeed",
        summary="Change a news feed",
        description="Changes only the fields given; `active: false` pauses its polls.",
        responses={401: UNAUTHORIZED, 409: DUPLICATE_FEED, 422: INVALID_FEED},
    )
    async def update_feed(
        self,
        feeds: NamedDependency[FeedService],
        feed_id: FeedId,
        data: JSONBody[FeedUpdate],
    ) -> Feed:
        """Change a feed."""
        return await feeds.update(feed_id, data)

    @delete(
        "/{feed_id:int}",
        operation_id="deleteFeed",
        summary="Remove a news feed",
        description="Stops polling it; the sources its items became stay.",
        responses={401: UNAUTHORIZED},
    )
    async def delete_feed(self, feeds: NamedDependency[FeedService], feed_id: FeedId) -> None:
        """Remove a feed."""
        await feeds.delete(feed_id)
