"""The docs page at /schema, opened in headless Chromium with no network beyond 127.0.0.1.

The page must render every operation from the service's own files: a page loading its UI
from a CDN stays blank here. Its screenshot is left in the test's output folder.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.programs import ROOT, program

COMMITTED = ROOT / "openapi" / "openapi.json"
RENDER_WITHIN_SECONDS = 120
SCRIPTS_BUDGET_MS = 20_000
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
OFFLINE = [
    # Names resolve to nothing and other addresses go to a closed proxy: only 127.0.0.1 answers.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    "--proxy-server=http://127.0.0.1:9",
    "--proxy-bypass-list=127.0.0.1",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
]


def chromium(profile: Path, *arguments: str) -> subprocess.CompletedProcess[bytes]:
    """Headless Chromium, offline but for loopback, with scripts run for a virtual budget."""
    command = [program("chromium", "install Debian's package: apt-get install -y chromium")]
    command += ["--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}"]
    command += [*OFFLINE, "--window-size=1280,4000", f"--virtual-time-budget={SCRIPTS_BUDGET_MS}"]
    return subprocess.run(
        [*command, *arguments],
        capture_output=True,
        timeout=RENDER_WITHIN_SECONDS,
        check=False,
    )


@pytest.fixture(scope="module")
def operations() -> list[tuple[str, str]]:
    """(tag, operation id) of every operation of the committed contract."""
    document = json.loads(COMMITTED.read_text())
    return [
        (operation["tags"][0], operation["operationId"])
        for item in document["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    ]


def test_schema_page_lists_every_operation_without_network(
    live_server: str, operations: list[tuple[str, str]], tmp_path: Path
) -> None:
    done = chromium(tmp_path / "profile", "--dump-dom", f"{live_server}/schema")

    dom = done.stdout.decode()
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    missing = [
        operation_id
        for tag, operation_id in operations
        if f'id="operations-{tag}-{operation_id}"' not in dom
    ]
    assert operations
    assert missing == [], f"not rendered: {missing}"


def test_the_browser_reaches_no_address_beyond_loopback(tmp_path: Path) -> None:
    page = "".join(
        f'<script src="{url}" onerror="document.title += \'x\'"></script>'
        for url in ("https://cdn.jsdelivr.net/npm/swagger-ui-dist/x.js", "http://192.0.2.1/x.js")
    )

    done = chromium(tmp_path / "profile", "--dump-dom", f"data:text/html,<body>{page}</body>")

    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert "<title>xx</title>" in done.stdout.decode()


def test_schema_page_screenshot_is_saved_and_not_blank(live_server: str, tmp_path: Path) -> None:
    screenshot = tmp_path / "schema.png"
    blank = tmp_path / "blank.png"

    done = chromium(tmp_path / "profile", f"--screenshot={screenshot}", f"{live_server}/schema")
    chromium(tmp_path / "blank-profile", f"--screenshot={blank}", "data:text/html,<body></body>")

    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert screenshot.read_bytes().startswith(PNG_SIGNATURE)
    # The same size of image holds far more when it shows tags, operations and schemas.
    assert screenshot.stat().st_size > 5 * blank.stat().st_size
