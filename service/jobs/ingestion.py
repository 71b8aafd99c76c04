"""One ingestion job: read the source, extract its facts, store them, record the outcome."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import date
from typing import Final, Protocol

from sqlalchemy import func, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.db.actor import act_as, job_actor
from service.facts.store import FactStore, GazetteerCache
from service.ingest.gazetteer import Gazetteer
from service.ingest.pipeline import extract
from service.ingest.types import Extraction
from service.models import IngestJob, Source
from service.web.instruments import record_job

logger = logging.getLogger(__name__)

MAX_ERROR_LENGTH: Final = 1000


class Extractor(Protocol):
    """The pipeline's signature: article text to facts."""

    def __call__(
        self,
        text: str,
        *,
        published_on: date,
        gazetteer: Gazetteer,
        language: str | None = None,
        title: str | None = None,
    ) -> Extraction:
        """Extract the facts of `text`."""
        ...


class IngestionFailedError(Exception):
    """The source cannot be ingested as it stands (no text, no publication date)."""


def readable_error(error: BaseException) -> str:
    """One line saying what went wrong, without traceback or SQL."""
    cause = error.orig if isinstance(error, DBAPIError) and error.orig is not None else error
    lines = str(cause).strip().splitlines()
    message = f"{type(cause).__name__}: {lines[0]}" if lines else type(cause).__name__
    return message[:MAX_ERROR_LENGTH]


class IngestionRunner:
    """Runs ingestion jobs; each attempt stores its facts in exactly one transaction."""

    def __init__(
        self, sessionmaker: async_sessionmaker[AsyncSession], *, extractor: Extractor = extract
    ) -> None:
        self.sessionmaker = sessionmaker
        self.extractor = extractor
        self.gazetteers = GazetteerCache()

    async def run(self, job_id: int) -> None:
        """Ingest the source of job `job_id` unless an earlier attempt already succeeded."""
        started = time.perf_counter()
        outcome = "interrupted"
        try:
            outcome = await self._attempt(job_id)
        finally:
            record_job(outcome, time.perf_counter() - started)

    async def _attempt(self, job_id: int) -> str:
        """Run the job once; its outcome: succeeded, failed or skipped."""
        if not await self._start(job_id):
            logger.info("ingest job %s already succeeded or is gone; nothing to do", job_id)
            return "skipped"
        try:
            async with self.sessionmaker() as session, session.begin():
                await self._ingest(session, job_id)
        except Exception as error:
            logger.exception("ingest job %s failed", job_id)
            await self._fail(job_id, readable_error(error))
            return "failed"
        return "succeeded"

    async def _start(self, job_id: int) -> bool:
        """Mark the job running, visibly (own commit); False if it succeeded or does not exist."""
        async with self.sessionmaker() as session, session.begin():
            started = await session.execute(
                update(IngestJob)
                .where(IngestJob.id == job_id, IngestJob.status != "succeeded")
                .values(
                    status="running",
                    attempts=IngestJob.attempts + 1,
                    started_at=func.now(),
                    finished_at=None,
                    error=None,
                )
                .returning(IngestJob.id)
            )
            return started.scalar_one_or_none() is not None

    async def _ingest(self, session: AsyncSession, job_id: int) -> None:
        job = await session.get(IngestJob, job_id, with_for_update=True)
        if job is None or job.status == "succeeded":
            return
        await act_as(session, job_actor(job_id))
        source = await session.get_one(Source, job.source_id)
        if source.text is None or source.published_on is None:
            raise IngestionFailedError(f"source {source.id} has no text or publication date")
        gazetteer = await self.gazetteers.get(session)
        extraction = await asyncio.to_thread(
            self.extractor,
            source.text,
            published_on=source.published_on,
            gazetteer=gazetteer,
            language=source.language,
            title=source.title,
        )
        counts = await FactStore(session).save(source.id, extraction)
        source.language = source.language or extraction.language
        job.status = "succeeded"
        job.figures_count = counts.figures
        job.deals_count = counts.deals
        job.companies_count = counts.companies
        job.finished_at = await session.scalar(func.now())
        await session.flush()

    async def _fail(self, job_id: int, error: str) -> None:
        """Record the failure in its own transaction, after the facts were rolled back."""
        async with self.sessionmaker() as session, session.begin():
            await session.execute(
                update(IngestJob)
                .where(IngestJob.id == job_id)
                .values(status="failed", error=error, finished_at=func.now())
            )
