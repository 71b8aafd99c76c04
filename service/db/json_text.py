r"""SQL expressions that write JSON text exactly as the service's msgspec encoder writes it.

The one-statement reads have PostgreSQL build each document as text, so that Python only
passes bytes through. PostgreSQL's own `json_build_object` puts spaces after `:` and `,`
and writes numbers, floats and instants its own way; these helpers concatenate the text
instead, byte for byte as `service.web.http.JSON_ENCODER` encodes the same struct:

- strings as `to_json` escapes them (`"`, `\`, `\b \f \n \r \t`, other controls as
  lowercase `\u00xx`, everything else verbatim in UTF-8), as msgspec does;
- NUMERIC as `service.models.base.plain_decimal` reads it back (integers without a
  fraction, others without trailing zeros), with `exact_numbers` telling whether that
  reading is surely exact (at most 28 significant digits, no magnitude under 1e-6, as
  the Decimal context of the general path allows);
- floats of [0, 1] (confidences) with Python's shortest repr (`1.0`, `0.85`);
- instants in UTC with `Z`, microseconds only when there are some.

Every helper takes the SQL text of a column expression and returns SQL text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

NULL: Final = "'null'"


def string(expr: str) -> str:
    """A text column as a JSON string, or null."""
    return f"coalesce(to_json({expr})::text, {NULL})"


def integer(expr: str) -> str:
    """An integer column as a JSON number, or null."""
    return f"coalesce(({expr})::text, {NULL})"


def boolean(expr: str) -> str:
    """A boolean column as `true`/`false`, or null."""
    return f"(CASE WHEN {expr} THEN 'true' WHEN NOT {expr} THEN 'false' ELSE {NULL} END)"


def day(expr: str) -> str:
    """A date column as an ISO 8601 JSON string, or null."""
    return f"coalesce(to_json({expr})::text, {NULL})"


def number(expr: str) -> str:
    """A NUMERIC column as msgspec writes the Decimal `plain_decimal` makes of it, or null.

    `trim_scale` drops the trailing zeros of the fraction, and the point with them.
    """
    return f"coalesce(trim_scale({expr})::text, {NULL})"


def exact_number(expr: str) -> str:
    """Whether `number(expr)` is surely what the general path writes for that value.

    Surely: no magnitude under 1e-6 (written with an exponent there) and at most 28
    significant digits (the general path's Decimal context): integers under 1e28, others
    under 1e16 with at most 12 decimals. Any other value is left to the general path.
    """
    return (
        f"({expr} IS NULL OR {expr} = 0 OR (abs({expr}) >= 0.000001 AND "
        f"(CASE WHEN min_scale({expr}) = 0 THEN abs({expr}) < 1e28 "
        f"ELSE abs({expr}) < 1e16 AND min_scale({expr}) <= 12 END)))"
    )


def exact_numbers(exprs: Iterable[str]) -> str:
    """Whether every one of the NUMERIC columns reads back exactly (see `exact_number`)."""
    return " AND ".join(exact_number(expr) for expr in exprs)


def unit_float(expr: str) -> str:
    """A double precision column of [0, 1] as Python's repr writes it (`0.0`, `1.0`, `0.85`).

    Between 1e-4 and 1 PostgreSQL's shortest round-trip text is Python's; below 1e-4 both
    switch to an exponent, written differently: `exact_unit_float` says so.
    """
    return (
        f"(CASE WHEN {expr} IS NULL THEN {NULL} WHEN {expr} = trunc({expr}) "
        f"THEN trunc({expr})::text || '.0' ELSE ({expr})::text END)"
    )


def exact_unit_float(expr: str) -> str:
    """Whether `unit_float(expr)` is exactly Python's repr of the value."""
    return f"({expr} IS NULL OR {expr} = 0 OR ({expr} >= 0.0001 AND {expr} <= 1))"


def instant(expr: str) -> str:
    """A timestamptz column as msgspec writes an aware UTC datetime, or null.

    Six digits of microseconds, none when they are all zero; `Z` for UTC.
    """
    text = f"""to_char({expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')"""
    return f"""coalesce('"' || replace({text}, '.000000', '') || 'Z"', {NULL})"""


def json_object_of_jsonb(expr: str) -> str:
    """A JSONB object column without spaces, its keys in stored order (as asyncpg reads it)."""
    return (
        f"(CASE WHEN {expr} = '{{}}'::jsonb THEN '{{}}' ELSE "  # noqa: S608 (SQL of columns)
        "coalesce((SELECT '{' || string_agg(to_json(entry.key)::text || ':' || entry.value::text,"
        f" ',' ORDER BY entry.position) || '}}' FROM jsonb_each({expr}) WITH ORDINALITY "
        "AS entry(key, value, position)), '{}') END)"
    )


def pairs_of_jsonb(expr: str) -> str:
    """A JSONB array of integer pairs (`[[1, 2]]`) without spaces."""
    return f"replace(({expr})::text, ' ', '')"


def obj(fields: Iterable[tuple[str, str]]) -> str:
    """A JSON object of (key, SQL text of its JSON value) pairs, in that order."""
    parts = []
    for index, (key, value) in enumerate(fields):
        parts.append(f"'{'{' if index == 0 else ','}\"{key}\":' || {value}")
    return "(" + " || ".join(parts) + " || '}')"


def array_of(element: str, source: str, order: str) -> str:
    """A JSON array of `element` over the rows of `source` (a FROM ... WHERE ...), in `order`."""
    return (
        f"coalesce((SELECT '[' || string_agg({element}, ',' ORDER BY {order}) || ']' "
        f"{source}), '[]')"
    )


def page(rows: str, *, alias: str, key: str, document: str, exact: str, limit: str) -> str:
    """One row for a page: documents joined, all exact, the page's last key, a row after it.

    `rows` selects whole rows (`alias.*`) in page order, `limit` + 1 at most; this query
    names each of them `alias` again, so that `document` and `exact` (written over `alias`)
    are computed only for the first `limit` rows, never for the one that only tells whether
    another page follows. One answer row instead of one per document spares the reader a
    wake-up per document; the documents come as UTF-8 bytes (`bytea`), which the driver hands
    over as they arrive, where text would be decoded to a string and encoded back.
    """
    kept = f"FILTER (WHERE {alias}.page_position <= {limit})"
    return (
        f"SELECT convert_to(string_agg({document}, ',' ORDER BY {alias}.page_position) {kept}, "  # noqa: S608 (SQL of this module)
        "'UTF8'), "
        f"coalesce(bool_and({exact}) {kept}, true), "
        f"max({alias}.{key}) FILTER (WHERE {alias}.page_position = {limit}), count(*) > {limit} "
        f"FROM (SELECT page.*, row_number() OVER (ORDER BY page.{key}) AS page_position "
        f"FROM ({rows}) AS page) AS {alias}"
    )
