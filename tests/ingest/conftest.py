"""Fixtures the extraction tests share."""

from __future__ import annotations

import pytest

from service.ingest.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    """The reference data's gazetteer, built once per test module."""
    return Gazetteer.from_reference_data()
