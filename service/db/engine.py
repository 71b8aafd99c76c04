"""Engine and sessions: one session per request, committed once at the end."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from service.settings import Settings


def async_url(url: str) -> str:
    """The URL with the asyncpg driver, whatever driver (or none) it named."""
    parsed = make_url(url)
    return parsed.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)


def create_engine(settings: Settings) -> AsyncEngine:
    """An asyncpg engine for the configured database, with a statement timeout per connection."""
    if settings.database_url is None:
        raise RuntimeError("no database URL: start the embedded server first")
    connect_args: dict[str, Any] = {
        "server_settings": {
            "statement_timeout": str(settings.statement_timeout_ms),
            "application_name": "aifacts",
        }
    }
    return create_async_engine(
        async_url(settings.database_url),
        pool_size=settings.pool_size,
        max_overflow=settings.pool_size,
        pool_pre_ping=True,
        connect_args=connect_args,
    )


def create_sessionmaker(bind: Any) -> async_sessionmaker[AsyncSession]:
    """Sessions bound to an engine (or, in tests, to a connection inside a transaction)."""
    return async_sessionmaker(bind=bind, expire_on_commit=False, autoflush=False)
