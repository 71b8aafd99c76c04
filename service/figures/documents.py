"""Figures read in one statement each, as the JSON text of their documents.

Today's live figures by id, and pages of preferred ones filtered by company, metric and
status: PostgreSQL writes each `Figure` document (fields, period, original, FX, citations,
confidence) as the general path's encoder would, and says whether its numbers are exact
(`service.db.json_text`); the caller concatenates the documents or, for an inexact one,
takes the general path.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any, Final

from service.db import json_text as j
from service.db.reads import Reader, fetch_row
from service.facts import documents as d
from service.facts.slugs import SLUG_FILTERS
from service.web.http import page_body

_F: Final = "f"
DOCUMENT: Final = j.obj(
    [
        ("id", j.integer("f.id")),
        ("company", j.string("f.company_slug")),
        ("metric", j.string("f.metric_slug")),
        ("value", j.number("f.value")),
        ("unit", j.string("f.unit")),
        ("bound", j.string("f.bound")),
        ("low", j.number("f.low")),
        ("high", j.number("f.high")),
        ("vague", j.boolean("f.vague")),
        (
            "period",
            j.obj(
                [
                    ("start", j.day("f.period_start")),
                    ("end", j.day("f.period_end")),
                    ("precision", j.string("f.period_precision")),
                ]
            ),
        ),
        ("status", j.string("f.status")),
        ("original", d.original(_F)),
        ("fx", d.fx(_F)),
        ("sources", d.citations("figure_id", _F)),
        ("basis", j.string("f.basis")),
        (
            "rank",
            j.string("CASE WHEN f.deprecated_at IS NULL THEN f.rank ELSE 'deprecated' END"),
        ),
        ("deprecation", d.deprecation(_F)),
        *d.assessment(_F),
        ("display", j.NULL),
        ("updated_at", j.instant("f.updated_at")),
    ]
)
"""The `Figure` of the row `f` of the figures table, read today without display currency."""
_EXACT: Final = d.exact(_F)
BY_ID: Final = d.by_id_sql(
    f"f.id AS key, {DOCUMENT} AS document, {_EXACT} AS exact", "figures", "f"
)

PAGE_FILTERS: Final = ("company", "metric", "status")
"""The filters a page of documents is read by (any other takes the general path)."""
_CONDITIONS: Final = {
    "company": "f.company_slug = ${}",
    "metric": "f.metric_slug = ${}",
    "status": "f.status = ${}",
    "after": "f.id > ${}",
}


@cache
def page_sql(names: tuple[str, ...]) -> str:
    """Today's preferred live figures by the named filters ($1.. in order, then the limit)."""
    return d.page_sql(
        "figures",
        _F,
        document=DOCUMENT,
        exact=_EXACT,
        conditions=_CONDITIONS,
        names=names,
        live=("f.rank = 'preferred'",),
    )


async def figure_document(reader: Reader, figure_id: int) -> bytes | None:
    """The body of today's live figure `figure_id`; None unless exact (b"" when none)."""
    return await d.fact_document(reader, BY_ID, figure_id)


async def page_document(reader: Reader, values: Mapping[str, Any], limit: int) -> bytes | None:
    """The body of a page of figures by already checked filter `values` (and `after`).

    None when a document's numbers are not exactly the general path's, and for an empty
    page filtered by a slug: the general path resolves a slug in another case or refuses an
    unknown one (`service.facts.slugs`), at no cost to the pages that have documents.
    """
    names = tuple(values)
    row = await fetch_row(reader, page_sql(names), *values.values(), limit)
    return page_body(row, general_if_empty=bool(SLUG_FILTERS.intersection(values)))
