"""Every route, every wrong method and some bad inputs: always a 4xx problem+json.

The routes come from the application itself, so a route added later is walked too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from litestar.routes import HTTPRoute

from service.app import create_app
from service.settings import Settings
from tests.admin.helpers import ADMIN_HEADERS
from tests.helpers import assert_problem

METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
BAD_SEGMENTS = {int: ["abc", "-1", "0", "1e3", "9" * 30, "%D9%A3"], str: ["%00", "x" * 300]}
"""Values of path parameters no resource has, by the parameter's type."""
_PARAMETER = re.compile(r"\{([^}:]+):[^}]+\}")


def _routes() -> list[HTTPRoute]:
    settings = Settings(database_url="postgresql+psycopg://unused@localhost/unused")
    app = create_app(settings)
    return [route for route in app.routes if isinstance(route, HTTPRoute)]


ROUTES = _routes()


def _concrete(route: HTTPRoute, value: str) -> str:
    return _PARAMETER.sub(value, route.path)


def _wrong_methods() -> Iterator[tuple[str, str]]:
    for route in ROUTES:
        allowed = set(route.methods) | ({"HEAD"} if "GET" in route.methods else set())
        for method in METHODS:
            if method not in allowed:
                yield method, _concrete(route, "1")


def _bad_path_values() -> Iterator[tuple[str, str]]:
    for route in ROUTES:
        if route.path.startswith("/schema") or not route.path_parameters:
            continue
        kinds = {definition.type for definition in route.path_parameters.values()}
        for method in sorted(set(route.methods) - {"OPTIONS"}):
            for value in BAD_SEGMENTS[int if int in kinds else str]:
                yield method, _concrete(route, value)


def _api_operations() -> Iterator[tuple[str, str]]:
    for route in ROUTES:
        if route.path.startswith("/v1/"):
            for method in sorted(set(route.methods) - {"OPTIONS"}):
                yield method, _concrete(route, "1")


@pytest.mark.parametrize(("method", "path"), list(_wrong_methods()))
async def test_a_wrong_method_answers_405_problem(
    client: httpx.AsyncClient, method: str, path: str
) -> None:
    response = await client.request(method, path, headers=ADMIN_HEADERS)

    if method == "HEAD":  # a HEAD answer carries the headers of the problem, not its body
        assert (response.status_code, response.content) == (405, b"")
        assert response.headers["content-type"] == "application/problem+json"
    else:
        assert_problem(response, 405)


@pytest.mark.parametrize(("method", "path"), list(_bad_path_values()))
async def test_a_bad_path_parameter_answers_a_4xx_problem(
    client: httpx.AsyncClient, method: str, path: str
) -> None:
    response = await client.request(method, path, json={}, headers=ADMIN_HEADERS)

    assert 400 <= response.status_code < 500, response.text
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(("method", "path"), list(_api_operations()))
async def test_an_unknown_query_parameter_or_a_non_json_body_answers_a_4xx_problem(
    client: httpx.AsyncClient, method: str, path: str
) -> None:
    unknown = await client.request(method, path, params={"zzz": "1"}, headers=ADMIN_HEADERS)
    as_text = await client.request(
        method, path, content=b"{}", headers={**ADMIN_HEADERS, "content-type": "text/plain"}
    )

    assert_problem(unknown, 400)
    if method in {"POST", "PATCH"}:
        assert_problem(as_text, 415)
    else:
        assert 400 <= as_text.status_code < 500 or as_text.status_code == 200
