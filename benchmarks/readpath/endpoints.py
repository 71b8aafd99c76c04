"""The measured lookups: keys drawn from the database, and what each side is asked for them.

For each lookup, the same keys give this API's URL, the peer's (Platformatic DB's generated
REST route) and the SQL this API's service runs for it, as a pgbench script (one request's
statements, in one transaction, as the service's session runs them).
"""

from __future__ import annotations

import random
from collections.abc import Callable
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
    """One measured lookup and, per key, the URL or SQL each side answers it with."""

    name: str
    api_paths: list[str]
    peer_paths: list[str] | None
    sql: list[str] | None
    body: str | None = None


def _company_sql(slug: str) -> str:
    return (
        "SELECT slug, name, kind, parent_slug, country, website, wikidata_qid, lei, ticker, "
        "updated_at "
        f"FROM companies WHERE slug = '{slug}';\n"
        "SELECT company_slug, alias, language FROM company_aliases "
        f"WHERE company_slug IN ('{slug}') ORDER BY company_slug, id;"
    )


def _figure_sql(figure_id: int) -> str:
    return (
        f"SELECT {FIGURE} FROM figures WHERE id = {figure_id} AND deprecated_at IS NULL;\n"
        f"SELECT {CITATIONS.format(fact='figure')} WHERE figure_id IN ({figure_id}) "
        "ORDER BY figure_id, source_id, start_offset;"
    )


def _figures_sql(pair: tuple[str, str]) -> str:
    page = (
        f"FROM figures WHERE deprecated_at IS NULL AND company_slug = '{pair[0]}' "
        f"AND metric_slug = '{pair[1]}' AND rank = 'preferred' ORDER BY id LIMIT 51"
    )
    return (
        f"SELECT {FIGURE} {page};\n"
        f"SELECT {CITATIONS.format(fact='figure')} WHERE figure_id IN (SELECT id {page}) "
        "ORDER BY figure_id, source_id, start_offset;"
    )


def _deals_sql(slug: str) -> str:
    page = (
        "FROM deals WHERE deprecated_at IS NULL AND id IN "
        f"(SELECT deal_id FROM deal_parties WHERE company_slug = '{slug}') ORDER BY id LIMIT 51"
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


def lookups(database_uri: str, seed: int = 7) -> list[Lookup]:
    """The five lookups, with keys sampled (seeded) from the loaded data."""
    rng = random.Random(seed)
    with psycopg.connect(database_uri) as conn:
        slugs = _sample(conn, "SELECT slug FROM companies ORDER BY slug", rng)
        ids = _sample(
            conn,
            "SELECT id FROM figures WHERE deprecated_at IS NULL AND id % 997 = 0 ORDER BY id",
            rng,
        )
        pairs = _sample(
            conn,
            "SELECT company_slug, metric_slug FROM figures GROUP BY 1, 2 "
            "HAVING count(*) > 50 ORDER BY 1, 2",
            rng,
        )
        busy = _sample(
            conn,
            "SELECT company_slug FROM deal_parties GROUP BY 1 HAVING count(*) > 50 ORDER BY 1",
            rng,
        )

    def each(keys: list[Any], make: Callable[[Any], str]) -> list[str]:
        return [make(key) for key in keys]

    return [
        Lookup(
            "company by slug",
            each(slugs, lambda s: f"/v1/companies/{s}"),
            each(slugs, lambda s: f"/companies/{s}"),
            each(slugs, _company_sql),
        ),
        Lookup(
            "figure by id",
            each(ids, lambda i: f"/v1/figures/{i}"),
            each(ids, lambda i: f"/figures/{i}"),
            each(ids, _figure_sql),
        ),
        Lookup(
            "figures of company+metric (50)",
            each(pairs, lambda p: f"/v1/figures?company={p[0]}&metric={p[1]}&limit=50"),
            each(
                pairs,
                lambda p: (
                    f"/figures/?where.companySlug.eq={p[0]}&where.metricSlug.eq={p[1]}"
                    "&orderby.id=asc&limit=50"
                ),
            ),
            each(pairs, _figures_sql),
        ),
        Lookup(
            "deals of company (50)",
            each(busy, lambda s: f"/v1/deals?company={s}&limit=50"),
            each(
                busy,
                lambda s: f"/dealParties/?where.companySlug.eq={s}&orderby.dealId=asc&limit=50",
            ),
            each(busy, _deals_sql),
        ),
        Lookup("POST /v1/normalize", ["/v1/normalize"], None, None, body=NORMALIZE_BODY),
    ]
