"""A client hanging up mid-body is a disconnect, not a server error (issue 13, row 9)."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from litestar.types import Message, ReceiveMessage
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.app import create_app
from service.settings import Settings
from service.web.observability import CLIENT_CLOSED_REQUEST
from tests.admin.helpers import ADMIN_HEADERS
from tests.conftest import running
from tests.web.test_observability import sample

DURATIONS = "aifacts_http_request_duration_seconds_count"


def _scope(path: str, length: int) -> dict[str, Any]:
    headers = {"content-type": "application/json", "content-length": str(length)}
    headers |= {k.lower(): v for k, v in ADMIN_HEADERS.items()}
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": [(k.encode(), v.encode()) for k, v in headers.items()],
        "client": ("127.0.0.1", 5000),
        "server": ("testserver", 80),
    }


async def _hang_up_mid_body(app: Any, path: str) -> None:
    """Send half of a declared body, then the disconnect a closed socket gives."""
    messages: list[ReceiveMessage] = [
        {"type": "http.request", "body": b'{"text": "half', "more_body": True},
        {"type": "http.disconnect"},
    ]

    async def receive() -> ReceiveMessage:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        pass

    await app(_scope(path, 1000), receive, send)


@pytest.mark.parametrize("path", ["/v1/normalize", "/v1/admin/sources", "/v1/admin/companies"])
async def test_a_client_leaving_mid_body_is_logged_and_counted_as_499(
    settings: Settings,
    sessionmaker: async_sessionmaker[AsyncSession],
    caplog: pytest.LogCaptureFixture,
    path: str,
) -> None:
    app = create_app(settings, sessionmaker=sessionmaker)
    labels = {"method": "POST", "route": path}
    errors_before = sample(DURATIONS, **labels, status_class="5xx")
    left_before = sample(DURATIONS, **labels, status_class="4xx")

    async with running(app):
        with caplog.at_level(logging.INFO, logger="aifacts.access"):
            await _hang_up_mid_body(app, path)

    [access] = [r for r in caplog.records if r.name == "aifacts.access"]
    assert access.status == CLIENT_CLOSED_REQUEST  # type: ignore[attr-defined]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert sample(DURATIONS, **labels, status_class="5xx") == errors_before
    assert sample(DURATIONS, **labels, status_class="4xx") == left_before + 1
