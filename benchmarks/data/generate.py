"""Build the benchmark database: a fresh Alembic schema filled by COPY with synthetic facts.

    .venv/bin/python -m benchmarks.data.generate --scale 0.01

At scale 1: 5,000 companies (with aliases), 100,000 sources, 1,000,000 figures, 200,000 deals
with 2 to 4 parties each, and at least one citation per figure and deal. Each table's rows are
generated first (timed apart), then copied by `service.facts.bulk` in one transaction: primary
keys, unique and check constraints and the version triggers in place, foreign keys and secondary
indexes built (and so checked) after the COPY, figures copied with their claim ranks computed
before they land, deal documents written by one INSERT ... SELECT once the indexes are built
(their triggers off during the COPY); `ANALYZE` follows. Without `--database-url` a private
embedded PostgreSQL is started in `--data-dir` (and left running only while loading).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
import psycopg
from psycopg import sql
from sqlalchemy import Table
from sqlalchemy.engine import make_url

from benchmarks.data import rows
from service.db.actor import BULK_ACTOR
from service.db.embedded import EmbeddedPostgres
from service.db.migrate import upgrade_to_head
from service.facts.bulk import (
    advance_identity,
    copy_rows,
    defer_documents,
    keys_and_indexes_deferred,
    normal_claims,
    store_documents,
)
from service.models import (
    Base,
    Citation,
    Company,
    CompanyAlias,
    Deal,
    DealParty,
    Figure,
    Metric,
    Source,
)
from service.reference.loader import read_reference_file

T = TypeVar("T")
BENCH_DATABASE = "aifacts_bench"
MONEY = ("value", "unit", "bound", "low", "high", "original_text", "original_value",
         "original_unit", "fx_rate", "fx_date", "fx_source")  # fmt: skip
COLUMNS: dict[str, tuple[str, ...]] = {
    "metrics": ("slug", "name", "unit", "kind", "description"),
    "companies": ("slug", "name", "kind", "parent_slug", "country", "website", "wikidata_qid",
                  "lei", "ticker"),
    "company_aliases": ("id", "company_slug", "alias", "alias_key", "language"),
    "sources": ("id", "url", "title", "publisher", "language", "published_on", "retrieved_at",
                "sha256", "text"),
    "figures": ("id", "company_slug", "metric_slug", "period_start", "period_end",
                "period_precision", "status", *MONEY, "deprecated_at", "deprecated_reason",
                "rank"),
    "deals": ("id", "kind", "title", "duration", "announced_on", "status", *MONEY,
              "deprecated_at", "deprecated_reason"),
    "deal_parties": ("deal_id", "company_slug", "role"),
    "citations": ("source_id", "figure_id", "deal_id", "quote", "start_offset", "end_offset"),
}  # fmt: skip


@dataclass(frozen=True)
class Plan:
    """How many rows of each kind a scale asks for."""

    companies: int
    sources: int
    figures: int
    deals: int

    @classmethod
    def at(cls, scale: float) -> Plan:
        """The counts at `scale` (1.0: the full data set), never fewer than a handful."""
        return cls(
            companies=max(8, round(5_000 * scale)),
            sources=max(10, round(100_000 * scale)),
            figures=max(10, round(1_000_000 * scale)),
            deals=max(4, round(200_000 * scale)),
        )


@dataclass
class TableTiming:
    """Rows of one table, seconds to generate them and seconds to COPY them.

    Aliases are generated with companies and parties with deals: their generation time is
    counted there.
    """

    rows: int
    generate_s: float
    copy_s: float


@dataclass
class LoadReport:
    """What one load did and how long each part took."""

    scale: float
    seed: int
    tables: dict[str, TableTiming] = field(default_factory=dict)
    keys_deferred: int = 0
    keys_s: float = 0.0
    documents_s: float = 0.0
    identities_s: float = 0.0
    commit_s: float = 0.0
    ranks_s: float = 0.0
    ranks_normal: int = 0
    analyze_s: float = 0.0
    total_s: float = 0.0

    def as_json(self) -> str:
        """The report as JSON."""
        return json.dumps(asdict(self), indent=2)


def fresh_database(admin_uri: str, name: str = BENCH_DATABASE) -> str:
    """Drop and recreate database `name`, migrate it to head; its libpq URI."""
    with psycopg.connect(admin_uri, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = make_url(admin_uri).set(database=name).render_as_string(hide_password=False)
    upgrade_to_head(url)
    return url


async def load(database_uri: str, scale: float, seed: int = 20261122) -> LoadReport:
    """Fill an empty, migrated database at `scale` in one transaction, then ANALYZE it.

    The COPY of each fact table includes the statement triggers that record its versions
    (as actor `bulk`); figures are copied with their claim ranks, computed before they land
    (`service.facts.bulk.normal_claims`), so no UPDATE of the loaded rows follows. Deal
    documents are written after the keys and indexes, by one statement (`store_documents`).
    """
    report = LoadReport(scale=scale, seed=seed)
    plan = Plan.at(scale)
    rng = random.Random(seed)
    started = time.perf_counter()
    connection = await asyncpg.connect(database_uri)
    try:
        async with connection.transaction():
            await connection.execute("SELECT set_config('aifacts.actor', $1, true)", BULK_ACTOR)
            # Room to sort and hash the million claims of the rank query in memory.
            await connection.execute("SELECT set_config('work_mem', '256MB', true)")
            await connection.execute("SELECT set_config('maintenance_work_mem', '512MB', true)")
            await defer_documents(connection)
            async with keys_and_indexes_deferred(connection, _deferred()) as count:
                await _fill(connection, rng, plan, report)
                report.keys_deferred = count
                moment = time.perf_counter()
            report.keys_s = time.perf_counter() - moment
            moment = time.perf_counter()
            await store_documents(connection)
            report.documents_s = time.perf_counter() - moment
            moment = time.perf_counter()
            for table in (CompanyAlias, Source, Figure, Deal, Citation):
                await advance_identity(connection, _table(table))
            report.identities_s = time.perf_counter() - moment
            moment = time.perf_counter()
        report.commit_s = time.perf_counter() - moment
        moment = time.perf_counter()
        await connection.execute("ANALYZE")
        report.analyze_s = time.perf_counter() - moment
    finally:
        await connection.close()
    report.total_s = time.perf_counter() - started
    return report


def _deferred() -> list[Table]:
    """The tables whose foreign keys and secondary indexes are built after the COPY."""
    names = ("company_aliases", "sources", "figures", "figure_versions", "deals",
             "deal_versions", "deal_parties", "citations")  # fmt: skip
    return [Base.metadata.tables[name] for name in names]


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


def _timed(make: Callable[[], T]) -> tuple[T, float]:
    moment = time.perf_counter()
    made = make()
    return made, time.perf_counter() - moment


async def _copy(
    connection: Any, model: Any, made: list[rows.Row], generate_s: float, report: LoadReport
) -> None:
    moment = time.perf_counter()
    table = _table(model)
    count = await copy_rows(connection, table, COLUMNS[table.name], made)
    report.tables[table.name] = TableTiming(count, generate_s, time.perf_counter() - moment)


async def _fill(connection: Any, rng: random.Random, plan: Plan, report: LoadReport) -> None:
    metrics = read_reference_file()[1].metrics
    metric_rows = [(m.slug, m.name, m.unit, m.kind, m.description) for m in metrics]
    await _copy(connection, Metric, metric_rows, 0.0, report)
    (companies, aliases, catalogue), seconds = _timed(lambda: rows.companies(rng, plan.companies))
    await _copy(connection, Company, companies, seconds, report)
    await _copy(connection, CompanyAlias, aliases, 0.0, report)
    sources, seconds = _timed(lambda: rows.sources(rng, plan.sources))
    await _copy(connection, Source, sources, seconds, report)
    units = {m.slug: m.unit for m in metrics}
    figures, figures_s = _timed(lambda: list(rows.figures(rng, plan.figures, catalogue, units)))
    (deals, parties), deals_s = _timed(lambda: rows.deals(rng, plan.deals, catalogue))
    stated = [(row[0], row[12]) for row in figures] + [(row[0], row[11] or row[2]) for row in deals]
    split = len(figures)
    citations, seconds = _timed(
        lambda: [
            *rows.citations(rng, stated[:split], plan.sources, deals=False),
            *rows.citations(rng, stated[split:], plan.sources, deals=True),
        ]
    )
    await _rank_and_copy_figures(connection, figures, citations, figures_s, report)
    await _copy(connection, Deal, deals, deals_s, report)
    await _copy(connection, DealParty, parties, 0.0, report)
    await _copy(connection, Citation, citations, seconds, report)


async def _rank_and_copy_figures(
    connection: Any,
    figures: list[rows.Row],
    citations: list[rows.Row],
    generate_s: float,
    report: LoadReport,
) -> None:
    """Rank the figures before they land (`normal_claims`), then COPY each with its rank."""
    moment = time.perf_counter()
    deprecated = COLUMNS["figures"].index("deprecated_at")
    # CLAIM_COLUMNS of each figure: id, group, status, vague (never here), deprecation.
    claims = ((r[0], r[1], r[2], r[3], r[4], r[6], False, r[deprecated]) for r in figures)
    cited = ((row[1], row[0]) for row in citations if row[1] is not None)
    normal = await normal_claims(connection, claims, cited)
    ranked = [(*row, "normal" if row[0] in normal else "preferred") for row in figures]
    report.ranks_s = time.perf_counter() - moment
    report.ranks_normal = len(normal)
    await _copy(connection, Figure, ranked, generate_s, report)


def print_report(report: LoadReport) -> None:
    """The load timing as a table on standard output."""
    print(f"{'table':<16} {'rows':>10} {'generate s':>11} {'COPY s':>8} {'rows/s':>10}")
    for name, timing in report.tables.items():
        rate = timing.rows / timing.copy_s if timing.copy_s else 0.0
        print(
            f"{name:<16} {timing.rows:>10,} {timing.generate_s:>11.2f} "
            f"{timing.copy_s:>8.2f} {rate:>10,.0f}"
        )
    print(
        f"{report.keys_deferred} foreign keys and indexes built after the COPY "
        f"{report.keys_s:.2f} s, deal documents {report.documents_s:.2f} s, "
        f"identities {report.identities_s:.2f} s, "
        f"commit {report.commit_s:.2f} s, "
        f"ranks {report.ranks_s:.2f} s ({report.ranks_normal:,} figures ranked normal), "
        f"ANALYZE {report.analyze_s:.2f} s, total {report.total_s:.2f} s"
    )


def main() -> None:
    """Create the benchmark database and load it, printing (and optionally saving) the timing."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 1,000,000 figures")
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--database-url", help="libpq URI of the server's maintenance database")
    parser.add_argument("--data-dir", type=Path, help="embedded PostgreSQL folder (default: temp)")
    parser.add_argument("--report", type=Path, help="write the timing as JSON to this file")
    args = parser.parse_args()
    server = None
    admin_uri = args.database_url
    if admin_uri is None:
        data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="aifacts-bench-"))
        server = EmbeddedPostgres(data_dir)
        server.start()
        admin_uri = server.admin_uri()
    try:
        report = asyncio.run(load(fresh_database(admin_uri), args.scale, args.seed))
    finally:
        if server is not None:
            server.stop()
    print_report(report)
    if args.report:
        args.report.write_text(report.as_json() + "\n")


if __name__ == "__main__":
    main()
