"""The OpenAPI document: error responses described as RFC 9457 problems."""

from __future__ import annotations

from litestar import Litestar
from litestar.openapi.spec import (
    Components,
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Operation,
    Reference,
    Schema,
)

from service.problems import PROBLEM_MEDIA_TYPE

_STRING = Schema(type=OpenAPIType.STRING)

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
    },
    required=["type", "title", "status", "detail"],
)

_ALWAYS = {
    "400": "Invalid parameters or body.",
    "500": "Unexpected error (logged; no details are exposed).",
    "503": "The database is unavailable; retry later.",
}
_WITH_PATH_PARAMS = {"404": "No resource with that identifier."}


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
    for code, description in codes.items():
        responses[code] = _problem(description)
    operation.responses = dict(sorted(responses.items()))


def document_problems(app: Litestar) -> None:
    """Describe every operation's error answers as problem+json, replacing the defaults."""
    schema = app.openapi_schema
    schema.components = schema.components or Components()
    schemas = schema.components.schemas if schema.components.schemas is not None else {}
    schemas.update({"Problem": PROBLEM_SCHEMA, "FieldError": FIELD_ERROR_SCHEMA})
    schema.components.schemas = dict(sorted(schemas.items()))
    for path, item in (schema.paths or {}).items():
        for method in ("get", "put", "post", "delete", "patch"):
            operation = getattr(item, method, None)
            if isinstance(operation, Operation):
                _document(operation, "{" in path)
