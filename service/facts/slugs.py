"""Company and metric slugs of list filters: matched whatever their case, unknown ones refused.

A step of its own before any read: `SlugResolver.filters` turns the `company` and `metric` of
a filter into the stored slugs, so the reads compare slugs as stored. The lookup is one indexed
query per slug (`lower(slug)`); the nearest known slugs are looked for only when a slug names
nothing, by a trigram KNN query that stops after `NEAREST` rows (a GiST index on companies,
over `SLUG_TRIGRAM_KEY`; the metric catalogue is a few dozen rows).

Call it from the handler, not from a dependency: an error raised while Litestar resolves
dependencies skips the cleanup of those already resolved, and the request's session would
keep its pooled connection for good.
"""

from __future__ import annotations

from typing import Any, Final, TypeVar

import msgspec
from litestar.di import NamedDependency
from sqlalchemy import Text, bindparam, func, literal_column, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from service.db.prepared import Prepared
from service.domain.errors import UnknownNameError
from service.models import Company, Metric
from service.models.catalog import SLUG_TRIGRAM_KEY

NEAREST: Final = 3
"""How many known slugs an error names at most."""
MAX_DISTANCE: Final = 0.8
"""Trigram distance (1 - similarity) beyond which a known slug is not offered as near."""


F = TypeVar("F", bound=msgspec.Struct)


def _lookup(column: InstrumentedAttribute[str]) -> Prepared:
    """The stored slugs equal to `key` whatever their case (a few at most)."""
    return Prepared(
        select(column).where(func.lower(column) == bindparam("key")).order_by(column).limit(10)
    )


def _nearest(column: InstrumentedAttribute[str]) -> Prepared:
    """The `NEAREST` stored slugs closest to `key` by trigrams, with their distance."""
    table: str = column.class_.__tablename__
    trigram_key = literal_column(SLUG_TRIGRAM_KEY.format(column=f"{table}.{column.key}"), Text)
    distance = trigram_key.op("<->")(bindparam("key"))
    return Prepared(
        select(column, distance.label("distance")).order_by(distance, column).limit(NEAREST)
    )


_KINDS: Final = {
    "company": (_lookup(Company.slug), _nearest(Company.slug), "/v1/companies"),
    "metric": (_lookup(Metric.slug), _nearest(Metric.slug), "/v1/metrics"),
}


SLUG_FILTERS: Final = frozenset(_KINDS)
"""The filter parameters naming a company or metric by slug."""


def names_slugs(filters: msgspec.Struct) -> bool:
    """Whether `filters` has a company or metric slug to resolve."""
    return any(getattr(filters, parameter, None) for parameter in _KINDS)


class SlugResolver:
    """Finds the stored slug of a company or metric named in a query string."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def canonical(self, parameter: str, slug: str) -> str | None:
        """The stored slug equal to `slug` whatever its case (itself first), else None."""
        lookup, _, _ = _KINDS[parameter]
        found = [row[0] for row in await lookup.fetch(self.session, key=slug.lower())]
        return slug if slug in found else next(iter(found), None)

    async def known(self, parameter: str, slug: str) -> str:
        """The stored slug of `slug`; UnknownNameError (422) naming the nearest if none."""
        if (stored := await self.canonical(parameter, slug)) is not None:
            return stored
        _, nearest_query, listing = _KINDS[parameter]
        rows = await nearest_query.fetch(self.session, key=slug.lower())
        nearest = [row[0] for row in rows if row.distance <= MAX_DISTANCE]
        hint = " or ".join(repr(name) for name in nearest)
        advice = f"did you mean {hint}?" if nearest else f"see {listing}"
        raise UnknownNameError(parameter, f"unknown {parameter} {slug!r}; {advice}", nearest)

    async def filters(self, filters: F) -> F:
        """`filters` with its `company` and `metric` (where it has them) as stored.

        An empty value filters nothing, as before: it is left as it is.
        """
        changes: dict[str, Any] = {}
        for parameter in _KINDS:
            given = getattr(filters, parameter, None)
            if given:
                changes[parameter] = await self.known(parameter, given)
        return msgspec.structs.replace(filters, **changes) if changes else filters


async def provide_slug_resolver(db_session: NamedDependency[AsyncSession]) -> SlugResolver:
    """A slug resolver on the request's session."""
    return SlugResolver(db_session)
