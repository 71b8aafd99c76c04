"""A worker killed with SIGKILL mid-job: another worker retries it, and nothing is duplicated."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, AsyncSession

from service.admin.schemas import SourceCreate
from service.facts.store import load_gazetteer
from service.ingest.pipeline import extract
from service.models import Citation, Figure
from tests.jobs.helpers import high_water_marks, remove_committed, submit_committed, wait_for_status

ARTICLE = SourceCreate(
    text=(
        "Nvidia said on Tuesday that its revenue reached $91 billion in the third quarter of "
        "2031. OpenAI expects revenue of $74 billion in 2031, the company said. Nvidia also "
        "agreed to supply chips worth $12 billion to Amazon."
    ),
    published_on=date(2031, 11, 4),
    language="en",
)
HEARTBEAT_TIMEOUT = "2"


class WorkerProcesses:
    """`aifacts worker` processes against the test database, killed if a test leaves them."""

    def __init__(self, database_url: str, logs: Path) -> None:
        self.env = {**os.environ, "AIFACTS_DATABASE_URL": database_url}
        self.logs = logs
        self.started: list[subprocess.Popen[bytes]] = []

    def start(self, name: str) -> subprocess.Popen[bytes]:
        log = (self.logs / f"{name}.log").open("wb")
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "service.cli",
                "worker",
                "--heartbeat-timeout",
                HEARTBEAT_TIMEOUT,
            ],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.started.append(process)
        return process

    def stop_all(self) -> None:
        for process in self.started:
            if process.poll() is None:
                process.terminate()
        for process in self.started:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture
def workers(database_url: str, tmp_path: Path) -> Iterator[WorkerProcesses]:
    processes = WorkerProcesses(database_url, tmp_path)
    yield processes
    processes.stop_all()


@pytest.fixture
async def committed_article(engine: AsyncEngine) -> AsyncIterator[tuple[int, int]]:
    marks = await high_water_marks(engine)
    source_id, job_id = await submit_committed(engine, ARTICLE)
    yield source_id, job_id
    await remove_committed(engine, source_id, marks)


async def wait_until_blocked_on_citations(engine: AsyncEngine, within_seconds: float) -> None:
    """Wait until a job transaction waits for the citations lock, i.e. is mid-job."""
    deadline = time.monotonic() + within_seconds
    query = text(
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE wait_event_type = 'Lock' AND query ILIKE 'INSERT INTO citations%'"
    )
    while True:
        async with engine.connect() as connection:
            if await connection.scalar(query):
                return
        assert time.monotonic() < deadline, "no worker reached the citations insert"
        await asyncio.sleep(0.2)


async def expected_citations(engine: AsyncEngine) -> int:
    async with AsyncSession(engine) as session:
        gazetteer = await load_gazetteer(session)
    assert ARTICLE.text is not None
    assert ARTICLE.published_on is not None
    extraction = extract(ARTICLE.text, published_on=ARTICLE.published_on, gazetteer=gazetteer)
    return len(extraction.figures) + len(extraction.deals)


async def lock_citations(engine: AsyncEngine) -> AsyncConnection:
    """A connection whose open transaction keeps every job from inserting citations."""
    connection = await engine.connect()
    await connection.execute(text("LOCK TABLE citations IN SHARE MODE"))
    return connection


async def test_killed_worker_job_is_retried_by_another_and_stored_once(
    engine: AsyncEngine, workers: WorkerProcesses, committed_article: tuple[int, int]
) -> None:
    source_id, job_id = committed_article
    expected = await expected_citations(engine)
    assert expected >= 2, "the article must state facts for the test to mean anything"
    blocker = await lock_citations(engine)
    try:
        first = workers.start("first")
        await wait_until_blocked_on_citations(engine, within_seconds=25)
        first.kill()
        first.wait(timeout=5)
        workers.start("second")
    finally:
        await blocker.rollback()
        await blocker.close()

    job = await wait_for_status(engine, job_id, {"succeeded", "failed"}, within_seconds=30)

    assert (job.status, job.error, job.attempts) == ("succeeded", None, 2)
    async with AsyncSession(engine) as session:
        await assert_stored_once(session, source_id, job.figures_count, expected)
        queued = await session.scalar(
            text("SELECT count(*) FROM pgqueuer WHERE dedupe_key = :key"),
            {"key": f"ingest-job-{job_id}"},
        )
    assert queued == 0


async def assert_stored_once(
    session: AsyncSession, source_id: int, figures_counted: int, expected_citations: int
) -> None:
    cited: Any = select(Citation.figure_id).where(Citation.source_id == source_id)
    citations = await session.scalar(
        select(func.count()).select_from(Citation).where(Citation.source_id == source_id)
    )
    figures = await session.scalar(select(func.count()).where(Figure.id.in_(cited)))
    repeated_claims = await session.scalar(
        select(func.count()).select_from(
            select(Figure.company_slug)
            .where(Figure.id.in_(cited))
            .group_by(
                Figure.company_slug,
                Figure.metric_slug,
                Figure.period_start,
                Figure.period_end,
                Figure.value,
            )
            .having(func.count() > 1)
            .subquery()
        )
    )
    assert citations == expected_citations
    assert figures == figures_counted
    assert repeated_claims == 0
