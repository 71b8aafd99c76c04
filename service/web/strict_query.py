"""Query strings read as strictly as the contract states them.

Litestar reads query values leniently: a repeated key keeps one of its values and an integer
parameter accepts `5.0` or `1e1`. No parameter of this API is a list and integers are written
as digits, so anything else is answered 400 before the handler runs.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl

from litestar import Litestar
from litestar.exceptions import ValidationException
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Receive, Scope, Send

_INTEGER = re.compile(r"-?[0-9]+")


def _is_integer_schema(schema: dict[str, Any]) -> bool:
    if schema.get("type") == "integer":
        return True
    return any(_is_integer_schema(option) for option in schema.get("oneOf", []))


def _integer_parameters(app: Litestar) -> dict[str, frozenset[str]]:
    """Names of the integer query parameters of each operation, by operation id (read once)."""
    cached: dict[str, frozenset[str]] | None = app.state.get("integer_query_parameters")
    if cached is not None:
        return cached
    document = app.openapi_schema.to_schema()
    names: dict[str, frozenset[str]] = {}
    for item in document.get("paths", {}).values():
        for operation in item.values():
            if not isinstance(operation, dict) or "operationId" not in operation:
                continue
            names[operation["operationId"]] = frozenset(
                parameter["name"]
                for parameter in operation.get("parameters", [])
                if parameter.get("in") == "query" and _is_integer_schema(parameter["schema"])
            )
    app.state["integer_query_parameters"] = names
    return names


def _violations(query: str, integers: frozenset[str]) -> list[dict[str, str]]:
    seen: set[str] = set()
    errors: list[dict[str, str]] = []
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key in seen:
            errors.append({"key": key, "source": "query", "message": "given more than once"})
        seen.add(key)
        if key in integers and not _INTEGER.fullmatch(value):
            errors.append({"key": key, "source": "query", "message": "expected an integer"})
    return errors


class StrictQueryMiddleware(ASGIMiddleware):
    """Rejects repeated query keys and non-digit values of integer query parameters."""

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        """Check the query string of the matched operation, then carry on."""
        query = scope.get("query_string", b"").decode("latin-1")
        operation_id = getattr(scope.get("route_handler"), "operation_id", None)
        if query and isinstance(operation_id, str):
            integers = _integer_parameters(scope["litestar_app"]).get(operation_id, frozenset())
            if errors := _violations(query, integers):
                raise ValidationException("invalid query string", extra=errors)
        await next_app(scope, receive, send)
