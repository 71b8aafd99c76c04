"""Every error leaves the service as an RFC 9457 problem, with no internals exposed."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from litestar import Litestar, get
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from service.domain.errors import ConflictError, InvalidInputError, NotFoundError, UnavailableError
from service.web.problems import EXCEPTION_HANDLERS
from tests.helpers import assert_problem


class _DriverGoneError(Exception):
    """Stands in for the driver's error under a `DBAPIError`."""


def _invalidated_connection() -> DBAPIError:
    error = DBAPIError("SELECT 1", {}, _DriverGoneError("connection reset"))
    error.connection_invalidated = True
    return error


@pytest.fixture
async def raising_client(request: pytest.FixtureRequest) -> AsyncIterator[httpx.AsyncClient]:
    """A client of a tiny app whose only route raises `request.param`."""
    error: Exception = request.param

    @get("/boom", sync_to_thread=False)
    def boom() -> None:
        raise error

    app = Litestar(route_handlers=[boom], exception_handlers=EXCEPTION_HANDLERS, debug=False)
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


async def test_unknown_route_answers_404_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/no-such-resource")

    body = assert_problem(response, 404)
    assert body["instance"] == "/v1/no-such-resource"


async def test_wrong_method_answers_405_problem_with_allow(client: httpx.AsyncClient) -> None:
    response = await client.delete("/v1/companies")

    assert_problem(response, 405)
    assert "GET" in response.headers["allow"]


@pytest.mark.parametrize(
    "raising_client", [RuntimeError("secret"), KeyError("secret")], indirect=True
)
async def test_unexpected_exception_answers_500_without_internals(
    raising_client: httpx.AsyncClient,
) -> None:
    response = await raising_client.get("/boom")

    assert_problem(response, 500)
    for leak in ("secret", "Traceback", "RuntimeError", "KeyError", ".py"):
        assert leak not in response.text


@pytest.mark.parametrize(
    "raising_client",
    [
        OperationalError("SELECT 1", {}, _DriverGoneError("server closed the connection")),
        PoolTimeoutError("QueuePool limit reached"),
        ConnectionRefusedError(111, "Connection refused"),
        _invalidated_connection(),
    ],
    indirect=True,
)
async def test_database_errors_answer_503_problem_with_retry_after(
    raising_client: httpx.AsyncClient,
) -> None:
    response = await raising_client.get("/boom")

    assert_problem(response, 503)
    assert response.headers["retry-after"] == "1"
    assert "SELECT" not in response.text


@pytest.mark.parametrize(
    ("raising_client", "status"),
    [
        (NotFoundError("no widget 7"), 404),
        (InvalidInputError("bad widget"), 422),
        (ConflictError("widget exists"), 409),
        (UnavailableError("widgets are down"), 503),
    ],
    indirect=["raising_client"],
)
async def test_domain_errors_map_to_their_status_with_their_detail(
    raising_client: httpx.AsyncClient, status: int
) -> None:
    response = await raising_client.get("/boom")

    body = assert_problem(response, status)
    assert "widget" in body["detail"]


async def test_validation_error_lists_each_invalid_field(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/figures", params={"limit": "0", "status": "rumour"})

    body = assert_problem(response, 400)
    keys = {error["key"] for error in body["errors"]}
    assert keys <= {"limit", "status"}
    assert keys
    assert all(error["source"] == "query" and error["message"] for error in body["errors"])
