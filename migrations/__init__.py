"""Alembic scripts; the wheel ships them as `service.migrations` (see `setup.py`)."""
