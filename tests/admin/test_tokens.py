"""Named admin tokens: created once, stored hashed, recorded as the actor, revocable."""

from __future__ import annotations

import hashlib
import uuid

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from service.admin.tokens import AdminTokens
from service.cli import main
from service.domain.errors import ConflictError, NotFoundError
from service.models import AdminToken
from service.settings import get_settings
from tests.admin.helpers import ADMIN_HEADERS, history_of
from tests.helpers import assert_problem


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def create_company(client: httpx.AsyncClient, slug: str, token: str) -> httpx.Response:
    return await client.post(
        "/v1/admin/companies", json={"slug": slug, "name": slug.title()}, headers=bearer(token)
    )


async def test_a_created_token_is_let_through_and_named_in_the_history(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    token = await AdminTokens(session).create("curator-anna")

    response = await create_company(client, "token-made-company", token)

    assert response.status_code == 201, response.text
    [revision] = await history_of(session, "company", "token-made-company")
    assert revision.actor == "curator-anna"


async def test_the_bootstrap_token_is_recorded_as_bootstrap(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    response = await client.post(
        "/v1/admin/companies", json={"slug": "boot-company", "name": "Boot"}, headers=ADMIN_HEADERS
    )

    assert response.status_code == 201, response.text
    [revision] = await history_of(session, "company", "boot-company")
    assert revision.actor == "bootstrap"


async def test_a_revoked_token_answers_401(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    tokens = AdminTokens(session)
    token = await tokens.create("leaver")
    await tokens.revoke("leaver")

    response = await create_company(client, "revoked-company", token)

    assert_problem(response, 401)
    assert response.headers["www-authenticate"].startswith("Bearer")


async def test_only_the_sha256_of_a_token_is_stored_and_use_is_dated(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    token = await AdminTokens(session).create("hashed")
    row = await session.scalar(select(AdminToken).where(AdminToken.name == "hashed"))
    assert row is not None
    assert row.token_sha256 == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {str(value) for value in vars(row).values()}
    assert row.last_used_at is None

    response = await client.get("/v1/admin/jobs/999999999", headers=bearer(token))

    assert_problem(response, 404)
    await session.refresh(row)
    assert row.last_used_at is not None


async def test_token_names_are_unique_and_revoking_an_unknown_name_fails(
    session: AsyncSession,
) -> None:
    tokens = AdminTokens(session)
    first = await tokens.create("twice")

    with pytest.raises(ConflictError):
        await tokens.create("twice")
    with pytest.raises(NotFoundError):
        await tokens.revoke("nobody")
    assert len(first) >= 43


def test_token_commands_print_a_token_once_and_never_list_it(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("AIFACTS_DATABASE_URL", database_url)
    get_settings.cache_clear()
    name = f"cli-{uuid.uuid4().hex[:12]}"
    try:
        assert main(["token", "create", name]) == 0
        token = capsys.readouterr().out.strip()
        assert len(token) >= 43

        assert main(["token", "list"]) == 0
        listed = capsys.readouterr().out
        assert name in listed
        assert token not in listed

        assert main(["token", "revoke", name]) == 0
        assert main(["token", "create", name]) == 1
        assert main(["token", "revoke", "no-such-token-name"]) == 1
        capsys.readouterr()
        assert main(["token", "list"]) == 0
        [line] = [line for line in capsys.readouterr().out.splitlines() if name in line]
        assert line.split()[-1] != "-"
    finally:
        get_settings.cache_clear()
