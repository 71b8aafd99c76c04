"""A worker takes committed jobs from the queue, runs them, and stops after draining."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from service.admin.schemas import SourceCreate
from service.db.engine import create_sessionmaker
from service.ingest.types import Extraction
from service.jobs.ingestion import IngestionRunner
from service.jobs.worker import Worker
from tests.jobs.helpers import high_water_marks, remove_committed, submit_committed, wait_for_status


class SlowExtractor:
    """Extracts nothing, after holding the job open until released."""

    def __init__(self) -> None:
        self.started = asyncio.Event()
        self.release = asyncio.Event()
        self.loop = asyncio.get_running_loop()

    def __call__(self, text: str, **_: Any) -> Extraction:
        self.loop.call_soon_threadsafe(self.started.set)
        asyncio.run_coroutine_threadsafe(self.release.wait(), self.loop).result(timeout=30)
        return Extraction(language="en", figures=[], deals=[], new_companies=[])


@pytest.fixture
async def marks(engine: AsyncEngine) -> AsyncIterator[dict[str, Any]]:
    marks = await high_water_marks(engine)
    marks["sources"] = []
    yield marks
    for source_id in marks["sources"]:
        await remove_committed(engine, source_id, marks)


async def test_worker_runs_a_queued_job_and_finishes_it_before_stopping(
    engine: AsyncEngine, database_url: str, marks: dict[str, Any]
) -> None:
    body = SourceCreate(text="A committed article for the worker.", published_on=date(2031, 6, 1))
    source_id, job_id = await submit_committed(engine, body)
    marks["sources"].append(source_id)
    extractor = SlowExtractor()
    runner = IngestionRunner(create_sessionmaker(engine), extractor=extractor)
    worker = Worker(database_url, runner, heartbeat_timeout=timedelta(seconds=10))

    running = asyncio.create_task(worker.run())
    await asyncio.wait_for(extractor.started.wait(), timeout=20)
    assert (await wait_for_status(engine, job_id, {"running"}, within_seconds=5)).attempts == 1
    worker.stop()
    await asyncio.sleep(0.5)
    assert not running.done(), "the worker must finish its job in flight before stopping"
    extractor.release.set()
    await asyncio.wait_for(running, timeout=20)

    job = await wait_for_status(engine, job_id, {"succeeded"}, within_seconds=1)
    assert job.finished_at is not None
