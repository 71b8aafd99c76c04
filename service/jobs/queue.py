"""Putting ingestion jobs on the queue, inside the caller's transaction."""

from __future__ import annotations

from typing import Final

import msgspec
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

INGEST_ENTRYPOINT: Final = "ingest_source"
"""The queue entrypoint that ingests one source."""


class IngestPayload(msgspec.Struct, frozen=True):
    """What a queued ingestion carries: the id of its `ingest_jobs` row."""

    job_id: int


async def enqueue_ingestion(session: AsyncSession, job_id: int) -> None:
    """Queue the ingestion of job `job_id` in the session's transaction, on its connection.

    The queue row commits or rolls back with the source and job rows written before it, so
    no source is ever left without its job, nor a queued job without its source.
    A job still on the queue (a retry before its earlier run left it) is not queued twice.
    """
    dedupe_key = f"ingest-job-{job_id}"
    connection = await session.connection()
    on_queue = await connection.scalar(
        text("SELECT 1 FROM pgqueuer WHERE dedupe_key = :key"), {"key": dedupe_key}
    )
    if on_queue:
        return
    raw = await connection.get_raw_connection()
    # pgqueuer (and pydantic under it, about 13 MB) loads on the first ingestion queued by
    # this process, not in every API worker.
    from pgqueuer import AsyncpgDriver, Queries

    queries = Queries(AsyncpgDriver(raw.driver_connection))
    await queries.enqueue(
        INGEST_ENTRYPOINT,
        msgspec.json.encode(IngestPayload(job_id=job_id)),
        dedupe_key=dedupe_key,
    )


def job_id_of(payload: bytes | None) -> int:
    """The `ingest_jobs` id a queued payload names."""
    if payload is None:
        raise ValueError("an ingestion job without payload")
    return msgspec.json.decode(payload, type=IngestPayload).job_id
