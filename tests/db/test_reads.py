"""One-statement reads on a pooled connection: answers, and errors as the session's."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from service.db.reads import PoolReader


async def test_a_pool_reader_answers_with_the_statements_records(engine: AsyncEngine) -> None:
    rows = await PoolReader(engine).fetch("SELECT $1::int + 1 AS answer, $2::text", 41, "ü")
    assert [tuple(row) for row in rows] == [(42, "ü")]


async def test_an_error_postgresql_answers_keeps_its_sqlstate_and_the_connection(
    engine: AsyncEngine,
) -> None:
    reader = PoolReader(engine)
    with pytest.raises(DBAPIError) as raised:
        await reader.fetch("SELECT 1 / $1::int", 0)
    assert getattr(raised.value.orig, "sqlstate", None) == "22012"
    assert not raised.value.connection_invalidated
    assert [tuple(row) for row in await reader.fetch("SELECT 1")] == [(1,)]


async def test_a_connection_killed_under_a_read_is_invalidated_and_the_next_read_works(
    engine: AsyncEngine,
) -> None:
    reader = PoolReader(engine)
    with pytest.raises(DBAPIError) as raised:
        await reader.fetch("SELECT pg_terminate_backend(pg_backend_pid())")
    assert raised.value.connection_invalidated
    assert [tuple(row) for row in await reader.fetch("SELECT 2")] == [(2,)]
