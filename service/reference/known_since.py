"""When the reference data counts as known: from its sources' publication, not from its load.

The bundled reference data is a backfill of what was public before the service existed. So
that as-of reads answer "what was known on 2025-09-01" usefully and without look-ahead, a
reference fact, its citations and its sources count as known from the start (UTC) of the
publication day of the fact's earliest source; the catalogue it brings (companies, metrics)
from the earliest publication day of any reference source. Only what the reference load itself
recorded moves, and only backwards: a fact ingested or curated keeps the instant it was stored.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Final

from sqlalchemy import TextClause, bindparam, text
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.actor import REFERENCE_ACTOR

_SOURCES: Final = text("""
UPDATE sources s SET retrieved_at = (s.published_on::timestamp AT TIME ZONE 'UTC')
WHERE s.id IN :ids AND s.published_on IS NOT NULL
  AND s.retrieved_at > (s.published_on::timestamp AT TIME ZONE 'UTC')
""").bindparams(bindparam("ids", expanding=True))

_CITATIONS: Final = text("""
UPDATE citations c SET recorded_at = (s.published_on::timestamp AT TIME ZONE 'UTC')
FROM sources s
WHERE s.id = c.source_id AND s.id IN :ids AND s.published_on IS NOT NULL
  AND c.recorded_at > (s.published_on::timestamp AT TIME ZONE 'UTC')
""").bindparams(bindparam("ids", expanding=True))


def _first_versions_sql(fact: str) -> TextClause:
    """Move version 1 of each reference `fact` ("figure" or "deal") back to its first source.

    Only versions the reference load recorded move, to the earliest publication day.
    """
    return text(f"""
UPDATE {fact}_versions v SET recorded_at = first.known
FROM (
    SELECT c.{fact}_id AS id, min(s.published_on::timestamp AT TIME ZONE 'UTC') AS known
    FROM citations c JOIN sources s ON s.id = c.source_id
    WHERE c.{fact}_id IS NOT NULL AND s.published_on IS NOT NULL
    GROUP BY c.{fact}_id
) first
WHERE v.id = first.id AND v.version = 1 AND v.recorded_by = :actor
  AND v.recorded_at > first.known
  AND (v.superseded_at IS NULL OR v.superseded_at > first.known)
""")  # noqa: S608 (fact is one of two literals of this module)


_FIRST_VERSIONS: Final = (_first_versions_sql("figure"), _first_versions_sql("deal"))

_CATALOGUE: Final = text("""
WITH earliest AS (
    SELECT min(s.published_on::timestamp AT TIME ZONE 'UTC') AS known
    FROM sources s WHERE s.id IN :ids
), companies AS (
    UPDATE company_versions v SET recorded_at = earliest.known
    FROM earliest
    WHERE v.version = 1 AND v.recorded_by = :actor AND v.recorded_at > earliest.known
      AND (v.superseded_at IS NULL OR v.superseded_at > earliest.known)
)
UPDATE metrics m SET created_at = earliest.known
FROM earliest WHERE m.created_at > earliest.known
""").bindparams(bindparam("ids", expanding=True))


async def backdate_reference_knowledge(session: AsyncSession, source_ids: Collection[int]) -> None:
    """Move what this reference load recorded back to when its sources made it public."""
    if not source_ids:
        return
    ids = sorted(source_ids)
    await session.execute(_SOURCES, {"ids": ids})
    await session.execute(_CITATIONS, {"ids": ids})
    for versions in _FIRST_VERSIONS:
        await session.execute(versions, {"actor": REFERENCE_ACTOR})
    await session.execute(_CATALOGUE, {"ids": ids, "actor": REFERENCE_ACTOR})
