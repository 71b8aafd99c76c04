"""A live server on a scratch database, for tests that talk to the API over real HTTP."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.engine import create_engine
from service.db.migrate import upgrade_to_head
from service.reference.loader import load_reference_data
from service.settings import Settings
from tests.helpers import free_port, wait_ready

STOP_WITHIN_SECONDS = 30


def _libpq(url: str, database: str) -> str:
    parsed = make_url(url).set(drivername="postgresql", database=database)
    return parsed.render_as_string(hide_password=False)


async def _load_reference(url: str) -> None:
    engine = create_engine(Settings(database_url=url))
    async with engine.begin() as conn:
        await load_reference_data(AsyncSession(bind=conn))
    await engine.dispose()


@pytest.fixture(scope="module")
def scratch_database_url(server_url: str) -> Iterator[str]:
    """A database of its own, migrated and holding the reference data, dropped afterwards.

    A live server commits what it is sent, so it must not share the session's test database.
    """
    name = f"aifacts_contract_{uuid.uuid4().hex[:12]}"
    admin = _libpq(server_url, "postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    try:
        upgrade_to_head(url)
        asyncio.run(_load_reference(url))
        yield url
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@pytest.fixture(scope="module")
def live_server(scratch_database_url: str, settings: Settings) -> Iterator[str]:
    """Base URL of uvicorn serving the app on 127.0.0.1, with an ingestion worker inside."""
    assert settings.admin_token is not None
    env = {
        **os.environ,
        "AIFACTS_DATABASE_URL": scratch_database_url,
        "AIFACTS_ADMIN_TOKEN": settings.admin_token,
        "AIFACTS_RUN_WORKER": "true",
        "AIFACTS_LOG_LEVEL": "warning",
    }
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "service.app:app_from_env", "--factory"]
    command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base_url, server)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=STOP_WITHIN_SECONDS)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
