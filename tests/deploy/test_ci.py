"""The CI script runs what the README promises, after installing what the tests need."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CI_SCRIPT = ROOT / ".ci" / "run"
README = ROOT / "README.md"


def _readme_test_command() -> str:
    """The command under the README's "run the whole test suite" comment."""
    lines = README.read_text(encoding="utf-8").splitlines()
    [index] = [i for i, line in enumerate(lines) if "run the whole test suite" in line]
    return lines[index + 1].strip()


def _npm_projects() -> list[Path]:
    """Folders of the npm projects the tests use (under tests/ and tools/), with a lock file."""
    return sorted(
        lock.parent
        for folder in ("tests", "tools")
        for lock in (ROOT / folder).rglob("package-lock.json")
        if "node_modules" not in lock.parts
    )


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    command = _readme_test_command()

    assert command.endswith(".venv/bin/pytest")
    assert command in CI_SCRIPT.read_text(encoding="utf-8").splitlines()


def test_ci_installs_every_npm_project_before_the_tests() -> None:
    script = CI_SCRIPT.read_text(encoding="utf-8")
    tests_at = script.index(_readme_test_command())
    projects = _npm_projects()

    assert projects
    for project in projects:
        install = f"cd {project.relative_to(ROOT)} && npm ci"
        assert install in script, f"{install!r} missing from .ci/run"
        assert script.index(install) < tests_at


def test_npm_dependencies_are_pinned_to_exact_versions() -> None:
    exact = re.compile(r"^\d+\.\d+\.\d+$")
    for project in _npm_projects():
        manifest = json.loads((project / "package.json").read_text(encoding="utf-8"))
        versions = {**manifest.get("dependencies", {}), **manifest.get("devDependencies", {})}
        assert versions
        assert {name: v for name, v in versions.items() if not exact.match(v)} == {}, project
