"""Programs outside Python that some tests drive (node, npm packages, chromium).

Under CI (`CI=true`) a missing program fails the test, so the check cannot pass by being
skipped; on a developer's machine the test is skipped with the reason and how to install it.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NoReturn

import pytest

ROOT = Path(__file__).resolve().parents[1]
"""The repository's root."""


def under_ci() -> bool:
    """Whether the tests run in CI, where every program must be installed."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def missing(reason: str) -> NoReturn:
    """Fail the test under CI, else skip it, saying what is missing."""
    if under_ci():
        pytest.fail(f"{reason} (CI=true: required)")
    pytest.skip(reason)


def program(name: str, install: str) -> str:
    """The path of `name` on PATH; missing, the test fails under CI and skips elsewhere."""
    found = shutil.which(name)
    if found is None:
        missing(f"`{name}` is not on PATH; {install}")
    return found


def npm_package_bin(folder: Path, name: str) -> str:
    """The `name` executable of the npm project in `folder`, installed by `npm ci` there."""
    program("node", "install Node.js 20 or later")
    executable = folder / "node_modules" / ".bin" / name
    if not executable.exists():
        missing(f"{name} is not installed: run `npm ci` in {folder.relative_to(ROOT)}")
    return str(executable)
