"""Hearing that the data changed: a dedicated connection LISTENing on `aifacts_data`.

Statement triggers on every table the public reads depend on notify this channel (see the
migrations `b8d9e0f1a2c3` and `c9d0e1f2a3b4`); PostgreSQL delivers a notification to every
listening session once its transaction commits. Each process keeps one connection outside the
pool for it: every notification drops the process's response cache, and while the connection is
down (before the first connect, after a loss, until the reconnect has LISTENed) the cache is
off. The connection is pinged every `PING_SECONDS`, so a silently dead link is noticed too.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any, Final

import asyncpg
from litestar import Litestar
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.engine import make_url

from service.web.response_cache import ResponseCache

logger = logging.getLogger(__name__)

CHANNEL: Final = "aifacts_data"
"""The notification channel the data triggers send on."""
APPLICATION_NAME: Final = "aifacts-changes"
"""`application_name` of the listening connections (to tell them apart in pg_stat_activity)."""
PING_SECONDS: Final = 5.0
RETRY_SECONDS: Final = 1.0

Connect = Callable[[], Awaitable[Any]]
"""Opens a new asyncpg connection."""
_LOST: Final = (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError)


async def listen_for_changes(
    cache: ResponseCache,
    connect: Connect,
    *,
    ping_seconds: float = PING_SECONDS,
    retry_seconds: float = RETRY_SECONDS,
) -> None:
    """Keep `cache` in step with the database's changes until cancelled."""
    while True:
        try:
            await _listen_once(cache, connect, ping_seconds)
        except _LOST as error:
            logger.warning("response cache off: no change notifications (%s)", error)
        except Exception:  # anything else must not end the listening for good
            logger.exception("response cache off: the change listener failed")
        await asyncio.sleep(retry_seconds)


async def _listen_once(cache: ResponseCache, connect: Connect, ping_seconds: float) -> None:
    """One connection's life: LISTEN, serve while it lasts; the cache is off when it ends."""
    connection = await connect()
    lost = asyncio.Event()
    try:
        connection.add_termination_listener(lambda _: lost.set())
        await connection.add_listener(CHANNEL, lambda *_: cache.invalidate())
        cache.came_up()
        while not lost.is_set():
            try:
                await asyncio.wait_for(lost.wait(), ping_seconds)
            except TimeoutError:
                await connection.fetchval("SELECT 1", timeout=ping_seconds)
        raise ConnectionResetError("the listening connection closed")
    finally:
        cache.went_down()
        connection.terminate()


def database_connector(database_url: str) -> Connect:
    """A `Connect` to the database of a SQLAlchemy URL (any driver named, or none)."""
    url = make_url(database_url).set(drivername="postgresql+asyncpg")
    dialect = asyncpg_dialect()  # type: ignore[no-untyped-call]
    _, arguments = dialect.create_connect_args(url)  # type: ignore[no-untyped-call]
    server_settings = {"application_name": APPLICATION_NAME}

    async def connect() -> Any:
        return await asyncpg.connect(
            **arguments, server_settings=server_settings, timeout=PING_SECONDS
        )

    return connect


def changes_heard(
    cache: ResponseCache, connector: Callable[[], Connect]
) -> Callable[[Litestar], AbstractAsyncContextManager[None]]:
    """A lifespan hook keeping `cache` in step with the database while the app runs.

    `connector` is asked how to connect when the app starts (the database URL of an
    embedded server is known only then).
    """

    @asynccontextmanager
    async def lifespan(_: Litestar) -> AsyncIterator[None]:
        task = asyncio.create_task(listen_for_changes(cache, connector()))
        try:
            yield
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    return lifespan
