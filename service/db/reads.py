"""Where the one-statement reads run: a pooled connection, without session or ORM machinery.

A hot read is one statement whose answer is the finished document; the session it would
otherwise run on costs several times the statement itself (its transaction bookkeeping, the
connection lookup, the close). `PoolReader` checks a connection out of the engine's own pool
(so the pool's size, idle pings and recycling stay one), runs the statement on its asyncpg
connection, and gives it back. `SessionReader` runs it on a session of a sessionmaker instead:
tests bind theirs to a connection inside a transaction, whose data only it sees.

A checkout and a check-in of the pool cost twice the statement in Python (two greenlet
switches, the pool's events and bookkeeping). So a connection a read is done with is kept for
the next read, `KEPT_AT_MOST` at most, and the kept ones go back to the pool as soon as one
turn of the event loop passes without a read: reads in a busy process pass connections on
between them without the pool, the sessions of the general path have all the others, and a
process that stops reading holds none a moment later. Reads by key waiting for a shared
statement count as reads going on.

Errors read as the session's would: what PostgreSQL answered (a timeout...) as a
`DBAPIError` of its SQLSTATE; a lost connection invalidated, with every older connection of
the pool (as SQLAlchemy does on a disconnect), as an invalidated `DBAPIError`; no connection
to be had as `OperationalError`. The problem handlers answer each as they always did.
"""

from __future__ import annotations

import asyncio
import re
from abc import ABC, abstractmethod
from functools import cache
from typing import Any, Final

import asyncpg
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.util import greenlet_spawn

from service.db.prepared import fetch_text

IN_FLIGHT_AT_MOST: Final = 1
"""Statements of one SQL a reader runs at once before reads by key wait to share the next
(one gave the largest shares, the most requests/s and the shortest tails in the benchmark)."""
WAIT_AT_MOST: Final = 0.02
"""Seconds keys wait for a running statement of their SQL before starting their own."""
KEYS_AT_MOST: Final = 500
"""Keys read by one shared statement; more waiting go to the next."""
KEPT_AT_MOST: Final = 2
"""Connections a `PoolReader` keeps between reads, beside those reading."""
_CONNECTION_GONE = ("08", "57P")
"""SQLSTATE classes of a lost connection: connection exceptions, a server shutting down."""


class Reader(ABC):
    """Runs one statement (SQL text with `$n` parameters) and returns its records.

    Reads by key (`fetch_one`) share statements under load, as a database shares the flush of
    concurrent commits: a read runs at once while fewer than `IN_FLIGHT_AT_MOST` statements of
    its SQL are running; otherwise it waits for one of them to finish (`WAIT_AT_MOST` at
    most), and all the keys that waited meanwhile are read by the next statement
    (`= ANY($1)`). Each round trip to PostgreSQL (a Bind/Execute, two socket writes, two
    wake-ups) is most of what a one-row read costs, so a busy process makes far fewer of
    them; an idle one waits for nothing.
    Every caller of a shared statement gets its error, as its own read would have; a caller
    that stops waiting leaves the statement to the others.
    """

    def __init__(self) -> None:
        """A reader with no read by key running or waiting."""
        self._running: dict[str, int] = {}
        self._waiting: dict[str, dict[Any, list[asyncio.Future[Any]]]] = {}
        self._overdue: dict[str, asyncio.TimerHandle] = {}
        self._sharing: set[asyncio.Task[None]] = set()

    @abstractmethod
    async def fetch(self, sql: str, *arguments: Any) -> list[Any]:
        """The records of `sql` with `arguments` bound."""

    async def fetch_one(self, sql: str, key: Any) -> Any | None:
        """The record of `key`, or None.

        `sql` reads the keys of the array `$1` and returns each record's key first; a tuple
        key is read from one array per part (`$1`, `$2`...), its parts returned first.
        """
        if self._running.get(sql, 0) < IN_FLIGHT_AT_MOST:
            self._running[sql] = self._running.get(sql, 0) + 1
            try:
                records = await self.fetch(sql, *_arrays([key]))
            finally:
                self._finished(sql)
            return records[0] if records else None
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._wait(sql).setdefault(key, []).append(future)
        return await future

    def _wait(self, sql: str) -> dict[Any, list[asyncio.Future[Any]]]:
        """The keys waiting for the next statement of `sql`.

        It starts at the latest when they have waited `WAIT_AT_MOST`, so that a slow
        statement running does not hold the others up.
        """
        waiting = self._waiting.get(sql)
        if waiting is None:
            waiting = self._waiting[sql] = {}
            self._overdue[sql] = asyncio.get_running_loop().call_later(
                WAIT_AT_MOST, self._start_waiting, sql
            )
        return waiting

    def _finished(self, sql: str) -> None:
        """One statement of `sql` is done: the keys waiting for it, if any, go next."""
        self._running[sql] -= 1
        self._start_waiting(sql)

    def _start_waiting(self, sql: str) -> None:
        """Read the keys waiting for `sql` with one statement (in a task of their own)."""
        overdue = self._overdue.pop(sql, None)
        if overdue is not None:
            overdue.cancel()
        waiting = self._waiting.pop(sql, None)
        if not waiting:
            return
        if len(waiting) > KEYS_AT_MOST:
            later = list(waiting)[KEYS_AT_MOST:]
            self._wait(sql).update((key, waiting.pop(key)) for key in later)
        self._running[sql] = self._running.get(sql, 0) + 1
        task = asyncio.get_running_loop().create_task(self._read_keys(sql, waiting))
        self._sharing.add(task)
        task.add_done_callback(self._sharing.discard)

    async def _read_keys(self, sql: str, waiting: dict[Any, list[asyncio.Future[Any]]]) -> None:
        try:
            records = await self.fetch(sql, *_arrays(list(waiting)))
        except BaseException as error:
            for futures in waiting.values():
                for future in futures:
                    if not future.done():
                        future.set_exception(error)
            if not isinstance(error, Exception):
                raise
            return
        finally:
            self._finished(sql)
        size = _key_size(next(iter(waiting)))
        found = {tuple(record[:size]) if size else record[0]: record for record in records}
        for key, futures in waiting.items():
            for future in futures:
                if not future.done():
                    future.set_result(found.get(key))


def _arrays(keys: list[Any]) -> list[list[Any]]:
    """The statement's arguments for `keys`: their list, or one list per part of tuple keys."""
    if isinstance(keys[0], tuple):
        return [list(part) for part in zip(*keys, strict=True)]
    return [keys]


def _key_size(key: Any) -> int:
    """How many first columns of a record name its key: 0 for a single one, else its parts."""
    return len(key) if isinstance(key, tuple) else 0


_ARRAY_TYPES: Final = {str: "text", int: "bigint"}
"""The array types of the argument types a shared one-row statement takes."""


@cache
def _for_each_key(sql: str, types: tuple[str, ...]) -> str:
    """`sql`, a statement of one row whose parameters are one key, run for each key of arrays.

    Its `$1`..`$n` become the columns of a row of `unnest($1::type[], ...)`, which come first
    in the answer, so each record names its key (`Reader.fetch_one`).
    """
    names = [f"k{index}" for index in range(1, len(types) + 1)]
    arrays = ", ".join(f"${index}::{name}[]" for index, name in enumerate(types, 1))
    one = re.sub(r"\$(\d+)", r"shared_keys.k\1", sql)
    return (
        f"SELECT {', '.join(f'shared_keys.{name}' for name in names)}, one.* "  # noqa: S608 (SQL text of this process)
        f"FROM unnest({arrays}) AS shared_keys({', '.join(names)}) "
        f"CROSS JOIN LATERAL ({one}) AS one"
    )


async def fetch_row(reader: Reader, sql: str, *arguments: Any) -> Any:
    """The one record of `sql`, a statement that answers one row (an aggregate).

    Its arguments are a key: under load, statements of the same SQL share one (`fetch_one`)
    when every argument is text or an integer; others run alone.
    """
    types = tuple(_ARRAY_TYPES.get(type(argument), "") for argument in arguments)
    if not arguments or "" in types:
        return (await reader.fetch(sql, *arguments))[0]
    record = await reader.fetch_one(_for_each_key(sql, types), arguments)
    if record is None:  # pragma: no cover - the lateral one-row statement answers every key
        raise AssertionError(f"no row for {arguments!r}")
    return record[len(arguments) :]


class PoolReader(Reader):
    """Reads on a connection of the engine's pool, kept for the next read for a moment."""

    def __init__(self, engine: AsyncEngine) -> None:
        """Reads on `engine`'s pool."""
        super().__init__()
        self.engine = engine
        self._kept: list[Any] = []
        self._returning: asyncio.Handle | None = None
        self._reads = 0
        self._reads_seen = 0
        self._closing: set[asyncio.Task[None]] = set()

    async def fetch(self, sql: str, *arguments: Any) -> list[Any]:
        """The records of `sql`, read on a kept or pooled connection."""
        pooled = self._kept.pop() if self._kept else await self._checkout(sql)
        self._reads += 1
        driver: Any = pooled.driver_connection
        usable = False
        try:
            records: list[Any] = await driver.fetch(sql, *arguments)
            usable = True
        except Exception as error:
            answered = isinstance(error, asyncpg.PostgresError)
            if answered and not str(getattr(error, "sqlstate", "")).startswith(_CONNECTION_GONE):
                usable = True
                raise DBAPIError(sql, None, error) from error
            # The connection is gone: drop it, and every connection older than it, as
            # SQLAlchemy's own disconnect handling does.
            self.engine.pool._invalidate(pooled, error)
            raise DBAPIError(sql, None, error, connection_invalidated=True) from error
        finally:
            if usable:
                await self._keep(pooled)
            else:  # gone, or cancelled mid-statement: the pool takes it back as it is
                await greenlet_spawn(pooled.close)
        return records

    async def _checkout(self, sql: str) -> Any:
        try:
            return await self.engine.raw_connection()
        except PoolTimeoutError:
            raise
        except Exception as error:
            raise OperationalError(sql, None, error) from error

    async def _keep(self, pooled: Any) -> None:
        """Keep a connection for the next read, or give it back if enough are kept."""
        if len(self._kept) >= KEPT_AT_MOST:
            await greenlet_spawn(pooled.close)
            return
        self._kept.append(pooled)
        if self._returning is None:
            self._watch()

    def _watch(self) -> None:
        """Look again at the next turn of the event loop whether reads go on."""
        self._reads_seen = self._reads
        self._returning = asyncio.get_running_loop().call_soon(self._give_back)

    def _give_back(self) -> None:
        """Give the kept connections back to the pool (in a task) once reads have paused."""
        self._returning = None
        reading = self._reads != self._reads_seen or self._waiting
        if reading and self._kept:
            self._watch()
        elif self._kept:
            task = asyncio.get_running_loop().create_task(self._close_kept())
            self._closing.add(task)
            task.add_done_callback(self._closing.discard)

    async def _close_kept(self) -> None:
        kept, self._kept = self._kept, []
        for pooled in kept:
            await greenlet_spawn(pooled.close)

    async def close(self) -> None:
        """Give the kept connections back now (before the engine is disposed of)."""
        if self._returning is not None:
            self._returning.cancel()
            self._returning = None
        await asyncio.gather(*self._sharing, return_exceptions=True)
        await self._close_kept()
        await asyncio.gather(*self._closing)


class SessionReader(Reader):
    """Reads on a fresh session of a sessionmaker (the tests' bound to their transaction)."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        """Reads on sessions of `sessionmaker`."""
        super().__init__()
        self.sessionmaker = sessionmaker

    async def fetch(self, sql: str, *arguments: Any) -> list[Any]:
        """The records of `sql`, read on the session's connection."""
        async with self.sessionmaker() as session:
            return await fetch_text(session, sql, *arguments)
