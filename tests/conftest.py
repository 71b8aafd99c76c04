"""Test database: one PostgreSQL per run, schema by Alembic, each test rolled back."""

from __future__ import annotations

import asyncio
import os
import tempfile
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import msgspec
import psycopg
import pytest
from litestar import Litestar
from psycopg import sql
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession, async_sessionmaker

from service.app import create_app
from service.db.embedded import EmbeddedPostgres, ensure_database
from service.db.engine import create_engine
from service.db.migrate import upgrade_to_head
from service.reference.loader import load_reference_data
from service.settings import Settings
from tests.helpers import AppClient

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


@pytest.fixture
def scratch_database_url(server_url: str) -> Iterator[str]:
    """An empty database on the test server, dropped afterwards."""
    name = f"aifacts_scratch_{uuid.uuid4().hex[:12]}"
    admin = make_url(server_url).set(drivername="postgresql", database="postgres")
    admin_uri = admin.render_as_string(hide_password=False)
    with psycopg.connect(admin_uri, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin_uri, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


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


@asynccontextmanager
async def running(app: Litestar) -> AsyncIterator[None]:
    """The app between its startup and its shutdown, as a server runs it.

    The lifespan runs in a task of its own: fixtures set up and tear down in different tasks,
    and the lifespan's cancel scopes must be left by the task that entered them.
    """
    started, stop = asyncio.Event(), asyncio.Event()

    async def serve() -> None:
        async with app.lifespan():
            started.set()
            await stop.wait()

    task = asyncio.create_task(serve())
    waiting = asyncio.create_task(started.wait())
    await asyncio.wait({task, waiting}, return_when=asyncio.FIRST_COMPLETED)
    waiting.cancel()
    if task.done():
        task.result()  # a failed startup raises here
    try:
        yield
    finally:
        stop.set()
        await task


@pytest.fixture
def app_client(settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]) -> AppClient:
    """Clients of the app built by `create_app`, driven through its lifespan like a server would.

    The app uses the test's sessions (so each test's writes are rolled back) unless told
    otherwise; `changes` replace fields of the test settings.
    """

    @asynccontextmanager
    async def open_client(
        app_settings: Settings | None = None,
        app_sessionmaker: async_sessionmaker[AsyncSession] | None = None,
        **changes: Any,
    ) -> AsyncIterator[httpx.AsyncClient]:
        configured = msgspec.structs.replace(app_settings or settings, **changes)
        app = create_app(configured, sessionmaker=app_sessionmaker or sessionmaker)
        transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
        async with (
            running(app),
            httpx.AsyncClient(transport=transport, base_url="http://testserver") as http,
        ):
            yield http

    return open_client


@pytest.fixture
async def client(app_client: AppClient) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client of the app, on the test's event loop, inside the test's transaction."""
    async with app_client() as http:
        yield http
