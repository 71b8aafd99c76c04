"""Packaging: the `service` packages, and the top-level `migrations/` shipped inside them.

The Alembic scripts stay in `migrations/` in the sources; the wheel maps that folder to the
package `service.migrations`, where `service.db.migrate` finds them with importlib.resources.
"""

from setuptools import find_namespace_packages, setup

setup(
    packages=[*find_namespace_packages(include=["service*"]), "service.migrations"],
    package_dir={"service.migrations": "migrations"},
)
