"""The embedded PostgreSQL survives a `kill -9` of its owner and stops cleanly after."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from service.db.embedded import EmbeddedPostgres
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
