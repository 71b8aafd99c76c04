"""Prometheus instruments of the service and the `/metrics` scrape endpoint.

With several server processes, set `PROMETHEUS_MULTIPROC_DIR` to an empty directory shared
by them before they start: every process then writes its samples there and a scrape of any
one of them aggregates all (prometheus-client's multiprocess mode).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, Final

from litestar import Litestar, Response, get
from litestar.datastructures import State
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import QueuePool

MULTIPROCESS_DIR_VARIABLE: Final = "PROMETHEUS_MULTIPROC_DIR"

request_duration = Histogram(
    "aifacts_http_request_duration_seconds",
    "Time to answer an HTTP request, by method, route template and status class.",
    ["method", "route", "status_class"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
requests_in_flight = Gauge(
    "aifacts_http_requests_in_flight",
    "HTTP requests being answered now.",
    multiprocess_mode="livesum",
)
ingest_jobs = Counter(
    "aifacts_ingest_jobs_total",
    "Ingestion job attempts finished, by outcome (succeeded, failed, skipped, interrupted).",
    ["outcome"],
)
ingest_job_duration = Histogram(
    "aifacts_ingest_job_duration_seconds",
    "Time an ingestion job attempt took, by outcome.",
    ["outcome"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0),
)
pool_checked_out = Gauge(
    "aifacts_db_pool_checked_out_connections",
    "Database connections in use, taken from the pool.",
    multiprocess_mode="livesum",
)
pool_size = Gauge(
    "aifacts_db_pool_size",
    "Connections the database pool keeps open at most (overflow excluded).",
    multiprocess_mode="livesum",
)


_STATUS_CLASSES: Final = {status: f"{status // 100}xx" for status in range(100, 600)}
_request_series: dict[tuple[str, str, int], Any] = {}
"""The labelled histogram of each (method, route, status) seen, found once (`labels()` checks
and locks at every call)."""


def record_request(method: str, route: str, status: int, seconds: float) -> None:
    """Count one answered request under its route template (never its raw path)."""
    key = (method, route, status)
    series = _request_series.get(key)
    if series is None:
        status_class = _STATUS_CLASSES.get(status) or f"{status // 100}xx"
        series = _request_series.setdefault(
            key, request_duration.labels(method, route, status_class)
        )
    series.observe(seconds)


def record_job(outcome: str, seconds: float) -> None:
    """Count one finished ingestion job attempt."""
    ingest_jobs.labels(outcome).inc()
    ingest_job_duration.labels(outcome).observe(seconds)


_pool_sampled: list[tuple[QueuePool, int, int] | None] = [None]
"""The pool last sampled and the values set: a gauge is set only when a value changed."""


def record_pool_use(state: State) -> None:
    """Sample the pool of the application's engine (nothing when sessions are bound elsewhere)."""
    sessionmaker = getattr(state, "sessionmaker", None)
    engine = None if sessionmaker is None else sessionmaker.kw.get("bind")
    if not isinstance(engine, AsyncEngine):
        return
    pool = engine.sync_engine.pool
    if not isinstance(pool, QueuePool):
        return
    sample = (pool, pool.checkedout(), pool.size())
    last = _pool_sampled[0]
    if last is not None and last[0] is pool and last[1:] == sample[1:]:
        return
    pool_checked_out.set(sample[1])
    pool_size.set(sample[2])
    _pool_sampled[0] = sample


def exposition() -> bytes:
    """Every metric in the text exposition format, of all processes in multiprocess mode."""
    if os.environ.get(MULTIPROCESS_DIR_VARIABLE):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry)
    return generate_latest()


@get("/metrics", include_in_schema=False, sync_to_thread=False)
def prometheus_scrape(state: State) -> Response[bytes]:
    """The Prometheus scrape target."""
    record_pool_use(state)
    return Response(exposition(), media_type=CONTENT_TYPE_LATEST)


@asynccontextmanager
async def process_instruments(_: Litestar) -> AsyncIterator[None]:
    """Lifespan hook: in multiprocess mode, drop this process's live gauges when it exits."""
    try:
        yield
    finally:
        if os.environ.get(MULTIPROCESS_DIR_VARIABLE):
            multiprocess.mark_process_dead(os.getpid())  # type: ignore[no-untyped-call]
