"""Concurrent `POST /v1/admin/sources` with `Idempotency-Key`s, and what became of them."""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psycopg

from tests.faults.helpers import ADMIN_HEADERS, Server
from tests.helpers import postgres_processes, wait_until_no_postgres
from tests.jobs.test_worker_crash import ARTICLE

MARK = "Fault note"
"""Every article of a round ends with it, so the database rows of the round can be found."""


def articles(count: int) -> list[dict[str, str]]:
    """`count` distinct articles (distinct texts, so distinct sources) the pipeline reads."""
    assert ARTICLE.published_on is not None
    return [
        {
            "text": f"{ARTICLE.text} {MARK} {index}.",
            "published_on": ARTICLE.published_on.isoformat(),
            "language": "en",
        }
        for index in range(count)
    ]


def submit(base_url: str, key: str, article: dict[str, str]) -> httpx.Response | None:
    """POST one article with its key; None when the connection broke before an answer."""
    headers = {**ADMIN_HEADERS, "Idempotency-Key": key}
    try:
        return httpx.post(f"{base_url}/v1/admin/sources", json=article, headers=headers, timeout=30)
    except httpx.TransportError:
        return None


@dataclass
class Round:
    """What each key got before the crash: the answer, or None (no answer)."""

    answers: dict[str, httpx.Response | None] = field(default_factory=dict)

    def accepted(self) -> dict[str, int]:
        """The job id of every key answered 202."""
        return {
            key: answer.json()["job"]["id"]
            for key, answer in self.answers.items()
            if answer is not None and answer.status_code == 202
        }


def kill_hard(server: Server, pgdata: Path) -> None:
    """SIGKILL `serve` and then every process of its embedded PostgreSQL: a power cut."""
    os.kill(server.process.pid, signal.SIGKILL)
    server.process.wait()
    for process in postgres_processes(pgdata):
        process.kill()
    assert wait_until_no_postgres(pgdata, seconds=10) == []


def fire_and_kill(
    server: Server, pgdata: Path, batch: list[dict[str, str]], kill_after: int
) -> Round:
    """Send `batch` at once, one key each, and kill everything after `kill_after` answers."""
    keys = [f"fault-{index}" for index in range(len(batch))]
    with ThreadPoolExecutor(max_workers=len(batch)) as pool:
        futures: dict[str, Future[httpx.Response | None]] = {
            key: pool.submit(submit, server.base_url, key, article)
            for key, article in zip(keys, batch, strict=True)
        }
        deadline = time.monotonic() + 30
        while sum(future.done() for future in futures.values()) < kill_after:
            assert time.monotonic() < deadline, "the submissions were not answered"
            time.sleep(0.005)
        kill_hard(server, pgdata)
        return Round({key: future.result() for key, future in futures.items()})


def resubmit_until_accepted(
    server: Server, key: str, article: dict[str, str], within_seconds: float
) -> httpx.Response:
    """Resubmit with the same key until it is no longer 409 (the dead claim's lease ran out)."""
    deadline = time.monotonic() + within_seconds
    while True:
        answer = submit(server.base_url, key, article)
        assert answer is not None, "the restarted server broke the connection"
        if answer.status_code != 409 or time.monotonic() > deadline:
            return answer
        time.sleep(0.5)


def rows(uri: str, query: str) -> list[tuple[Any, ...]]:
    """The rows of `query` on the database at `uri`."""
    with psycopg.connect(uri) as connection:
        return connection.execute(query).fetchall()


def jobs_of_the_round(uri: str) -> dict[int, str]:
    """Status of every job of a source of the round, by job id."""
    query = (
        "SELECT j.id, j.status FROM ingest_jobs j JOIN sources s ON s.id = j.source_id "
        f"WHERE s.text LIKE '%{MARK}%'"
    )
    return dict(rows(uri, query))


def wait_until_jobs_end(uri: str, within_seconds: float) -> dict[int, str]:
    """Wait until no job of the round is queued or running; their statuses by id."""
    deadline = time.monotonic() + within_seconds
    jobs = jobs_of_the_round(uri)
    while time.monotonic() < deadline and {"queued", "running"} & set(jobs.values()):
        time.sleep(0.5)
        jobs = jobs_of_the_round(uri)
    return jobs
