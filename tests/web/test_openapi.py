"""The OpenAPI contract: committed document, versions, operations and descriptions."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

COMMITTED = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"
METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


@pytest.fixture
async def served(client: httpx.AsyncClient) -> dict[str, Any]:
    """The OpenAPI document the application serves."""
    response = await client.get("/schema/openapi.json")
    assert response.status_code == 200
    document: dict[str, Any] = response.json()
    return document


def _operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in document["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


def _undescribed(schema: Any, where: str) -> Iterator[str]:
    """Paths of properties under `schema` that lack a description."""
    if isinstance(schema, list):
        for index, item in enumerate(schema):
            yield from _undescribed(item, f"{where}[{index}]")
        return
    if not isinstance(schema, dict):
        return
    for name, prop in schema.get("properties", {}).items():
        ref_only = isinstance(prop, dict) and set(prop) == {"$ref"}
        if not ref_only and not (isinstance(prop, dict) and prop.get("description")):
            yield f"{where}.{name}"
        yield from _undescribed(prop, f"{where}.{name}")
    for key in ("items", "oneOf", "anyOf", "allOf", "additionalProperties"):
        if key in schema:
            yield from _undescribed(schema[key], f"{where}.{key}")


def test_committed_document_equals_the_served_one(served: dict[str, Any]) -> None:
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))

    assert committed == served, "openapi/openapi.json is stale: run `aifacts openapi`"


def test_document_is_openapi_3_1(served: dict[str, Any]) -> None:
    assert served["openapi"].startswith("3.1.")
    assert served["info"]["title"]
    assert served["info"]["version"]


def test_operation_ids_are_unique(served: dict[str, Any]) -> None:
    ids = Counter(operation.get("operationId") for _, _, operation in _operations(served))

    assert None not in ids
    assert [name for name, count in ids.items() if count > 1] == []


def test_every_operation_has_a_summary_a_description_and_tags(served: dict[str, Any]) -> None:
    lacking = [
        f"{method.upper()} {path}"
        for path, method, operation in _operations(served)
        if not (operation.get("summary") and operation.get("description") and operation.get("tags"))
    ]

    assert lacking == []


def test_list_operations_are_tagged_by_resource(served: dict[str, Any]) -> None:
    lists = {
        operation["operationId"]: operation.get("tags")
        for _, _, operation in _operations(served)
        if operation["operationId"].startswith("list")
    }

    assert {"listCompanies", "listFigures", "listDeals", "listSources", "listMetrics"} <= set(lists)
    assert all(tags for tags in lists.values())


def test_every_component_property_has_a_description(served: dict[str, Any]) -> None:
    schemas = served["components"]["schemas"]
    assert {"Problem", "FieldError"} <= schemas.keys()

    lacking = [path for name, schema in schemas.items() for path in _undescribed(schema, name)]

    assert lacking == []


def test_error_answers_are_documented_as_problems(served: dict[str, Any]) -> None:
    for path, method, operation in _operations(served):
        problem = operation["responses"]["500"]["content"]["application/problem+json"]
        assert problem["schema"] == {"$ref": "#/components/schemas/Problem"}, f"{method} {path}"


def test_every_operation_tag_is_declared_with_a_description(served: dict[str, Any]) -> None:
    declared = {tag["name"]: tag.get("description") for tag in served["tags"]}
    used = {
        tag
        for item in served["paths"].values()
        for operation in item.values()
        if isinstance(operation, dict)
        for tag in operation.get("tags", [])
    }

    assert used == set(declared), "declare each operation tag in service.app.TAGS"
    assert all(declared.values())


def test_the_document_names_its_contact_and_license(served: dict[str, Any]) -> None:
    assert served["info"]["contact"]["name"]
    assert served["info"]["license"]["name"]


def _schemas(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, list):
        return [schema for item in value for schema in _schemas(item)]
    if not isinstance(value, dict):
        return []
    nested = [schema for item in value.values() for schema in _schemas(item)]
    return [value, *nested] if "type" in value or "prefixItems" in value else nested


def test_tuples_state_their_items_and_exact_length(served: dict[str, Any]) -> None:
    tuples = [schema for schema in _schemas(served) if "prefixItems" in schema]

    assert tuples
    for schema in tuples:
        size = len(schema["prefixItems"])
        assert schema["minItems"] == schema["maxItems"] == size
        options = schema["items"].get("oneOf", [schema["items"]])
        assert all(item in options for item in schema["prefixItems"])
