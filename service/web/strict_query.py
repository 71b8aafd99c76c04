"""Query strings read as strictly as the contract states them.

Litestar reads query values leniently: an unknown key is ignored (so `?Limit=5` silently
pages by 20), a repeated key keeps one of its values, an integer parameter accepts `5.0` or
`1e1` and a number accepts `NaN`, `Infinity`, `1_000` or other scripts' digits. No parameter
of this API is a list, integers are written as ASCII digits and numbers as JSON numbers, so
anything else is answered 400 before the handler runs, naming the nearest known parameter.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Final
from urllib.parse import parse_qsl

import msgspec
from litestar import Litestar
from litestar.exceptions import ValidationException
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Receive, Scope, Send

MAX_ERRORS: Final = 10
"""Most errors one answer lists: a query repeating a key 8,000 times gets one line for it."""
_INTEGER = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")


class QuerySpec(msgspec.Struct, frozen=True):
    """The query parameters of one operation, by what their values must look like."""

    names: frozenset[str]
    integers: frozenset[str]
    numbers: frozenset[str]


def _has_type(schema: dict[str, Any], wanted: str) -> bool:
    if schema.get("type") == wanted:
        return True
    return any(_has_type(option, wanted) for option in schema.get("oneOf", []))


def _spec(operation: dict[str, Any]) -> QuerySpec:
    query = [p for p in operation.get("parameters", []) if p.get("in") == "query"]
    return QuerySpec(
        names=frozenset(p["name"] for p in query),
        integers=frozenset(p["name"] for p in query if _has_type(p["schema"], "integer")),
        numbers=frozenset(p["name"] for p in query if _has_type(p["schema"], "number")),
    )


def query_specs(app: Litestar) -> dict[str, QuerySpec]:
    """The query parameters of each operation, by operation id (read once per app)."""
    cached: dict[str, QuerySpec] | None = app.state.get("query_specs")
    if cached is not None:
        return cached
    document = app.openapi_schema.to_schema()
    specs = {
        operation["operationId"]: _spec(operation)
        for item in document.get("paths", {}).values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    }
    app.state["query_specs"] = specs
    return specs


def _unknown(key: str, spec: QuerySpec) -> str:
    folded = {name.casefold(): name for name in spec.names}
    nearest = folded.get(key.casefold()) or next(
        iter(difflib.get_close_matches(key, sorted(spec.names), n=1)), None
    )
    hint = f"; did you mean `{nearest}`?" if nearest else ""
    known = ", ".join(sorted(spec.names)) or "none"
    return f"unknown query parameter{hint} (known: {known})"


def _value_error(key: str, value: str, spec: QuerySpec) -> str | None:
    if key in spec.integers and not _INTEGER.fullmatch(value):
        return "expected an integer written with digits"
    if key in spec.numbers and not _NUMBER.fullmatch(value):
        return "expected a number written as in JSON (digits, `.`, exponent)"
    return None


def violations(pairs: list[tuple[str, str]], spec: QuerySpec) -> list[dict[str, str]]:
    """What is wrong with a query's key-value pairs; one error per key, at most MAX_ERRORS."""
    seen: set[str] = set()
    errors: dict[str, str] = {}
    for key, value in pairs:
        if key in errors:
            continue
        if key not in spec.names:
            errors[key] = _unknown(key, spec)
        elif key in seen:
            errors[key] = "given more than once"
        elif (problem := _value_error(key, value, spec)) is not None:
            errors[key] = problem
        seen.add(key)
        if len(errors) == MAX_ERRORS:
            break
    return [{"key": key, "source": "query", "message": message} for key, message in errors.items()]


class StrictQueryMiddleware(ASGIMiddleware):
    """Rejects unknown or repeated query keys and loosely written numbers."""

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        """Check the query string of the matched operation, then carry on."""
        query = scope.get("query_string", b"").decode("latin-1")
        operation_id = getattr(scope.get("route_handler"), "operation_id", None)
        if query and isinstance(operation_id, str):
            spec = query_specs(scope["litestar_app"]).get(operation_id)
            pairs = parse_query(query)
            if spec is not None and (errors := violations(pairs, spec)):
                raise ValidationException("invalid query string", extra=errors)
        await next_app(scope, receive, send)


def parse_query(query: str) -> list[tuple[str, str]]:
    """The key-value pairs of a query string, blank values kept."""
    return parse_qsl(query, keep_blank_values=True)
