"""Normalisation is CPU work: many costly texts at once must not stall other requests.

Twenty parallel 10 kB texts used to hold the event loop (and /healthz) for 6.7 s, and "$1"
repeated 5,000 times answered 929 kB.
"""

from __future__ import annotations

import statistics
import threading
import time

import httpx

from tests.faults.helpers import Server

HEAVY_TEXTS = [
    "$1" * 5000,
    ("1 or " * 2000)[:10_000],
    ("twenty-three thousand four hundred and fifty-six dollars and " * 170)[:10_000],
]


def _flood(server: Server, statuses: list[int], sizes: list[int]) -> None:
    with httpx.Client(base_url=server.base_url, timeout=30) as client:
        for text in HEAVY_TEXTS:
            response = client.post("/v1/normalize", json={"text": text, "lang": "en"})
            statuses.append(response.status_code)
            sizes.append(len(response.content))


def test_parallel_costly_texts_leave_health_probes_fast(server: Server) -> None:
    statuses: list[int] = []
    sizes: list[int] = []
    floods = [threading.Thread(target=_flood, args=(server, statuses, sizes)) for _ in range(20)]
    for flood in floods:
        flood.start()
    probes: list[float] = []
    with httpx.Client(base_url=server.base_url, timeout=30) as client:
        while any(flood.is_alive() for flood in floods):
            started = time.perf_counter()
            assert client.get("/healthz").status_code == 200
            probes.append(time.perf_counter() - started)
            time.sleep(0.02)
    for flood in floods:
        flood.join()

    assert set(statuses) <= {200, 422, 503}, statuses
    assert max(sizes) < 200_000
    assert len(probes) >= 10
    assert statistics.quantiles(probes, n=100)[98] < 0.25, sorted(probes)[-5:]


def test_text_with_thousands_of_quantities_answers_a_short_422(server: Server) -> None:
    response = server.post("/v1/normalize", json={"text": "$1" * 5000, "lang": "en"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert len(response.content) < 2000
    assert "more than 1000 quantities" in response.json()["detail"]
