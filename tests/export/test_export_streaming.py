"""The export streams: bounded memory over 200,000 figures, and its cursor freed on disconnect.

These tests serve the app with uvicorn on loopback (in the test's event loop and transaction):
httpx's in-process ASGI transport collects a whole body before answering, a real socket does not.
"""

from __future__ import annotations

import asyncio
import json
import time
import tracemalloc
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, ClassVar

import httpx
import pytest
import uvicorn
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from service.app import create_app
from service.facts.bulk import copy_rows, driver_connection
from service.models import Base
from service.settings import Settings
from tests.helpers import free_port

ROWS = 200_000
TABLES = Base.metadata.tables
QUOTE = "Bulk Corp said its quarterly revenue reached 1.25 billion dollars, up 4.5% on a year."
FIGURE_COLUMNS = ("id", "company_slug", "metric_slug", "period_start", "period_end",
                  "period_precision", "status", "value", "unit", "bound", "low", "high",
                  "original_text", "original_value", "original_unit")  # fmt: skip
CITATION_COLUMNS = ("source_id", "figure_id", "quote", "start_offset", "end_offset")
MEMORY_BUDGET = 24 * 2**20
"""Largest peak of Python allocations while serving the export (the body is ~100 MB)."""


@asynccontextmanager
async def serving(settings: Settings, sessionmaker: async_sessionmaker[Any]) -> AsyncIterator[str]:
    """Base URL of the app served by uvicorn on loopback, on the test's transaction."""
    app = create_app(settings, sessionmaker=sessionmaker)
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="on", log_level="error")
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        assert not task.done(), "uvicorn stopped before it started"
        await asyncio.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


def _figures(first_id: int) -> Iterator[tuple[Any, ...]]:
    day = date(2040, 1, 1)
    for i in range(ROWS):
        value = Decimal(1_250_000_000 + i) / 100
        start = day + timedelta(days=i % 3000)
        yield (first_id + i, "openai", "revenue", start, start, "day", "actual", value, "USD",
               "range", value - 1, value + 1, "1,25 milliard", value, "USD")  # fmt: skip


@pytest.fixture
async def bulk_figures(connection: AsyncConnection) -> int:
    """ROWS figures of OpenAI in 2040 onwards, each cited once, copied in the test's transaction."""
    # Through SQLAlchemy first, which opens the test's transaction on the driver connection.
    await connection.execute(text("SET LOCAL statement_timeout = 0"))
    # Triggers off: the export reads no version rows, and writing them would only slow the COPY.
    await connection.execute(text("SET LOCAL session_replication_role = replica"))
    raw = await driver_connection(connection)
    assert raw.is_in_transaction()
    first_id = await raw.fetchval("SELECT coalesce(max(id), 0) + 1 FROM figures")
    source_id = await raw.fetchval(
        "INSERT INTO sources (sha256, text) VALUES ('export-streaming', $1) RETURNING id", QUOTE
    )
    await copy_rows(raw, TABLES["figures"], FIGURE_COLUMNS, _figures(first_id))
    citations = ((source_id, first_id + i, QUOTE, 45, 62) for i in range(ROWS))
    await copy_rows(raw, TABLES["citations"], CITATION_COLUMNS, citations)
    await raw.execute("ANALYZE figures; ANALYZE citations; RESET statement_timeout")
    return int(first_id)


async def test_exporting_200000_figures_keeps_python_memory_bounded(
    settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], bulk_figures: int
) -> None:
    params = {"company": "openai", "period_from": "2040-01-01", "include": "all"}
    body_bytes, lines, last = 0, 0, b""
    async with serving(settings, sessionmaker) as base_url, httpx.AsyncClient() as http:
        tracemalloc.start()
        started = time.perf_counter()
        try:
            async with http.stream("GET", f"{base_url}/v1/export/figures", params=params) as answer:
                assert answer.status_code == 200
                async for chunk in answer.aiter_bytes():
                    body_bytes += len(chunk)
                    lines += chunk.count(b"\n")
                    last = (last + chunk)[-4096:]
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        elapsed = time.perf_counter() - started

    print(f"{ROWS} figures, {body_bytes >> 20} MB in {elapsed:.0f} s, peak {peak >> 20} MB")  # noqa: T201
    assert lines == ROWS
    final = json.loads(last.rsplit(b"\n", 2)[-2], parse_float=Decimal)
    assert (final["id"], final["value"], final["citations"][0]["quote"]) == (
        bulk_figures + ROWS - 1, Decimal("12501999.99"), QUOTE,
    )  # fmt: skip
    assert body_bytes > 4 * MEMORY_BUDGET
    assert peak < MEMORY_BUDGET


class ClosingRecorder(AsyncSession):
    """A session that notes when it is closed."""

    closed: ClassVar[list[AsyncSession]] = []

    async def close(self) -> None:
        """Close, then note it."""
        await super().close()
        ClosingRecorder.closed.append(self)


async def test_a_client_leaving_mid_stream_frees_the_cursor_and_session(
    settings: Settings, connection: AsyncConnection, session: AsyncSession, bulk_figures: int
) -> None:
    recording = async_sessionmaker(
        bind=connection,
        expire_on_commit=False,
        join_transaction_mode="create_savepoint",
        class_=ClosingRecorder,
    )
    ClosingRecorder.closed.clear()
    async with serving(settings, recording) as base_url, httpx.AsyncClient() as http:
        async with http.stream("GET", f"{base_url}/v1/export/figures?format=csv") as answer:
            first = await anext(answer.aiter_raw())
        # The connection is the test's too: touch it only once the export has let it go.
        for _ in range(200):
            if ClosingRecorder.closed:
                break
            await asyncio.sleep(0.05)
        # The unnamed portal is this query's own.
        cursors = await session.scalar(text("SELECT count(*) FROM pg_cursors WHERE name <> ''"))
        still_there = await session.scalar(text("SELECT count(*) FROM figures WHERE id = :id"),
                                           {"id": bulk_figures})  # fmt: skip

    assert first.startswith(b"id,company,metric,")
    assert len(first) < 10 * 2**20
    assert len(ClosingRecorder.closed) == 1
    assert (cursors, still_there) == (0, 1)
