"""Ingestion throughput: generated articles through the admin endpoint and one queue worker.

Starts `aifacts worker --concurrency 1` on the benchmark database, lets it ingest one article
first (so that loading the language models and warming the pipeline is not counted), then
submits `count` articles to `POST /v1/admin/sources` and times from the first submission to
the moment the last of their jobs has finished. Each article names two companies of the data
set and states a revenue, a growth rate and a purchase, like a short news item.
"""

from __future__ import annotations

import random
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import psycopg

DONE_WITHIN_SECONDS = 600


@dataclass(frozen=True)
class IngestResult:
    """What `count` articles cost end to end with one worker."""

    articles: int
    seconds: float
    succeeded: int
    failed: int
    figures: int
    deals: int

    @property
    def per_second(self) -> float:
        """Articles ingested per second, submission included."""
        return self.articles / self.seconds


def articles(database_uri: str, count: int, seed: int = 11) -> list[dict[str, Any]]:
    """`count` distinct articles about companies of the loaded data set."""
    rng = random.Random(seed)
    with psycopg.connect(database_uri) as conn:
        names = [row[0] for row in conn.execute("SELECT name FROM companies ORDER BY slug")]
    made = []
    for number in range(count):
        company, partner = rng.sample(names, 2)
        year = 2031 + number % 3
        made.append(
            {
                "text": (
                    f"{company} said on Tuesday that its revenue reached "
                    f"${10 + number % 90}.{number % 10} billion in {year}, up "
                    f"{20 + number % 30}% from a year earlier. The company also agreed to buy "
                    f"chips worth ${1 + number % 9} billion from {partner}, it said in a "
                    f"statement (benchmark item {number})."
                ),
                "published_on": f"{year}-11-{1 + number % 28:02d}",
                "language": "en",
                "title": f"{company} results, item {number}",
            }
        )
    return made


def _submit(client: httpx.Client, article: dict[str, Any]) -> int:
    response = client.post("/v1/admin/sources", json=article)
    response.raise_for_status()
    job_id: int = response.json()["job"]["id"]
    return job_id


def _wait_for(database_uri: str, job_ids: list[int]) -> tuple[int, int, int, int]:
    """Block until every job is done; (succeeded, failed, figures, deals) of them."""
    deadline = time.monotonic() + DONE_WITHIN_SECONDS
    query = (
        "SELECT count(*) FILTER (WHERE status = 'succeeded'), "
        "count(*) FILTER (WHERE status = 'failed'), "
        "coalesce(sum(figures_count), 0), coalesce(sum(deals_count), 0) "
        "FROM ingest_jobs WHERE id = ANY(%s)"
    )
    with psycopg.connect(database_uri, autocommit=True) as conn:
        while True:
            row = conn.execute(query, (job_ids,)).fetchone()
            assert row is not None
            succeeded, failed, figures, deals = (int(value) for value in row)
            if succeeded + failed == len(job_ids):
                return succeeded, failed, figures, deals
            if time.monotonic() > deadline:
                raise RuntimeError(f"jobs not done within {DONE_WITHIN_SECONDS} s")
            time.sleep(0.05)


def measure_ingestion(
    aifacts: Path,
    api: str,
    database_uri: str,
    env: dict[str, str],
    *,
    token: str,
    count: int,
    workdir: Path,
    profile_to: Path | None = None,
) -> IngestResult:
    """Ingest `count` articles with one `aifacts worker` process; the throughput, end to end.

    With `profile_to`, py-spy samples the worker while it ingests them (raw format there).
    """
    todo = articles(database_uri, count + 1)
    headers = {"Authorization": f"Bearer {token}"}
    log = (workdir / "worker.log").open("wb")
    worker = subprocess.Popen(
        [aifacts.as_posix(), "worker", "--concurrency", "1"],
        env=env,
        cwd=workdir,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        with httpx.Client(base_url=api, headers=headers, timeout=30) as client:
            _wait_for(database_uri, [_submit(client, todo[0])])
            spy = None if profile_to is None else _spy_on(worker.pid, profile_to, aifacts)
            started = time.perf_counter()
            job_ids = [_submit(client, article) for article in todo[1:]]
            succeeded, failed, figures, deals = _wait_for(database_uri, job_ids)
            seconds = time.perf_counter() - started
            if spy is not None:
                spy.send_signal(signal.SIGINT)
                spy.wait(timeout=60)
    finally:
        worker.terminate()
        worker.wait(timeout=60)
        log.close()
    return IngestResult(count, seconds, succeeded, failed, figures, deals)


def _spy_on(pid: int, output: Path, aifacts: Path) -> subprocess.Popen[bytes]:
    """py-spy recording `pid` until interrupted."""
    spy = aifacts.with_name("py-spy").as_posix()
    command = [spy, "record", "--pid", str(pid), "--format", "raw", "--output", output.as_posix(),
               "--nonblocking"]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
