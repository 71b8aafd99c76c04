"""SIGTERM: requests in flight are answered, the job in flight is finished, then exit 0."""

from __future__ import annotations

import json
import signal
import time
from pathlib import Path

import psycopg

from service.db.embedded import EmbeddedPostgres
from tests.faults.helpers import (
    ADMIN_HEADERS,
    SlowUpload,
    citations_locked,
    job_of,
    libpq_uri,
    serving,
    wait_until_a_job_waits_on_citations,
)
from tests.helpers import wait_until_no_postgres
from tests.jobs.test_worker_crash import ARTICLE

SHUTDOWN_TIMEOUT_SECONDS = 20
STILL_DRAINING_AFTER_SECONDS = 1.0


def test_sigterm_finishes_the_request_and_the_job_in_flight_then_exits_0(
    tmp_path: Path,
) -> None:
    article = {
        "text": ARTICLE.text,
        "published_on": str(ARTICLE.published_on),
        "language": "en",
    }
    normalize = json.dumps({"text": "Revenue rose to €1.2 billion in 2030.", "lang": "en"})
    pgdata = tmp_path.resolve() / "pgdata"
    with serving(tmp_path, shutdown_timeout=str(SHUTDOWN_TIMEOUT_SECONDS)) as server:
        uri = libpq_uri(pgdata)
        with citations_locked(uri):
            job_id = job_of(server.post("/v1/admin/sources", json=article, headers=ADMIN_HEADERS))
            wait_until_a_job_waits_on_citations(uri, within_seconds=30)
            upload = SlowUpload(server.port, "/v1/normalize", normalize.encode())
            upload.wait_until_served(server, within_seconds=10)

            server.process.send_signal(signal.SIGTERM)
            time.sleep(STILL_DRAINING_AFTER_SECONDS)
            assert server.process.poll() is None, "serve must wait for the request in flight"
            status, body = upload.finish()
            time.sleep(STILL_DRAINING_AFTER_SECONDS)
            assert server.process.poll() is None, "serve must wait for the job in flight"

        assert server.process.wait(timeout=SHUTDOWN_TIMEOUT_SECONDS) == 0, server.log_tail()

    assert status == 200, body
    assert json.loads(body)["quantities"][0]["unit"] == "USD"
    assert wait_until_no_postgres(pgdata, seconds=5) == []
    with EmbeddedPostgres(tmp_path), psycopg.connect(libpq_uri(pgdata)) as connection:
        job = connection.execute(
            "SELECT status, attempts FROM ingest_jobs WHERE id = %s", (job_id,)
        ).fetchone()
    assert job == ("succeeded", 1)


def test_sigterm_with_a_job_that_cannot_finish_exits_in_time_and_queues_the_job_again(
    tmp_path: Path,
) -> None:
    article = {
        "text": ARTICLE.text,
        "published_on": str(ARTICLE.published_on),
        "language": "en",
    }
    bound = 3
    pgdata = tmp_path.resolve() / "pgdata"
    with serving(tmp_path, shutdown_timeout=str(bound)) as server:
        uri = libpq_uri(pgdata)
        with citations_locked(uri):  # the job blocks on its insert and never finishes by itself
            job_id = job_of(server.post("/v1/admin/sources", json=article, headers=ADMIN_HEADERS))
            wait_until_a_job_waits_on_citations(uri, within_seconds=30)
            signalled = time.monotonic()
            server.process.send_signal(signal.SIGTERM)
            assert server.process.wait(timeout=bound + 15) == 0, server.log_tail()
            took = time.monotonic() - signalled

    assert took <= bound + 10, took
    with EmbeddedPostgres(tmp_path), psycopg.connect(libpq_uri(pgdata)) as connection:
        job = connection.execute(
            "SELECT status, attempts FROM ingest_jobs WHERE id = %s", (job_id,)
        ).fetchone()
    assert job == ("queued", 0)
