"""The queue row is written in the transaction of the source and job it belongs to."""

from __future__ import annotations

from datetime import date

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession

from service.admin.schemas import SourceCreate
from service.admin.service import AdminService
from service.jobs.queue import IngestPayload, job_id_of
from tests.admin.helpers import row_counts


async def test_rolled_back_submission_leaves_no_source_job_or_queue_row(
    session: AsyncSession,
) -> None:
    before = await row_counts(session)
    submission = SourceCreate(text="A text that never lands.", published_on=date(2031, 1, 2))

    transaction = await session.begin_nested()
    await AdminService(session).submit(submission)
    during = await row_counts(session)
    await transaction.rollback()

    assert during["pgqueuer"] == before["pgqueuer"] + 1
    assert during["ingest_jobs"] == before["ingest_jobs"] + 1
    assert await row_counts(session) == before


def test_payload_round_trips_the_job_id() -> None:
    assert job_id_of(msgspec.json.encode(IngestPayload(job_id=42))) == 42
