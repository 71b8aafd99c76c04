"""aifacts: a typed REST API of normalised, cited facts about the AI industry."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def package_version() -> str:
    """The installed package's version (pyproject.toml is its one source)."""
    try:
        return version("aifacts")
    except PackageNotFoundError:  # pragma: no cover - running from a tree never installed
        return "0+unknown"


__version__ = package_version()
