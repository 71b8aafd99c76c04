"""A TypeScript client generated from the committed contract, type-checked and run on a live server.

The project in tests/clients/typescript generates types with openapi-typescript, calls the API
through openapi-fetch and is compiled by `tsc` in strict mode; `npm ci` there installs it.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import httpx
import pytest

from service.settings import Settings
from tests.programs import ROOT, npm_package_bin, program

PROJECT = ROOT / "tests" / "clients" / "typescript"
STEP_WITHIN_SECONDS = 180
ARTICLE = (
    "Corvina Robotics reported on Monday that its annual revenue grew to $7 million in 2029, "
    "and it expects to open a second plant in Lyon."
)
MISUSE = """\
// Lines 6 to 8 each break the contract: an unknown path, a text limit, a number as text.
import createClient from "openapi-fetch";
import type { paths } from "./api.js";

const api = createClient<paths>({ baseUrl: "http://127.0.0.1" });
await api.GET("/v1/companys");
await api.GET("/v1/figures", { params: { query: { limit: "ten" } } });
await api.POST("/v1/admin/sources", { body: { text: 2031 } });
"""


def npm(*arguments: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`npm run --silent ...` in the TypeScript project."""
    return subprocess.run(
        [program("npm", "install npm (it comes with Node.js)"), "run", "--silent", *arguments],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=STEP_WITHIN_SECONDS,
        check=False,
    )


@pytest.fixture(scope="module")
def compiled() -> Path:
    """The generated types, the script compiled by strict `tsc`: the script's path."""
    npm_package_bin(PROJECT, "tsc")
    for step in ("generate", "build"):
        done = npm(step)
        assert done.returncode == 0, f"npm run {step}:\n{done.stdout}\n{done.stderr}"
    return PROJECT / "dist" / "client.js"


def test_typescript_client_reads_and_submits_against_a_live_server(
    compiled: Path, live_server: str, settings: Settings
) -> None:
    assert settings.admin_token is not None
    env = {
        **os.environ,
        "AIFACTS_BASE_URL": live_server,
        "AIFACTS_ADMIN_TOKEN": settings.admin_token,
        "AIFACTS_ARTICLE": ARTICLE,
    }

    done = npm("start", env=env)

    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}"
    seen: dict[str, Any] = json.loads(done.stdout)
    companies = httpx.get(f"{live_server}/v1/companies", params={"limit": 5}).json()
    source = httpx.get(f"{live_server}/v1/sources/{seen['source_id']}").json()
    assert seen["companies"] == [company["slug"] for company in companies["data"]]
    assert seen["next_cursor"] == companies["next_cursor"]
    assert seen["figure"]["company"] == "openai"
    assert seen["figure"]["metric"] == "revenue"
    assert seen["job"]["status"] == "succeeded", seen["job"]["error"]
    assert seen["job"]["source_id"] == seen["source_id"]
    assert source["text"] == ARTICLE


def test_strict_tsc_rejects_calls_the_contract_does_not_allow(compiled: Path) -> None:
    misuse = PROJECT / "generated" / "misuse.ts"
    misuse.write_text(MISUSE)
    tsc = npm_package_bin(PROJECT, "tsc")
    options = ["--noEmit", "--strict", "--module", "NodeNext", "--target", "ES2022"]
    try:
        done = subprocess.run(
            [tsc, *options, "--types", "node", str(misuse)],
            cwd=PROJECT,
            capture_output=True,
            text=True,
            timeout=STEP_WITHIN_SECONDS,
            check=False,
        )
    finally:
        misuse.unlink()

    errors = [line for line in done.stdout.splitlines() if "error TS" in line]
    assert done.returncode != 0
    assert [line.split("(")[1].split(",")[0] for line in errors] == ["6", "7", "8"], done.stdout
