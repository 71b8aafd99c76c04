"""Every admin operation answers 401 without the right bearer token."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from service.settings import Settings
from tests.admin.helpers import ADMIN_HEADERS, article, row_counts
from tests.helpers import AppClient, assert_problem

Operation = tuple[str, str, dict[str, Any] | None]

MISSING_ID = 999_999_999
COMPANY = {"slug": "test-auth-company", "name": "Auth Company"}
FIGURE = {
    "company": "openai",
    "metric": "revenue",
    "value": "$7.25 billion",
    "period": {"start": "2031-01-01", "end": "2031-12-31", "precision": "year"},
    "status": "actual",
}
DEAL = {
    "kind": "partnership",
    "title": "Auth partnership",
    "parties": [{"company": "openai", "role": "partner"}, {"company": "amazon", "role": "partner"}],
    "value": "$7.25 billion",
    "status": "announced",
}

OPERATIONS = [
    pytest.param(("POST", "/v1/admin/sources", article()), id="createSource"),
    pytest.param(("GET", "/v1/admin/jobs/1", None), id="getJob"),
    pytest.param(("POST", "/v1/admin/companies", COMPANY), id="createCompany"),
    pytest.param(("PATCH", "/v1/admin/companies/no-such-company", {}), id="updateCompany"),
    pytest.param(("POST", "/v1/admin/figures", FIGURE), id="createFigure"),
    pytest.param(("PATCH", f"/v1/admin/figures/{MISSING_ID}", {}), id="updateFigure"),
    pytest.param(
        ("DELETE", f"/v1/admin/figures/{MISSING_ID}?reason=wrong", None), id="deprecateFigure"
    ),
    pytest.param(("POST", "/v1/admin/deals", DEAL), id="createDeal"),
    pytest.param(("PATCH", f"/v1/admin/deals/{MISSING_ID}", {}), id="updateDeal"),
    pytest.param(
        ("DELETE", f"/v1/admin/deals/{MISSING_ID}?reason=wrong", None), id="deprecateDeal"
    ),
]

WRONG_HEADERS = [
    pytest.param({}, id="missing"),
    pytest.param({"Authorization": "Bearer not-the-token"}, id="wrong-token"),
    pytest.param({"Authorization": "Bearer test-admin-token-and-more"}, id="longer-token"),
    pytest.param({"Authorization": "Basic dGVzdC1hZG1pbi10b2tlbg=="}, id="other-scheme"),
    pytest.param({"Authorization": "test-admin-token"}, id="no-scheme"),
    pytest.param({"Authorization": "Bearer "}, id="empty-token"),
]


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize("headers", WRONG_HEADERS)
async def test_admin_operation_without_the_token_answers_401_problem(
    client: httpx.AsyncClient,
    session: AsyncSession,
    operation: Operation,
    headers: dict[str, str],
) -> None:
    method, path, body = operation
    before = await row_counts(session)

    response = await client.request(method, path, json=body, headers=headers)

    assert_problem(response, 401)
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert await row_counts(session) == before


@pytest.mark.parametrize("operation", OPERATIONS)
async def test_admin_operation_with_the_token_is_let_through(
    client: httpx.AsyncClient, operation: Operation
) -> None:
    method, path, body = operation
    response = await client.request(method, path, json=body, headers=ADMIN_HEADERS)

    assert response.status_code in {201, 202, 404}, response.text


@pytest.mark.parametrize("operation", OPERATIONS)
async def test_admin_routes_are_closed_when_no_token_is_configured(
    settings: Settings,
    app_client: AppClient,
    operation: Operation,
) -> None:
    method, path, body = operation
    async with app_client(Settings(database_url=settings.database_url)) as http:
        for headers in ({}, ADMIN_HEADERS, {"Authorization": "Bearer "}):
            response = await http.request(method, path, json=body, headers=headers)
            assert_problem(response, 401)
