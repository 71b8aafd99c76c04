"""Test database: one PostgreSQL per run, schema by Alembic, each test rolled back."""

from __future__ import annotations

import asyncio
import os
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from service.app import create_app
from service.db.embedded import EmbeddedPostgres, ensure_database
from service.db.engine import create_engine
from service.db.migrate import upgrade_to_head
from service.reference.loader import load_reference_data
from service.settings import Settings

TEST_DATABASE = "aifacts_test"


def _libpq(url: str, database: str) -> str:
    parsed = make_url(url).set(drivername="postgresql", database=database)
    return parsed.render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def server_url() -> Iterator[str]:
    """A PostgreSQL server: `AIFACTS_TEST_DATABASE_URL` if set, else a private embedded one."""
    if external := os.environ.get("AIFACTS_TEST_DATABASE_URL"):
        yield external
        return
    data_dir = Path(tempfile.mkdtemp(prefix="aifacts-test-"))
    server = EmbeddedPostgres(data_dir, delete_on_exit=True)
    yield server.start()
    server.stop()


@pytest.fixture(scope="session")
def database_url(server_url: str) -> str:
    """A fresh database migrated to head by Alembic and holding the reference data."""
    admin = _libpq(server_url, "postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(TEST_DATABASE))
        )
    ensure_database(admin, TEST_DATABASE)
    url = make_url(server_url).set(database=TEST_DATABASE).render_as_string(hide_password=False)
    upgrade_to_head(url)
    asyncio.run(_load_reference(url))
    return url


async def _load_reference(url: str) -> None:
    engine = create_engine(Settings(database_url=url))
    async with engine.begin() as conn:
        await load_reference_data(AsyncSession(bind=conn))
    await engine.dispose()


@pytest.fixture(scope="session")
def settings(database_url: str) -> Settings:
    """Settings of the test database."""
    return Settings(database_url=database_url, admin_token="test-admin-token")


@pytest.fixture(scope="session")
async def engine(settings: Settings) -> AsyncIterator[AsyncEngine]:
    """One engine for the whole run."""
    engine = create_engine(settings)
    yield engine
    await engine.dispose()


@pytest.fixture
async def connection(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A connection inside a transaction that is rolled back after the test."""
    async with engine.connect() as conn:
        transaction = await conn.begin()
        yield conn
        await transaction.rollback()


@pytest.fixture
def sessionmaker(connection: AsyncConnection) -> async_sessionmaker[AsyncSession]:
    """Sessions that commit to savepoints of the test's transaction."""
    return async_sessionmaker(
        bind=connection, expire_on_commit=False, join_transaction_mode="create_savepoint"
    )


@pytest.fixture
async def session(sessionmaker: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """A session for arranging and checking data directly."""
    async with sessionmaker() as session:
        yield session


@pytest.fixture
async def client(
    settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]
) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client of the app, on the test's event loop, inside the test's transaction."""
    app = create_app(settings, sessionmaker=sessionmaker)
    app.state.sessionmaker = app.state.read_sessionmaker = sessionmaker
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http
