"""The items of an RSS or Atom document, read by feedparser (no I/O: the poller fetches)."""

from __future__ import annotations

from datetime import date
from typing import Any, Final

import feedparser
import msgspec

from service.normalize import LANGUAGES

MAX_ITEMS: Final = 500
"""Items read from one answer; a feed showing more is read from its top."""


class FeedUnreadableError(Exception):
    """The answer is no RSS or Atom feed, or a broken one holding no items."""


class FeedEntry(msgspec.Struct, frozen=True, kw_only=True):
    """One item: its identity, the article it links to, and what the feed says of it."""

    guid: str
    url: str
    title: str | None = None
    published_on: date | None = None


class ParsedFeed(msgspec.Struct, frozen=True, kw_only=True):
    """The items of a feed, newest first as the feed lists them, and its declared language."""

    entries: list[FeedEntry]
    language: str | None = None


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """The items of the feed document `body` fetched from `url` (relative links resolved).

    FeedUnreadableError if it is not RSS or Atom (an HTML page, say) or too broken to hold items.
    """
    headers = {"content-location": url}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=False)
    if not parsed.get("version"):
        detail = f" (its content type is {content_type})" if content_type else ""
        raise FeedUnreadableError(
            f"{url} is not an RSS or Atom feed{detail}: check that the address is the feed's, "
            "not the page linking to it"
        )
    entries = [entry for item in parsed.entries[:MAX_ITEMS] if (entry := entry_of(item))]
    return ParsedFeed(entries=entries, language=language_of(parsed.feed.get("language")))


def entry_of(item: Any) -> FeedEntry | None:
    """An item with an http(s) link, or None (an item linking nowhere ingests nothing)."""
    link = ascii_url(str(item.get("link") or "").strip())
    if link is None or not link.lower().startswith(("http://", "https://")):
        return None
    guid = str(item.get("id") or "").strip() or link
    title = " ".join(str(item.get("title") or "").split())[:1000] or None
    stamp = item.get("published_parsed") or item.get("updated_parsed")
    published = date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None
    return FeedEntry(guid=guid[:2048], url=link, title=title, published_on=published)


def ascii_url(url: str) -> str | None:
    """`url` in ASCII (host in punycode, path and query percent-encoded); None if invalid."""
    import httpx  # only where feeds are read or registered, not in every API worker

    try:
        return str(httpx.URL(url))
    except (httpx.InvalidURL, UnicodeError):
        return None


def language_of(declared: object) -> str | None:
    """The pipeline language a feed declares (`en-us` is `en`), if it reads it."""
    code = str(declared or "").strip().lower()[:2]
    return code if code in LANGUAGES else None
