"""Liveness and readiness probes."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from service.db.engine import create_engine, create_sessionmaker
from service.settings import Settings
from tests.helpers import AppClient, assert_problem

DOWN_SERVER_URL = "postgresql+asyncpg://aifacts@/aifacts?host=/nonexistent-aifacts-socket-dir"


async def test_liveness_answers_200(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readiness_answers_200_when_the_database_answers(client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.fixture
async def down_engine() -> AsyncIterator[AsyncEngine]:
    """An engine pointed at a PostgreSQL server that does not exist."""
    engine = create_engine(Settings(database_url=DOWN_SERVER_URL))
    yield engine
    await engine.dispose()


@pytest.fixture
async def down_client(
    down_engine: AsyncEngine, app_client: AppClient
) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the app whose database is down."""
    sessionmaker = create_sessionmaker(down_engine)
    async with app_client(Settings(database_url=DOWN_SERVER_URL), sessionmaker) as http:
        yield http


async def test_readiness_answers_503_problem_when_the_database_is_down(
    down_client: httpx.AsyncClient,
) -> None:
    response = await down_client.get("/readyz")

    assert_problem(response, 503)


async def test_liveness_stays_200_when_the_database_is_down(
    down_client: httpx.AsyncClient,
) -> None:
    response = await down_client.get("/healthz")

    assert response.status_code == 200


@pytest.mark.parametrize("path", ["/v1/companies", "/v1/figures/1", "/v1/metrics"])
async def test_read_routes_answer_503_problem_when_the_database_is_down(
    down_client: httpx.AsyncClient, path: str
) -> None:
    response = await down_client.get(path)

    assert_problem(response, 503)
    assert response.headers["retry-after"] == "1"
