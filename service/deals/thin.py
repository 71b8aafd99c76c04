"""The hot reads of deals served thin (`service.web.thin`): by id, pages by party, kind, status.

Each is one statement whose answer is the finished body.
"""

from __future__ import annotations

from typing import Final, get_args

from service.db.reads import Reader
from service.deals.documents import PAGE_FILTERS, deal_document
from service.deals.service import DealFilter, today_page_document
from service.domain.vocabulary import DealKind, DealStatus
from service.web.thin import PageQuery, id_and_page_routes

_VALUES: Final = {
    "kind": frozenset(get_args(DealKind)),
    "status": frozenset(get_args(DealStatus)),
}
PAGE_CHOICES: Final = {name: _VALUES.get(name) for name in PAGE_FILTERS}
"""The filters of the one-statement pages, with their allowed values (None: a slug)."""


async def _page(reader: Reader, page: PageQuery) -> bytes | None:
    filters = DealFilter(**page.filters)  # type: ignore[arg-type]  # checked by page_query
    return await today_page_document(reader, filters, after=page.after, limit=page.limit)


THIN_ROUTES: Final = id_and_page_routes(
    ("getDeal", "listDeals"),
    "/v1/deals",
    item=deal_document,
    page=_page,
    choices=PAGE_CHOICES,
)
"""A deal by id, and pages of deals."""
