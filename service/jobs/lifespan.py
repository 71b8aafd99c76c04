"""An ingestion worker inside the API process, for the single-machine default."""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager, contextmanager
from typing import Any

from litestar import Litestar

from service.settings import Settings

logger = logging.getLogger(__name__)


def in_process_worker(
    settings: Settings,
) -> Callable[[Litestar], AbstractAsyncContextManager[None]]:
    """A lifespan hook running a worker beside the API when `settings.run_worker` is set.

    It uses the application's sessionmaker, so it must come after the hook that creates it.
    On shutdown it stops taking jobs and waits for the ones in flight.
    """

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        if not settings.run_worker or settings.database_url is None:
            yield
            return
        # Imported here so that an API without a worker never loads the extraction pipeline.
        from service.jobs.ingestion import IngestionRunner
        from service.jobs.worker import Worker, scheduled_tasks

        sessionmaker = app.state.sessionmaker
        worker = Worker(
            settings.database_url,
            IngestionRunner.configured(sessionmaker, settings),
            scheduled=scheduled_tasks(sessionmaker, settings),
        )
        task = asyncio.create_task(worker.run())
        task.add_done_callback(_report_crash)
        loop = asyncio.get_running_loop()
        grace = float(settings.shutdown_timeout)
        with _on_stop_signal(lambda: loop.call_soon_threadsafe(worker.stop, grace)):
            try:
                yield
            finally:
                worker.stop(grace)
                await asyncio.wait({task})

    return lifespan


@contextmanager
def _on_stop_signal(callback: Callable[[], object]) -> Iterator[None]:
    """Call ``callback`` as soon as SIGTERM or SIGINT arrives, then the server's own handler.

    The server tells the lifespan only after it drained its requests; starting the worker's
    drain at the signal keeps the whole shutdown within one shutdown timeout.
    """
    stop_signals = (signal.SIGTERM, signal.SIGINT)
    try:
        previous = {signum: signal.getsignal(signum) for signum in stop_signals}
        for signum, handler in previous.items():
            signal.signal(signum, _chained(callback, handler))
    except ValueError:  # not the main thread: the server's signals are not ours to chain
        yield
        return
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _chained(callback: Callable[[], object], handler: Any) -> Callable[[int, Any], None]:
    def on_signal(signum: int, frame: Any) -> None:
        callback()
        if callable(handler):
            handler(signum, frame)

    return on_signal


def _report_crash(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and (error := task.exception()) is not None:
        logger.error("the in-process ingestion worker stopped", exc_info=error)
