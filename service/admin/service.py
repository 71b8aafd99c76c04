"""Submitting sources for ingestion, and reading the jobs that ingest them."""

from __future__ import annotations

import hashlib
from typing import Any, Final, cast

import msgspec
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from service.admin.schemas import Job, JobCounts, JobRef, SourceAccepted, SourceCreate
from service.domain.errors import InvalidInputError, NotFoundError
from service.domain.vocabulary import JobStatus
from service.jobs.queue import enqueue_ingestion
from service.jobs.urls import normalise_url
from service.models import IngestJob, Source
from service.normalize import LANGUAGES

MAX_TEXT_CHARS: Final = 1_000_000
"""Longest article text accepted, in characters."""

MAX_BODY_BYTES: Final = 6 * MAX_TEXT_CHARS + 65_536
"""Largest request body: the longest text even if every character is JSON-escaped."""

_METADATA: Final = ("url", "title", "publisher", "language", "published_on")


class Submission(msgspec.Struct, frozen=True, kw_only=True):
    """The outcome of submitting a text: its source and job, and whether it was new."""

    accepted: SourceAccepted
    queued_now: bool


def sha256_of(text: str) -> str:
    """The identity of a text: hex sha256 of its UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_submission(source: SourceCreate) -> None:
    """Reject texts that are blank or too long, and languages the pipeline does not read.

    A submission has a text (and its publication date), an HTML page, or a URL alone.
    """
    if source.text is not None and source.html is not None:
        raise InvalidInputError("send either text or html, not both")
    if source.text is None and source.html is None and source.url is None:
        raise InvalidInputError("send the article's text, a web page's html, or its url")
    if source.text is not None:
        check_text(source.text, "text")
        if source.published_on is None:
            raise InvalidInputError("published_on is required with text")
    if source.html is not None:
        check_text(source.html, "html")
    if source.language is not None and source.language not in LANGUAGES:
        raise InvalidInputError(f"language must be one of {', '.join(LANGUAGES)}")


def check_text(text: str, name: str) -> None:
    """Reject a text or page that is blank or too long."""
    if not text.strip():
        raise InvalidInputError(f"{name} is empty")
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidInputError(f"{name} is longer than {MAX_TEXT_CHARS:,} characters")


def identity_of(submitted: SourceCreate) -> str:
    """The sha256 a source is known by: of its text, its normalised URL, or its HTML.

    A refetch is the same source: its page's changed text becomes the source's next version.
    """
    if submitted.text is not None:
        return sha256_of(submitted.text)
    if submitted.url is None:
        return sha256_of(f"html {submitted.html}")
    return sha256_of(f"url {normalise_url(submitted.url)}")


class AdminService:
    """Stores submitted sources with their ingestion jobs; flushes, never commits."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def submit(self, submitted: SourceCreate) -> Submission:
        """Store the source and queue its ingestion, or return the job of the same text.

        A source known without its text (from the reference data) gets the text attached.
        A failed job is queued again (a retry); so is a finished one asked to refetch its page.
        """
        check_submission(submitted)
        source = await self._source_for(submitted)
        job = await self.session.scalar(
            select(IngestJob).where(IngestJob.source_id == source.id).with_for_update()
        )
        finished = job is not None and job.status in ("failed", "succeeded")
        refetch = submitted.refetch and source.canonical_url is not None and finished
        queued_now = job is None or job.status == "failed" or refetch
        if job is None:
            job = IngestJob(source_id=source.id, status="queued")
            self.session.add(job)
        elif queued_now:
            job.status, job.attempts, job.error, job.finished_at = "queued", 0, None, None
            job.refetch = job.refetch or refetch
        if queued_now:
            await self.session.flush()
            await enqueue_ingestion(self.session, job.id)
        job_ref = JobRef(id=job.id, status=cast("JobStatus", job.status))
        accepted = SourceAccepted(source_id=source.id, job=job_ref)
        return Submission(accepted=accepted, queued_now=queued_now)

    async def job(self, job_id: int) -> Job:
        """One ingestion job; NotFoundError if there is none with that id."""
        row = await self.session.get(IngestJob, job_id)
        if row is None:
            raise NotFoundError(f"no ingestion job with id {job_id}")
        return Job(
            id=row.id,
            status=cast("JobStatus", row.status),
            source_id=row.source_id,
            counts=JobCounts(
                figures=row.figures_count, deals=row.deals_count, companies=row.companies_count
            ),
            error=row.error,
            created_at=row.created_at,
            started_at=row.started_at,
            finished_at=row.finished_at,
        )

    async def _source_for(self, submitted: SourceCreate) -> Source:
        """The source row of this text, created, or completed with the submitted text."""
        fields: dict[str, Any] = {name: getattr(submitted, name) for name in _METADATA}
        digest = identity_of(submitted)
        web = {"html": submitted.html, "canonical_url": None}
        if submitted.text is None and submitted.url is not None:
            web["canonical_url"] = normalise_url(submitted.url)
        await self.session.execute(
            insert(Source)
            .values(sha256=digest, text=submitted.text, **web, **fields)
            .on_conflict_do_nothing(index_elements=[Source.sha256])
        )
        source = (
            await self.session.execute(
                select(Source).where(Source.sha256 == digest).with_for_update()
            )
        ).scalar_one()
        if source.text is None:
            source.text = submitted.text
            for name, value in fields.items():
                if getattr(source, name) is None:
                    setattr(source, name, value)
            await self.session.flush()
        return source
