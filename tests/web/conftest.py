"""Fixtures of the web tests that need writes to really commit."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql
from sqlalchemy.engine import make_url

from service.db.migrate import upgrade_to_head
from tests.web.cache_helpers import libpq


@pytest.fixture(scope="module")
def committed_database_url(server_url: str) -> Iterator[str]:
    """A database migrated to head whose writes really commit (and so notify)."""
    name = f"aifacts_cache_{uuid.uuid4().hex[:12]}"
    admin = libpq(
        make_url(server_url).set(database="postgres").render_as_string(hide_password=False)
    )
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    try:
        upgrade_to_head(url)
        yield url
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )
