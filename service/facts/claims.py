"""Claims: the advisory locks that serialise deciding whether a fact is already stored.

Two jobs stating the same new fact at once would each find it missing and store it twice;
each first takes the lock of the fact's claim (its key: company, metric and period of a
figure; kind and parties of a deal), held until its transaction ends.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

_LOCK_CLAIMS: Final = text(
    "SELECT count(pg_advisory_xact_lock(claim)) FROM ("
    " SELECT DISTINCT hashtextextended(key, 0) AS claim"
    " FROM unnest(CAST(:claims AS text[])) AS key ORDER BY claim) AS claims"
)


def figure_claim(company: str, metric: str, period_start: date, period_end: date) -> str:
    """The key of the lock deciding whether a figure of this company, metric and period exists."""
    return f"figure|{company}|{metric}|{period_start}|{period_end}"


def deal_claim(kind: str, companies: set[str]) -> str:
    """The key of the lock deciding whether a deal of this kind and parties exists."""
    return "|".join(["deal", kind, *sorted(companies)])


async def lock_claims(session: AsyncSession, claims: list[str]) -> None:
    """Take the locks of `claims` in one statement, waiting for those others hold.

    They are taken in a fixed order, so two transactions claiming the same facts cannot
    deadlock.
    """
    await session.execute(_LOCK_CLAIMS, {"claims": claims})
