"""`aifacts serve` as a child process, slow clients, and holds on the database it uses."""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest

from tests.helpers import free_port, postgres_processes

AIFACTS = Path(sys.executable).parent / "aifacts"
ADMIN_TOKEN = "fault-test-admin-token"
ADMIN_HEADERS = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
READY_WITHIN_SECONDS = 60


class Server:
    """A running `aifacts serve`, its address and its log file."""

    def __init__(self, process: subprocess.Popen[bytes], port: int, log: Path) -> None:
        self.process = process
        self.port = port
        self.log = log
        self.base_url = f"http://127.0.0.1:{port}"

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return httpx.get(f"{self.base_url}{path}", timeout=10, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return httpx.post(f"{self.base_url}{path}", timeout=10, **kwargs)

    def log_tail(self) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-40:])

    def wait_until(self, path: str, status: int, within_seconds: float) -> float:
        """Poll `path` until it answers `status`; return the seconds it took."""
        started = time.monotonic()
        while time.monotonic() - started < within_seconds:
            assert self.process.poll() is None, f"serve exited:\n{self.log_tail()}"
            try:
                if self.get(path).status_code == status:
                    return time.monotonic() - started
            except httpx.TransportError:
                pass
            time.sleep(0.25)
        pytest.fail(f"{path} did not answer {status} within {within_seconds} s:\n{self.log_tail()}")


@contextmanager
def serving(data_dir: Path, *, workers: int = 1, **settings: str) -> Iterator[Server]:
    """`aifacts serve` on a free port with `AIFACTS_*` `settings`, ready; killed if left running."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("AIFACTS_")}
    env |= {"AIFACTS_DATA_DIR": str(data_dir), "AIFACTS_ADMIN_TOKEN": ADMIN_TOKEN}
    env |= {f"AIFACTS_{name.upper()}": value for name, value in settings.items()}
    port = free_port()
    log = data_dir / "serve.log"
    data_dir.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(AIFACTS), "serve", "--port", str(port), "--workers", str(workers)],
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    server = Server(process, port, log)
    try:
        server.wait_until("/readyz", 200, READY_WITHIN_SECONDS)
        yield server
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            process.wait()
        for leftover in postgres_processes(data_dir.resolve() / "pgdata"):
            leftover.kill()


def libpq_uri(pgdata: Path) -> str:
    """The URI of the `aifacts` database of the server running in `pgdata`."""
    fields = (pgdata / "postmaster.pid").read_text().splitlines()
    port, socket_dir = fields[3], fields[4]
    return f"postgresql://postgres@/aifacts?host={socket_dir}&port={port}"


@contextmanager
def citations_locked(uri: str) -> Iterator[psycopg.Connection[Any]]:
    """A transaction keeping every ingestion job from inserting citations until it ends.

    It ends when the block does, or earlier if the database server stops.
    """
    connection = psycopg.connect(uri)
    try:
        connection.execute("LOCK TABLE citations IN SHARE MODE")
        yield connection
    finally:
        with suppress(psycopg.OperationalError):
            connection.rollback()
        connection.close()


def wait_until_a_job_waits_on_citations(uri: str, within_seconds: float) -> None:
    """Wait until a job's transaction is blocked on the citations lock, i.e. mid-job."""
    deadline = time.monotonic() + within_seconds
    query = (
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE wait_event_type = 'Lock' AND query ILIKE 'INSERT INTO citations%'"
    )
    with psycopg.connect(uri, autocommit=True) as connection:
        while (row := connection.execute(query).fetchone()) is None or row[0] == 0:
            assert time.monotonic() < deadline, "no job reached the citations insert"
            time.sleep(0.2)


def job_of(response: httpx.Response) -> int:
    """The id of the job an accepted submission queued."""
    assert response.status_code == 202, response.text
    job_id: int = response.json()["job"]["id"]
    return job_id


class SlowUpload:
    """A POST whose body arrives in two parts, so that it stays in flight as long as wished."""

    def __init__(self, port: int, path: str, body: bytes) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.body = body
        self.connection.putrequest("POST", path)
        self.connection.putheader("Content-Type", "application/json")
        self.connection.putheader("Content-Length", str(len(body)))
        self.connection.endheaders()
        self.connection.send(body[: len(body) // 2])

    def wait_until_served(self, server: Server, within_seconds: float) -> None:
        """Block until the server has started answering this request (it shows in flight)."""
        started = time.monotonic()
        while time.monotonic() - started < within_seconds:
            # The scrape is itself in flight, so two requests mean this one has started.
            if requests_in_flight(server) >= 2:
                return
            time.sleep(0.05)
        raise AssertionError(f"the upload was not in flight within {within_seconds} s")

    def finish(self) -> tuple[int, bytes]:
        """Send the rest of the body; the status and body of the answer."""
        self.connection.send(self.body[len(self.body) // 2 :])
        response = self.connection.getresponse()
        answer = response.status, response.read()
        self.connection.close()
        return answer


def requests_in_flight(server: Server) -> float:
    """The server's `aifacts_http_requests_in_flight` gauge, summed over its samples."""
    text = server.get("/metrics").text
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line.startswith("aifacts_http_requests_in_flight")
    )
