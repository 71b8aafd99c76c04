"""X-Forwarded-For from a client that is no configured proxy changes nothing: it used to
give every request a fresh client address, and so a fresh rate-limit quota."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.faults.helpers import serving

QUOTA = 5


def test_forged_forwarded_for_does_not_escape_the_rate_limit(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    data_dir: Path = tmp_path_factory.mktemp("forwarded")
    with serving(data_dir, rate_limit=str(QUOTA), run_worker="false") as server:
        statuses = [
            server.get("/v1/metrics", headers={"X-Forwarded-For": f"10.0.0.{n}"}).status_code
            for n in range(QUOTA + 3)
        ]
    assert statuses.count(429) >= 3, statuses
