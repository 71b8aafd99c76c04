"""The measured lookups: keys drawn from the database, and what each side is asked for them.

For each lookup, the same keys give this API's URL, the peer's (Platformatic DB's generated
REST route) and the SQL this API's service runs for it, as a pgbench script (one request's
statements, in one transaction).

Two workloads. **hot**: 32 keys per lookup (seeded), cycled through by wrk and one pgbench
script per key, so an in-process cache holds them all. **cold**: keys drawn uniformly from every
company, every figure, every (company, metric) pair and every company with deals (up to
`--cold-keys` each), each request picking one at random: wrk from the key file, pgbench from
the same keys stored in `bench.keys` (a schema of its own, which the peer does not serve), looked
up by a random number in the statement itself, so most requests miss any cache.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import psycopg

KEYS_PER_LOOKUP = 32
FIGURE = ("id, company_slug, metric_slug, value, unit, bound, low, high, period_start, "
          "period_end, period_precision, status, original_text, original_value, original_unit, "
          "fx_rate, fx_date, fx_source, basis, rank, deprecated_at, deprecated_reason, "
          "updated_at")  # fmt: skip
DEAL = ("id, kind, title, duration, announced_on, status, value, unit, bound, low, high, "
        "original_text, original_value, original_unit, fx_rate, fx_date, fx_source, "
        "deprecated_at, deprecated_reason")  # fmt: skip
CITATIONS = "{fact}_id AS fact_id, source_id, quote, start_offset, end_offset FROM citations"
NORMALIZE_BODY = (
    '{"text": "OpenAI raised $6.6 billion at a valuation of about $157bn in October 2024.", '
    '"lang": "en", "date": "2024-10-03"}'
)


@dataclass(frozen=True)
class Lookup:
    """One measured lookup and, per key, the URL or SQL each side answers it with.

    With `random`, each request picks one of the paths at random (wrk) and `sql` is a single
    script that picks its key at random; otherwise wrk cycles through the paths and pgbench
    runs one script per key.
    """

    name: str
    api_paths: list[str]
    peer_paths: list[str] | None
    sql: list[str] | None
    body: str | None = None
    random: bool = False


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _company_sql(slug: str) -> str:
    """`slug` is an SQL expression (a quoted literal, or a key looked up in `bench.keys`)."""
    return (
        "SELECT slug, name, kind, parent_slug, country, website, wikidata_qid, lei, ticker, "
        "updated_at "
        f"FROM companies WHERE slug = {slug};\n"
        "SELECT company_slug, alias, language FROM company_aliases "
        f"WHERE company_slug IN ({slug}) ORDER BY company_slug, id;"
    )


def _figure_sql(figure_id: str) -> str:
    return (
        f"SELECT {FIGURE} FROM figures WHERE id = {figure_id} AND deprecated_at IS NULL;\n"
        f"SELECT {CITATIONS.format(fact='figure')} WHERE figure_id IN ({figure_id}) "
        "ORDER BY figure_id, source_id, start_offset;"
    )


def _figures_sql(pair: tuple[str, str]) -> str:
    page = (
        f"FROM figures WHERE deprecated_at IS NULL AND company_slug = {pair[0]} "
        f"AND metric_slug = {pair[1]} AND rank = 'preferred' ORDER BY id LIMIT 51"
    )
    return (
        f"SELECT {FIGURE} {page};\n"
        f"SELECT {CITATIONS.format(fact='figure')} WHERE figure_id IN (SELECT id {page}) "
        "ORDER BY figure_id, source_id, start_offset;"
    )


def _deals_sql(slug: str) -> str:
    # From the company's parties, as the API's own statement reads a page (deals/documents.py).
    page = (
        "FROM (SELECT DISTINCT p.deal_id FROM deal_parties p "
        f"WHERE p.company_slug = {slug} ORDER BY p.deal_id) AS parties "
        "CROSS JOIN LATERAL (SELECT * FROM deals d WHERE d.id = parties.deal_id OFFSET 0) AS d "
        "WHERE d.deprecated_at IS NULL ORDER BY parties.deal_id LIMIT 51"
    )
    return (
        f"SELECT {DEAL} {page};\n"
        f"SELECT {CITATIONS.format(fact='deal')} WHERE deal_id IN (SELECT id {page}) "
        "ORDER BY deal_id, source_id, start_offset;\n"
        "SELECT deal_id, company_slug, role FROM deal_parties "
        f"WHERE deal_id IN (SELECT id {page}) ORDER BY deal_id, role, company_slug;"
    )


def _sample(conn: psycopg.Connection[Any], query: str, rng: random.Random) -> list[Any]:
    rows = conn.execute(query).fetchall()
    if not rows:
        raise RuntimeError(f"no keys for the benchmark: {query}")
    picked = rng.sample(rows, min(KEYS_PER_LOOKUP, len(rows)))
    return [row[0] if len(row) == 1 else tuple(row) for row in picked]


COMPANY, FIGURE_BY_ID, FIGURES_PAGE, DEALS_PAGE = (
    "company by slug", "figure by id", "figures of company+metric (50)", "deals of company (50)"
)  # fmt: skip


def _api_path(name: str, key: Any) -> str:
    return {
        COMPANY: lambda: f"/v1/companies/{key}",
        FIGURE_BY_ID: lambda: f"/v1/figures/{key}",
        FIGURES_PAGE: lambda: f"/v1/figures?company={key[0]}&metric={key[1]}&limit=50",
        DEALS_PAGE: lambda: f"/v1/deals?company={key}&limit=50",
    }[name]()


def _peer_path(name: str, key: Any) -> str:
    return {
        COMPANY: lambda: f"/companies/{key}",
        FIGURE_BY_ID: lambda: f"/figures/{key}",
        FIGURES_PAGE: lambda: (
            f"/figures/?where.companySlug.eq={key[0]}&where.metricSlug.eq={key[1]}"
            "&orderby.id=asc&limit=50"
        ),
        DEALS_PAGE: lambda: f"/dealParties/?where.companySlug.eq={key}&orderby.dealId=asc&limit=50",
    }[name]()


def _sql_of(name: str, key: Any) -> str:
    """The pgbench script of `name` for `key`, whose parts are SQL expressions."""
    return {
        COMPANY: lambda: _company_sql(key),
        FIGURE_BY_ID: lambda: _figure_sql(key),
        FIGURES_PAGE: lambda: _figures_sql(key),
        DEALS_PAGE: lambda: _deals_sql(key),
    }[name]()


def _literal(key: Any) -> Any:
    if isinstance(key, tuple):
        return tuple(_literal(part) for part in key)
    return str(key) if isinstance(key, int) else _quoted(key)


def _hot(name: str, keys: list[Any]) -> Lookup:
    return Lookup(
        name,
        [_api_path(name, key) for key in keys],
        [_peer_path(name, key) for key in keys],
        [_sql_of(name, _literal(key)) for key in keys],
    )


HOT_QUERIES = {
    COMPANY: "SELECT slug FROM companies ORDER BY slug",
    FIGURE_BY_ID: "SELECT id FROM figures WHERE deprecated_at IS NULL AND id % 997 = 0 ORDER BY id",
    FIGURES_PAGE: "SELECT company_slug, metric_slug FROM figures GROUP BY 1, 2 "
    "HAVING count(*) > 50 ORDER BY 1, 2",
    DEALS_PAGE: "SELECT company_slug FROM deal_parties GROUP BY 1 HAVING count(*) > 50 ORDER BY 1",
}
COLD_QUERIES = {
    COMPANY: "SELECT slug FROM companies ORDER BY slug",
    FIGURE_BY_ID: "SELECT id FROM figures WHERE deprecated_at IS NULL ORDER BY id",
    FIGURES_PAGE: "SELECT DISTINCT company_slug, metric_slug FROM figures ORDER BY 1, 2",
    DEALS_PAGE: "SELECT DISTINCT company_slug FROM deal_parties ORDER BY 1",
}
"""Every key of each lookup, from which the cold workload draws uniformly."""


def lookups(database_uri: str, seed: int = 7) -> list[Lookup]:
    """The hot workload: five lookups, 32 keys each sampled (seeded) from the loaded data."""
    rng = random.Random(seed)
    with psycopg.connect(database_uri) as conn:
        keyed = [_hot(name, _sample(conn, query, rng)) for name, query in HOT_QUERIES.items()]
    return [
        *keyed,
        Lookup("POST /v1/normalize", ["/v1/normalize"], None, None, body=NORMALIZE_BODY),
    ]


def cold_lookups(database_uri: str, most: int, seed: int = 8) -> list[Lookup]:
    """The cold workload: per lookup, up to `most` keys drawn uniformly from all of them.

    The keys are also stored in `bench.keys` (lookup, n, key1, key2) for pgbench's scripts.
    """
    rng = random.Random(seed)
    made: list[Lookup] = []
    with psycopg.connect(database_uri) as conn:
        conn.execute("DROP SCHEMA IF EXISTS bench CASCADE")
        conn.execute("CREATE SCHEMA bench")
        conn.execute(
            "CREATE TABLE bench.keys (lookup int, n int, key1 text, key2 text, "
            "PRIMARY KEY (lookup, n))"
        )
        for number, (name, query) in enumerate(COLD_QUERIES.items()):
            everything = conn.execute(query).fetchall()
            keys = [row[0] if len(row) == 1 else tuple(row) for row in everything]
            if len(keys) > most:
                keys = rng.sample(keys, most)
            rows = [(number, n, *(k if isinstance(k, tuple) else (str(k), None)))
                    for n, k in enumerate(keys, start=1)]  # fmt: skip
            with conn.cursor().copy("COPY bench.keys FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            made.append(_cold(name, number, keys))
        conn.execute("ANALYZE bench.keys")
    return made


def _cold(name: str, number: int, keys: list[Any]) -> Lookup:
    pick = f"\\set n random(1, {len(keys)})\n"
    column = "(SELECT key{} FROM bench.keys WHERE lookup = " + str(number) + " AND n = :n)"
    key: Any = column.format(1)
    if name == FIGURE_BY_ID:
        key = f"{key}::bigint"
    elif name == FIGURES_PAGE:
        key = (column.format(1), column.format(2))
    return Lookup(
        name,
        [_api_path(name, k) for k in keys],
        [_peer_path(name, k) for k in keys],
        [pick + _sql_of(name, key)],
        random=True,
    )
