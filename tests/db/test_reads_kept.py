"""A pool reader keeps a connection between reads, and gives it back when reads pause."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from service.db.reads import KEPT_AT_MOST, PoolReader


async def _turns(count: int) -> None:
    for _ in range(count):
        await asyncio.sleep(0)


async def test_reads_in_a_row_share_one_connection_given_back_once_they_pause(
    engine: AsyncEngine,
) -> None:
    reader = PoolReader(engine)
    before = engine.pool.checkedout()  # type: ignore[attr-defined]
    pids = [(await reader.fetch("SELECT pg_backend_pid()"))[0][0] for _ in range(5)]
    assert len(set(pids)) == 1
    assert engine.pool.checkedout() == before + 1  # type: ignore[attr-defined]
    await _turns(5)
    assert engine.pool.checkedout() == before  # type: ignore[attr-defined]


async def test_concurrent_reads_keep_no_more_than_the_bound(engine: AsyncEngine) -> None:
    reader = PoolReader(engine)
    before = engine.pool.checkedout()  # type: ignore[attr-defined]
    await asyncio.gather(*(reader.fetch("SELECT pg_sleep(0.05)") for _ in range(6)))
    assert engine.pool.checkedout() <= before + KEPT_AT_MOST  # type: ignore[attr-defined]
    await reader.close()
    await _turns(2)
    assert engine.pool.checkedout() == before  # type: ignore[attr-defined]


async def test_a_failed_statement_keeps_a_usable_connection_and_a_lost_one_is_not_kept(
    engine: AsyncEngine,
) -> None:
    reader = PoolReader(engine)
    with pytest.raises(DBAPIError):
        await reader.fetch("SELECT 1 / 0")
    with pytest.raises(DBAPIError) as lost:
        await reader.fetch("SELECT pg_terminate_backend(pg_backend_pid())")
    assert lost.value.connection_invalidated
    assert [tuple(row) for row in await reader.fetch("SELECT 3")] == [(3,)]
    await reader.close()
