"""Ingesting article files from disk, through the same submission and job as the admin API."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Literal

import msgspec
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.admin.schemas import SourceCreate
from service.admin.service import AdminService
from service.domain.errors import DomainError
from service.jobs.fetch import FetchPolicy
from service.jobs.ingestion import IngestionRunner
from service.models import Source

FileStatus = Literal["new", "already ingested", "failed"]


class DocumentMetadata(msgspec.Struct, frozen=True, kw_only=True):
    """What is known of an article besides its text; a manifest entry has the same fields."""

    file: str = ""
    language: str | None = None
    published_on: date | None = None
    url: str | None = None
    title: str | None = None
    publisher: str | None = None


class Manifest(msgspec.Struct, frozen=True):
    """A manifest file: `{"documents": [{"file", "language", "published_on", ...}]}`."""

    documents: list[DocumentMetadata]


class FileOutcome(msgspec.Struct, frozen=True, kw_only=True):
    """What ingesting one file did."""

    file: str
    status: FileStatus
    language: str | None = None
    source_id: int | None = None
    figures: int = 0
    deals: int = 0
    companies: int = 0
    error: str | None = None


class FileIngestionError(Exception):
    """A file cannot be submitted: unreadable, or without the metadata a source needs."""


def read_manifest(path: Path) -> dict[str, DocumentMetadata]:
    """The manifest's entries by file name; ValueError if it is not a manifest."""
    try:
        manifest = msgspec.json.decode(path.read_bytes(), type=Manifest)
    except (OSError, msgspec.DecodeError) as error:
        raise ValueError(f"{path}: not a readable manifest ({error})") from error
    return {Path(entry.file).name: entry for entry in manifest.documents}


def is_web_address(item: str) -> bool:
    """Whether a command-line item is a URL to fetch rather than a file."""
    return item.startswith(("http://", "https://"))


def item_name(item: str) -> str:
    """How an item is named in the summary and the manifest: a URL, or a file's name."""
    return item if is_web_address(item) else Path(item).name


def submission_of(
    item: str, entry: DocumentMetadata | None, fallback: DocumentMetadata
) -> SourceCreate:
    """The submission of a URL, an `.html` page or a text file, gaps filled by `fallback`."""
    entry = entry or DocumentMetadata()
    base = SourceCreate(
        published_on=entry.published_on or fallback.published_on,
        language=entry.language or fallback.language,
        url=entry.url or fallback.url,
        title=entry.title or fallback.title,
        publisher=entry.publisher or fallback.publisher,
    )
    if is_web_address(item):
        return msgspec.structs.replace(base, url=item)
    path = Path(item)
    try:
        content = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise FileIngestionError(f"cannot read the file: {error}") from error
    if path.suffix.lower() in (".html", ".htm"):
        return msgspec.structs.replace(base, html=content)
    if base.published_on is None:
        raise FileIngestionError("no manifest entry and no --published-on")
    return msgspec.structs.replace(base, text=content)


class FileIngester:
    """Submits each file like POST /v1/admin/sources, then runs its ingestion job inline."""

    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        manifest: dict[str, DocumentMetadata],
        fallback: DocumentMetadata,
        fetch_policy: FetchPolicy | None = None,
    ) -> None:
        self.sessionmaker = sessionmaker
        self.manifest = manifest
        self.fallback = fallback
        self.runner = IngestionRunner(sessionmaker, fetch_policy=fetch_policy)

    async def ingest_all(
        self, items: list[str], on_done: Callable[[FileOutcome], None]
    ) -> list[FileOutcome]:
        """Ingest the files and URLs one after another, each in its own transactions."""
        outcomes = []
        for item in items:
            outcome = await self.ingest(item)
            on_done(outcome)
            outcomes.append(outcome)
        return outcomes

    async def ingest(self, item: str) -> FileOutcome:
        """Ingest one file or URL; a failure is reported in the outcome, never raised."""
        name = item_name(item)
        try:
            submitted = submission_of(item, self.manifest.get(name), self.fallback)
            async with self.sessionmaker() as session, session.begin():
                accepted = (await AdminService(session).submit(submitted)).accepted
        except (FileIngestionError, DomainError) as error:
            detail = error.detail if isinstance(error, DomainError) else str(error)
            return FileOutcome(file=name, status="failed", error=detail)
        already = accepted.job.status == "succeeded"
        if not already:
            await self.runner.run(accepted.job.id)
        return await self._outcome(name, accepted.source_id, accepted.job.id, already)

    async def _outcome(self, name: str, source_id: int, job_id: int, already: bool) -> FileOutcome:
        async with self.sessionmaker() as session:
            job = await AdminService(session).job(job_id)
            source = await session.get_one(Source, source_id)
        succeeded = job.status == "succeeded"
        return FileOutcome(
            file=name,
            status=("already ingested" if already else "new") if succeeded else "failed",
            language=source.language,
            source_id=source_id,
            figures=job.counts.figures,
            deals=job.counts.deals,
            companies=job.counts.companies,
            error=job.error,
        )
