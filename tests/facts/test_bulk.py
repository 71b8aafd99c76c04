"""The bulk path (COPY, ranks before the rows land, keys and indexes built after, identities
advanced), through the benchmark data generator."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from datetime import date
from decimal import Decimal

import asyncpg
import psycopg
import pytest
from psycopg import sql
from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from benchmarks.data.generate import LoadReport, Plan, fresh_database, load
from service.db.engine import async_url, create_sessionmaker
from service.facts.bulk import advance_identity, copy_rows
from service.facts.ranking import refresh_figure_ranks
from service.models import Base, Figure
from tests.deals.helpers import RENDERED_DOCUMENTS, STORED_DOCUMENTS

SCALE = 0.001
BULK_DATABASE = "aifacts_bulk_test"
TABLES = Base.metadata.tables


@pytest.fixture(scope="module")
def loaded(server_url: str) -> Iterator[tuple[str, LoadReport]]:
    """A database of its own, migrated by Alembic and loaded at a small scale."""
    admin = make_url(server_url).set(drivername="postgresql", database="postgres")
    admin_uri = admin.render_as_string(hide_password=False)
    uri = fresh_database(admin_uri, BULK_DATABASE)
    yield uri, asyncio.run(load(uri, SCALE))
    with psycopg.connect(admin_uri, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(BULK_DATABASE)))


@pytest.fixture
async def db(loaded: tuple[str, LoadReport]) -> AsyncIterator[asyncpg.Connection]:
    """An asyncpg connection to the loaded database, in a transaction rolled back after."""
    connection = await asyncpg.connect(loaded[0])
    transaction = connection.transaction()
    await transaction.start()
    yield connection
    await transaction.rollback()
    await connection.close()


async def test_load_copies_the_planned_number_of_rows(
    db: asyncpg.Connection, loaded: tuple[str, LoadReport]
) -> None:
    plan = Plan.at(SCALE)
    expected = {
        "companies": plan.companies,
        "company_aliases": 2 * plan.companies,
        "sources": plan.sources,
        "figures": plan.figures,
        "deals": plan.deals,
    }
    for table, count in expected.items():
        assert await db.fetchval(f"SELECT count(*) FROM {table}") == count
        assert loaded[1].tables[table].rows == count
    citations = await db.fetchval("SELECT count(*) FROM citations")
    assert citations == loaded[1].tables["citations"].rows >= plan.figures + plan.deals


async def test_every_fact_is_cited_and_every_deal_has_two_to_four_parties(
    db: asyncpg.Connection,
) -> None:
    uncited_figures = await db.fetchval(
        "SELECT count(*) FROM figures f WHERE NOT EXISTS "
        "(SELECT 1 FROM citations c WHERE c.figure_id = f.id)"
    )
    uncited_deals = await db.fetchval(
        "SELECT count(*) FROM deals d WHERE NOT EXISTS "
        "(SELECT 1 FROM citations c WHERE c.deal_id = d.id)"
    )
    party_counts = await db.fetch(
        "SELECT DISTINCT count(*) AS n FROM deals d JOIN deal_parties p ON p.deal_id = d.id "
        "GROUP BY d.id"
    )
    assert (uncited_figures, uncited_deals) == (0, 0)
    assert {row["n"] for row in party_counts} <= {2, 3, 4}


async def test_references_between_loaded_rows_all_resolve(db: asyncpg.Connection) -> None:
    orphans = await db.fetchval(
        "SELECT (SELECT count(*) FROM figures f LEFT JOIN companies c ON c.slug = f.company_slug "
        "        WHERE c.slug IS NULL)"
        " + (SELECT count(*) FROM citations c LEFT JOIN sources s ON s.id = c.source_id "
        "    WHERE s.id IS NULL)"
        " + (SELECT count(*) FROM deal_parties p LEFT JOIN deals d ON d.id = p.deal_id "
        "    WHERE d.id IS NULL)"
    )
    assert orphans == 0


async def test_ordinary_inserts_after_the_load_get_fresh_ids(db: asyncpg.Connection) -> None:
    largest = await db.fetchval("SELECT max(id) FROM figures")
    figure_id = await db.fetchval(
        "INSERT INTO figures (company_slug, metric_slug, period_start, period_end, "
        "period_precision, status, value, unit) SELECT slug, 'revenue', '2024-01-01', "
        "'2024-12-31', 'year', 'actual', 1, 'USD' FROM companies LIMIT 1 RETURNING id"
    )
    source_id = await db.fetchval("INSERT INTO sources (sha256) VALUES ('fresh') RETURNING id")
    citation_id = await db.fetchval(
        "INSERT INTO citations (source_id, figure_id, quote, start_offset, end_offset) "
        "VALUES ($1, $2, 'quote', 0, 1) RETURNING id",
        source_id,
        figure_id,
    )
    assert figure_id > largest
    assert source_id > 0
    assert citation_id > await db.fetchval(
        "SELECT max(id) FROM citations WHERE id <> $1", citation_id
    )


async def test_copy_keeps_foreign_keys_checked(db: asyncpg.Connection) -> None:
    row = (10**9, "no-such-company", "revenue", date(2024, 1, 1), date(2024, 12, 31), "year",
           "actual", Decimal(1), "USD")  # fmt: skip
    columns = ("id", "company_slug", "metric_slug", "period_start", "period_end",
               "period_precision", "status", "value", "unit")  # fmt: skip
    with pytest.raises(asyncpg.ForeignKeyViolationError):
        await copy_rows(db, TABLES["figures"], columns, [row])


async def test_copy_refuses_a_column_the_table_does_not_have(db: asyncpg.Connection) -> None:
    with pytest.raises(ValueError, match="deals has no column colour"):
        await copy_rows(db, TABLES["deals"], ("id", "colour"), [])


async def test_copy_returns_the_number_of_rows_and_identity_moves_past_them(
    db: asyncpg.Connection,
) -> None:
    top = await db.fetchval("SELECT max(id) FROM sources") + 100
    rows = [(top + n, f"sha-{n}") for n in range(3)]
    assert await copy_rows(db, TABLES["sources"], ("id", "sha256"), rows) == 3
    assert await advance_identity(db, TABLES["sources"]) == top + 2
    assert await db.fetchval("SELECT nextval(pg_get_serial_sequence('sources', 'id'))") == top + 3


async def test_identity_of_a_table_without_generated_key_is_left_alone(
    db: asyncpg.Connection,
) -> None:
    assert await advance_identity(db, TABLES["companies"]) is None


async def test_ranks_stored_by_the_load_are_those_a_refresh_computes(
    loaded: tuple[str, LoadReport],
) -> None:
    engine = create_async_engine(async_url(loaded[0]))
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            normal = await session.scalar(select(func.count()).where(Figure.rank == "normal"))
            changed = await refresh_figure_ranks(session, None)
            await session.rollback()
    finally:
        await engine.dispose()
    assert normal == loaded[1].ranks_normal > 0
    assert changed == 0


SCHEMA_OBJECTS = (
    "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
    "WHERE connamespace = 'public'::regnamespace "
    "UNION ALL SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"
)


async def test_every_deferred_key_and_index_is_back_after_the_load(
    db: asyncpg.Connection, loaded: tuple[str, LoadReport], database_url: str
) -> None:
    migrated = await asyncpg.connect(
        make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
    )
    try:
        expected = {tuple(row) for row in await migrated.fetch(SCHEMA_OBJECTS)}
    finally:
        await migrated.close()
    assert loaded[1].keys_deferred > 0
    assert {tuple(row) for row in await db.fetch(SCHEMA_OBJECTS)} == expected


async def test_a_load_stores_every_live_deals_document_and_later_writes_keep_them(
    db: asyncpg.Connection, loaded: tuple[str, LoadReport]
) -> None:
    plan = Plan.at(SCALE)
    stored = await db.fetch(STORED_DOCUMENTS)
    assert [tuple(row) for row in stored] == [
        tuple(row) for row in await db.fetch(RENDERED_DOCUMENTS)
    ]
    live = await db.fetchval("SELECT count(*) FROM deals WHERE deprecated_at IS NULL")
    assert len(stored) == live > plan.deals // 2
    assert loaded[1].documents_s > 0

    deal_id = stored[0][0]
    await db.execute("UPDATE citations SET quote = 'Quoted again' WHERE deal_id = $1", deal_id)
    document = await db.fetchval("SELECT document FROM deal_documents WHERE deal_id = $1", deal_id)
    assert '"quote":"Quoted again"' in document
