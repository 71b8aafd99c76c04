"""Value shapes shared by figures and deals: amounts, originals, FX and citations."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

import msgspec
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from service.http import Base
from service.models import Citation

BoundName = Literal["exact", "approximate", "at_least", "at_most", "range"]


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


class SourceCitation(Base):
    """Where a fact is stated."""

    source_id: Annotated[int, msgspec.Meta(description="The id of the source document.")]
    quote: Annotated[str, msgspec.Meta(description="The sentence that states the fact.")]
    start: Annotated[
        int, msgspec.Meta(description="Offset of the quantity's first character in the source.")
    ]
    end: Annotated[int, msgspec.Meta(description="Offset just past the quantity's last character.")]


def original_of(row: Any) -> Original:
    """The original-value part of a figure or deal row."""
    return Original(text=row.original_text, value=row.original_value, unit=row.original_unit)


def fx_of(row: Any) -> Fx | None:
    """The FX part of a figure or deal row, when a conversion happened."""
    if row.fx_rate is None or row.fx_date is None:
        return None
    return Fx(rate=row.fx_rate, date=row.fx_date, source=row.fx_source or "ECB")


async def citations_by_fact(
    session: AsyncSession, fact_column: InstrumentedAttribute[int | None], ids: Sequence[int]
) -> dict[int, list[SourceCitation]]:
    """Citations of the given figures or deals, grouped by fact id, in source order."""
    if not ids:
        return {}
    stmt = (
        select(
            fact_column.label("fact_id"),
            Citation.source_id,
            Citation.quote,
            Citation.start_offset,
            Citation.end_offset,
        )
        .where(fact_column.in_(ids))
        .order_by(fact_column, Citation.source_id, Citation.start_offset)
    )
    grouped: dict[int, list[SourceCitation]] = defaultdict(list)
    for row in await session.execute(stmt):
        grouped[row.fact_id].append(_citation(row))
    return grouped


def _citation(row: Any) -> SourceCitation:
    return SourceCitation(
        source_id=row.source_id, quote=row.quote, start=row.start_offset, end=row.end_offset
    )


def ids_of(rows: Iterable[Any]) -> list[int]:
    """The `id` of each row."""
    return [row.id for row in rows]
