"""Shapes of the feed routes: a feed to poll, its changes, and how its polls went."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Final

import msgspec

from service.web.http import Base, InputBase, NextCursor
from service.web.params import WEB_ADDRESS

MIN_POLL_MINUTES: Final = 5
MAX_POLL_MINUTES: Final = 1440
"""Bounds of a feed's poll interval: no more often than every 5 minutes, at least daily."""
DEFAULT_POLL_MINUTES: Final = 60

FeedUrl = Annotated[str, msgspec.Meta(pattern=WEB_ADDRESS, max_length=2048)]
Language = Annotated[str, msgspec.Meta(pattern="^[a-z]{2}$")]
PollInterval = Annotated[int, msgspec.Meta(ge=MIN_POLL_MINUTES, le=MAX_POLL_MINUTES)]

_URL = "The RSS or Atom feed's http(s) address."
_LANGUAGE = (
    "`en`, `fr`, `it`, `de` or `es`: the language of its articles, passed to each source; "
    "null to detect it per article."
)
_INTERVAL = f"Minutes between two polls, {MIN_POLL_MINUTES} to {MAX_POLL_MINUTES}."
_ACTIVE = "Whether the feed is polled; false pauses it."


class FeedCreate(InputBase):
    """A news feed to poll for articles."""

    url: Annotated[FeedUrl, msgspec.Meta(description=_URL)]
    language: Annotated[Language | None, msgspec.Meta(description=_LANGUAGE)] = None
    poll_interval_minutes: Annotated[PollInterval, msgspec.Meta(description=_INTERVAL)] = (
        DEFAULT_POLL_MINUTES
    )
    active: Annotated[bool, msgspec.Meta(description=_ACTIVE)] = True


class FeedUpdate(InputBase):
    """Changes to a feed: only the fields given change."""

    url: Annotated[
        FeedUrl | msgspec.UnsetType,
        msgspec.Meta(description=f"{_URL} A new address forgets the old one's validators."),
    ] = msgspec.UNSET
    language: Annotated[
        Language | msgspec.UnsetType | None, msgspec.Meta(description=_LANGUAGE)
    ] = msgspec.UNSET
    poll_interval_minutes: Annotated[
        PollInterval | msgspec.UnsetType, msgspec.Meta(description=_INTERVAL)
    ] = msgspec.UNSET
    active: Annotated[bool | msgspec.UnsetType, msgspec.Meta(description=_ACTIVE)] = msgspec.UNSET


class FeedStatus(Base):
    """How the feed's polls went."""

    last_polled_at: Annotated[
        datetime | None, msgspec.Meta(description="When it was last polled; null before.")
    ]
    last_success_at: Annotated[
        datetime | None,
        msgspec.Meta(description="When a poll last got the feed (or 304 Not Modified)."),
    ]
    last_http_status: Annotated[
        int | None, msgspec.Meta(description="HTTP status of the last poll's answer.")
    ]
    last_error: Annotated[
        str | None,
        msgspec.Meta(description="Why the last poll failed; null when it succeeded."),
    ]
    next_poll_at: Annotated[datetime, msgspec.Meta(description="When it is polled next.")]
    etag: Annotated[str | None, msgspec.Meta(description="ETag of the last full answer.")]
    last_modified: Annotated[
        str | None, msgspec.Meta(description="Last-Modified of the last full answer.")
    ]
    items_seen: Annotated[int, msgspec.Meta(description="Distinct items the feed has shown.")]
    items_ingested: Annotated[
        int, msgspec.Meta(description="Items that became new sources with an ingestion job.")
    ]
    items_failed: Annotated[
        int,
        msgspec.Meta(
            description="Items whose ingestion job failed (retried at the next polls, "
            "at most 3 times; see the job's `error`)."
        ),
    ]


class Feed(Base):
    """A news feed and how its polls went."""

    id: Annotated[int, msgspec.Meta(description="Feed id.")]
    url: Annotated[str, msgspec.Meta(description=_URL)]
    language: Annotated[str | None, msgspec.Meta(description=_LANGUAGE)]
    poll_interval_minutes: Annotated[int, msgspec.Meta(description=_INTERVAL)]
    active: Annotated[bool, msgspec.Meta(description=_ACTIVE)]
    status: Annotated[FeedStatus, msgspec.Meta(description="How its polls went.")]
    created_at: Annotated[datetime, msgspec.Meta(description="When it was added.")]
    updated_at: Annotated[datetime, msgspec.Meta(description="When it last changed.")]


class FeedPage(Base):
    """A page of feeds."""

    data: Annotated[list[Feed], msgspec.Meta(description="Feeds of this page, by id.")]
    next_cursor: NextCursor
