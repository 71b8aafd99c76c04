"""Alembic environment: runs migrations over the async engine of the service."""

from __future__ import annotations

import asyncio
import os

from alembic import context
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine
from sqlalchemy.pool import NullPool

from service.db.engine import async_url
from service.db.migrate import MIGRATION_LOCK
from service.models import Base

config = context.config
target_metadata = Base.metadata


def _database_url() -> str:
    url = config.get_main_option("sqlalchemy.url") or os.environ.get("AIFACTS_DATABASE_URL")
    if not url:
        raise RuntimeError("set AIFACTS_DATABASE_URL or sqlalchemy.url")
    return async_url(url)


def _include_name(name: str | None, type_: str, _: object) -> bool:
    """Leave the job queue's tables to pgqueuer: autogenerate must not try to drop them."""
    return not (type_ == "table" and name is not None and name.startswith("pgqueuer"))


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        include_name=_include_name,
    )
    with context.begin_transaction():
        # Held until commit: a second process waits, then finds the schema at head.
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        context.run_migrations()


async def _run_online() -> None:
    engine = create_async_engine(_database_url(), poolclass=NullPool)
    async with engine.connect() as connection:
        await connection.run_sync(_run)
    await engine.dispose()


if context.is_offline_mode():
    context.configure(url=_database_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(_run_online())
