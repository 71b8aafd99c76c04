"""SIGTERM while ingestion and a read load run: `serve` exits within its shutdown bound."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.faults.helpers import ADMIN_HEADERS, Server, serving
from tests.faults.submissions import articles

SHUTDOWN_TIMEOUT_SECONDS = 3
MARGIN_SECONDS = 5
RUNS = 3
READERS = 4
READS = ("/v1/figures?company=openai", "/v1/deals", "/v1/companies/openai", "/healthz")


@contextmanager
def read_load(server: Server) -> Iterator[list[int]]:
    """Threads reading in a loop until the block ends; yields the count of answers so far."""
    answered = [0]
    stop = threading.Event()

    def read() -> None:
        with httpx.Client(base_url=server.base_url, timeout=5) as client:
            while not stop.is_set():
                for path in READS:
                    try:
                        client.get(path)
                        answered[0] += 1
                    except httpx.TransportError:
                        time.sleep(0.05)

    threads = [threading.Thread(target=read, daemon=True) for _ in range(READERS)]
    for thread in threads:
        thread.start()
    try:
        yield answered
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=10)


def sigterm_exit_seconds(server: Server) -> float:
    """Send SIGTERM and return how long `serve` took to exit (fails past the bound)."""
    started = time.monotonic()
    server.process.send_signal(signal.SIGTERM)
    bound = SHUTDOWN_TIMEOUT_SECONDS + MARGIN_SECONDS
    try:
        server.process.wait(timeout=bound)
    except Exception:  # noqa: BLE001 - the message names the bound and the log
        pytest.fail(f"serve did not exit within {bound} s of SIGTERM:\n{server.log_tail()}")
    return time.monotonic() - started


def one_run(data_dir: Path) -> float:
    """Start serve, queue ingestion, start the read load, SIGTERM; the exit time."""
    with serving(data_dir, shutdown_timeout=str(SHUTDOWN_TIMEOUT_SECONDS)) as server:
        for article in articles(10):
            answer = server.post("/v1/admin/sources", json=article, headers=ADMIN_HEADERS)
            assert answer.status_code == 202, answer.text
        with read_load(server) as answered:
            while answered[0] < 50:
                time.sleep(0.05)
            return sigterm_exit_seconds(server)


def test_sigterm_under_ingestion_and_reads_exits_within_the_bound(tmp_path: Path) -> None:
    exits = [one_run(tmp_path / f"run{index}") for index in range(RUNS)]
    assert max(exits) <= SHUTDOWN_TIMEOUT_SECONDS + MARGIN_SECONDS, exits
