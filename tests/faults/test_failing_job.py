"""A job that cannot succeed fails alone: its error is readable, and the next job succeeds.

A worker killed mid-job is the other job fault; `tests/jobs/test_worker_crash.py` shows that
job completing exactly once on another worker.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import httpx
import msgspec
import pytest
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from service.admin.schemas import SourceCreate
from service.db.engine import create_sessionmaker
from service.jobs.ingestion import IngestionRunner
from service.jobs.worker import Worker
from service.models import Source
from tests.admin.helpers import ADMIN_HEADERS
from tests.jobs.helpers import high_water_marks, remove_committed, submit_committed, wait_for_status
from tests.jobs.test_worker_crash import ARTICLE

UNDATED = SourceCreate(
    text="Lumen AI said its revenue reached $2 million in 2031, up from nothing.",
    published_on=ARTICLE.published_on,
    language="en",
)


@pytest.fixture
async def committed(engine: AsyncEngine) -> AsyncIterator[list[int]]:
    """Ids of the sources the test commits, removed afterwards with what they produced."""
    marks = await high_water_marks(engine)
    sources: list[int] = []
    yield sources
    for source_id in sources:
        await remove_committed(engine, source_id, marks)


async def forget_publication_date(engine: AsyncEngine, source_id: int) -> None:
    """Make the source row unusable for the pipeline, as a faulty import could leave it."""
    async with AsyncSession(engine) as session, session.begin():
        await session.execute(
            update(Source).where(Source.id == source_id).values(published_on=None)
        )


async def test_failing_job_leaves_its_error_and_the_next_job_succeeds(
    engine: AsyncEngine, database_url: str, client: httpx.AsyncClient, committed: list[int]
) -> None:
    undated_source, failing_job = await submit_committed(engine, UNDATED)
    committed.append(undated_source)
    await forget_publication_date(engine, undated_source)
    article_source, next_job = await submit_committed(engine, ARTICLE)
    committed.append(article_source)
    worker = Worker(
        database_url,
        IngestionRunner(create_sessionmaker(engine)),
        heartbeat_timeout=timedelta(seconds=10),
    )

    running = asyncio.create_task(worker.run())
    try:
        for job_id in (failing_job, next_job):
            await wait_for_status(engine, job_id, {"succeeded", "failed"}, within_seconds=30)
    finally:
        worker.stop()
        await asyncio.wait_for(running, timeout=20)

    failed = await job_status(client, failing_job)
    succeeded = await job_status(client, next_job)
    assert failed["status"] == "failed"
    assert failed["error"] == (
        f"IngestionFailedError: source {undated_source} has no text or publication date"
    )
    assert failed["counts"] == {"figures": 0, "deals": 0, "companies": 0}
    assert succeeded["status"] == "succeeded"
    assert succeeded["error"] is None
    assert succeeded["counts"]["figures"] >= 1


async def job_status(client: httpx.AsyncClient, job_id: int) -> dict[str, Any]:
    response = await client.get(f"/v1/admin/jobs/{job_id}", headers=ADMIN_HEADERS)
    assert response.status_code == 200, response.text
    return msgspec.json.decode(response.content, type=dict[str, Any])
