"""The hot read of companies served thin (`service.web.thin`): one by slug.

One statement whose answer is the finished body.
"""

from __future__ import annotations

from typing import Final

from service.companies.documents import company_document
from service.web.params import MAX_SLUG
from service.web.thin import Query, ThinRoute


def _slug(key: str, query: Query) -> str | None:  # noqa: ARG001 - no query
    return key if len(key) <= MAX_SLUG else None


THIN_ROUTES: Final = (
    ThinRoute("getCompany", "/v1/companies/", frozenset(), _slug, company_document),
)
"""A company by slug (a missing one is answered by the general path)."""
