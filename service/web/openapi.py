"""The OpenAPI document: exact request bodies, problem responses and links between operations."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any, Final

import msgspec
from litestar import Litestar
from litestar.openapi.spec import (
    Components,
    Link,
    OpenAPIFormat,
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Operation,
    Reference,
    Schema,
)
from litestar.routes import HTTPRoute

from service.web.problems import PROBLEM_MEDIA_TYPE

COMPONENTS_REF: Final = "#/components/schemas/{name}"

FIELD_ERROR_SCHEMA = Schema(
    type=OpenAPIType.OBJECT,
    title="FieldError",
    description="One invalid field of a request.",
    properties={
        "message": Schema(type=OpenAPIType.STRING, description="What is wrong."),
        "key": Schema(type=OpenAPIType.STRING, description="The field or parameter name."),
        "source": Schema(type=OpenAPIType.STRING, description="Where it was: query, path, body."),
    },
    required=["message"],
)

PROBLEM_SCHEMA = Schema(
    type=OpenAPIType.OBJECT,
    title="Problem",
    description="An RFC 9457 problem document.",
    properties={
        "type": Schema(type=OpenAPIType.STRING, description="URI identifying the problem type."),
        "title": Schema(type=OpenAPIType.STRING, description="Short summary of the problem type."),
        "status": Schema(type=OpenAPIType.INTEGER, description="The HTTP status code."),
        "detail": Schema(type=OpenAPIType.STRING, description="What went wrong this time."),
        "instance": Schema(type=OpenAPIType.STRING, description="The path that was requested."),
        "errors": Schema(
            type=OpenAPIType.ARRAY,
            items=Reference("#/components/schemas/FieldError"),
            description="The invalid fields, for validation errors.",
        ),
        "nearest": Schema(
            type=OpenAPIType.ARRAY,
            items=Schema(type=OpenAPIType.STRING),
            description="For a company or metric slug that names none (422): the known slugs "
            "nearest to it, most similar first (empty when none is close).",
        ),
    },
    required=["type", "title", "status", "detail"],
)

_ALWAYS = {
    "400": "Invalid parameters or body.",
    "429": "Too many requests from this client; retry after `Retry-After` seconds.",
    "500": "Unexpected error (logged; no details are exposed).",
    "503": "The database is unavailable; retry later.",
}
_WITH_PATH_PARAMS = {"404": "No resource with that identifier."}
_WITH_INPUT = {
    "422": "Well-formed but unacceptable input: a malformed `cursor`, a broken business rule, "
    "a `company` or `metric` slug naming none (with the `nearest` known ones), or text holding "
    "a NUL (U+0000) character."
}
_WITH_BODY = {"415": "The body is not `application/json`."}

_CREATED_SOURCE = {"source_id": "$response.body#/source_id"}
_FIRST_ITEM_ID = "$response.body#/data/0/id"

LINKS: Final[dict[str, dict[str, tuple[str, dict[str, str]]]]] = {
    "createSource": {
        "GetJob": ("getJob", {"job_id": "$response.body#/job/id"}),
        "GetSource": ("getSource", _CREATED_SOURCE),
        "ListFiguresOfSource": ("listFigures", {"source": "$response.body#/source_id"}),
        "ListDealsOfSource": ("listDeals", {"source": "$response.body#/source_id"}),
    },
    "getJob": {"GetSource": ("getSource", _CREATED_SOURCE)},
    "listCompanies": {"GetCompany": ("getCompany", {"slug": "$response.body#/data/0/slug"})},
    "listFigures": {"GetFigure": ("getFigure", {"figure_id": _FIRST_ITEM_ID})},
    "listDeals": {"GetDeal": ("getDeal", {"deal_id": _FIRST_ITEM_ID})},
    "listSources": {"GetSource": ("getSource", {"source_id": _FIRST_ITEM_ID})},
    "createCompany": {
        "GetCompany": ("getCompany", {"slug": "$response.body#/slug"}),
        "UpdateCompany": ("updateCompany", {"slug": "$response.body#/slug"}),
    },
    "createFigure": {
        "GetFigure": ("getFigure", {"figure_id": "$response.body#/id"}),
        "UpdateFigure": ("updateFigure", {"figure_id": "$response.body#/id"}),
        "DeprecateFigure": ("deprecateFigure", {"figure_id": "$response.body#/id"}),
    },
    "createDeal": {
        "GetDeal": ("getDeal", {"deal_id": "$response.body#/id"}),
        "UpdateDeal": ("updateDeal", {"deal_id": "$response.body#/id"}),
        "DeprecateDeal": ("deprecateDeal", {"deal_id": "$response.body#/id"}),
    },
}
"""Per operation id: the links of its success answers, by name, to (operation id, parameters).

They let clients (and stateful testing) follow a created or listed resource to its reads."""

_SCHEMA_FIELDS: Final = {
    str(field.metadata.get("alias", field.name)): field.name for field in dataclasses.fields(Schema)
}
_SUBSCHEMA_KEYS: Final = {"items", "not", "if", "then", "else", "additionalProperties"}
_SUBSCHEMA_LIST_KEYS: Final = {"allOf", "anyOf", "oneOf", "prefixItems"}


def _problem(description: str) -> OpenAPIResponse:
    return OpenAPIResponse(
        description=description,
        content={
            PROBLEM_MEDIA_TYPE: OpenAPIMediaType(schema=Reference("#/components/schemas/Problem"))
        },
    )


def _document(operation: Operation, has_path_params: bool) -> None:
    responses = operation.responses or {}
    codes = dict(_ALWAYS)
    if has_path_params:
        codes.update(_WITH_PATH_PARAMS)
    if operation.parameters or operation.request_body:
        codes.update({code: text for code, text in _WITH_INPUT.items() if code not in responses})
    if operation.request_body:
        codes.update(_WITH_BODY)
    for code, description in codes.items():
        responses[code] = _problem(description)
    operation.responses = dict(sorted(responses.items()))


def _link(operation: Operation) -> None:
    links = LINKS.get(operation.operation_id or "")
    if not links:
        return
    for code, response in (operation.responses or {}).items():
        if code.startswith("2") and isinstance(response, OpenAPIResponse) and response.content:
            response.links = {
                name: Link(operation_id=target, parameters=dict(parameters))
                for name, (target, parameters) in links.items()
            }


def _operations(app: Litestar) -> Iterator[tuple[str, Operation]]:
    for path, item in (app.openapi_schema.paths or {}).items():
        for method in ("get", "put", "post", "delete", "patch"):
            operation = getattr(item, method, None)
            if isinstance(operation, Operation):
                yield path, operation


def _request_body_types(app: Litestar) -> list[type[msgspec.Struct]]:
    """The msgspec structs the application decodes request bodies into."""
    types: dict[str, type[msgspec.Struct]] = {}
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for handler in route.route_handlers:
            data = handler.parsed_fn_signature.parameters.get("data")
            annotation = getattr(data, "annotation", None)
            if isinstance(annotation, type) and issubclass(annotation, msgspec.Struct):
                types[annotation.__qualname__] = annotation
    return [types[name] for name in sorted(types)]


def _to_spec(value: Any) -> Any:
    """A JSON Schema (as msgspec writes it) as Litestar's OpenAPI objects."""
    if not isinstance(value, dict):
        return value
    if "$ref" in value:
        reference = Reference(value["$ref"])
        if len(value) == 1:
            return reference
        # A described reference: the description cannot sit beside `$ref` in a Reference.
        value = {key: item for key, item in value.items() if key != "$ref"}
        value["allOf"] = [reference]
    fields = {_SCHEMA_FIELDS[key]: _spec_value(key, item) for key, item in value.items()}
    return Schema(**fields)


def _spec_value(key: str, item: Any) -> Any:
    """The value of keyword `key` of a JSON Schema as Litestar's OpenAPI objects."""
    if key in _SUBSCHEMA_KEYS:
        return _to_spec(item)
    if key in _SUBSCHEMA_LIST_KEYS:
        return [entry if isinstance(entry, Reference) else _to_spec(entry) for entry in item]
    if key == "properties":
        return {name: _to_spec(entry) for name, entry in item.items()}
    if key == "type":
        return [OpenAPIType(t) for t in item] if isinstance(item, list) else OpenAPIType(item)
    if key == "format" and item in OpenAPIFormat._value2member_map_:
        return OpenAPIFormat(item)
    return item


def exact_request_bodies(app: Litestar) -> dict[str, Schema]:
    """Request body schemas as msgspec, which validates them, states them.

    Unlike the framework's own, they keep the constraints of nullable fields (lengths,
    patterns, minimums) and forbid unknown fields, as the decoder does.
    """
    _, components = msgspec.json.schema_components(
        _request_body_types(app), ref_template=COMPONENTS_REF
    )
    return {name: _to_spec(schema) for name, schema in components.items()}


def _schemas_in(value: Any) -> Iterator[Schema]:
    """Every schema object inside `value` (a part of the document), nested ones included."""
    if isinstance(value, Schema):
        yield value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from _schemas_in(getattr(value, field.name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _schemas_in(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _schemas_in(item)


def bound_tuples(app: Litestar) -> None:
    """Give tuples (such as `[start, end]` pairs) an `items` schema and their exact length.

    `prefixItems` alone says what each position holds; linters and client generators that
    read `items` take such an array for an array of anything (Spectral's `array-items`).
    """
    for schema in _schemas_in(app.openapi_schema):
        if not schema.prefix_items or schema.items is not None:
            continue
        kinds: list[Schema | Reference] = []
        for item in schema.prefix_items:
            if item not in kinds:
                kinds.append(item)
        schema.items = kinds[0] if len(kinds) == 1 else Schema(one_of=kinds)
        schema.min_items = schema.max_items = len(schema.prefix_items)


def document_problems(app: Litestar) -> None:
    """Finish the document: exact bodies, error answers as problem+json, links, tuples."""
    schema = app.openapi_schema
    schema.components = schema.components or Components()
    schemas = schema.components.schemas if schema.components.schemas is not None else {}
    schemas.update(exact_request_bodies(app))
    schemas.update({"Problem": PROBLEM_SCHEMA, "FieldError": FIELD_ERROR_SCHEMA})
    schema.components.schemas = dict(sorted(schemas.items()))
    for path, operation in _operations(app):
        _document(operation, "{" in path)
        _link(operation)
    bound_tuples(app)
