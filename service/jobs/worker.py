"""The ingestion worker: takes jobs from the queue until told to stop, then drains.

Any number of workers may run against one database, on any machine; the queue hands each
job to one of them. A worker that dies mid-job stops sending heartbeats, and after
`heartbeat_timeout` another worker takes the job again. A worker that loses the database
reconnects once it is back, and then takes again the jobs it was holding.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable, Mapping
from contextlib import suppress
from datetime import timedelta
from typing import Any, Final

import asyncpg
from pgqueuer import AsyncpgDriver, Job, Queries, QueueManager, SchedulerManager
from pgqueuer.models import Schedule
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.db.engine import create_engine, create_sessionmaker
from service.jobs.ingestion import IngestionRunner
from service.jobs.queue import INGEST_ENTRYPOINT, job_id_of
from service.settings import Settings

logger = logging.getLogger(__name__)

DEFAULT_HEARTBEAT_TIMEOUT: Final = timedelta(seconds=30)
IDLE_POLL: Final = timedelta(seconds=5)
"""How long to wait for a NOTIFY before looking at the queue again."""
FIRST_RECONNECT_DELAY: Final = 0.5
LAST_RECONNECT_DELAY: Final = 8.0
"""Seconds between attempts to reach a lost database: doubling from the first to the last."""
CONNECTION_LOST: Final = (
    OSError,
    asyncpg.InterfaceError,
    asyncpg.PostgresConnectionError,
    asyncpg.exceptions.OperatorInterventionError,
)
"""What the queue raises when the server goes away, restarts or refuses connections."""

FEED_POLL_TASK: Final = "poll_feeds"
FEED_POLL_CRON: Final = "* * * * *"
"""Every minute, the due feeds are polled (each feed has its own interval)."""

Scheduled = Mapping[str, tuple[str, Callable[[], Awaitable[object]]]]
"""Tasks the queue's scheduler runs: name -> (cron expression, task). Among all workers on
one database, one runs each task at each time the expression names."""


def libpq_url(database_url: str) -> str:
    """The URL asyncpg connects with, whatever SQLAlchemy driver `database_url` names."""
    return make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)


class Worker:
    """Runs up to `concurrency` ingestion jobs at a time from the queue."""

    def __init__(
        self,
        database_url: str,
        runner: IngestionRunner,
        *,
        concurrency: int = 1,
        heartbeat_timeout: timedelta = DEFAULT_HEARTBEAT_TIMEOUT,
        scheduled: Scheduled | None = None,
    ) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        self.database_url = database_url
        self.runner = runner
        self.concurrency = concurrency
        self.heartbeat_timeout = heartbeat_timeout
        self.scheduled = dict(scheduled or {})
        self.stopping = asyncio.Event()
        self._slots = asyncio.Semaphore(concurrency)
        self._running: asyncio.Task[Any] | None = None
        self._deadline: asyncio.TimerHandle | None = None

    def stop(self, grace: float | None = None) -> None:
        """Take no further jobs; `run` returns once the jobs in flight are finished.

        With ``grace`` seconds, jobs still running then are cut off and handed back to the
        queue (their ingestion job is queued again), so that stopping always ends.
        """
        self.stopping.set()
        if grace is not None and self._running is not None and self._deadline is None:
            self._deadline = asyncio.get_running_loop().call_later(grace, self._running.cancel)

    async def run(self) -> None:
        """Process jobs until `stop` is called, reconnecting whenever the database is lost."""
        self._running = asyncio.current_task()
        try:
            await self._run()
        except asyncio.CancelledError:
            if self._deadline is None:
                raise
            logger.warning("ingestion worker cut off its jobs in flight at the shutdown deadline")
        finally:
            if self._deadline is not None:
                self._deadline.cancel()

    async def _run(self) -> None:
        delay = FIRST_RECONNECT_DELAY
        while not self.stopping.is_set():
            try:
                connection = await asyncpg.connect(libpq_url(self.database_url))
            except CONNECTION_LOST as error:
                delay = await self._wait_to_reconnect(error, delay)
                continue
            delay = FIRST_RECONNECT_DELAY
            try:
                await self._take_jobs(connection)
            except CONNECTION_LOST as error:
                delay = await self._wait_to_reconnect(error, delay)
            finally:
                with suppress(*CONNECTION_LOST):
                    await connection.close(timeout=5)

    async def _wait_to_reconnect(self, error: BaseException, delay: float) -> float:
        """Sleep `delay` seconds unless stopped first; return the delay to use next."""
        logger.warning(
            "ingestion worker lost the database (%s); retrying in %.1f s",
            type(error).__name__,
            delay,
        )
        with suppress(TimeoutError):
            await asyncio.wait_for(self.stopping.wait(), timeout=delay)
        return min(delay * 2, LAST_RECONNECT_DELAY)

    async def _take_jobs(self, connection: asyncpg.Connection) -> None:
        """Run the queue on `connection` until stopped or the connection fails.

        With scheduled tasks, the scheduler runs beside it on a connection of its own.
        """
        manager = QueueManager(Queries(AsyncpgDriver(connection)))
        manager.entrypoint(INGEST_ENTRYPOINT)(self._ingest)
        managers: list[QueueManager | SchedulerManager] = [manager]
        scheduler_connection = None
        if self.scheduled:
            scheduler_connection = await asyncpg.connect(libpq_url(self.database_url))
            managers.append(self._scheduler(scheduler_connection))
        stopper = asyncio.create_task(self._stop_on_request(managers))
        logger.info("ingestion worker started (concurrency %d)", self.concurrency)
        try:
            async with asyncio.TaskGroup() as group:
                # The queue lets a worker claim no fewer than two jobs at once; the
                # semaphore keeps the number actually running at `concurrency`.
                group.create_task(
                    manager.run(
                        dequeue_timeout=IDLE_POLL,
                        batch_size=1,
                        max_concurrent_tasks=max(2, self.concurrency),
                        heartbeat_timeout=self.heartbeat_timeout,
                    )
                )
                for scheduler in managers[1:]:
                    group.create_task(scheduler.run())
        except* CONNECTION_LOST as errors:
            raise errors.exceptions[0] from None
        finally:
            stopper.cancel()
            with suppress(asyncio.CancelledError):
                await stopper
            if scheduler_connection is not None:
                with suppress(*CONNECTION_LOST):
                    await scheduler_connection.close(timeout=5)
            logger.info("ingestion worker stopped")

    def _scheduler(self, connection: asyncpg.Connection) -> SchedulerManager:
        """The queue's scheduler on `connection`, running the worker's scheduled tasks."""
        scheduler = SchedulerManager(Queries(AsyncpgDriver(connection)))
        for name, (expression, task) in self.scheduled.items():
            scheduler.schedule(name, expression)(_crontab(task))
        return scheduler

    async def _stop_on_request(self, managers: list[QueueManager | SchedulerManager]) -> None:
        await self.stopping.wait()
        for manager in managers:
            manager.shutdown.set()

    async def _ingest(self, job: Job) -> None:
        async with self._slots:
            await self.runner.run(job_id_of(job.payload))


def _crontab(task: Callable[[], Awaitable[object]]) -> Callable[[Schedule], Awaitable[None]]:
    """The scheduler's view of a task: called with the schedule that fired."""

    async def run_task(_schedule: Schedule) -> None:
        await task()

    return run_task


def scheduled_tasks(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> Scheduled:
    """The tasks every worker offers the queue's scheduler: polling the due news feeds."""
    from service.feeds.polling import FeedPoller  # feeds submit sources as the admin API does

    poller = FeedPoller.configured(sessionmaker, settings)
    return {FEED_POLL_TASK: (FEED_POLL_CRON, poller.poll_due)}


async def run_until_signalled(
    settings: Settings, concurrency: int, heartbeat_timeout: timedelta
) -> None:
    """Run a worker on its own engine until SIGINT or SIGTERM, then drain and return."""
    if settings.database_url is None:
        raise RuntimeError("no database URL: start the embedded server first")
    engine = create_engine(settings)
    sessionmaker = create_sessionmaker(engine)
    worker = Worker(
        settings.database_url,
        IngestionRunner.configured(sessionmaker, settings),
        concurrency=concurrency,
        heartbeat_timeout=heartbeat_timeout,
        scheduled=scheduled_tasks(sessionmaker, settings),
    )
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, worker.stop, settings.shutdown_timeout)
    try:
        await worker.run()
    finally:
        await engine.dispose()
