"""The database stops under a running API and comes back: 503s meanwhile, then recovery.

Reads answer 503 problem+json (never 500) and `/readyz` 503 while the server is down; once it
is back on the same data directory, readiness and reads recover by themselves, and a source
whose job was cut off by the outage is ingested after all.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from service.db.embedded import EmbeddedPostgres
from tests.faults.helpers import (
    ADMIN_HEADERS,
    Server,
    citations_locked,
    job_of,
    libpq_uri,
    serving,
    wait_until_a_job_waits_on_citations,
)
from tests.helpers import assert_problem
from tests.jobs.test_worker_crash import ARTICLE

RECOVERY_WITHIN_SECONDS = 30
JOB_RETRIED_WITHIN_SECONDS = 90
"""The cut-off job is taken again once its heartbeat is stale (30 s in the API's worker)."""
READS = ("/v1/companies/openai", "/v1/figures?company=openai", "/v1/deals")


@pytest.fixture
def database(tmp_path: Path) -> Iterator[EmbeddedPostgres]:
    """A PostgreSQL server the test stops and starts, outside the API process."""
    server = EmbeddedPostgres(tmp_path / "database")
    server.start()
    yield server
    server.stop()


def job_status(server: Server, job_id: int) -> str:
    response = server.get(f"/v1/admin/jobs/{job_id}", headers=ADMIN_HEADERS)
    assert response.status_code == 200, response.text
    status: str = response.json()["status"]
    return status


def test_outage_answers_503_then_recovers_and_the_cut_off_job_completes(
    tmp_path: Path, database: EmbeddedPostgres
) -> None:
    article = {"text": ARTICLE.text, "published_on": str(ARTICLE.published_on)}
    url = database.url("aifacts")
    with serving(tmp_path / "serve", database_url=url, run_worker="true") as server:
        assert [server.get(path).status_code for path in READS] == [200, 200, 200]
        uri = libpq_uri(database.pgdata)
        with citations_locked(uri):
            job_id = job_of(server.post("/v1/admin/sources", json=article, headers=ADMIN_HEADERS))
            wait_until_a_job_waits_on_citations(uri, within_seconds=30)
            database.stop()

        for path in READS:
            assert_problem(server.get(path), 503)
        assert_problem(server.get("/readyz"), 503)

        database.start()
        server.wait_until("/readyz", 200, RECOVERY_WITHIN_SECONDS)
        assert [server.get(path).status_code for path in READS] == [200, 200, 200]
        wait_for_job(server, job_id)
        assert job_status(server, job_id) == "succeeded", server.log_tail()


def wait_for_job(server: Server, job_id: int) -> None:
    """Wait until the job is done, one way or the other."""
    deadline = time.monotonic() + JOB_RETRIED_WITHIN_SECONDS
    while job_status(server, job_id) not in {"succeeded", "failed"}:
        assert time.monotonic() < deadline, f"job {job_id} not done:\n{server.log_tail()}"
        time.sleep(0.5)
