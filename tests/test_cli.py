"""The `aifacts` command end to end: serving on the embedded database, writing the contract."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.helpers import postgres_processes, wait_until_no_postgres

AIFACTS = Path(sys.executable).parent / "aifacts"
COMMITTED_OPENAPI = Path(__file__).resolve().parents[1] / "openapi" / "openapi.json"
READY_WITHIN_SECONDS = 60
EXIT_WITHIN_SECONDS = 20


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def _wait_ready(base_url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + READY_WITHIN_SECONDS
    while time.monotonic() < deadline:
        assert server.poll() is None, "aifacts serve exited before becoming ready"
        try:
            if httpx.get(f"{base_url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    pytest.fail(f"/readyz did not answer 200 within {READY_WITHIN_SECONDS} s")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes], Path]]:
    """`aifacts serve` on a free port with the embedded database in a fresh data dir."""
    env = {k: v for k, v in os.environ.items() if k != "AIFACTS_DATABASE_URL"}
    env["AIFACTS_DATA_DIR"] = str(tmp_path)
    port = _free_port()
    server = subprocess.Popen(
        [str(AIFACTS), "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    pgdata = tmp_path.resolve() / "pgdata"
    try:
        yield f"http://127.0.0.1:{port}", server, pgdata
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        for process in postgres_processes(pgdata):
            process.kill()


def test_serve_answers_on_the_embedded_database_and_stops_on_sigint(
    served: tuple[str, subprocess.Popen[bytes], Path],
) -> None:
    base_url, server, pgdata = served
    _wait_ready(base_url, server)

    companies = httpx.get(f"{base_url}/v1/companies", params={"limit": 100}).json()["data"]
    figures = httpx.get(f"{base_url}/v1/figures", params={"company": "openai"}).json()["data"]
    assert len(companies) >= 7
    assert len(figures) >= 5

    server.send_signal(signal.SIGINT)
    server.wait(timeout=EXIT_WITHIN_SECONDS)
    assert wait_until_no_postgres(pgdata, seconds=5) == []


def test_openapi_command_writes_the_committed_document(tmp_path: Path) -> None:
    output = tmp_path / "openapi.json"

    subprocess.run(
        [str(AIFACTS), "openapi", "-o", str(output)], check=True, capture_output=True, timeout=60
    )

    written = json.loads(output.read_text(encoding="utf-8"))
    committed = json.loads(COMMITTED_OPENAPI.read_text(encoding="utf-8"))
    assert written == committed, "openapi/openapi.json is stale: run `aifacts openapi`"
