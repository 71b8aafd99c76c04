"""The wheel carries its migrations: an ordinary (not editable) install can migrate a database."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

from tests.db.test_migrations import schema_tables

ROOT = Path(__file__).resolve().parents[2]


def _build_wheel(into: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(into)],
        check=True,
        timeout=300,
        cwd=into,
    )
    return next(into.glob("aifacts-*.whl"))


def _fresh_venv(folder: Path, wheel: Path) -> Path:
    """A new venv with the wheel installed; its dependencies come from this interpreter's."""
    venv.create(folder, with_pip=False)
    bindir = folder / "bin"
    python = bindir / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # A plain path entry: the dependencies, but not this checkout's editable-install hook.
    (Path(site) / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", str(wheel)],
        check=True,
        timeout=300,
    )
    return bindir


def test_an_installed_wheel_migrates_with_the_scripts_it_carries(
    tmp_path: Path, scratch_database_url: str
) -> None:
    bindir = _fresh_venv(tmp_path / "venv", _build_wheel(tmp_path))
    env = {key: value for key, value in os.environ.items() if not key.startswith("AIFACTS_")}
    env["AIFACTS_DATABASE_URL"] = scratch_database_url
    where = subprocess.run(
        [
            str(bindir / "python"),
            "-c",
            "from service.db.migrate import migrations_dir as m; print(m())",
        ],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
    ).stdout.strip()
    assert Path(where).is_relative_to(tmp_path / "venv"), where
    migrate = subprocess.run(
        [str(bindir / "aifacts"), "migrate"],
        check=False,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert migrate.returncode == 0, migrate.stdout + migrate.stderr
    assert "ingest_jobs" in schema_tables(scratch_database_url)


def test_the_image_installs_the_package_normally() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "pip install --no-cache-dir . " in dockerfile
    assert " -e " not in dockerfile
