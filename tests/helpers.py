"""Shared checks of the HTTP answers and look-ups of the reference data."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable, Mapping
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

import httpx
import psutil
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from service.models import Deal, Figure, Source
from service.reference.loader import read_reference_file
from service.reference.schema import ReferenceData

PROBLEM_MEDIA_TYPE = "application/problem+json"

AppClient = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]
"""The `app_client` fixture: `app_client(app_settings=..., app_sessionmaker=..., **changes)`
opens a client of an app built by `create_app` while it runs (through its lifespan)."""


def reference_data() -> ReferenceData:
    """The bundled reference data the test database was loaded with."""
    return read_reference_file()[1]


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """Assert `response` is an RFC 9457 problem with `status`; return its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_MEDIA_TYPE)
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["type"].startswith("https://")
    assert body["title"]
    assert body["detail"]
    return body


async def walk_pages(
    client: httpx.AsyncClient, path: str, params: Mapping[str, str | int] | None = None
) -> list[dict[str, Any]]:
    """Every item of a paginated list, following `next_cursor` until it is null."""
    query: dict[str, str | int] = dict(params or {})
    items: list[dict[str, Any]] = []
    while True:
        response = await client.get(path, params=query)
        assert response.status_code == 200, response.text
        page = response.json()
        items.extend(page["data"])
        if page["next_cursor"] is None:
            return items
        query["cursor"] = page["next_cursor"]


async def figure_ids(session: AsyncSession) -> dict[str, int]:
    """Database id of each reference figure, by its reference key."""
    rows = await session.execute(
        select(Figure.ref_key, Figure.id).where(Figure.ref_key.is_not(None))
    )
    return {str(key): figure_id for key, figure_id in rows.tuples()}


async def deal_ids(session: AsyncSession) -> dict[str, int]:
    """Database id of each reference deal, by its reference key."""
    rows = await session.execute(select(Deal.ref_key, Deal.id).where(Deal.ref_key.is_not(None)))
    return {str(key): deal_id for key, deal_id in rows.tuples()}


async def source_ids(session: AsyncSession) -> dict[str, int]:
    """Database id of each reference source, by its reference key."""
    by_sha = {s.sha256: s.key for s in reference_data().sources}
    rows = await session.execute(select(Source.sha256, Source.id).where(Source.sha256.in_(by_sha)))
    return {by_sha[sha]: source_id for sha, source_id in rows.tuples()}


def postgres_processes(pgdata: Path) -> list[psutil.Process]:
    """Processes whose command line names `pgdata` (the postmaster and its children)."""
    return [
        process
        for process in psutil.process_iter(["cmdline"])
        if any(str(pgdata) in part for part in process.info["cmdline"] or [])
    ]


def wait_until_no_postgres(pgdata: Path, seconds: float) -> list[psutil.Process]:
    """Wait up to `seconds` for every process of `pgdata` to end; return those left."""
    deadline = time.monotonic() + seconds
    while (left := postgres_processes(pgdata)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


READY_WITHIN_SECONDS = 60


def free_port() -> int:
    """A TCP port of the loopback interface nobody listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def wait_ready(base_url: str, server: subprocess.Popen[bytes]) -> None:
    """Poll `/readyz` of a server subprocess until it answers 200, bounded in time."""
    deadline = time.monotonic() + READY_WITHIN_SECONDS
    while time.monotonic() < deadline:
        assert server.poll() is None, "the server exited before becoming ready"
        try:
            if httpx.get(f"{base_url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail(f"/readyz did not answer 200 within {READY_WITHIN_SECONDS} s")
