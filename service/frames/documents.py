"""Frames read in one statement, as the JSON text of their pages.

Today's frame of a metric and calendar period: the ranking of `service.frames.service`
(the same SQLAlchemy expression, compiled once to SQL text), each company's best figure
written by PostgreSQL as the `Figure` document of `service.figures.documents`, and the rows
joined into one page row. The caller wraps it in the frame's metric, period and basis.
"""

from __future__ import annotations

from typing import Final

from sqlalchemy import bindparam, select

from service.db import json_text as j
from service.db.prepared import Prepared
from service.db.reads import Reader, fetch_row
from service.domain.vocabulary import Basis
from service.facts import documents as d
from service.figures import documents as figure_documents
from service.figures.schemas import Period
from service.frames.claims import CalendarPeriod, frame_claims
from service.frames.schemas import FramePage
from service.models import Figure
from service.web.http import JSON_ENCODER, page_body

_ROW: Final = j.obj(
    [
        ("company", j.string("f.company_slug")),
        ("basis", j.string("f.basis")),
        ("figure", figure_documents.DOCUMENT),
    ]
)
"""The `FrameRow` of the figures row `f`."""


_BEST: Final = frame_claims(
    Figure.__table__,
    bindparam("metric"),
    bindparam("start"),
    bindparam("end"),
    bindparam("basis"),
)
_RANKING: Final = Prepared(select(_BEST.c.id).where(_BEST.c.rank == "preferred"))
"""Ids of today's best claims of the frame, by the general path's own expression."""


def _page_sql(after: bool) -> str:
    """Today's frame rows by the ranking's parameters, then `after` if wanted, then the limit."""
    position = len(_RANKING.names)
    later = f" AND f.company_slug > ${position + 1}" if after else ""
    limit = f"${position + 2}" if after else f"${position + 1}"
    rows = (
        f"SELECT f.* FROM figures f WHERE f.id IN ({_RANKING.sql}){later} "  # noqa: S608 (constant SQL; values are $n parameters)
        f"ORDER BY f.company_slug LIMIT {limit} + 1"
    )
    return j.page(
        rows, alias="f", key="company_slug", document=_ROW, exact=d.exact("f"), limit=limit
    )


PAGE: Final = _page_sql(after=False)
PAGE_AFTER: Final = _page_sql(after=True)


def _heading(metric: str, period: CalendarPeriod, basis: Basis) -> bytes:
    """The encoded fields of a `FramePage` before its rows, without the closing brace."""
    empty = FramePage(
        metric=metric,
        period=Period(start=period.start, end=period.end, precision=period.precision),
        basis=basis,
        data=[],
        next_cursor=None,
    )
    encoded = JSON_ENCODER.encode(empty)
    tail = b',"data":[],"next_cursor":null}'
    if not encoded.endswith(tail):
        raise AssertionError("a FramePage no longer ends with its data and cursor")
    return encoded[: -len(tail)]


async def frame_document(
    reader: Reader,
    metric: str,
    period: CalendarPeriod,
    *,
    basis: Basis,
    after: str | None,
    limit: int,
) -> bytes | None:
    """The body of today's frame page; None when the general path must answer it.

    That is for a page with a document whose numbers SQL cannot write exactly, and for an
    empty page: the general path resolves a metric slug in another case, or refuses an
    unknown one, at no cost to the frames that have rows.
    """
    arguments = _RANKING.arguments(metric=metric, start=period.start, end=period.end, basis=basis)
    if after is not None:
        arguments.append(after)
    row = await fetch_row(reader, PAGE if after is None else PAGE_AFTER, *arguments, limit)
    page = page_body(row, general_if_empty=True)
    if page is None:
        return None
    return _heading(metric, period, basis) + b"," + page[1:]
