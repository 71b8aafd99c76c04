"""Ingestion job status: queued, running, succeeded with counts, or failed with a reason."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.facts.store import FactStore, StoreCounts
from service.ingest.gazetteer import Gazetteer
from service.ingest.types import ExtractedFigure, Extraction, Mention, NewCompany
from service.jobs.ingestion import STORE_TRIES, IngestionRunner
from service.models import Citation, Company, Figure, IngestJob, Source
from service.normalize import Original, Quantity
from tests.admin.helpers import ADMIN_HEADERS, article
from tests.helpers import assert_problem

TEXT = article()["text"]
AMOUNT_AT = TEXT.index("$2 million")


def lumen_revenue(company: str = "test-lumen-ai") -> ExtractedFigure:
    """The revenue the test article states, as the pipeline would extract it."""
    quantity = Quantity(
        value=Decimal(2000000),
        unit="USD",
        kind="money",
        bound="exact",
        low=None,
        high=None,
        original=Original(value=Decimal(2000000), unit="USD"),
        fx=None,
        start=AMOUNT_AT,
        end=AMOUNT_AT + 10,
        text="$2 million",
    )
    return ExtractedFigure(
        company=company,
        metric="revenue",
        quantity=quantity,
        period_start=date(2031, 1, 1),
        period_end=date(2031, 12, 31),
        precision="year",
        status="actual",
        mention=Mention(quote=TEXT, start=AMOUNT_AT, end=AMOUNT_AT + 10),
    )


def extracting(*figures: ExtractedFigure) -> Any:
    """An extractor answering `figures` and the Lumen AI company, whatever the text."""

    def extract(text: str, *, published_on: date, gazetteer: Gazetteer, **_: Any) -> Extraction:
        assert text == TEXT
        assert published_on == date(2031, 5, 4)
        assert gazetteer.knows("openai")
        lumen = NewCompany(slug="test-lumen-ai", name="Lumen AI", aliases=[])
        return Extraction(language="en", figures=list(figures), deals=[], new_companies=[lumen])

    return extract


def failing(*_: Any, **__: Any) -> Extraction:
    raise ValueError("the article could not be read")


async def submit(client: httpx.AsyncClient) -> int:
    response = await client.post("/v1/admin/sources", json=article(), headers=ADMIN_HEADERS)
    assert response.status_code == 202, response.text
    job_id: int = response.json()["job"]["id"]
    return job_id


async def job_status(client: httpx.AsyncClient, job_id: int) -> dict[str, Any]:
    response = await client.get(f"/v1/admin/jobs/{job_id}", headers=ADMIN_HEADERS)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_unknown_job_answers_404_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/admin/jobs/999999999", headers=ADMIN_HEADERS)

    assert_problem(response, 404)


async def test_submitted_job_is_queued_with_nothing_done(client: httpx.AsyncClient) -> None:
    job = await job_status(client, await submit(client))

    assert job["status"] == "queued"
    assert job["counts"] == {"figures": 0, "deals": 0, "companies": 0}
    assert job["error"] is None
    assert job["created_at"]
    assert (job["started_at"], job["finished_at"]) == (None, None)


async def test_job_run_succeeds_with_counts_and_facts_cited_to_the_source(
    client: httpx.AsyncClient,
    session: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    job_id = await submit(client)

    await IngestionRunner(sessionmaker, extractor=extracting(lumen_revenue())).run(job_id)

    job = await job_status(client, job_id)
    assert job["status"] == "succeeded"
    assert job["counts"] == {"figures": 1, "deals": 0, "companies": 1}
    assert job["error"] is None
    assert job["created_at"] <= job["started_at"] <= job["finished_at"]
    figures = (await client.get("/v1/figures", params={"source": job["source_id"]})).json()
    [figure] = figures["data"]
    assert (figure["company"], figure["value"]) == ("test-lumen-ai", 2000000)
    assert figure["sources"][0]["start"] == AMOUNT_AT


async def test_running_a_succeeded_job_again_changes_nothing(
    client: httpx.AsyncClient,
    session: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    job_id = await submit(client)
    runner = IngestionRunner(sessionmaker, extractor=extracting(lumen_revenue()))
    await runner.run(job_id)
    done = await job_status(client, job_id)

    await runner.run(job_id)

    assert await job_status(client, job_id) == done
    figures = await session.scalar(
        select(func.count()).select_from(Figure).where(Figure.company_slug == "test-lumen-ai")
    )
    assert figures == 1


async def test_failed_extraction_is_reported_with_a_readable_error(
    client: httpx.AsyncClient, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    job_id = await submit(client)

    await IngestionRunner(sessionmaker, extractor=failing).run(job_id)

    job = await job_status(client, job_id)
    assert job["status"] == "failed"
    assert job["error"] == "ValueError: the article could not be read"
    assert job["finished_at"] is not None
    assert job["counts"] == {"figures": 0, "deals": 0, "companies": 0}


async def test_failure_while_storing_leaves_no_partial_facts(
    client: httpx.AsyncClient,
    session: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    job_id = await submit(client)
    half_good = extracting(lumen_revenue(), lumen_revenue(company="no-such-company"))

    await IngestionRunner(sessionmaker, extractor=half_good).run(job_id)

    job = await job_status(client, job_id)
    assert job["status"] == "failed"
    assert job["error"].startswith("ForeignKeyViolationError: ")
    assert "Traceback" not in job["error"]
    assert "\n" not in job["error"]
    assert await session.get(Company, "test-lumen-ai") is None
    cited = await session.scalar(
        select(func.count()).select_from(Citation).where(Citation.source_id == job["source_id"])
    )
    assert cited == 0


def slow(seconds: float, then: Any) -> Any:
    """An extractor that takes `seconds` of wall-clock time before answering as `then`."""

    def extract(text: str, **kwargs: Any) -> Extraction:
        time.sleep(seconds)
        result: Extraction = then(text, **kwargs)
        return result

    return extract


async def test_job_times_are_wall_clock_times_not_the_transaction_start(
    client: httpx.AsyncClient, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    job_id = await submit(client)

    await IngestionRunner(sessionmaker, extractor=slow(1.2, extracting(lumen_revenue()))).run(
        job_id
    )

    job = await job_status(client, job_id)
    started = datetime.fromisoformat(job["started_at"])
    finished = datetime.fromisoformat(job["finished_at"])
    assert job["status"] == "succeeded"
    assert finished - started >= timedelta(seconds=1)


async def test_extraction_past_its_time_budget_fails_the_job_with_the_reason(
    client: httpx.AsyncClient, session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    job_id = await submit(client)
    runner = IngestionRunner(
        sessionmaker, extractor=slow(1.0, extracting(lumen_revenue())), time_budget=0.2
    )

    await runner.run(job_id)

    job = await job_status(client, job_id)
    assert job["status"] == "failed"
    assert job["error"] == "IngestionFailedError: extraction ran past its budget of 0.2 s"
    assert await session.get(Company, "test-lumen-ai") is None


async def test_job_whose_attempts_all_died_ends_failed_instead_of_restarting(
    client: httpx.AsyncClient, session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    job_id = await submit(client)
    # Three attempts that started and never finished, as when the worker was killed each time.
    await session.execute(
        update(IngestJob).where(IngestJob.id == job_id).values(status="running", attempts=3)
    )
    await session.commit()

    await IngestionRunner(sessionmaker, extractor=extracting(lumen_revenue())).run(job_id)

    job = await job_status(client, job_id)
    assert job["status"] == "failed"
    assert job["error"] == "IngestionFailedError: gave up after 3 attempts that did not finish"
    assert job["finished_at"] is not None


@pytest.mark.parametrize(
    ("submitted", "stored"),
    [(None, "en"), ("de", "de")],
    ids=["unlabelled-gets-the-extractions-language", "submitted-language-is-kept"],
)
async def test_a_sources_language_is_the_submitted_one_else_the_extractions(
    client: httpx.AsyncClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    submitted: str | None,
    stored: str,
) -> None:
    body = article(language=submitted, url=f"https://news.example/lumen-revenue-{stored}")
    response = await client.post("/v1/admin/sources", json=body, headers=ADMIN_HEADERS)
    assert response.status_code == 202, response.text
    job_id = response.json()["job"]["id"]

    await IngestionRunner(sessionmaker, extractor=extracting(lumen_revenue())).run(job_id)

    job = await job_status(client, job_id)
    async with sessionmaker() as session:
        language = await session.scalar(
            select(Source.language).where(Source.id == job["source_id"])
        )
    assert (job["status"], language) == ("succeeded", stored)


def _aborting_saves(monkeypatch: pytest.MonkeyPatch, times: int) -> list[int]:
    """Make the first `times` saves of facts fail as a deadlocked transaction does.

    The error is PostgreSQL's own, of SQLSTATE 40P01; the list counts the aborted saves.
    """
    save = FactStore.save
    aborted: list[int] = []

    async def aborting(self: FactStore, source_id: int, extraction: Extraction) -> StoreCounts:
        if len(aborted) < times:
            aborted.append(source_id)
            await self.session.execute(text(DEADLOCK))
        return await save(self, source_id, extraction)

    monkeypatch.setattr(FactStore, "save", aborting)
    return aborted


DEADLOCK = "DO $$ BEGIN RAISE EXCEPTION 'deadlock detected' USING ERRCODE = '40P01'; END $$"


async def test_a_store_aborted_to_break_a_deadlock_is_tried_again_and_succeeds(
    client: httpx.AsyncClient,
    sessionmaker: async_sessionmaker[AsyncSession],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    job_id = await submit(client)
    aborted = _aborting_saves(monkeypatch, STORE_TRIES - 1)

    await IngestionRunner(sessionmaker, extractor=extracting(lumen_revenue())).run(job_id)

    job = await job_status(client, job_id)
    assert len(aborted) == STORE_TRIES - 1
    assert job["status"] == "succeeded"
    assert job["counts"] == {"figures": 1, "deals": 0, "companies": 1}


async def test_a_store_aborted_on_every_try_fails_the_job_with_nothing_stored(
    client: httpx.AsyncClient,
    session: AsyncSession,
    sessionmaker: async_sessionmaker[AsyncSession],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    job_id = await submit(client)
    aborted = _aborting_saves(monkeypatch, STORE_TRIES)

    await IngestionRunner(sessionmaker, extractor=extracting(lumen_revenue())).run(job_id)

    job = await job_status(client, job_id)
    assert len(aborted) == STORE_TRIES
    assert job["status"] == "failed"
    assert "deadlock detected" in job["error"]
    figures = await session.scalar(
        select(func.count()).select_from(Figure).where(Figure.company_slug == "test-lumen-ai")
    )
    assert figures == 0
