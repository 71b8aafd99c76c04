"""The parts of a figure's or deal's JSON document that PostgreSQL writes the same way for both.

Each function returns the SQL text of a JSON value over a fact table aliased `alias`,
matching field for field (and byte for byte) the struct the general path encodes: see
`service.db.json_text`. Display amounts are never written here: reads asking for a display
currency take the general path.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from service.db import json_text as j
from service.db.reads import Reader

AMOUNT_NUMBERS: Final = ("value", "low", "high", "original_value", "fx_rate")
"""The NUMERIC columns of a figure or deal row."""


def citations(fact_column: str, alias: str) -> str:
    """Today's citations of the fact `alias`.id, in source order, as `SourceCitation`s.

    A fact has one citation per source (`uq_citations_figure_source`, `..._deal_source`), so
    source order is the general path's (source, start offset) order, and it is the order of
    that index: the citations come sorted, with no sort per fact.
    """
    element = j.obj(
        [
            ("source_id", j.integer("c.source_id")),
            ("quote", j.string("c.quote")),
            ("start", j.integer("c.start_offset")),
            ("end", j.integer("c.end_offset")),
            ("more_offsets", j.pairs_of_jsonb("c.more_offsets")),
            ("source_version", j.integer("c.source_version")),
        ]
    )
    return j.array_of(
        element,
        f"FROM citations c WHERE c.{fact_column} = {alias}.id",
        "c.source_id",
    )


def original(alias: str) -> str:
    """The `Original` of a fact: the value as written."""
    return j.obj(
        [
            ("text", j.string(f"{alias}.original_text")),
            ("value", j.number(f"{alias}.original_value")),
            ("unit", j.string(f"{alias}.original_unit")),
        ]
    )


def fx(alias: str) -> str:
    """The `Fx` of a fact, or null when no conversion happened."""
    fields = j.obj(
        [
            ("rate", j.number(f"{alias}.fx_rate")),
            ("date", j.day(f"{alias}.fx_date")),
            ("source", j.string(f"coalesce({alias}.fx_source, 'ECB')")),
        ]
    )
    return (
        f"(CASE WHEN {alias}.fx_rate IS NULL OR {alias}.fx_date IS NULL THEN {j.NULL} "
        f"ELSE {fields} END)"
    )


def deprecation(alias: str) -> str:
    """The `Deprecation` of a fact, or null while it is live."""
    fields = j.obj(
        [
            ("at", j.instant(f"{alias}.deprecated_at")),
            ("reason", j.string(f"coalesce({alias}.deprecated_reason, '')")),
        ]
    )
    return f"(CASE WHEN {alias}.deprecated_at IS NULL THEN {j.NULL} ELSE {fields} END)"


def assessment(alias: str) -> list[tuple[str, str]]:
    """The `confidence` and `confidence_signals` fields of a fact."""
    return [
        ("confidence", j.unit_float(f"{alias}.confidence")),
        ("confidence_signals", j.json_object_of_jsonb(f"{alias}.confidence_signals")),
    ]


def exact(alias: str) -> str:
    """Whether the numbers of the fact's document are exactly the general path's."""
    numbers = j.exact_numbers(f"{alias}.{name}" for name in AMOUNT_NUMBERS)
    return f"({numbers} AND {j.exact_unit_float(f'{alias}.confidence')})"


def by_id_sql(columns: str, table: str, alias: str) -> str:
    """The (key, document, exact) rows of today's live facts of `table` whose ids are in $1."""
    return f"SELECT {columns} FROM {table} {alias} WHERE {alias}.id = ANY($1) AND {alias}.deprecated_at IS NULL"  # noqa: S608, E501 (constant SQL; values are $n parameters)


def page_sql(
    table: str,
    alias: str,
    *,
    document: str,
    exact: str,
    conditions: Mapping[str, str],
    names: tuple[str, ...],
    live: tuple[str, ...] = (),
    source: str | None = None,
    order: str | None = None,
) -> str:
    """A page of today's live facts of `table` as one `json_text.page` row.

    By the named `conditions` ($1.. in order of `names`, then the limit), narrowed by `live`;
    a name without a condition here is one `source` (the FROM clause, `table alias` unless
    given) applies itself. The rows come in `order` (`alias.id` unless given: an expression
    equal to it that the plan delivers in order), and only the documents of the page are
    written: `document` and `exact` (over `alias`) for its `limit` rows.
    """
    chosen = [
        conditions[name].format(index) for index, name in enumerate(names, 1) if name in conditions
    ]
    limit = f"${len(names) + 1}"
    where = " AND ".join([*chosen, f"{alias}.deprecated_at IS NULL", *live])
    rows = (
        f"SELECT {alias}.* FROM {source or f'{table} {alias}'} WHERE {where} "  # noqa: S608 (constant SQL; values are $n parameters)
        f"ORDER BY {order or f'{alias}.id'} LIMIT {limit} + 1"
    )
    return j.page(rows, alias=alias, key="id", document=document, exact=exact, limit=limit)


async def fact_document(reader: Reader, sql: str, key: int) -> bytes | None:
    """The body `sql` (a `by_id_sql`) reads for `key`; None unless exact (b"" when none)."""
    record = await reader.fetch_one(sql, key)
    if record is None:
        return b""
    return record[1].encode() if record[2] else None
