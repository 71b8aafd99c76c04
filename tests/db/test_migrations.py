"""Alembic is the only source of the schema: head matches the models, and it runs both ways."""

from __future__ import annotations

import subprocess
import sys

import psycopg
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from service.db.migrate import alembic_config, upgrade_to_head
from service.models import Base


def _include_name(name: str | None, type_: str, _: object) -> bool:
    # The job queue's tables belong to pgqueuer, not to the models (as in migrations/env.py).
    return not (type_ == "table" and name is not None and name.startswith("pgqueuer"))


def _differences(connection: Connection) -> list[object]:
    context = MigrationContext.configure(
        connection, opts={"compare_type": True, "include_name": _include_name}
    )
    return list(compare_metadata(context, Base.metadata))


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


def _current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


async def test_test_database_is_at_the_single_alembic_head(
    engine: AsyncEngine, database_url: str
) -> None:
    heads = ScriptDirectory.from_config(alembic_config(database_url)).get_heads()

    async with engine.connect() as connection:
        current = await connection.run_sync(_current_revision)

    assert len(heads) == 1, f"migrations branch: {heads}"
    assert current == heads[0]


async def test_migrations_at_head_match_the_models(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        differences = await connection.run_sync(_differences)

    assert differences == []


def schema_tables(url: str) -> set[str]:
    libpq = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(libpq) as conn:
        rows = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
        ).fetchall()
    return {row[0] for row in rows}


def test_downgrade_to_base_then_upgrade_to_head_rebuilds_the_schema(
    scratch_database_url: str,
) -> None:
    model_tables = set(Base.metadata.tables)
    upgrade_to_head(scratch_database_url)
    assert model_tables <= schema_tables(scratch_database_url)

    command.downgrade(alembic_config(scratch_database_url), "base")
    assert schema_tables(scratch_database_url) <= {"alembic_version"}

    upgrade_to_head(scratch_database_url)
    assert model_tables <= schema_tables(scratch_database_url)


def test_migrations_started_at_once_by_several_processes_all_succeed(
    scratch_database_url: str,
) -> None:
    # Four `migrate` processes against one fresh database: without the advisory lock each
    # tried to create the same tables and all but one failed with a unique violation.
    script = (
        "import sys; from service.db.migrate import upgrade_to_head; upgrade_to_head(sys.argv[1])"
    )
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", script, scratch_database_url],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for _ in range(4)
    ]
    outputs = [process.communicate(timeout=120)[0].decode() for process in processes]
    assert [process.returncode for process in processes] == [0, 0, 0, 0], outputs
    assert set(Base.metadata.tables) <= schema_tables(scratch_database_url)
