"""Where the one-statement reads run: a pooled connection, without session or ORM machinery.

A hot read is one statement whose answer is the finished document; the session it would
otherwise run on costs several times the statement itself (its transaction bookkeeping, the
connection lookup, the close). `PoolReader` checks a connection out of the engine's own pool
(so the pool's size, idle pings and recycling stay one), runs the statement on its asyncpg
connection, and gives it back. `SessionReader` runs it on a session of a sessionmaker instead:
tests bind theirs to a connection inside a transaction, whose data only it sees.

Errors read as the session's would: what PostgreSQL answered (a timeout...) as a
`DBAPIError` of its SQLSTATE; a lost connection invalidated, with every older connection of
the pool (as SQLAlchemy does on a disconnect), as an invalidated `DBAPIError`; no connection
to be had as `OperationalError`. The problem handlers answer each as they always did.
"""

from __future__ import annotations

from typing import Any, Protocol

import asyncpg
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.util import greenlet_spawn

from service.db.prepared import fetch_text

_CONNECTION_GONE = ("08", "57P")
"""SQLSTATE classes of a lost connection: connection exceptions, a server shutting down."""


class Reader(Protocol):
    """Runs one statement (SQL text with `$n` parameters) and returns its records."""

    async def fetch(self, sql: str, *arguments: Any) -> list[Any]:
        """The records of `sql` with `arguments` bound."""
        ...


class PoolReader:
    """Reads on a connection of the engine's pool, checked out for the one statement."""

    def __init__(self, engine: AsyncEngine) -> None:
        """Reads on `engine`'s pool."""
        self.engine = engine

    async def fetch(self, sql: str, *arguments: Any) -> list[Any]:
        """The records of `sql`, read on a pooled connection given back right after."""
        try:
            pooled = await self.engine.raw_connection()
        except PoolTimeoutError:
            raise
        except Exception as error:
            raise OperationalError(sql, None, error) from error
        driver: Any = pooled.driver_connection
        try:
            records: list[Any] = await driver.fetch(sql, *arguments)
        except Exception as error:
            answered = isinstance(error, asyncpg.PostgresError)
            if answered and not str(getattr(error, "sqlstate", "")).startswith(_CONNECTION_GONE):
                raise DBAPIError(sql, None, error) from error
            # The connection is gone: drop it, and every connection older than it, as
            # SQLAlchemy's own disconnect handling does.
            self.engine.pool._invalidate(pooled, error)
            raise DBAPIError(sql, None, error, connection_invalidated=True) from error
        finally:
            await greenlet_spawn(pooled.close)
        return records


class SessionReader:
    """Reads on a fresh session of a sessionmaker (the tests' bound to their transaction)."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        """Reads on sessions of `sessionmaker`."""
        self.sessionmaker = sessionmaker

    async def fetch(self, sql: str, *arguments: Any) -> list[Any]:
        """The records of `sql`, read on the session's connection."""
        async with self.sessionmaker() as session:
            return await fetch_text(session, sql, *arguments)
