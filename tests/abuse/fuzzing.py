"""Malformed requests built from the OpenAPI document: every parameter, every body field."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote

from tests.faults.helpers import ADMIN_HEADERS

DOCUMENT = Path(__file__).parents[2] / "openapi" / "openapi.json"

MALFORMED_TEXT = [
    "99999999999999999999999999",
    "-1",
    "-99999999999999999999",
    "0",
    "NaN",
    "Infinity",
    "-Infinity",
    "1e309",
    "1.5",
    "1_000",
    "0x10",
    "\u0663",
    "\u0661\u0662\u0663",
    "\uff11",
    "\x00",
    "a\x00b",
    "x" * 5000,
    "",
    " ",
    "%",
    "\U0001f642",
    "true",
    "[]",
    "{}",
    "2024-02-30",
    "9999-99-99",
    "../../etc/passwd",
    "' OR 1=1 --",
    "\ud800".encode("utf-8", "surrogatepass").decode("latin-1"),
]
"""Values sent in place of every path, query and header parameter."""
REPEATED = frozenset(MALFORMED_TEXT[:12])
"""The values also sent three times over in the same query string."""

MALFORMED_JSON: list[Any] = [
    10**30,
    -(10**30),
    -1,
    0,
    1.5,
    None,
    True,
    "",
    "   ",
    "x" * 20_000,
    "\x00",
    "\u0663",
    "NaN",
    "9999-12-31",
    "P999999999Y",
    [],
    {},
    [1] * 100,
    {"a": [[[[]]]]},
]
"""Values put in every field of every request body."""

WHOLE_BODIES = [b"[]", b'"x"', b"1", b"null", b"{", b"[" * 40, b"{}", b'{"a":1}', b"\xff\xfe"]
"""Bodies that are not the object any operation expects."""

DEFAULTS = {"integer": "1", "string": "openai"}
"""Values of the other path parameters while one is malformed."""


class Attack(NamedTuple):
    """One request: method, path with its query, headers and body."""

    method: str
    url: str
    headers: dict[str, str]
    body: bytes | None


def _document() -> dict[str, Any]:
    return dict(json.loads(DOCUMENT.read_text()))


def _operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield method.upper(), path, operation


def _path(template: str, parameters: list[dict[str, Any]], name: str, value: str) -> str:
    for parameter in parameters:
        if parameter["in"] == "path":
            kind = parameter["schema"].get("type", "string")
            text = value if parameter["name"] == name else DEFAULTS.get(kind, "1")
            template = template.replace("{" + parameter["name"] + "}", quote(text, safe=""))
    return template


def _headers(method: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    base = {**ADMIN_HEADERS, "Content-Type": "application/json"} if method != "GET" else {}
    return base | (extra or {})


def _header_safe(value: str) -> bool:
    return value.isprintable() and value.isascii() and value.strip() == value and value != ""


def parameter_attacks(method: str, path: str, operation: dict[str, Any]) -> Iterator[Attack]:
    """Each parameter of the operation malformed in turn: alone, and repeated for queries."""
    parameters = operation.get("parameters", [])
    body = b"{}" if "requestBody" in operation else None
    for parameter in parameters:
        name, where = parameter["name"], parameter["in"]
        for value in MALFORMED_TEXT:
            if where == "path":
                url = _path(path, parameters, name, value)
                yield Attack(method, url, _headers(method), body)
            elif where == "query":
                url = _path(path, parameters, "", "")
                for repeat in (1, 3) if value in REPEATED else (1,):
                    query = "&".join([f"{quote(name)}={quote(value, safe='')}"] * repeat)
                    yield Attack(method, f"{url}?{query}", _headers(method), body)
            elif where == "header" and _header_safe(value):
                url = _path(path, parameters, "", "")
                yield Attack(method, url, _headers(method, {name: value}), body)


def body_attacks(method: str, path: str, operation: dict[str, Any]) -> Iterator[Attack]:
    """Each field of the body schema given each malformed value, then wrong whole bodies."""
    if "requestBody" not in operation:
        return
    schemas = _document()["components"]["schemas"]
    reference = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    fields = schemas[reference.rsplit("/", 1)[-1]].get("properties", {})
    url = _path(path, operation.get("parameters", []), "", "")
    for field in fields:
        for value in MALFORMED_JSON:
            yield Attack(method, url, _headers(method), json.dumps({field: value}).encode())
    for body in WHOLE_BODIES:
        yield Attack(method, url, _headers(method), body)


def attacks() -> list[Attack]:
    """Every attack on every operation of the document."""
    found: list[Attack] = []
    for method, path, operation in _operations(_document()):
        found += parameter_attacks(method, path, operation)
        found += body_attacks(method, path, operation)
    return found
