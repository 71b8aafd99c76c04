"""Rate-limit counts shared by every process through PostgreSQL, off the request path.

A request is decided from memory (`FixedWindow.hit`); a task of each process adds the hits it
counted since its last flush to the UNLOGGED `rate_limit_counts` table every `FLUSH_SECONDS`,
in one statement that also returns the totals of every process, which the next decisions use.
A client can thus exceed its quota by what the other processes let through in one flush
interval. If the database is unreachable, each process goes on counting alone.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Final

from litestar import Litestar
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.web.limits import FixedWindow

logger = logging.getLogger(__name__)

FLUSH_SECONDS: Final = 0.25
"""How often each process adds its counts to the shared ones (and learns the others')."""
_ADD_HITS: Final = text(
    """
    WITH expired AS (DELETE FROM rate_limit_counts WHERE window_start < :window)
    INSERT INTO rate_limit_counts AS counted (client, window_start, hits)
    SELECT client, :window, hits
    FROM unnest(CAST(:clients AS text[]), CAST(:hits AS integer[])) AS new (client, hits)
    ON CONFLICT (client, window_start) DO UPDATE SET hits = counted.hits + excluded.hits
    RETURNING client, hits
    """
)


async def flush(window: FixedWindow, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
    """Add this process's new hits to the shared counts and take back the totals."""
    number, sent = window.unshared()
    if not sent:
        return
    async with sessionmaker() as session, session.begin():
        rows = await session.execute(
            _ADD_HITS, {"window": number, "clients": list(sent), "hits": list(sent.values())}
        )
        totals: dict[str, int] = dict(rows.tuples().all())
    window.absorb(number, sent, totals)


async def _flush_forever(
    window: FixedWindow, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    while True:
        await asyncio.sleep(FLUSH_SECONDS)
        try:
            await flush(window, sessionmaker)
        except (SQLAlchemyError, OSError):
            logger.warning("rate limits: could not share the counts; counting alone for now")


def shared_counts(
    window: FixedWindow,
) -> Callable[[Litestar], AbstractAsyncContextManager[None]]:
    """A lifespan hook sharing `window`'s counts through the app's database while it runs.

    It uses the application's sessionmaker, so it must come after the hook that creates it.
    """

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        task = asyncio.create_task(_flush_forever(window, app.state.sessionmaker))
        try:
            yield
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    return lifespan
