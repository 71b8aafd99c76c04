"""The hot reads of figures served thin (`service.web.thin`): by id, pages by company, metric...

... and status. Each is one statement whose answer is the finished body.
"""

from __future__ import annotations

from typing import Final, get_args

from service.db.reads import Reader
from service.domain.vocabulary import FigureStatus
from service.figures.documents import PAGE_FILTERS, figure_document
from service.figures.service import FigureFilter, today_page_document
from service.web.thin import PageQuery, id_and_page_routes

_VALUES: Final = {"status": frozenset(get_args(FigureStatus))}
PAGE_CHOICES: Final = {name: _VALUES.get(name) for name in PAGE_FILTERS}
"""The filters of the one-statement pages, with their allowed values (None: a slug)."""


async def _page(reader: Reader, page: PageQuery) -> bytes | None:
    filters = FigureFilter(**page.filters)  # type: ignore[arg-type]  # checked by page_query
    return await today_page_document(reader, filters, after=page.after, limit=page.limit)


THIN_ROUTES: Final = id_and_page_routes(
    ("getFigure", "listFigures"),
    "/v1/figures",
    item=figure_document,
    page=_page,
    choices=PAGE_CHOICES,
)
"""A figure by id, and pages of figures."""
