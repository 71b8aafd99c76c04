"""Schema management: Alembic is the only way a schema comes to exist."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"
MIGRATION_LOCK = 0x61696661637473
"""Advisory lock key held while migrating, so processes starting at once migrate one by one."""


def alembic_config(database_url: str) -> Config:
    """Alembic configuration for `database_url`, using the project's `migrations/` folder."""
    config = Config(str(MIGRATIONS_DIR / "alembic.ini"))
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade_to_head(database_url: str) -> None:
    """Apply every migration up to head (a no-op on an up-to-date database)."""
    command.upgrade(alembic_config(database_url), "head")
