"""The bulk path: many rows into a table by PostgreSQL `COPY`, then its identity moved past them.

`COPY` (asyncpg's binary `copy_records_to_table`) keeps every constraint, index and foreign key
of the schema checked, but skips the per-row round trips and statement overhead of `INSERT`.
Rows may carry explicit ids (to link facts to their citations without reading ids back); once
they are in, `advance_identity` moves the table's sequence past the largest id so that later
ordinary inserts never collide with them.

Figures land with their claim rank already set: `normal_claims` stages the few columns the rank
depends on (the claims and their citations, in temporary tables without indexes), ranks them
with the rule of `service.facts.ranking` in one query, and names the claims that rank `normal`;
the caller then copies each figure with its rank. No `UPDATE` of the loaded rows follows, and
the first version each figure gets (written by the version trigger during the COPY) holds its
rank.

Deal documents (`deal_documents`, kept by statement triggers) are written once after a load
rather than by each COPY: `defer_documents` turns the triggers off for the transaction and
`store_documents` writes every deal's document with one INSERT ... SELECT, once the parties
and citations are in and indexed.
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    MetaData,
    Table,
    Text,
    and_,
    exists,
    literal,
    select,
)
from sqlalchemy.dialects.postgresql.asyncpg import PGDialect_asyncpg
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.schema import CreateTable
from sqlalchemy.sql import ClauseElement

from service.facts.ranking import CLAIM_GROUP_COLUMNS, ranked_claims
from service.models import Figure

Row = Sequence[Any]
_DIALECT = PGDialect_asyncpg()  # type: ignore[no-untyped-call]  # SQLAlchemy leaves it untyped

_STAGE = MetaData()
STAGED_CLAIMS = Table(
    "bulk_staged_claims",
    _STAGE,
    Column("id", BigInteger),
    Column("company_slug", Text),
    Column("metric_slug", Text),
    Column("period_start", Date),
    Column("period_end", Date),
    Column("status", Text),
    Column("vague", Boolean),
    Column("deprecated_at", DateTime(timezone=True)),
    prefixes=["TEMPORARY"],
)
"""What the rank of a claim about to be loaded depends on: `CLAIM_COLUMNS`, in this order."""
CLAIM_COLUMNS = tuple(column.name for column in STAGED_CLAIMS.columns)
STAGED_CITATIONS = Table(
    "bulk_staged_citations",
    _STAGE,
    Column("figure_id", BigInteger),
    Column("source_id", BigInteger),
    prefixes=["TEMPORARY"],
)
"""The (figure id, source id) of each citation of the claims about to be loaded."""


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


def _sql(statement: ClauseElement) -> str:
    """A statement as PostgreSQL text, its (constant) parameters written inline."""
    compiled = statement.compile(dialect=_DIALECT, compile_kwargs={"literal_binds": True})
    return str(compiled)


async def normal_claims(
    connection: Any,
    claims: Iterable[Row] | AsyncIterable[Row],
    citations: Iterable[Row] | AsyncIterable[Row],
) -> set[int]:
    """Ids of the `claims` (figures about to be loaded) whose stored rank must be `normal`.

    `claims` are tuples of `CLAIM_COLUMNS` (a figure's future id, its claim group, status,
    vagueness and deprecation); `citations` are (figure id, source id) pairs of their
    citations. Companies and sources must already be stored: a claim backed by its company's
    website and the publication dates count as in `service.facts.ranking`, whose rule ranks
    them here. Every other claim loaded, deprecated ones included, keeps rank `preferred`,
    exactly what `refresh_figure_ranks` would leave after the load. Raises ValueError if a
    staged group already has stored figures (their ranks would change too: load, then call
    `refresh_figure_ranks` on those groups instead).
    """
    await connection.execute(f"DROP TABLE IF EXISTS {STAGED_CLAIMS.name}, {STAGED_CITATIONS.name}")
    for table in (STAGED_CLAIMS, STAGED_CITATIONS):
        await connection.execute(_sql(CreateTable(table)))
    await copy_rows(connection, STAGED_CLAIMS, CLAIM_COLUMNS, claims)
    await copy_rows(connection, STAGED_CITATIONS, ("figure_id", "source_id"), citations)
    await connection.execute(f"ANALYZE {STAGED_CLAIMS.name}, {STAGED_CITATIONS.name}")
    staged, stored = STAGED_CLAIMS.c, Figure.__table__.c
    same_group = and_(*(stored[name] == staged[name] for name in CLAIM_GROUP_COLUMNS))
    crowded = select(literal(1)).select_from(STAGED_CLAIMS.join(Figure.__table__, same_group))
    if await connection.fetchval(_sql(select(exists(crowded)))):
        raise ValueError("a staged claim group already has stored figures")
    ranked = ranked_claims(STAGED_CLAIMS, citations=STAGED_CITATIONS)
    rows = await connection.fetch(_sql(select(ranked.c.id).where(ranked.c.rank == "normal")))
    await connection.execute(f"DROP TABLE {STAGED_CLAIMS.name}, {STAGED_CITATIONS.name}")
    return {row[0] for row in rows}


_DEFERRABLE_SQL = """
SELECT 'fk' AS kind, c.conrelid::regclass::text AS owner, c.conname AS name,
       format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname,
              pg_get_constraintdef(c.oid)) AS definition
FROM pg_constraint c
WHERE c.contype = 'f' AND c.conrelid = ANY($1::regclass[])
UNION ALL
SELECT 'index', i.indrelid::regclass::text, i.indexrelid::regclass::text,
       pg_get_indexdef(i.indexrelid)
FROM pg_index i
WHERE i.indrelid = ANY($1::regclass[]) AND NOT i.indisprimary
  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
ORDER BY 1 DESC, 2, 3
"""


@asynccontextmanager
async def keys_and_indexes_deferred(connection: Any, tables: Sequence[Table]) -> AsyncIterator[int]:
    """Foreign keys and secondary indexes of `tables` dropped for the block, created again after.

    Yields how many were deferred.
    A large COPY is faster into a table without them (as pg_restore loads data first): each
    index is then built by one sort instead of a million inserts, and each foreign key is
    checked by one join instead of a lookup per row. Primary keys and unique constraints stay
    (other tables' foreign keys rest on them). Every key is checked again when it is created,
    so the transaction commits only if every row satisfies it; if the block fails, rolling the
    transaction back restores them (DDL is transactional). Needs a transaction and the tables to
    yourself: `ALTER TABLE` locks them until the end of it.
    """
    names = [_qualified(table) for table in tables]
    deferred = await connection.fetch(_DEFERRABLE_SQL, names)
    for row in deferred:
        if row["kind"] == "fk":
            await connection.execute(
                f"ALTER TABLE {row['owner']} DROP CONSTRAINT {_quoted(row['name'])}"
            )
        else:
            await connection.execute(f"DROP INDEX {row['name']}")
    yield len(deferred)
    for row in deferred:
        await connection.execute(row["definition"])


DOCUMENTS_DEFERRED = "aifacts.documents_deferred"
"""The setting that, `on` for a transaction, stops the document triggers in it."""


async def defer_documents(connection: Any) -> None:
    """Leave `deal_documents` as it is for the rest of the transaction, whatever is written.

    The caller must call `store_documents` before it commits: until then the documents of
    the deals written in the transaction are missing or stale.
    """
    await connection.execute("SELECT set_config($1, 'on', true)", DOCUMENTS_DEFERRED)


async def store_documents(connection: Any) -> None:
    """Turn the document triggers back on and write every live deal's document again.

    One INSERT ... SELECT over all deals (the frozen `DOCUMENT` of the migration): to be
    called after a bulk load, once the indexes of parties and citations are built.
    """
    await connection.execute("SELECT set_config($1, 'off', true)", DOCUMENTS_DEFERRED)
    await connection.execute("SELECT aifacts_refresh_deal_documents(NULL)")
