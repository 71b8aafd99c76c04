"""An ingestion worker inside the API process, for the single-machine default."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

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
        from service.jobs.worker import Worker

        worker = Worker(
            settings.database_url, IngestionRunner.configured(app.state.sessionmaker, settings)
        )
        task = asyncio.create_task(worker.run())
        task.add_done_callback(_report_crash)
        try:
            yield
        finally:
            worker.stop()
            await asyncio.wait({task})

    return lifespan


def _report_crash(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and (error := task.exception()) is not None:
        logger.error("the in-process ingestion worker stopped", exc_info=error)
