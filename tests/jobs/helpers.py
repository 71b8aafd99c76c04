"""Committed submissions for the tests that run real workers, and their cleanup."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from sqlalchemy import delete, func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from service.admin.schemas import SourceCreate
from service.admin.service import AdminService
from service.models import Company, Deal, Figure, IngestJob, Source


async def submit_committed(engine: AsyncEngine, body: SourceCreate) -> tuple[int, int]:
    """Submit `body` and commit, as the API does; return (source id, job id)."""
    async with AsyncSession(engine) as session, session.begin():
        accepted = (await AdminService(session).submit(body)).accepted
    return accepted.source_id, accepted.job.id


async def job_row(engine: AsyncEngine, job_id: int) -> IngestJob:
    """The committed state of a job."""
    async with AsyncSession(engine) as session:
        return await session.get_one(IngestJob, job_id)


async def wait_for_status(
    engine: AsyncEngine, job_id: int, statuses: set[str], within_seconds: float
) -> IngestJob:
    """Poll the job until its status is one of `statuses`; fail after `within_seconds`."""
    deadline = time.monotonic() + within_seconds
    while True:
        job = await job_row(engine, job_id)
        if job.status in statuses:
            return job
        assert time.monotonic() < deadline, f"job {job_id} still {job.status}"
        await asyncio.sleep(0.2)


async def high_water_marks(engine: AsyncEngine) -> dict[str, Any]:
    """What exists before a test commits anything, so its cleanup removes only its own rows."""
    async with AsyncSession(engine) as session:
        return {
            "figure": await session.scalar(select(func.coalesce(func.max(Figure.id), 0))),
            "deal": await session.scalar(select(func.coalesce(func.max(Deal.id), 0))),
            "companies": set(await session.scalars(select(Company.slug))),
        }


async def remove_committed(engine: AsyncEngine, source_id: int, marks: dict[str, Any]) -> None:
    """Delete what a committed test wrote: its source, job, queue rows, facts and companies."""
    async with AsyncSession(engine) as session, session.begin():
        job_ids = list(
            await session.scalars(select(IngestJob.id).where(IngestJob.source_id == source_id))
        )
        keys = [f"ingest-job-{job_id}" for job_id in job_ids]
        await session.execute(
            text("DELETE FROM pgqueuer WHERE dedupe_key = ANY(:keys)"), {"keys": keys}
        )
        await session.execute(delete(Source).where(Source.id == source_id))
        await session.execute(delete(Figure).where(Figure.id > marks["figure"]))
        await session.execute(delete(Deal).where(Deal.id > marks["deal"]))
        await session.execute(delete(Company).where(Company.slug.not_in(marks["companies"])))
