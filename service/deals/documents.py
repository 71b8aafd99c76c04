"""Deals read in one statement each, as the JSON text of their documents.

Today's live deals by id, and pages of them filtered by party, kind and status. `DOCUMENT`
writes each `Deal` document (parties, amount, citations, confidence) as the general path's
encoder would, and `EXACT` says whether its numbers are exact (`service.db.json_text`).
The database keeps both beside each live deal in `deal_documents` (statement triggers of
migration `a4b5c6d7e8f9`, whose frozen copy of this SQL a test holds to `DOCUMENT`): a deal by
id, and a page of a company's deals (after a cursor, no other filter), read the stored text,
so such a page is an index scan of the company's parties and a concatenation. Pages filtered
by kind or status read the deals they filter on joined to their stored documents. The caller
concatenates the documents or, for an inexact one, takes the general path.
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

_D: Final = "d"
_PARTY: Final = j.obj([("company", j.string("p.company_slug")), ("role", j.string("p.role"))])
_AMOUNT: Final = j.obj(
    [
        ("value", j.number("d.value")),
        ("unit", j.string("d.unit")),
        ("bound", j.string("coalesce(d.bound, 'exact')")),
        ("low", j.number("d.low")),
        ("high", j.number("d.high")),
        ("vague", j.boolean("d.vague")),
        ("original", d.original(_D)),
        ("fx", d.fx(_D)),
        ("display", j.NULL),
    ]
)
DOCUMENT: Final = j.obj(
    [
        ("id", j.integer("d.id")),
        ("kind", j.string("d.kind")),
        ("title", j.string("d.title")),
        (
            "parties",
            j.array_of(
                _PARTY, "FROM deal_parties p WHERE p.deal_id = d.id", "p.role, p.company_slug"
            ),
        ),
        ("value", f"(CASE WHEN d.value IS NULL THEN {j.NULL} ELSE {_AMOUNT} END)"),
        ("duration", j.string("d.duration")),
        ("announced_on", j.day("d.announced_on")),
        ("status", j.string("d.status")),
        ("sources", d.citations("deal_id", _D)),
        (
            "rank",
            j.string("CASE WHEN d.deprecated_at IS NULL THEN 'preferred' ELSE 'deprecated' END"),
        ),
        ("deprecation", d.deprecation(_D)),
        *d.assessment(_D),
        ("updated_at", j.instant("d.updated_at")),
    ]
)
"""The `Deal` of the row `d` of the deals table, read today without display currency.

The reads take it from `deal_documents`, where the triggers write it with the copy of this SQL
their migration holds (a test compares the two)."""
EXACT: Final = d.exact(_D)
"""Whether the numbers of `DOCUMENT` are exactly the general path's."""
BY_ID: Final = "SELECT deal_id AS key, document, exact FROM deal_documents WHERE deal_id = ANY($1)"
"""Today's live deals whose ids are in the array $1 (`Reader.fetch_one`): their stored documents."""

PAGE_FILTERS: Final = ("company", "kind", "status")
"""The filters a page of documents is read by (any other takes the general path)."""
_CONDITIONS: Final = {
    "company": "d.id IN (SELECT deal_id FROM deal_parties WHERE company_slug = ${})",
    "kind": "d.kind = ${}",
    "status": "d.status = ${}",
    "after": "d.id > ${}",
}
_PARTY_CONDITIONS: Final = {
    "company": "p.company_slug = ${}",
    "after": "p.deal_id > ${}",
}
"""A page of a company's deals starts from its parties: these filters apply to them."""
_STORED: Final = "dd"
"""The alias of `deal_documents` in the pages that read the stored documents."""
_WITH_STORED: Final = (
    "SELECT d.*, dd.document AS stored_document, dd.exact AS stored_exact "
    "FROM deals d JOIN deal_documents dd ON dd.deal_id = d.id"
)
"""Live deals with their stored documents, for pages filtered by the deals' own columns."""


@cache
def page_sql(names: tuple[str, ...]) -> str:
    """Today's live deals by the named filters ($1.. in order, then the limit).

    A company's deals are read from its parties (`ix_deal_parties_company_deal`, in deal id
    order from the cursor on), each deal looked up by its key until the page is full: the few
    deals of one company are never found by walking every deal in id order, whatever plan the
    prepared statement settles on (the fence `OFFSET 0` keeps the lookup a nested loop under
    the parties, and the parties' order the page's). With no other filter the lookup is of
    the deal's stored document alone (`deal_documents` holds only live deals); with kind or
    status, of the deal joined to its stored document, the deal checked against them. Pages
    not filtered by company walk the deals in id order, each joined to its stored document.
    """
    if "company" not in names:
        return d.page_sql(
            "deals",
            _D,
            document=f"{_D}.stored_document",
            exact=f"{_D}.stored_exact",
            conditions=_CONDITIONS,
            names=names,
            source=f"({_WITH_STORED}) AS {_D}",
        )
    numbered = list(enumerate(names, 1))
    party = " AND ".join(
        _PARTY_CONDITIONS[name].format(index)
        for index, name in numbered
        if name in _PARTY_CONDITIONS
    )
    parties = (
        f"(SELECT DISTINCT p.deal_id FROM deal_parties p WHERE {party} ORDER BY p.deal_id) "  # noqa: S608 (constant SQL; values are $n parameters)
        "AS parties CROSS JOIN LATERAL "
    )
    if set(names) <= set(_PARTY_CONDITIONS):
        limit = f"${len(names) + 1}"
        rows = (
            f"SELECT {_STORED}.* FROM {parties}(SELECT * FROM deal_documents {_STORED} "  # noqa: S608 (constant SQL; values are $n parameters)
            f"WHERE {_STORED}.deal_id = parties.deal_id OFFSET 0) AS {_STORED} "
            f"ORDER BY parties.deal_id LIMIT {limit} + 1"
        )
        return j.page(
            rows,
            alias=_STORED,
            key="deal_id",
            document=f"{_STORED}.document",
            exact=f"{_STORED}.exact",
            limit=limit,
        )
    source = f"{parties}({_WITH_STORED} WHERE d.id = parties.deal_id OFFSET 0) AS {_D}"
    others = {name: sql for name, sql in _CONDITIONS.items() if name not in _PARTY_CONDITIONS}
    return d.page_sql(
        "deals",
        _D,
        document=f"{_D}.stored_document",
        exact=f"{_D}.stored_exact",
        conditions=others,
        names=names,
        source=source,
        order="parties.deal_id",
    )


async def deal_document(reader: Reader, deal_id: int) -> bytes | None:
    """The body of today's live deal `deal_id`; None unless exact (b"" when none)."""
    return await d.fact_document(reader, BY_ID, deal_id)


async def page_document(reader: Reader, values: Mapping[str, Any], limit: int) -> bytes | None:
    """The body of a page of deals by already checked filter `values` (and `after`).

    None when a document's numbers are not exactly the general path's, and for an empty
    page filtered by a slug: the general path resolves a slug in another case or refuses an
    unknown one (`service.facts.slugs`), at no cost to the pages that have documents.
    """
    row = await fetch_row(reader, page_sql(tuple(values)), *values.values(), limit)
    return page_body(row, general_if_empty=bool(SLUG_FILTERS.intersection(values)))
