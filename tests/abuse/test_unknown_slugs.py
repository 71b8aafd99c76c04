"""Unknown company and metric slugs, many times over the connection pool, on a live server.

Each answers 422 at once, and the server keeps answering: no request leaves its database
connection behind (the pool holds 10).
"""

from __future__ import annotations

import time
from itertools import cycle, islice

import httpx

from tests.faults.helpers import Server

REQUESTS = 60
"""Six times the connections of the server's pool."""
ROUTES = [
    ("/v1/figures", {"company": "zentor-labz"}),
    ("/v1/figures", {"metric": "revenu"}),
    ("/v1/deals", {"company": "OpenAIX"}),
    ("/v1/export/figures", {"metric": "Revenu"}),
    ("/v1/export/deals", {"company": "qxqxqx"}),
]


def test_unknown_slugs_beyond_the_pool_size_answer_422_and_leave_the_server_answering(
    server: Server,
) -> None:
    slowest = 0.0
    with httpx.Client(base_url=server.base_url, timeout=5) as client:
        for path, params in islice(cycle(ROUTES), REQUESTS):
            started = time.monotonic()
            response = client.get(path, params=params)
            slowest = max(slowest, time.monotonic() - started)
            assert response.status_code == 422, response.text
            assert response.headers["content-type"].startswith("application/problem+json")

        after = client.get("/v1/figures", params={"company": "OpenAI", "limit": 5})

    assert after.status_code == 200
    assert after.json()["data"]
    assert slowest < 2.0, f"an unknown slug took {slowest:.2f} s"
