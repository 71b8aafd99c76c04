"""Who is changing facts in the current transaction, for the version history."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

REFERENCE_ACTOR = "reference"
"""The bundled reference data."""
BULK_ACTOR = "bulk"
"""A bulk load through `service.facts.bulk`."""


def job_actor(job_id: int) -> str:
    """The actor name of an ingestion job."""
    return f"job:{job_id}"


def token_actor(token_name: str) -> str:
    """The actor name of an admin token."""
    return f"token:{token_name}"


async def act_as(session: AsyncSession | AsyncConnection, actor: str) -> None:
    """Record `actor` as the author of every fact version written until the transaction ends.

    The version triggers read the transaction-local setting `aifacts.actor`; without it they
    record `system`.
    """
    await session.execute(select(func.set_config("aifacts.actor", actor, True)))
