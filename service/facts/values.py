"""Value shapes shared by figures and deals: amounts, originals, FX and citations."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal, localcontext
from functools import cache
from typing import Annotated, Any, Final

import msgspec
from sqlalchemy import ARRAY, BigInteger, FromClause, Select, Subquery, any_, bindparam, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from service.db.prepared import Prepared
from service.facts.rows import CitationShape, ValueShape
from service.models import Citation, Deal, DealVersion, Figure, FigureVersion, Source
from service.normalize.fx import usd_rate
from service.normalize.types import UnknownCurrencyError
from service.web.http import Base
from service.web.params import AsOf, DisplayCurrency, Include, display_currency, past_instant

ConfidenceSignals = dict[str, str | bool | int]
CONFIDENCE_DESCRIPTION: Final = (
    "How much the extraction trusts this fact, from 0 to 1: 1 for curated and reference "
    "facts; raised as more sources state it."
)
SIGNALS_DESCRIPTION: Final = (
    "What the confidence was computed from: where the company came from (`company`: named or "
    "topic; `company_distance` in characters), `hedged`, `vague`, `no_status_cue`, "
    "`no_period`, `headline_only`, deal `parties`, `sources` stating it; `curated` when a "
    "curator set it. Empty for reference facts."
)
VAGUE_DESCRIPTION: Final = (
    'True when no number was stated ("tens of billions", "des billions"): `low` and '
    "`high` are the range the words allow and `value` only its midpoint. Frames leave vague "
    "amounts out."
)
DISPLAY_QUANTUM: Final = Decimal("0.01")
"""Displayed amounts are rounded to hundredths (half to even)."""
AMOUNT_COLUMNS: Final = (
    "value",
    "unit",
    "bound",
    "low",
    "high",
    "original_text",
    "original_value",
    "original_unit",
    "fx_rate",
    "fx_date",
    "fx_source",
    "vague",
)
"""Columns of a figure or deal row that `original_of`, `fx_of` and `display_of` read (and
whether its amount is vague)."""
DEPRECATION_COLUMNS: Final = ("deprecated_at", "deprecated_reason")
"""Columns of a figure or deal row that `deprecation_of` reads."""


class Original(Base):
    """The value as the source wrote it."""

    text: Annotated[str | None, msgspec.Meta(description="The words of the source, verbatim.")]
    value: Annotated[
        Decimal | None, msgspec.Meta(description="The number written, scaled, in `unit`.")
    ]
    unit: Annotated[
        str | None,
        msgspec.Meta(description="Currency (ISO 4217) or unit as written, e.g. `EUR`, `GW`."),
    ]


class Fx(Base):
    """The exchange rate used to reach the canonical USD value."""

    rate: Annotated[Decimal, msgspec.Meta(description="USD per one unit of the original currency.")]
    date: Annotated[date, msgspec.Meta(description="The reference date of the rate.")]
    source: Annotated[str, msgspec.Meta(description="Who published the rate (`ECB`).")]


class Display(Base):
    """A money value shown in another currency; the canonical USD fields stay authoritative."""

    currency: Annotated[str, msgspec.Meta(description="The currency asked for (ISO 4217).")]
    value: Annotated[Decimal, msgspec.Meta(description="The value in `currency`, to 0.01.")]
    low: Annotated[Decimal | None, msgspec.Meta(description="Lower bound in `currency`.")]
    high: Annotated[Decimal | None, msgspec.Meta(description="Upper bound in `currency`.")]
    rate: Annotated[
        Decimal,
        msgspec.Meta(description="US dollars per one unit of `currency`: value = USD ÷ rate."),
    ]
    rate_date: Annotated[date, msgspec.Meta(description="The ECB reference day of the rate.")]
    rate_source: Annotated[str, msgspec.Meta(description="Who published the rate (`ECB`).")]


class Deprecation(Base):
    """Why and when a curator withdrew a fact."""

    at: Annotated[datetime, msgspec.Meta(description="When the fact was deprecated.")]
    reason: Annotated[str, msgspec.Meta(description="Why it was deprecated.")]


class Reading(msgspec.Struct, frozen=True, kw_only=True):
    """How facts are read: as of which instant, which ranks, in which display currency."""

    as_of: datetime | None = None
    include_all: bool = False
    currency: str | None = None


TODAY: Final = Reading()
"""Today's facts, preferred claims only, no display currency."""


async def provide_reading(
    *, as_of: AsOf = None, include: Include = None, currency: DisplayCurrency = None
) -> Reading:
    """The reading options of the query string, checked."""
    return Reading(
        as_of=past_instant("as_of", as_of),
        include_all=include == "all",
        currency=display_currency(currency),
    )


class SourceCitation(Base):
    """Where a fact is stated."""

    source_id: Annotated[int, msgspec.Meta(description="The id of the source document.")]
    quote: Annotated[str, msgspec.Meta(description="The sentence that states the fact.")]
    start: Annotated[
        int, msgspec.Meta(description="Offset of the quantity's first character in the source.")
    ]
    end: Annotated[int, msgspec.Meta(description="Offset just past the quantity's last character.")]
    more_offsets: Annotated[
        list[tuple[int, int]],
        msgspec.Meta(
            description="Further [start, end] offsets where the same source states this fact "
            "again (one citation per source and fact)."
        ),
    ] = msgspec.field(default_factory=list)
    source_version: Annotated[
        int,
        msgspec.Meta(
            description="The version of the source whose text the offsets point into: 1, or "
            "a later one when a refetch found the page changed and still stating the fact."
        ),
    ] = 1


def original_of(row: ValueShape) -> Original:
    """The original-value part of a figure or deal row."""
    return Original(text=row.original_text, value=row.original_value, unit=row.original_unit)


def fx_of(row: ValueShape) -> Fx | None:
    """The FX part of a figure or deal row, when a conversion happened."""
    if row.fx_rate is None or row.fx_date is None:
        return None
    return Fx(rate=row.fx_rate, date=row.fx_date, source=row.fx_source or "ECB")


def display_of(currency: str | None, row: ValueShape, day: date | None) -> Display | None:
    """The USD value of `row` (value, low, high) in `currency` at the ECB rate of `day`.

    None unless a currency was asked for and the row is money, or when the ECB has no rate of
    that currency near `day` (a currency not quoted then). No `day` takes the latest ECB day;
    a weekend or holiday the ECB day before it.
    """
    if currency is None or row.unit != "USD" or row.value is None:
        return None
    try:
        fx = usd_rate(currency, day or date.max)
    except UnknownCurrencyError:
        return None
    return Display(
        currency=currency,
        value=_converted(row.value, fx.rate),
        low=None if row.low is None else _converted(row.low, fx.rate),
        high=None if row.high is None else _converted(row.high, fx.rate),
        rate=fx.rate,
        rate_date=fx.date,
        rate_source=fx.source,
    )


def _converted(usd: Decimal, rate: Decimal) -> Decimal:
    with localcontext() as context:
        context.prec = max(context.prec, usd.adjusted() + 10)
        return (usd / rate).quantize(DISPLAY_QUANTUM)


def deprecation_of(row: ValueShape) -> Deprecation | None:
    """The deprecation part of a figure or deal row, when it was deprecated."""
    if row.deprecated_at is None:
        return None
    return Deprecation(at=row.deprecated_at, reason=row.deprecated_reason or "")


async def citations_by_fact(
    session: AsyncSession,
    fact_column: InstrumentedAttribute[int | None],
    ids: Sequence[int],
    as_of: datetime | None = None,
) -> dict[int, list[SourceCitation]]:
    """Citations of the given figures or deals, grouped by fact id, in source order.

    With `as_of`, only those known then: recorded then, from a source retrieved by then.
    """
    if not ids:
        return {}
    grouped: dict[int, list[SourceCitation]] = defaultdict(list)
    if as_of is None:
        for row in await _current_citations(fact_column).fetch(session, ids=list(ids)):
            grouped[row.fact_id].append(citation_of(row))
        return grouped
    stmt = (
        _citation_rows(fact_column)
        .join(Source, Source.id == Citation.source_id)
        .where(fact_column.in_(ids), Citation.recorded_at <= as_of, Source.retrieved_at <= as_of)
    )
    for row in await session.execute(stmt):
        grouped[row.fact_id].append(citation_of(row))
    return grouped


@cache
def _current_citations(fact_column: InstrumentedAttribute[int | None]) -> Prepared:
    """Today's citations of a list of figures (or deals), in source order."""
    return Prepared(
        _citation_rows(fact_column).where(
            fact_column == any_(bindparam("ids", type_=ARRAY(BigInteger)))
        )
    )


def _citation_rows(
    fact_column: InstrumentedAttribute[int | None],
) -> Select[int | None, int, str, int, int, list[list[int]], int]:
    """The columns `citation_of` reads, with the fact id, in fact and source order."""
    return select(
        fact_column.label("fact_id"),
        Citation.source_id,
        Citation.quote,
        Citation.start_offset,
        Citation.end_offset,
        Citation.more_offsets,
        Citation.source_version,
    ).order_by(fact_column, Citation.source_id, Citation.start_offset)


def snapshot(
    versions: type[FigureVersion | DealVersion], as_of: datetime, name: str = "as_of"
) -> Subquery:
    """The version of each fact that held at `as_of`, with the fact table's column names."""
    return (
        select(versions)
        .where(
            versions.recorded_at <= as_of,
            or_(versions.superseded_at.is_(None), versions.superseded_at > as_of),
        )
        .subquery(name)
    )


def table_at(
    table: type[Figure | Deal],
    versions: type[FigureVersion | DealVersion],
    as_of: datetime | None,
    name: str = "as_of",
) -> FromClause:
    """The fact table, or with `as_of` the version of each fact that held then (`snapshot`)."""
    return table.__table__ if as_of is None else snapshot(versions, as_of, name)


def cited_from(
    fact_column: InstrumentedAttribute[int | None], source_id: int, as_of: datetime | None
) -> Select[int | None]:
    """Ids of the facts cited from `source_id` (as of `as_of`, when given)."""
    stmt = select(fact_column).where(Citation.source_id == source_id)
    if as_of is None:
        return stmt
    return stmt.join(Source, Source.id == Citation.source_id).where(
        Citation.recorded_at <= as_of, Source.retrieved_at <= as_of
    )


def citation_of(row: CitationShape) -> SourceCitation:
    """The citation of a row with `source_id`, `quote`, offsets and `more_offsets`."""
    return SourceCitation(
        source_id=row.source_id,
        quote=row.quote,
        start=row.start_offset,
        end=row.end_offset,
        more_offsets=_spans(row.more_offsets),
        source_version=row.source_version,
    )


def _spans(offsets: list[list[int]] | str) -> list[tuple[int, int]]:
    """[start, end] pairs of a JSONB column."""
    return [(start, end) for start, end in json_value(offsets)]


def json_value(value: Any) -> Any:
    """The value of a JSONB column, which reads as text when fetched straight from asyncpg."""
    return msgspec.json.decode(value) if isinstance(value, str) else value


def ids_of(rows: Iterable[Any]) -> list[int]:
    """The `id` of each row."""
    return [row.id for row in rows]
