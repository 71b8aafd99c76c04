"""Name search over companies: match ranks of a query against names, aliases and slugs.

A company's match rank is the best over its names (lower is better):
`tier * 1000 + (1000 - floor(1000 * word_similarity(query, name)))`, with tier 0 for a name
equal to the query, 1 for a name starting with it, 2 for a name with a word starting with it,
3 for a name merely similar (pg_trgm word similarity of at least 0.6). Names are compared by
their key: case-folded, accents removed, spaces collapsed (`CompanyAlias.key_of`).
"""

from __future__ import annotations

from sqlalchemy import FromClause, Integer, Subquery, case, cast, func, literal, or_, select
from sqlalchemy.sql.elements import ColumnElement

from service.models import CompanyAlias

TIER_WIDTH = 1000


def match_ranks(query: str, companies: FromClause, *, with_names: bool) -> Subquery:
    """(slug, match_rank) of each company of `companies` some name of which matches `query`.

    The names are the aliases (the company's name is always one of them), the slug read as
    words, and with `with_names` the `name` column of `companies` itself (lower-cased).
    """
    key = CompanyAlias.key_of(query)
    parts = [
        select(CompanyAlias.company_slug.label("slug"), CompanyAlias.alias_key.label("key")),
        select(companies.c.slug, func.replace(companies.c.slug, "-", " ")),
    ]
    if with_names:
        parts.append(select(companies.c.slug, func.lower(companies.c.name)))
    names = parts[0].union_all(*parts[1:]).subquery("names")
    escaped = _like_escaped(key)
    equal = names.c.key == key
    prefix = names.c.key.like(f"{escaped}%", escape="\\")
    word = names.c.key.like(f"% {escaped}%", escape="\\")
    tier = case((equal, 0), (prefix, 1), (word, 2), else_=3)
    similarity = func.word_similarity(literal(key), names.c.key)
    rank = tier * TIER_WIDTH + TIER_WIDTH - cast(func.floor(similarity * TIER_WIDTH), Integer)
    return (
        select(names.c.slug, func.min(rank).label("match_rank"))
        .where(or_(equal, prefix, word, _similar(names.c.key, key)))
        .group_by(names.c.slug)
        .subquery("matches")
    )


def _similar(name: ColumnElement[str], key: str) -> ColumnElement[bool]:
    # `name %> key`: some part of the name is trigram-similar to the key (GIN-indexed).
    return name.op("%>", is_comparison=True)(key)


def _like_escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
