"""The committed contract, linted by Spectral's OpenAPI ruleset (`.spectral.yaml`)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.programs import ROOT, npm_package_bin

COMMITTED = ROOT / "openapi" / "openapi.json"
RULESET = ROOT / ".spectral.yaml"
LINT_WITHIN_SECONDS = 180


@pytest.fixture(scope="module")
def spectral() -> str:
    """Spectral's command line, as `npm ci` in tools/spectral installs it."""
    return npm_package_bin(ROOT / "tools" / "spectral", "spectral")


def lint(spectral: str, document: Path, report: Path) -> list[dict[str, Any]]:
    """What Spectral reports on `document`, every severity down to hints."""
    command = [spectral, "lint", str(document), "--ruleset", str(RULESET)]
    command += ["--format", "json", "--output", str(report), "--fail-severity", "hint"]
    finished = subprocess.run(
        command, capture_output=True, text=True, timeout=LINT_WITHIN_SECONDS, check=False
    )
    assert report.exists(), finished.stderr
    results: list[dict[str, Any]] = json.loads(report.read_text())
    return results


def summary(results: list[dict[str, Any]]) -> list[str]:
    """One line per result: rule, place and message."""
    return [
        f"{item['code']} at {'.'.join(map(str, item['path']))}: {item['message']}"
        for item in results
    ]


def test_the_committed_contract_has_no_spectral_findings(spectral: str, tmp_path: Path) -> None:
    results = lint(spectral, COMMITTED, tmp_path / "report.json")

    assert summary(results) == []


def test_spectral_reports_an_undeclared_tag_and_a_missing_contact(
    spectral: str, tmp_path: Path
) -> None:
    document = json.loads(COMMITTED.read_text())
    declared = document.pop("tags")
    del document["info"]["contact"]
    changed = tmp_path / "openapi.json"
    changed.write_text(json.dumps(document))

    codes = {item["code"] for item in lint(spectral, changed, tmp_path / "report.json")}

    assert declared
    assert {"operation-tag-defined", "info-contact"} <= codes
