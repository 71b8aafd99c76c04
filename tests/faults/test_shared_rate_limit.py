"""`serve --workers 2`: the rate limit is the README's per client, not twice it."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from tests.faults.helpers import serving

QUOTA = 30
REQUESTS = 90
PAUSE_SECONDS = 0.03
SLACK = 10
"""What the other process may let through between two flushes of the shared counts."""


def wait_for_a_fresh_window(window_seconds: int = 60, needed_seconds: float = 10) -> None:
    """Sleep past the next wall-clock window start if this one ends within `needed_seconds`."""
    left = window_seconds - time.time() % window_seconds
    if left < needed_seconds:
        time.sleep(left + 0.1)


def test_two_worker_processes_share_one_quota(tmp_path: Path) -> None:
    with serving(tmp_path, workers=2, rate_limit=str(QUOTA)) as server:
        wait_for_a_fresh_window()
        statuses = []
        for _ in range(REQUESTS):  # a new connection each time, so both processes answer
            statuses.append(httpx.get(f"{server.base_url}/v1/companies/openai").status_code)
            time.sleep(PAUSE_SECONDS)

    assert set(statuses) == {200, 429}
    assert QUOTA <= statuses.count(200) <= QUOTA + SLACK, statuses
