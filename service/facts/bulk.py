"""The bulk path: many rows into a table by PostgreSQL `COPY`, then its identity moved past them.

`COPY` (asyncpg's binary `copy_records_to_table`) keeps every constraint, index and foreign key
of the schema checked, but skips the per-row round trips and statement overhead of `INSERT`.
Rows may carry explicit ids (to link facts to their citations without reading ids back); once
they are in, `advance_identity` moves the table's sequence past the largest id so that later
ordinary inserts never collide with them.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, Iterable, Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncConnection

Row = Sequence[Any]


async def driver_connection(connection: AsyncConnection) -> Any:
    """The asyncpg connection under a SQLAlchemy connection (in its transaction, if any)."""
    raw = await connection.get_raw_connection()
    return raw.driver_connection


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _qualified(table: Table) -> str:
    return f"{_quoted(table.schema)}.{_quoted(table.name)}" if table.schema else _quoted(table.name)


async def copy_rows(
    connection: Any,
    table: Table,
    columns: Sequence[str],
    rows: Iterable[Row] | AsyncIterable[Row],
) -> int:
    """COPY `rows` (tuples in the order of `columns`) into `table`; the number of rows copied.

    `connection` is an asyncpg connection (see `driver_connection`). Columns left out take
    their server defaults, as with `INSERT`.
    """
    unknown = [name for name in columns if name not in table.c]
    if unknown:
        raise ValueError(f"{table.name} has no column {', '.join(unknown)}")
    status: str = await connection.copy_records_to_table(
        table.name, records=rows, columns=list(columns), schema_name=table.schema
    )
    return int(status.rsplit(" ", 1)[-1])


async def advance_identity(connection: Any, table: Table) -> int | None:
    """Move the sequence of `table`'s generated key past its largest value; that value.

    Returns None (and changes nothing) for a table without a generated integer key, or an
    empty one.
    """
    column = table.autoincrement_column
    if column is None:
        return None
    largest: int | None = await connection.fetchval(
        f"SELECT setval(pg_get_serial_sequence($1, $2), max({_quoted(column.name)})) "  # noqa: S608
        f"FROM {_qualified(table)} HAVING max({_quoted(column.name)}) IS NOT NULL",
        _qualified(table),
        column.name,
    )
    return largest
