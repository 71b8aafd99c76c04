"""One ingestion job: read the source, extract its facts, store them, record the outcome."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import Awaitable
from datetime import date, datetime
from typing import Final, Protocol, TypeVar

import msgspec
from sqlalchemy import ColumnElement, func, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.db.actor import act_as, job_actor
from service.facts.store import FactStore, GazetteerCache, StoreCounts
from service.ingest.gazetteer import Gazetteer
from service.ingest.pipeline import extract, prepare_detection
from service.ingest.types import Extraction
from service.jobs.fetch import FetchedPage, FetchPolicy, PageUnavailableError, fetch_page
from service.jobs.pages import PageArticle, article_of
from service.models import IngestJob, Source, SourceVersion
from service.settings import Settings
from service.web.instruments import record_job
from service.web.offload import in_daemon_thread

logger = logging.getLogger(__name__)
T = TypeVar("T")

MAX_ERROR_LENGTH: Final = 1000
DEFAULT_TIME_BUDGET: Final = 300.0
"""Seconds one extraction may take before its job ends failed."""
DEFAULT_MAX_ATTEMPTS: Final = 3
"""Attempts a job gets; one cut off by a crash counts too."""
STORE_TRIES: Final = 3
"""Times a job's store transaction runs when PostgreSQL aborts it to break a deadlock or a
serialization conflict (another writer of the same deals went first)."""
_TRY_AGAIN: Final = frozenset({"40P01", "40001"})
"""SQLSTATEs of a transaction aborted for another's sake: deadlock, serialization failure."""


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


def readable_error(error: BaseException) -> str:
    """One line saying what went wrong, without traceback or SQL."""
    cause = error.orig if isinstance(error, DBAPIError) and error.orig is not None else error
    lines = str(cause).strip().splitlines()
    message = f"{type(cause).__name__}: {lines[0]}" if lines else type(cause).__name__
    return message[:MAX_ERROR_LENGTH]


class IngestionFailedError(Exception):
    """The source cannot be ingested as it stands (no text, no publication date)."""


class _Article(msgspec.Struct, frozen=True):
    """What extraction needs of a source, read in the job's first short transaction.

    A web source has no text yet: its page (`html`, or fetched from `url`) gives it.
    """

    source_id: int
    text: str | None
    published_on: date | None
    language: str | None
    title: str | None
    gazetteer: Gazetteer
    url: str | None = None
    html: str | None = None
    refetch: bool = False


class _Outcome(msgspec.Struct, frozen=True):
    """How an attempt ended, and what it stored if it succeeded."""

    name: str
    counts: StoreCounts | None = None

    def __str__(self) -> str:
        """What the job stored, for its log line (empty unless it stored something)."""
        if self.counts is None:
            return ""
        counts = self.counts
        return f": {counts.figures} figures, {counts.deals} deals, {counts.companies} companies"


class _Phases:
    """The wall and CPU time of each phase of a job's attempt, logged at DEBUG after it."""

    def __init__(self) -> None:
        self.seconds: list[str] = []

    async def timed(self, name: str, phase: Awaitable[T]) -> T:
        """Await `phase`, noting how long it took and the CPU it used."""
        started, cpu = time.perf_counter(), time.process_time()
        try:
            return await phase
        finally:
            elapsed, used = time.perf_counter() - started, time.process_time() - cpu
            self.seconds.append(f"{name} {elapsed:.3f} s (CPU {used:.3f} s)")

    def __str__(self) -> str:
        """The phases and their durations, in order."""
        return ", ".join(self.seconds)


class IngestionRunner:
    """Runs ingestion jobs: no transaction is held while extracting, facts are stored in one.

    An attempt marks the job running and reads its source (one short transaction), extracts
    the facts in a thread within ``time_budget`` seconds, then stores them and marks the job
    succeeded (a second short transaction). A job whose earlier attempts all died with their
    process ends ``failed`` once ``max_attempts`` were made.
    """

    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        *,
        extractor: Extractor = extract,
        fetch_policy: FetchPolicy | None = None,
        time_budget: float = DEFAULT_TIME_BUDGET,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    ) -> None:
        self.sessionmaker = sessionmaker
        self.extractor = extractor
        self.fetch_policy = fetch_policy or FetchPolicy()
        self.time_budget = time_budget
        self.max_attempts = max_attempts
        self.gazetteers = GazetteerCache()

    @classmethod
    def configured(
        cls, sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
    ) -> IngestionRunner:
        """A runner with the settings' time budget and attempt cap."""
        return cls(
            sessionmaker,
            fetch_policy=FetchPolicy.of(settings),
            time_budget=settings.job_time_budget,
            max_attempts=settings.job_max_attempts,
        )

    async def run(self, job_id: int) -> None:
        """Ingest the source of job `job_id` unless an earlier attempt already succeeded."""
        started = time.perf_counter()
        outcome, phases = _Outcome("interrupted"), _Phases()
        try:
            outcome = await self._attempt(job_id, phases)
        finally:
            elapsed = time.perf_counter() - started
            record_job(outcome.name, elapsed)
            logger.info(
                "ingest job %s ended %s in %.2f s%s", job_id, outcome.name, elapsed, outcome
            )
            logger.debug("ingest job %s took %s", job_id, phases)

    async def _attempt(self, job_id: int, phases: _Phases) -> _Outcome:
        """Run the job once, timing its phases; succeeded, failed, skipped or handed back."""
        try:
            article = await phases.timed("start", self._start(job_id))
            if article is None:
                logger.info("ingest job %s already succeeded or is gone; nothing to do", job_id)
                return _Outcome("skipped")
            if article.text is None:
                read = await phases.timed("page", self._read_page(article))
                if read is None:
                    return await self._unchanged(job_id)
                article = read
            extraction = await phases.timed("extract", self._extract(article))
            return await phases.timed("store", self._store_tried(job_id, article, extraction))
        except asyncio.CancelledError:
            await asyncio.shield(self._hand_back(job_id))
            raise
        except Exception as error:
            logger.exception("ingest job %s failed", job_id)
            await self._fail(job_id, readable_error(error))
            return _Outcome("failed")

    async def _start(self, job_id: int) -> _Article | None:
        """Mark the job running and read its source; None if it succeeded or does not exist."""
        async with self.sessionmaker() as session, session.begin():
            job = await session.get(IngestJob, job_id, with_for_update=True)
            if job is None or job.status == "succeeded":
                return None
            if job.attempts >= self.max_attempts:
                raise IngestionFailedError(
                    f"gave up after {job.attempts} attempts that did not finish"
                )
            job.status, job.attempts, job.error = "running", job.attempts + 1, None
            job.started_at, job.finished_at = clock_now(), None
            source = await session.get_one(Source, job.source_id)
            refetch = job.refetch and source.canonical_url is not None
            page = (source.html or source.canonical_url) is not None
            web = (source.text is None or refetch) and page
            if not web and (source.text is None or source.published_on is None):
                raise IngestionFailedError(f"source {source.id} has no text or publication date")
            return _Article(
                source_id=source.id,
                text=None if refetch else source.text,
                published_on=source.published_on,
                language=source.language,
                title=source.title,
                gazetteer=await self.gazetteers.get(session),
                url=source.canonical_url or source.url,
                html=source.html,
                refetch=refetch,
            )

    async def _read_page(self, article: _Article) -> _Article | None:
        """The article of a web source: its page fetched (unless submitted) and read.

        None when a refetched page's text is the one the source has (nothing to extract).
        """
        try:
            html, fetched = article.html, None
            if html is None and article.url is not None:
                fetched = await fetch_page(article.url, self.fetch_policy)
                html = fetched.html
            page = await in_daemon_thread(article_of, html or "", article.url)
        except PageUnavailableError as error:
            raise IngestionFailedError(str(error)) from None
        published_on = article.published_on or page.published_on
        if published_on is None:
            raise IngestionFailedError(
                "the page gives no publication date: submit it again with `published_on`"
            )
        if not await self._keep_page(article.source_id, page, published_on, fetched):
            return None
        return msgspec.structs.replace(
            article,
            text=page.text,
            published_on=published_on,
            language=article.language or page.language,
            title=article.title or page.title,
        )

    async def _keep_page(
        self, source_id: int, page: PageArticle, published_on: date, fetched: FetchedPage | None
    ) -> bool:
        """Store the page's text (what quotes point into) and metadata on its source.

        The text is kept as a version of the source: the first, or the next one when a
        refetch finds it changed. False (nothing stored) when it is the text the source has.
        """
        digest = hashlib.sha256(page.text.encode("utf-8")).hexdigest()
        async with self.sessionmaker() as session, session.begin():
            source = await session.get_one(Source, source_id, with_for_update=True)
            if source.text is not None:
                if hashlib.sha256(source.text.encode("utf-8")).hexdigest() == digest:
                    return False
                await self._keep_version(session, source)
                source.version += 1
            source.text, source.html, source.published_on = page.text, None, published_on
            source.title = source.title or page.title
            source.author = source.author or page.author
            source.language = source.language or page.language
            if fetched is not None:
                source.final_url, source.fetched_at = fetched.final_url, fetched.fetched_at
            await self._keep_version(session, source)
        return True

    @staticmethod
    async def _keep_version(session: AsyncSession, source: Source) -> None:
        """Record the source's current text as its current version, unless it is recorded."""
        if source.text is None:
            return
        await session.execute(
            insert(SourceVersion)
            .values(
                source_id=source.id,
                version=source.version,
                sha256=hashlib.sha256(source.text.encode("utf-8")).hexdigest(),
                text=source.text,
                final_url=source.final_url,
                fetched_at=source.fetched_at,
            )
            .on_conflict_do_nothing()
        )

    async def _unchanged(self, job_id: int) -> _Outcome:
        """End a refetch that found the source's text unchanged: no version, no new facts."""
        async with self.sessionmaker() as session, session.begin():
            await session.execute(
                update(IngestJob)
                .where(IngestJob.id == job_id)
                .values(status="succeeded", refetch=False, finished_at=clock_now())
            )
        logger.info("ingest job %s refetched its page: the text is unchanged", job_id)
        return _Outcome("succeeded")

    async def _extract(self, article: _Article) -> Extraction:
        """The article's facts, extracted in a thread within the time budget."""
        if article.text is None or article.published_on is None:
            raise IngestionFailedError(f"source {article.source_id} has no text or date")
        await in_daemon_thread(prepare_detection, article.text, article.language)
        extracting = in_daemon_thread(
            self.extractor,
            article.text,
            published_on=article.published_on,
            gazetteer=article.gazetteer,
            language=article.language,
            title=article.title,
        )
        try:
            return await asyncio.wait_for(extracting, timeout=self.time_budget)
        except TimeoutError:
            raise IngestionFailedError(
                f"extraction ran past its budget of {self.time_budget:g} s"
            ) from None

    async def _store_tried(
        self, job_id: int, article: _Article, extraction: Extraction
    ) -> _Outcome:
        """`_store`, run again when PostgreSQL aborted it for another writer's sake.

        The aborted transaction left nothing behind, and the other writer has gone on;
        `STORE_TRIES` in all, then the error is the job's.
        """
        for tried in range(1, STORE_TRIES + 1):
            try:
                return await self._store(job_id, article, extraction)
            except DBAPIError as error:
                state = getattr(error.orig, "sqlstate", None)
                if tried == STORE_TRIES or state not in _TRY_AGAIN:
                    raise
                logger.warning("ingest job %s: store aborted (%s), trying again", job_id, state)
                await asyncio.sleep(0.05 * tried)
        raise AssertionError("unreachable: the last try returns or raises")

    async def _store(self, job_id: int, article: _Article, extraction: Extraction) -> _Outcome:
        """Store the facts and mark the job succeeded, in one transaction."""
        async with self.sessionmaker() as session, session.begin():
            job = await session.get(IngestJob, job_id, with_for_update=True)
            if job is None or job.status == "succeeded":
                return _Outcome("skipped")
            await act_as(session, job_actor(job_id))
            counts = await FactStore(session).save(article.source_id, extraction)
            if article.language is None:  # else the source has its language already
                await session.execute(
                    update(Source)
                    .where(Source.id == article.source_id, Source.language.is_(None))
                    .values(language=extraction.language)
                )
            job.status, job.refetch = "succeeded", False
            job.figures_count = counts.figures
            job.deals_count = counts.deals
            job.companies_count = counts.companies
            job.finished_at = clock_now()  # in the UPDATE flushed at commit
        return _Outcome("succeeded", counts)

    async def _hand_back(self, job_id: int) -> None:
        """Queue a job cut off by shutdown again, its attempt not counted."""
        async with self.sessionmaker() as session, session.begin():
            await session.execute(
                update(IngestJob)
                .where(IngestJob.id == job_id, IngestJob.status == "running")
                .values(status="queued", attempts=IngestJob.attempts - 1, started_at=None)
            )
        logger.info("ingest job %s handed back to the queue at shutdown", job_id)

    async def _fail(self, job_id: int, error: str) -> None:
        """Record the failure in its own transaction, after the facts were rolled back."""
        async with self.sessionmaker() as session, session.begin():
            await session.execute(
                update(IngestJob)
                .where(IngestJob.id == job_id)
                .values(status="failed", error=error, finished_at=clock_now())
            )


def clock_now() -> ColumnElement[datetime]:
    """The database's wall-clock time (``now()`` is the transaction's start, not the clock)."""
    return func.clock_timestamp()
