"""Idempotency-Key on admin POSTs: replay, reuse with another body, and a request in flight."""

from __future__ import annotations

import httpx
import pytest
from litestar.openapi.spec import Operation, Parameter
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from service.admin.tokens import AdminTokens
from service.app import create_app
from service.models import Company, IdempotencyKey
from service.settings import Settings
from service.web.idempotency import HEADER, request_fingerprint
from tests.admin.helpers import ADMIN_HEADERS
from tests.helpers import assert_problem

COMPANY = {"slug": "idem-company", "name": "Idem Company"}


def parameter_names(operation: Operation) -> set[str]:
    return {p.name for p in operation.parameters or [] if isinstance(p, Parameter)}


def keyed(key: str, headers: dict[str, str] = ADMIN_HEADERS) -> dict[str, str]:
    return {**headers, HEADER: key}


async def companies_named(session: AsyncSession, slug: str) -> int:
    count = await session.scalar(select(func.count()).where(Company.slug == slug))
    return int(count or 0)


async def test_the_same_key_and_body_answer_the_first_answer_again(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    first = await client.post("/v1/admin/companies", json=COMPANY, headers=keyed("k-1"))
    again = await client.post("/v1/admin/companies", json=COMPANY, headers=keyed("k-1"))

    assert first.status_code == 201, first.text
    assert "idempotent-replayed" not in first.headers
    assert again.status_code == 201
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    assert again.headers["content-type"] == first.headers["content-type"]
    assert await companies_named(session, COMPANY["slug"]) == 1


async def test_the_same_key_with_another_body_answers_422_problem(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await client.post("/v1/admin/companies", json=COMPANY, headers=keyed("k-2"))
    other = {"slug": "idem-other", "name": "Other"}

    response = await client.post("/v1/admin/companies", json=other, headers=keyed("k-2"))

    assert_problem(response, 422)
    assert await companies_named(session, "idem-other") == 0


async def test_a_key_whose_first_request_is_in_flight_answers_409_problem(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    body = b'{"slug":"idem-company","name":"Idem Company"}'
    session.add(
        IdempotencyKey(
            actor="bootstrap",
            key="k-3",
            request_sha256=request_fingerprint("POST", "/v1/admin/companies", b"", body),
            status="in_progress",
        )
    )
    await session.commit()

    response = await client.post(
        "/v1/admin/companies",
        content=body,
        headers={**keyed("k-3"), "Content-Type": "application/json"},
    )

    assert_problem(response, 409)
    assert await companies_named(session, COMPANY["slug"]) == 0


async def test_keys_are_per_token(client: httpx.AsyncClient, session: AsyncSession) -> None:
    token = await AdminTokens(session).create("idem-curator")
    await session.commit()
    named = {"Authorization": f"Bearer {token}"}

    first = await client.post("/v1/admin/companies", json=COMPANY, headers=keyed("k-4"))
    other = {"slug": "idem-second", "name": "Second"}
    second = await client.post("/v1/admin/companies", json=other, headers=keyed("k-4", named))

    assert (first.status_code, second.status_code) == (201, 201)


async def test_a_key_older_than_a_day_is_forgotten(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    session.add(IdempotencyKey(actor="bootstrap", key="k-5", request_sha256="0" * 64))
    await session.flush()
    await session.execute(
        text("UPDATE idempotency_keys SET created_at = now() - interval '25 hours'")
    )
    await session.commit()

    response = await client.post("/v1/admin/companies", json=COMPANY, headers=keyed("k-5"))

    assert response.status_code == 201, response.text


async def test_a_client_error_is_remembered_and_a_retry_gets_it_again(
    client: httpx.AsyncClient,
) -> None:
    taken = {"slug": "openai", "name": "Again"}
    first = await client.post("/v1/admin/companies", json=taken, headers=keyed("k-6"))
    again = await client.post("/v1/admin/companies", json=taken, headers=keyed("k-6"))

    assert_problem(first, 409)
    assert again.status_code == 409
    assert again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()


@pytest.mark.parametrize("key", ["", "k" * 256])
async def test_a_key_of_the_wrong_length_answers_400_problem(
    client: httpx.AsyncClient, key: str
) -> None:
    response = await client.post("/v1/admin/companies", json=COMPANY, headers=keyed(key))

    assert_problem(response, 400)


def test_admin_posts_declare_the_header_in_the_openapi_document(settings: Settings) -> None:
    paths = create_app(settings).openapi_schema.paths or {}
    posts = {path: item.post for path, item in paths.items() if item.post is not None}
    admin = {path: op for path, op in posts.items() if path.startswith("/v1/admin/")}

    assert set(admin) == {
        "/v1/admin/sources",
        "/v1/admin/companies",
        "/v1/admin/figures",
        "/v1/admin/deals",
        "/v1/admin/feeds",
    }
    for operation in admin.values():
        assert HEADER in parameter_names(operation)
        assert {"409", "422"} <= set(operation.responses or {})
    assert all(HEADER not in parameter_names(op) for path, op in posts.items() if path not in admin)


async def test_a_claim_left_by_a_request_that_died_is_taken_over_after_its_lease(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    # The first request's process was killed between claiming the key and answering.
    body = b'{"slug":"idem-company","name":"Idem Company"}'
    fingerprint = request_fingerprint("POST", "/v1/admin/companies", b"", body)
    session.add(
        IdempotencyKey(
            actor="bootstrap", key="k-6", request_sha256=fingerprint, status="in_progress"
        )
    )
    await session.flush()
    await session.execute(
        text("UPDATE idempotency_keys SET created_at = now() - interval '2 minutes'")
    )
    await session.commit()

    retried = await client.post(
        "/v1/admin/companies",
        content=body,
        headers={**keyed("k-6"), "Content-Type": "application/json"},
    )
    again = await client.post(
        "/v1/admin/companies",
        content=body,
        headers={**keyed("k-6"), "Content-Type": "application/json"},
    )

    assert retried.status_code == 201, retried.text
    assert (again.status_code, again.headers.get("Idempotent-Replayed")) == (201, "true")
    assert await companies_named(session, COMPANY["slug"]) == 1
