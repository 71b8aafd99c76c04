"""The `aifacts` command end to end: serving on the embedded database, writing the contract."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path

import httpx
import pytest

from tests.helpers import free_port, postgres_processes, wait_ready, wait_until_no_postgres

AIFACTS = Path(sys.executable).parent / "aifacts"
COMMITTED_OPENAPI = Path(__file__).resolve().parents[1] / "openapi" / "openapi.json"
EXIT_WITHIN_SECONDS = 20


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes], Path]]:
    """`aifacts serve` on a free port with the embedded database in a fresh data dir."""
    env = {k: v for k, v in os.environ.items() if k != "AIFACTS_DATABASE_URL"}
    env["AIFACTS_DATA_DIR"] = str(tmp_path)
    port = free_port()
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
    wait_ready(base_url, server)

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


def aifacts(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the command with `env` added to this environment."""
    return subprocess.run(
        [str(AIFACTS), *args],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )


def test_version_is_the_package_version_everywhere() -> None:
    installed = version("aifacts")

    assert aifacts("--version").stdout.strip() == f"aifacts {installed}"
    committed = json.loads(COMMITTED_OPENAPI.read_text(encoding="utf-8"))
    assert committed["info"]["version"] == installed


def test_serve_help_shows_the_port_the_environment_sets() -> None:
    shown = aifacts("serve", "--help", env={"AIFACTS_PORT": "9123"}).stdout

    assert "default 9123" in shown


def test_python_warnings_become_json_log_lines(tmp_path: Path) -> None:
    env = {"PYTHONWARNINGS": "always", "AIFACTS_LOG_FORMAT": "json"}
    done = aifacts("openapi", "-o", str(tmp_path / "openapi.json"), env=env)

    lines = done.stderr.splitlines()
    records = [json.loads(line) for line in lines]
    assert any(record["logger"] == "py.warnings" for record in records)
