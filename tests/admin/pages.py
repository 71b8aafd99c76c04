"""A local web server for the ingestion tests, serving pages written for them."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import msgspec

ARTICLE_HTML = """<!doctype html>
<html lang="en"><head><title>Lumen AI posts its first revenue</title>
<meta name="author" content="Ada Tester">
<meta property="article:published_time" content="2025-05-04T09:00:00Z">
</head><body>
<nav><a href="/">Home</a> | <a href="/about">About</a> | <a href="/contact">Contact</a></nav>
<article><h1>Lumen AI posts its first revenue</h1>
<p>Lumen AI said its revenue reached $2 million in 2024, up from nothing a year earlier.</p>
<p>The start-up, which builds test fixtures for imaginary robots, plans to hire more staff.</p>
</article>
<footer>Copyright Example Test Press. All rights reserved.</footer>
</body></html>"""

EMPTY_HTML = "<html><body><nav><a href='/a'>A</a> <a href='/b'>B</a></nav></body></html>"


class Page(msgspec.Struct, frozen=True):
    """What the server answers on one path."""

    status: int = 200
    body: str = ""
    location: str | None = None
    content_type: str = "text/html; charset=utf-8"
    drip: float = 0.0
    """Seconds between two bytes of the body (a slow server); 0 sends it at once."""


class PageServer(msgspec.Struct):
    """The running server: its base URL, its pages, and the paths it was asked for."""

    base: str
    pages: dict[str, Page]
    requested: list[str]


def handler_for(server: PageServer) -> type[BaseHTTPRequestHandler]:
    """A request handler answering from `server.pages`, recording each path asked for."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server.requested.append(self.path)
            page = server.pages.get(self.path.split("?")[0], Page(status=404, body="gone"))
            self.send_response(page.status)
            self.send_header("Content-Type", page.content_type)
            if page.location:
                self.send_header("Location", page.location)
            body = page.body.encode()
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not page.drip:
                self.wfile.write(body)
            for byte in body if page.drip else b"":
                time.sleep(page.drip)
                self.wfile.write(bytes([byte]))
                self.wfile.flush()

        def log_message(self, *_: object) -> None:
            pass

    return Handler


@contextmanager
def page_server() -> Iterator[PageServer]:
    """Serve pages on 127.0.0.1 (a free port) for the duration of the block."""
    server = PageServer(base="", pages={}, requested=[])
    with serving(handler_for(server)) as base:
        server.base = base
        yield server


@contextmanager
def serving(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Run `handler` on 127.0.0.1 (a free port) in a thread; its base URL for the block."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
