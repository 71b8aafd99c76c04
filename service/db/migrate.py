"""Schema management: Alembic is the only way a schema comes to exist."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config

MIGRATION_LOCK = 0x61696661637473
"""Advisory lock key held while migrating, so processes starting at once migrate one by one."""


def migrations_dir() -> Path:
    """The folder of the Alembic scripts, shipped in the package as `service.migrations`.

    The sources keep them in the top-level `migrations/` folder, which packaging maps there.
    """
    ini = resources.files("service.migrations") / "alembic.ini"
    with resources.as_file(ini) as path:  # installed packages are plain files: no copy
        return path.parent


def alembic_config(database_url: str) -> Config:
    """Alembic configuration for `database_url`, using the packaged migration scripts."""
    folder = migrations_dir()
    config = Config(str(folder / "alembic.ini"))
    config.set_main_option("script_location", str(folder))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade_to_head(database_url: str) -> None:
    """Apply every migration up to head (a no-op on an up-to-date database)."""
    command.upgrade(alembic_config(database_url), "head")
