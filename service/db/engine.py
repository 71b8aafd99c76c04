"""Engine and sessions: one session per request, committed once at the end.

Connections are checked for life only when they come out of the pool after a rest (see
`ping_if_idle`), not on every checkout; a connection that dies under load fails its request
(503), and SQLAlchemy then recycles the whole pool, so the next requests reconnect.
"""

from __future__ import annotations

import time
from typing import Any, Final

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection
from sqlalchemy.util import await_

from service.settings import Settings

IDLE_PING_SECONDS: Final = 5.0
"""A pooled connection unused for longer than this is pinged before it is handed out."""
_RETURNED_AT: Final = "aifacts_returned_at"


def async_url(url: str) -> str:
    """The URL with the asyncpg driver, whatever driver (or none) it named."""
    parsed = make_url(url)
    return parsed.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)


def create_engine(settings: Settings) -> AsyncEngine:
    """An asyncpg engine for the configured database, with a statement timeout per connection.

    The pool keeps at most `pool_size` connections: under load, requests wait for one rather
    than open and close extra backends (a fork and a new statement cache each time).
    """
    if settings.database_url is None:
        raise RuntimeError("no database URL: start the embedded server first")
    connect_args: dict[str, Any] = {
        "server_settings": {
            "statement_timeout": str(settings.statement_timeout_ms),
            "application_name": "aifacts",
        }
    }
    engine = create_async_engine(
        async_url(settings.database_url),
        pool_size=settings.pool_size,
        max_overflow=0,
        connect_args=connect_args,
    )
    event.listen(engine.sync_engine, "checkin", _remember_return)
    event.listen(engine.sync_engine, "checkout", ping_if_idle)
    return engine


def _remember_return(_: Any, record: ConnectionPoolEntry) -> None:
    record.info[_RETURNED_AT] = time.monotonic()


def ping_if_idle(
    dbapi_connection: Any, record: ConnectionPoolEntry, _: PoolProxiedConnection
) -> None:
    """Pool hook: ping a connection that rested in the pool; a dead one is replaced.

    One round trip (`;`, outside any transaction), and only after `IDLE_PING_SECONDS` of rest:
    a busy pool pays nothing, and a server restarted while the API was idle costs no request.
    """
    returned_at = record.info.get(_RETURNED_AT)
    if returned_at is None or time.monotonic() - returned_at < IDLE_PING_SECONDS:
        return
    try:
        await_(dbapi_connection.driver_connection.execute(";"))
    except Exception as error:
        raise DisconnectionError("pooled connection did not answer a ping") from error


def create_sessionmaker(bind: Any) -> async_sessionmaker[AsyncSession]:
    """Sessions bound to an engine (or, in tests, to a connection inside a transaction)."""
    return async_sessionmaker(bind=bind, expire_on_commit=False, autoflush=False)


def create_read_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions for safe (read-only) requests: each statement commits on its own.

    No `BEGIN`/`COMMIT` round trips around the request's queries. Under PostgreSQL's default
    READ COMMITTED every statement takes its own snapshot anyway, so the reads see exactly
    what they would see inside a transaction. Never use it for writes that must be atomic,
    nor for server-side cursors (`session.stream`), which need a transaction.
    """
    return create_sessionmaker(engine.execution_options(isolation_level="AUTOCOMMIT"))
