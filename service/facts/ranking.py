"""Ranks of conflicting claims: which figure of a claim group is `preferred`.

A claim group is every figure about the same company, metric and period (same start and end).
Figures that agree are merged into one claim when they are stored (corroboration), so the
claims of a group disagree. Among the group's live (not deprecated) claims, the order is:

1. a stated number before a vague amount ("41 billion" outranks "tens of billions");
2. status `actual` before any other status (a reported number beats a forecast or estimate);
3. backed by a primary source (a citing source published on the company's own website host)
   before claims backed by secondary sources only;
4. more distinct corroborating sources;
5. more recent publication (the latest publication date among its sources; unknown last);
6. recorded first (lower id).

The first claim is `preferred`, the others `normal`; a deprecated claim's public rank is
`deprecated`. The stored `figures.rank` is refreshed by `refresh_figure_ranks` whenever a
group changes; as-of reads compute the same rank over a past snapshot with `ranked_claims`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, Final

from sqlalchemy import (
    ColumnElement,
    FromClause,
    Select,
    Subquery,
    and_,
    case,
    distinct,
    false,
    func,
    or_,
    select,
    tuple_,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from service.models import Citation, Company, Figure, Source

ClaimGroup = tuple[str, str, date, date]
"""(company slug, metric slug, period start, period end)."""

CLAIM_GROUP_COLUMNS: Final = ("company_slug", "metric_slug", "period_start", "period_end")

_HOST_PATTERN: Final = r"^[A-Za-z][A-Za-z0-9+.-]*://(?:www\.)?([^/:?#]+)"


def url_host(url: ColumnElement[Any] | InstrumentedAttribute[Any]) -> ColumnElement[str]:
    """The lower-cased host of a URL column, without a leading `www.` (NULL if none)."""
    return func.lower(func.substring(url, _HOST_PATTERN))


def claim_evidence(
    figures: FromClause, *, as_of: datetime | None = None, citations: FromClause | None = None
) -> Select[Any]:
    """One row per live claim of `figures`: its group, status and what its sources give it.

    `figures` is the figures table or a snapshot with the same column names; with `as_of`,
    only citations recorded by then, of sources retrieved by then, count. The company's
    website is today's. `citations` (default: the citations table) may be any relation with
    its `figure_id`, `source_id` (and, with `as_of`, `recorded_at`) columns, such as the
    citations of a bulk load staged before they land.
    """
    f = figures.c
    c = (Citation.__table__ if citations is None else citations).c
    cited = c.figure_id == f.id
    if as_of is not None:
        known_source = select(Source.id).where(Source.retrieved_at <= as_of)
        cited = and_(cited, c.recorded_at <= as_of, c.source_id.in_(known_source))
    primary = func.bool_or(url_host(Source.url) == url_host(Company.website))
    return (
        select(
            f.id,
            *(f[name] for name in CLAIM_GROUP_COLUMNS),
            f.status,
            f.vague,
            func.count(distinct(c.source_id)).label("corroboration"),
            func.max(Source.published_on).label("latest_publication"),
            func.coalesce(primary, false()).label("primary"),
        )
        .select_from(figures)
        .join(Company, Company.slug == f.company_slug)
        .outerjoin(Citation.__table__ if citations is None else citations, cited)
        .outerjoin(Source, Source.id == c.source_id)
        .where(f.deprecated_at.is_(None))
        .group_by(
            f.id, *(f[name] for name in CLAIM_GROUP_COLUMNS), f.status, f.vague, Company.website
        )
    )


def claim_rank(evidence: Subquery) -> ColumnElement[str]:
    """`preferred` for the first claim of each group of `evidence` by the rule, else `normal`."""
    e = evidence.c
    position = func.row_number().over(
        partition_by=[e[name] for name in CLAIM_GROUP_COLUMNS],
        order_by=[
            e.vague,
            (e.status == "actual").desc(),
            e.primary.desc(),
            e.corroboration.desc(),
            e.latest_publication.desc().nulls_last(),
            e.id,
        ],
    )
    return case((position == 1, "preferred"), else_="normal")


def ranked_claims(
    figures: FromClause,
    *,
    as_of: datetime | None = None,
    where: Iterable[ColumnElement[bool]] = (),
    citations: FromClause | None = None,
) -> Subquery:
    """(id, rank) of every live claim of `figures`, ranked within its whole group.

    `where` may narrow the groups (by company, metric or period: whole groups only, never
    by a condition that could drop some claims of a group); `citations` as in `claim_evidence`.
    """
    claims = claim_evidence(figures, as_of=as_of, citations=citations).where(*where)
    evidence = claims.subquery("evidence")
    return select(evidence.c.id, claim_rank(evidence).label("rank")).subquery("ranked")


def group_of(figure: Figure) -> ClaimGroup:
    """The claim group of a stored figure."""
    return (figure.company_slug, figure.metric_slug, figure.period_start, figure.period_end)


async def refresh_figure_ranks(session: AsyncSession, groups: Iterable[ClaimGroup] | None) -> int:
    """Store the rank of every claim of `groups` (every group if None); the claims re-ranked.

    A changed rank also moves the figure's `updated_at`, so change feeds see it.
    """
    group = tuple_(*(Figure.__table__.c[name] for name in CLAIM_GROUP_COLUMNS))
    candidates = select(*(Figure.__table__.c[name] for name in CLAIM_GROUP_COLUMNS)).where(
        Figure.deprecated_at.is_(None)
    )
    if groups is not None:
        keys = sorted(set(groups))
        if not keys:
            return 0
        candidates = candidates.where(group.in_(keys))
    # A lone live claim stored as preferred is already right: rank only groups with rivals, or
    # with a claim stored as normal (its rivals may have been deprecated since).
    contested = candidates.group_by(group).having(
        or_(func.count() > 1, func.bool_or(Figure.rank == "normal"))
    )
    where = [group.in_(contested)]
    ranked = ranked_claims(Figure.__table__, where=where)
    result = await session.execute(
        update(Figure)
        .where(Figure.id == ranked.c.id, Figure.rank != ranked.c.rank)
        .values(rank=ranked.c.rank, updated_at=func.now())
        .execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)
