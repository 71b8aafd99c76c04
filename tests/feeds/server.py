"""A local web server for the feed tests: RSS and Atom feeds and article pages written for
them, answering conditional requests as a careful publisher does."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler

import msgspec

from tests.admin.pages import serving

RSS = "application/rss+xml; charset=utf-8"
ATOM = "application/atom+xml; charset=utf-8"
HTML = "text/html; charset=utf-8"


class Resource(msgspec.Struct):
    """What the server answers on one path; an ETag or Last-Modified makes it conditional."""

    body: str
    content_type: str = HTML
    status: int = 200
    etag: str | None = None
    last_modified: str | None = None


class Seen(msgspec.Struct, frozen=True):
    """One request the server received: its path and conditional headers."""

    path: str
    if_none_match: str | None
    if_modified_since: str | None


class FeedServer(msgspec.Struct):
    """The running server: its base URL, what it serves, and the requests it received."""

    base: str
    resources: dict[str, Resource]
    requests: list[Seen]

    def paths(self) -> list[str]:
        """The paths asked for, in order."""
        return [seen.path for seen in self.requests]


def handler_for(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    """A handler answering from `server.resources`, 304 when the validators still hold."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?")[0]
            seen = Seen(path, self.headers["If-None-Match"], self.headers["If-Modified-Since"])
            server.requests.append(seen)
            resource = server.resources.get(path, Resource(body="gone", status=404))
            unchanged = (resource.etag is not None and seen.if_none_match == resource.etag) or (
                resource.last_modified is not None
                and seen.if_modified_since == resource.last_modified
            )
            self.send_response(304 if unchanged else resource.status)
            if resource.etag:
                self.send_header("ETag", resource.etag)
            if resource.last_modified:
                self.send_header("Last-Modified", resource.last_modified)
            body = b"" if unchanged else resource.body.encode()
            self.send_header("Content-Type", resource.content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_: object) -> None:
            pass

    return Handler


@contextmanager
def feed_server() -> Iterator[FeedServer]:
    """Serve on 127.0.0.1 (a free port) for the duration of the block."""
    server = FeedServer(base="", resources={}, requests=[])
    with serving(handler_for(server)) as base:
        server.base = base
        yield server


def article_page(headline: str, sentence: str, published: str = "2025-06-02") -> str:
    """An article page: navigation, the article (headline, a sentence of news), a footer."""
    return f"""<!doctype html>
<html lang="en"><head><title>{headline}</title>
<meta property="article:published_time" content="{published}T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> | <a href="/markets">Markets</a> | <a href="/contact">Contact</a></nav>
<article><h1>{headline}</h1>
<p>{sentence}</p>
<p>The company gave no further guidance and declined to comment on its plans for next year.</p>
</article>
<footer>Copyright Example Wire. All rights reserved.</footer>
</body></html>"""


def rss(base: str, items: list[tuple[str, str, str]]) -> str:
    """An RSS 2.0 feed of (guid, path or URL, title) items."""
    entries = "".join(
        f"<item><title>{title}</title><link>{base + link if link.startswith('/') else link}</link>"
        f'<guid isPermaLink="false">{guid}</guid>'
        "<pubDate>Mon, 02 Jun 2025 08:00:00 GMT</pubDate></item>"
        for guid, link, title in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Example Wire</title><link>{base}/</link><language>en-gb</language>"
        f"<description>Company news</description>{entries}</channel></rss>"
    )


def atom(base: str, items: list[tuple[str, str, str]]) -> str:
    """An Atom feed of (id, path, title) entries."""
    entries = "".join(
        f'<entry><title>{title}</title><id>{guid}</id><link href="{base}{path}"/>'
        "<updated>2025-06-03T10:00:00Z</updated></entry>"
        for guid, path, title in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Example Ledger</title><id>{base}/atom</id>"
        f"<updated>2025-06-03T10:00:00Z</updated>{entries}</feed>"
    )
