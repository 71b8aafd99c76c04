"""Request ids on every answer and log line, JSON logs, and the Prometheus metrics."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from litestar.datastructures import State
from prometheus_client import REGISTRY
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.db.engine import create_engine, create_sessionmaker
from service.jobs.ingestion import IngestionRunner
from service.settings import Settings
from service.web.instruments import record_pool_use
from service.web.observability import (
    JsonFormatter,
    OneLineRecords,
    RequestIdFilter,
    TextFormatter,
    current_request_id,
)
from tests.admin.test_jobs import failing, submit
from tests.helpers import assert_problem

FIGURE_ROUTE = "/v1/figures/{figure_id}"


@pytest.fixture
def json_lines() -> Iterator[io.StringIO]:
    """What the root logger writes during the test, formatted as the service formats it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    previous_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield stream
    root.removeHandler(handler)
    root.setLevel(previous_level)


def logged(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def test_well_formed_client_request_id_is_echoed(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz", headers={"X-Request-ID": "lb-7f3a.01_B"})

    assert response.headers["x-request-id"] == "lb-7f3a.01_B"


@pytest.mark.parametrize("offered", ["", "has space", "é", "a" * 129, "semi;colon"])
async def test_malformed_client_request_id_is_replaced_by_a_new_one(
    client: httpx.AsyncClient, offered: str
) -> None:
    response = await client.get("/healthz", headers=[(b"X-Request-ID", offered.encode())])

    echoed = response.headers["x-request-id"]
    assert echoed != offered
    assert len(echoed) == 32
    int(echoed, 16)


async def test_unknown_route_problem_carries_a_generated_request_id(
    client: httpx.AsyncClient,
) -> None:
    first = await client.get("/v1/no-such-thing")
    second = await client.get("/v1/no-such-thing")

    assert_problem(first, 404)
    assert len(first.headers["x-request-id"]) == 32
    assert first.headers["x-request-id"] != second.headers["x-request-id"]


async def test_access_line_is_one_json_object_naming_the_request(
    client: httpx.AsyncClient, json_lines: io.StringIO
) -> None:
    await client.get("/v1/companies/no-such-company", headers={"X-Request-ID": "req-42"})

    access = [line for line in logged(json_lines) if line["logger"] == "aifacts.access"]
    assert len(access) == 1
    line = access[0]
    assert line["request_id"] == "req-42"
    assert (line["method"], line["path"], line["status"]) == (
        "GET",
        "/v1/companies/no-such-company",
        404,
    )
    assert line["level"] == "INFO"
    assert line["duration_ms"] >= 0
    assert line["timestamp"].endswith("+00:00")


def test_lines_carry_the_request_id_only_while_the_request_runs(json_lines: io.StringIO) -> None:
    log = logging.getLogger("aifacts.test")
    token = current_request_id.set("req-7")
    try:
        log.warning("inside %s", "the request")
    finally:
        current_request_id.reset(token)
    log.warning("outside")

    inside, outside = logged(json_lines)
    assert inside["message"] == "inside the request"
    assert inside["request_id"] == "req-7"
    assert inside["level"] == "WARNING"
    assert "request_id" not in outside


def test_exception_is_kept_inside_its_single_json_line(json_lines: io.StringIO) -> None:
    error = ValueError("broken\nacross lines")
    logging.getLogger("aifacts.test").error("failed", exc_info=error)

    (line,) = logged(json_lines)
    assert "ValueError: broken" in line["exception"]


def test_text_format_ends_lines_with_the_request_id() -> None:
    record = logging.LogRecord("aifacts.test", logging.INFO, __file__, 1, "hello", None, None)
    record.request_id = "req-9"

    assert TextFormatter().format(record).endswith("aifacts.test: hello [req-9]")


async def test_metrics_count_requests_by_route_template(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    labels = {"method": "GET", "route": FIGURE_ROUTE, "status_class": "4xx"}
    unmatched = {"method": "GET", "route": "<unmatched>", "status_class": "4xx"}
    before = sample("aifacts_http_request_duration_seconds_count", **labels)
    before_unmatched = sample("aifacts_http_request_duration_seconds_count", **unmatched)

    await client.get("/v1/figures/999999999")
    await client.get("/v1/figures/999999998")
    await client.get("/v1/not/a/route")
    scraped = await client.get("/metrics")

    assert scraped.status_code == 200
    assert scraped.headers["content-type"].startswith("text/plain")
    assert sample("aifacts_http_request_duration_seconds_count", **labels) == before + 2
    assert sample("aifacts_http_request_duration_seconds_count", **unmatched) == (
        before_unmatched + 1
    )
    assert f'route="{FIGURE_ROUTE}"' in scraped.text
    assert "/v1/figures/999999999" not in scraped.text
    assert "aifacts_http_requests_in_flight 1.0" in scraped.text


async def test_metrics_endpoint_is_not_in_the_api_document(client: httpx.AsyncClient) -> None:
    document = (await client.get("/schema/openapi.json")).json()

    assert "/metrics" not in document["paths"]


async def test_failed_job_is_counted_with_its_duration(
    client: httpx.AsyncClient, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    failed_before = sample("aifacts_ingest_jobs_total", outcome="failed")
    timed_before = sample("aifacts_ingest_job_duration_seconds_count", outcome="failed")
    job_id = await submit(client)

    await IngestionRunner(sessionmaker, extractor=failing).run(job_id)
    await IngestionRunner(sessionmaker, extractor=failing).run(10**9)

    assert sample("aifacts_ingest_jobs_total", outcome="failed") == failed_before + 1
    assert sample("aifacts_ingest_job_duration_seconds_count", outcome="failed") == (
        timed_before + 1
    )
    assert sample("aifacts_ingest_jobs_total", outcome="skipped") >= 1


async def test_pool_gauges_show_connections_in_use_and_pool_size(settings: Settings) -> None:
    engine = create_engine(settings)
    state = State({"sessionmaker": create_sessionmaker(engine)})
    try:
        async with engine.connect() as connection:
            await connection.exec_driver_sql("SELECT 1")
            record_pool_use(state)
            in_use = sample("aifacts_db_pool_checked_out_connections")
        record_pool_use(state)
    finally:
        await engine.dispose()

    assert in_use == 1
    assert sample("aifacts_db_pool_checked_out_connections") == 0
    assert sample("aifacts_db_pool_size") == settings.pool_size


def test_multiprocess_mode_aggregates_the_samples_of_every_process(tmp_path: Path) -> None:
    record_in_a_process = (
        "from service.web.instruments import record_request; "
        "record_request('GET', '/healthz', 200, 0.01)"
    )
    scrape = (
        "import sys; from service.web.instruments import exposition; print(exposition().decode())"
    )
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    for _ in range(2):
        subprocess.run([sys.executable, "-c", record_in_a_process], env=env, check=True)

    scraped = subprocess.run(
        [sys.executable, "-c", scrape], env=env, check=True, capture_output=True, text=True
    ).stdout

    assert (
        'aifacts_http_request_duration_seconds_count{method="GET",route="/healthz",'
        'status_class="2xx"} 2.0'
    ) in scraped


class _Kept(logging.Handler):
    """Keeps every record it is handed."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_multi_line_record_becomes_a_summary_then_its_lines_at_debug() -> None:
    logger = logging.getLogger("tests.one_line")
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    handler = _Kept()
    seen = handler.records
    logger.addHandler(handler)
    logger.addFilter(OneLineRecords())
    try:
        logger.info("ran a tool:\n%s\n\nstatus ok", "first output line\nsecond output line")
    finally:
        logger.removeHandler(handler)

    assert [(r.levelno, r.getMessage()) for r in seen] == [
        (
            logging.INFO,
            "ran a tool: first output line second output line status ok [4 lines at debug]",
        ),
        (logging.DEBUG, "| ran a tool:"),
        (logging.DEBUG, "| first output line"),
        (logging.DEBUG, "| second output line"),
        (logging.DEBUG, "| status ok"),
    ]


def _filtered(record_filter: OneLineRecords, level: int, message: str) -> list[tuple[int, str]]:
    logger = logging.getLogger(f"tests.one_line.{id(record_filter)}")
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    handler = _Kept()
    logger.addHandler(handler)
    logger.addFilter(record_filter)
    try:
        logger.log(level, "%s", message)
    finally:
        logger.removeHandler(handler)
    return [(r.levelno, r.getMessage()) for r in handler.records]


def test_failure_output_lines_stay_at_the_failures_level() -> None:
    seen = _filtered(OneLineRecords(), logging.ERROR, "command failed:\nreason one")

    assert seen == [
        (logging.ERROR, "command failed: reason one [2 lines at error]"),
        (logging.ERROR, "| command failed:"),
        (logging.ERROR, "| reason one"),
    ]


def test_joined_lines_make_one_whole_record() -> None:
    text = "module.py:1: SomeWarning: " + "long " * 100 + "\n  source_line()\n"

    seen = _filtered(OneLineRecords(lines=False), logging.WARNING, text)

    assert seen == [(logging.WARNING, " ".join(text.split()))]
