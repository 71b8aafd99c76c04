"""kill -9 of `serve` and its embedded PostgreSQL during 30 concurrent submissions.

After a restart on the same data directory: every article answered 202 is stored and its job
ends `succeeded`; every key is accepted again on resubmission (its dead claim is released once
the idempotency lease runs out); no key is left in progress and no article is stored twice.
"""

from __future__ import annotations

from pathlib import Path

from tests.faults.helpers import libpq_uri, serving
from tests.faults.submissions import (
    MARK,
    articles,
    fire_and_kill,
    jobs_of_the_round,
    resubmit_until_accepted,
    rows,
    wait_until_jobs_end,
)

SUBMISSIONS = 30
KILL_AFTER_ANSWERS = 10
LEASE_SECONDS = 3
JOBS_END_WITHIN_SECONDS = 150
"""Jobs cut off by the crash are taken again once their heartbeat is stale (30 s)."""


def test_kill_9_during_concurrent_submissions_loses_nothing_and_sticks_no_key(
    tmp_path: Path,
) -> None:
    batch = articles(SUBMISSIONS)
    pgdata = tmp_path.resolve() / "pgdata"
    with serving(tmp_path, idempotency_lease=str(LEASE_SECONDS)) as server:
        before = fire_and_kill(server, pgdata, batch, KILL_AFTER_ANSWERS)
    accepted = before.accepted()

    with serving(tmp_path, idempotency_lease=str(LEASE_SECONDS)) as server:
        uri = libpq_uri(pgdata)
        stored = jobs_of_the_round(uri)
        assert set(accepted.values()) <= set(stored), "an article answered 202 was lost"
        again = {
            key: resubmit_until_accepted(server, key, article, within_seconds=LEASE_SECONDS + 10)
            for key, article in zip(before.answers, batch, strict=True)
        }
        statuses = {key: answer.status_code for key, answer in again.items()}
        assert set(statuses.values()) <= {200, 202}, statuses
        for key, job_id in accepted.items():
            assert again[key].json()["job"]["id"] == job_id
        jobs = wait_until_jobs_end(uri, JOBS_END_WITHIN_SECONDS)
        stuck = rows(uri, "SELECT key FROM idempotency_keys WHERE status = 'in_progress'")
        sources = rows(
            uri, f"SELECT count(*), count(DISTINCT text) FROM sources WHERE text LIKE '%{MARK}%'"
        )

    assert set(jobs.values()) == {"succeeded"}, jobs
    assert len(jobs) == SUBMISSIONS
    assert stuck == []
    assert sources == [(SUBMISSIONS, SUBMISSIONS)]
