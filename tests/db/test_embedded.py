"""The embedded PostgreSQL survives a `kill -9` of its owner and stops cleanly after."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from service.db.embedded import EmbeddedPostgres, drop_stale_locks
from tests.helpers import postgres_processes, wait_until_no_postgres

OWNER_SCRIPT = """
import sys, time
from pathlib import Path
from service.db.embedded import EmbeddedPostgres
print(EmbeddedPostgres(Path(sys.argv[1])).start(), flush=True)
time.sleep(600)
"""


@pytest.fixture
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh data directory; any server left in it is killed afterwards."""
    path = tmp_path_factory.mktemp("embedded")
    yield path
    for process in postgres_processes(path.resolve() / "pgdata"):
        process.kill()


def test_server_orphaned_by_kill_9_is_adopted_and_then_stopped(data_dir: Path) -> None:
    owner = subprocess.Popen(
        [sys.executable, "-c", OWNER_SCRIPT, str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert owner.stdout is not None
        assert owner.stdout.readline().startswith("postgresql+asyncpg://")
    finally:
        owner.kill()
        owner.wait(timeout=10)

    server = EmbeddedPostgres(data_dir)
    server.start()
    try:
        with psycopg.connect(server.admin_uri()) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
    finally:
        server.stop()

    assert wait_until_no_postgres(server.pgdata, seconds=5) == []


def test_lock_files_of_a_killed_server_are_removed_and_a_live_ones_kept(tmp_path: Path) -> None:
    # A postmaster killed with kill -9 and never reaped is a zombie: its pid exists, so its
    # lock files would keep any new server from starting.
    zombie = subprocess.Popen([sys.executable, "-c", "pass"])  # left unreaped on purpose
    time.sleep(0.5)
    (tmp_path / "postmaster.pid").write_text(f"{zombie.pid}\n{tmp_path}\n")
    (tmp_path / ".s.PGSQL.5432.lock").write_text(f"{zombie.pid}\n")
    (tmp_path / ".s.PGSQL.5433.lock").write_text(f"{os.getpid()}\n")

    drop_stale_locks(tmp_path)
    zombie.wait()

    assert sorted(p.name for p in tmp_path.iterdir()) == [".s.PGSQL.5433.lock"]
