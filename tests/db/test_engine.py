"""The engine's pool: reads without transaction, and rested connections checked before use."""

from __future__ import annotations

from collections.abc import AsyncIterator

import msgspec
import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from service.db import engine as engine_module
from service.db.engine import create_engine, create_read_sessionmaker, create_sessionmaker
from service.settings import Settings


@pytest.fixture
async def own_engine(settings: Settings) -> AsyncIterator[AsyncEngine]:
    """An engine of its own with a single pooled connection, which the test may break."""
    engine = create_engine(msgspec.structs.replace(settings, pool_size=1))
    yield engine
    await engine.dispose()


async def test_read_sessions_run_each_statement_outside_a_transaction(
    own_engine: AsyncEngine,
) -> None:
    async with create_read_sessionmaker(own_engine)() as session:
        first = await session.scalar(text("SELECT txid_current()"))
        second = await session.scalar(text("SELECT txid_current()"))
    async with create_sessionmaker(own_engine)() as session, session.begin():
        third = await session.scalar(text("SELECT txid_current()"))
        fourth = await session.scalar(text("SELECT txid_current()"))

    assert first != second
    assert third == fourth


async def test_a_rested_connection_killed_by_the_server_is_replaced_before_use(
    own_engine: AsyncEngine, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with create_read_sessionmaker(own_engine)() as session:
        victim = await session.scalar(text("SELECT pg_backend_pid()"))
    libpq = make_url(database_url).set(drivername="postgresql").render_as_string(False)
    with psycopg.connect(libpq, autocommit=True) as killer:
        killer.execute("SELECT pg_terminate_backend(%s)", (victim,))
    monkeypatch.setattr(engine_module, "IDLE_PING_SECONDS", 0.0)

    async with create_read_sessionmaker(own_engine)() as session:
        answered = await session.scalar(text("SELECT pg_backend_pid()"))

    assert answered not in {None, victim}
