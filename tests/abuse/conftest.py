"""One live `aifacts serve` on loopback for the attacks, with short client timeouts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.helpers import Server, serving

HEADER_TIMEOUT = 2.0
BODY_TIMEOUT = 2.0


@pytest.fixture(scope="package")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The server under attack; rate limiting off, as for any single-client load generator."""
    data_dir: Path = tmp_path_factory.mktemp("abuse")
    with serving(
        data_dir,
        header_timeout=str(HEADER_TIMEOUT),
        body_timeout=str(BODY_TIMEOUT),
        rate_limit="0",
        run_worker="false",
    ) as running:
        yield running
