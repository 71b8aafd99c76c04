"""The HTTP/1.1 protocol `serve` runs: uvicorn's httptools parser with bounds on clients.

Before a request reaches the application, a client can hold a worker with an endless request
head, a head sent one byte a minute, or a body that never comes. Here the head is limited in
bytes and header count (431) and must arrive within ``header_timeout`` seconds (408), and a
body that stalls for ``body_timeout`` seconds closes the connection (the application sees a
client disconnect).
"""

from __future__ import annotations

import asyncio
from functools import cache
from http import HTTPStatus
from typing import Any

import msgspec
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from service.settings import get_settings
from service.web.problems import PROBLEM_MEDIA_TYPE, Problem, problem_type


class ServerLimits(msgspec.Struct, frozen=True):
    """Bounds on what one client may send before and while a request is read."""

    max_header_bytes: int
    max_headers: int
    header_timeout: float
    body_timeout: float


@cache
def server_limits() -> ServerLimits:
    """The limits of this process's settings (each `serve` worker reads the same environment)."""
    settings = get_settings()
    return ServerLimits(
        max_header_bytes=settings.max_header_bytes,
        max_headers=settings.max_headers,
        header_timeout=settings.header_timeout,
        body_timeout=settings.body_timeout,
    )


def problem_bytes(status: int, detail: str) -> bytes:
    """A whole HTTP/1.1 response carrying a problem document; the connection closes after it."""
    phrase = HTTPStatus(status).phrase
    body = msgspec.json.encode(
        Problem(
            type=problem_type(status),
            title=phrase,
            status=status,
            detail=detail,
        )
    )
    head = (
        f"HTTP/1.1 {status} {phrase}\r\ncontent-type: {PROBLEM_MEDIA_TYPE}\r\n"
        f"content-length: {len(body)}\r\nconnection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


class HeadWithBody:
    """The transport as one response sees it: the response head waits for the first body bytes.

    uvicorn writes a response's head as soon as the application starts the answer, and its
    body when it comes: two writes, two TCP segments (no Nagle delay on uvloop's sockets), and
    two wake-ups of the client for every answer. Here the head is held and goes out with the
    body in one write; a body that is not sent in the same turn of the event loop (a stream
    waiting on something) gets the head written alone at the next turn, as before.
    """

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        """Writes of one response on `transport`."""
        self.transport = transport
        self.loop = loop
        self.held: bytes | None = None
        self.head_seen = False

    def write(self, data: bytes) -> None:
        """Hold the first write (the head); write the next one with it."""
        if not self.head_seen:
            self.head_seen = True
            self.held = data
            self.loop.call_soon(self.flush)
            return
        if self.held is not None:
            data, self.held = self.held + data, None
        self.transport.write(data)

    def flush(self) -> None:
        """Write a head still held."""
        if self.held is not None:
            held, self.held = self.held, None
            self.transport.write(held)

    def close(self) -> None:
        """Write what is held, then close the connection."""
        self.flush()
        self.transport.close()

    def is_closing(self) -> bool:
        """Whether the connection is closing."""
        return self.transport.is_closing()


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a bounded, timed request head and a timed body."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.limits = server_limits()
        self.in_head = True
        self.head_bytes = 0
        self.header_count = 0
        self.refusal: tuple[int, str] | None = None
        self.reading_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Start the clock on the first request head as soon as the client connects."""
        super().connection_made(transport)
        self._arm(self.limits.header_timeout, self._head_too_slow)

    def connection_lost(self, exc: Exception | None) -> None:
        """Stop the clocks with the connection."""
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        """Feed the parser, counting the bytes of a request head as they come."""
        if self.refusal is not None or self.transport.is_closing():
            return
        if self.in_head:
            self.head_bytes += len(data)
        super().data_received(data)
        if self.in_head and self.head_bytes > self.limits.max_header_bytes:
            self.refusal = (431, f"request head over {self.limits.max_header_bytes} bytes")
        if self.refusal is not None:
            self._refuse(*self.refusal)

    def on_message_begin(self) -> None:
        """A new request: its head is counted and timed afresh."""
        super().on_message_begin()
        self.in_head, self.head_bytes, self.header_count = True, 0, 0
        self._arm(self.limits.header_timeout, self._head_too_slow)

    def on_header(self, name: bytes, value: bytes) -> None:
        """Count headers; past the limit the request is refused once its head is parsed."""
        self.header_count += 1
        if self.header_count > self.limits.max_headers:
            self.refusal = (431, f"more than {self.limits.max_headers} header fields")
            return
        super().on_header(name, value)

    def on_headers_complete(self) -> None:
        """The head arrived in time: run the request unless it was refused; time its body."""
        self.in_head = False
        self._disarm()
        if self.refusal is not None:
            return
        super().on_headers_complete()
        self.cycle.transport = HeadWithBody(self.transport, self.loop)  # type: ignore[assignment]
        self._arm(self.limits.body_timeout, self._body_too_slow)

    def on_body(self, body: bytes) -> None:
        """A piece of body arrived: the body clock starts again."""
        if self.refusal is not None:
            return
        self._arm(self.limits.body_timeout, self._body_too_slow)
        super().on_body(body)

    def on_message_complete(self) -> None:
        """The whole request arrived."""
        self._disarm()
        if self.refusal is None:
            super().on_message_complete()

    def _arm(self, seconds: float, callback: Any) -> None:
        self._disarm()
        self.reading_timer = self.loop.call_later(seconds, callback)

    def _disarm(self) -> None:
        if self.reading_timer is not None:
            self.reading_timer.cancel()
            self.reading_timer = None

    def _head_too_slow(self) -> None:
        self._refuse(408, f"request head not received within {self.limits.header_timeout:g} s")

    def _body_too_slow(self) -> None:
        self.reading_timer = None
        self.transport.close()

    def _refuse(self, status: int, detail: str) -> None:
        self._disarm()
        if not self.transport.is_closing():
            self.transport.write(problem_bytes(status, detail))
            self.transport.close()
