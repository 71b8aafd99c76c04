"""Companies read in one statement each, as the JSON text of their documents.

Today's company by slug, and pages of companies by kind, country and last change:
PostgreSQL writes each `Company` document (identifiers, aliases) as the general path's
encoder would (`service.db.json_text`), and the caller concatenates them.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any, Final

from service.db import json_text as j
from service.db.reads import Reader, fetch_row
from service.web.http import page_body

_ALIAS: Final = j.obj([("alias", j.string("a.alias")), ("language", j.string("a.language"))])
DOCUMENT: Final = j.obj(
    [
        ("slug", j.string("c.slug")),
        ("name", j.string("c.name")),
        ("kind", j.string("c.kind")),
        ("parent", j.string("c.parent_slug")),
        ("country", j.string("c.country")),
        ("website", j.string("c.website")),
        (
            "identifiers",
            j.obj(
                [
                    ("wikidata", j.string("c.wikidata_qid")),
                    ("lei", j.string("c.lei")),
                    ("ticker", j.string("c.ticker")),
                ]
            ),
        ),
        (
            "aliases",
            j.array_of(_ALIAS, "FROM company_aliases a WHERE a.company_slug = c.slug", "a.id"),
        ),
    ]
)
"""The `Company` of the row `c` of the companies table, as it is today."""
BY_SLUG: Final = (
    f"SELECT c.slug AS key, {DOCUMENT} AS document FROM companies c WHERE c.slug = ANY($1)"  # noqa: S608 (constant SQL of this module; values are $n parameters)
)
"""Today's companies whose slugs are in the array $1 (`Reader.fetch_one`)."""

PAGE_FILTERS: Final = ("kind", "country", "updated_since")
"""The filters a page of documents is read by (`as_of` and searches take the general path)."""
_CONDITIONS: Final = {
    "kind": "c.kind = ${}",
    "country": "c.country = ${}",
    "updated_since": "c.updated_at >= ${}",
    "after": "c.slug > ${}",
}


@cache
def page_sql(names: tuple[str, ...]) -> str:
    """Today's companies by the named filters ($1.. in order, then the limit), in slug order."""
    conditions = [_CONDITIONS[name].format(index) for index, name in enumerate(names, 1)]
    where = f"WHERE {' AND '.join(conditions)} " if conditions else ""
    limit = f"${len(names) + 1}"
    rows = f"SELECT c.* FROM companies c {where}ORDER BY c.slug LIMIT {limit} + 1"  # noqa: S608 (constant SQL of this module; values are $n parameters)
    return j.page(rows, alias="c", key="slug", document=DOCUMENT, exact="true", limit=limit)


async def company_document(reader: Reader, slug: str) -> bytes | None:
    """The body of today's company `slug`; None if there is none."""
    record = await reader.fetch_one(BY_SLUG, slug)
    return None if record is None else record[1].encode()


async def page_document(reader: Reader, values: Mapping[str, Any], limit: int) -> bytes:
    """The body of a page of companies by already checked filter `values` (and `after`)."""
    body = page_body(await fetch_row(reader, page_sql(tuple(values)), *values.values(), limit))
    if body is None:  # pragma: no cover - every company document is exact
        raise AssertionError("a company document is always exact")
    return body
