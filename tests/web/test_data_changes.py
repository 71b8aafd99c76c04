"""Change notifications: every table a public read shows notifies; the listener's life."""

from __future__ import annotations

import asyncio
from typing import Any

import psycopg
import pytest

from service.web.data_changes import CHANNEL, database_connector, listen_for_changes
from service.web.response_cache import ResponseCache
from tests.web.cache_helpers import libpq, until

SILENT_TABLES = frozenset(
    {
        "admin_tokens",
        "idempotency_keys",
        "rate_limit_counts",
        "ingest_jobs",
        "feeds",
        "feed_items",
        "alembic_version",
        "deal_documents",
    }
)
"""Tables no public read shows: their writes need not (and, busy, should not) notify.

`deal_documents` is read, but written only by triggers of writes to deals, their parties and
citations, which notify themselves in the same transaction."""


def test_every_table_but_the_silent_ones_notifies_on_every_kind_of_write(
    database_url: str,
) -> None:
    with psycopg.connect(libpq(database_url)) as conn:
        tables = {
            name
            for (name,) in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            )
        }
        watched = {
            (table, events)
            for table, events in conn.execute(
                """
                SELECT event_object_table,
                       string_agg(event_manipulation, ',' ORDER BY event_manipulation)
                FROM information_schema.triggers
                WHERE action_statement = 'EXECUTE FUNCTION aifacts_data_changed()'
                  AND action_orientation = 'STATEMENT' AND action_timing = 'AFTER'
                GROUP BY event_object_table
                """
            )
        }
        truncating = {
            table
            for (table,) in conn.execute(
                "SELECT tgrelid::regclass::text FROM pg_trigger "
                "WHERE tgname = 'aifacts_data_changed' AND tgtype & 32 <> 0"
            )
        }
    queue_tables = {name for name in tables if name.startswith("pgqueuer")}
    expected = tables - SILENT_TABLES - queue_tables

    assert {table for table, _ in watched} == expected
    assert {events for _, events in watched} == {"DELETE,INSERT,UPDATE"}
    assert truncating == expected


async def test_the_listener_hears_a_commit_and_goes_off_when_its_connection_dies(
    database_url: str,
) -> None:
    cache = ResponseCache(1 << 20)
    opened: list[Any] = []
    connect = database_connector(database_url)

    async def connecting() -> Any:
        opened.append(await connect())
        return opened[-1]

    task = asyncio.create_task(
        listen_for_changes(cache, connecting, ping_seconds=0.2, retry_seconds=0.2)
    )
    try:
        await until(lambda: cache.live)
        version = cache.version
        with psycopg.connect(libpq(database_url), autocommit=True) as conn:
            conn.execute("SELECT pg_notify(%s, 'metrics')", (CHANNEL,))
        await until(lambda: cache.version > version)

        await opened[0].close()
        await until(lambda: not cache.live)
        await until(lambda: cache.live)
        assert len(opened) == 2
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    assert not cache.live


async def test_the_listener_stays_live_across_its_pings(database_url: str) -> None:
    cache = ResponseCache(1 << 20)
    connect = database_connector(database_url)
    task = asyncio.create_task(listen_for_changes(cache, connect, ping_seconds=0.05))
    try:
        await until(lambda: cache.live)
        version = cache.version
        await asyncio.sleep(0.5)  # ten pings

        assert cache.live
        assert cache.version == version
        assert not task.done()
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


async def test_a_database_that_cannot_be_reached_leaves_the_cache_off(database_url: str) -> None:
    cache = ResponseCache(1 << 20)
    attempts = 0

    async def refused() -> Any:
        nonlocal attempts
        attempts += 1
        raise ConnectionRefusedError("no server here")

    task = asyncio.create_task(listen_for_changes(cache, refused, retry_seconds=0.01))
    await until(lambda: attempts >= 3)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)

    assert cache.token() is None


@pytest.mark.parametrize(
    ("statement", "table"),
    [
        ("UPDATE metrics SET name = name WHERE false", "metrics"),
        ("DELETE FROM citations WHERE false", "citations"),
        (
            "INSERT INTO company_aliases SELECT * FROM company_aliases WHERE false",
            "company_aliases",
        ),
    ],
)
def test_a_statement_that_changes_no_row_still_notifies_after_its_commit(
    database_url: str, statement: str, table: str
) -> None:
    with (
        psycopg.connect(libpq(database_url), autocommit=True) as listener,
        psycopg.connect(libpq(database_url)) as writer,
    ):
        listener.execute(f"LISTEN {CHANNEL}")
        writer.execute(statement)
        assert list(listener.notifies(timeout=0.2, stop_after=1)) == []  # not before commit
        writer.commit()
        heard = list(listener.notifies(timeout=2, stop_after=1))

    assert [(note.channel, note.payload) for note in heard] == [(CHANNEL, table)]
