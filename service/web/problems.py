"""RFC 9457 problem details: every error leaves the service as `application/problem+json`."""

from __future__ import annotations

import logging
import re
from http import HTTPStatus
from typing import Any

import msgspec
from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.openapi.datastructures import ResponseSpec
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from service.domain.errors import (
    ConflictError,
    DomainError,
    InvalidInputError,
    NotFoundError,
    UnavailableError,
    UnknownNameError,
)

logger = logging.getLogger(__name__)

PROBLEM_MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "https://aifacts.dev/problems/"
QUERY_CANCELED = "57014"
"""SQLSTATE of a statement PostgreSQL cancelled, as `statement_timeout` does."""
UNSTORABLE_TEXT = "22021"
"""SQLSTATE of text PostgreSQL cannot hold (character_not_in_repertoire): a NUL character."""

_DOMAIN_STATUS: dict[type[DomainError], int] = {
    NotFoundError: 404,
    InvalidInputError: 422,
    ConflictError: 409,
    UnavailableError: 503,
}


class FieldError(msgspec.Struct, omit_defaults=True):
    """One invalid field of a request."""

    message: str
    key: str | None = None
    source: str | None = None


class Problem(msgspec.Struct, omit_defaults=True):
    """An RFC 9457 problem document."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[FieldError] | None = None
    nearest: list[str] | None = None


def problem_type(status: int) -> str:
    """The `type` URI of the problems of an HTTP status."""
    return TYPE_BASE + HTTPStatus(status).phrase.lower().replace(" ", "-")


def problem_response(
    request: Request[Any, Any, Any],
    status: int,
    detail: str,
    *,
    title: str | None = None,
    errors: list[FieldError] | None = None,
    headers: dict[str, str] | None = None,
    nearest: list[str] | None = None,
) -> Response[Problem]:
    """A problem+json response for `status`."""
    problem = Problem(
        type=problem_type(status),
        title=title or HTTPStatus(status).phrase,
        status=status,
        detail=detail,
        instance=request.url.path,
        errors=errors,
        nearest=nearest,
    )
    return Response(problem, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def _source_name(source: Any) -> str | None:
    if source is None:
        return None
    return str(getattr(source, "value", source))


_NAMED_FIELD = re.compile(r"field `([^`]+)`")


def _field_key(item: dict[str, Any]) -> str | None:
    message = str(item.get("message", ""))
    # msgspec reports missing and unknown body fields against the whole body, named `data`.
    if item.get("key") == "data" and (named := _NAMED_FIELD.search(message)):
        return named.group(1)
    return None if item.get("key") is None else str(item["key"])


def _field_errors(extra: Any) -> list[FieldError] | None:
    if not isinstance(extra, list):
        return None
    errors = [
        FieldError(
            message=str(item.get("message", "invalid value")),
            key=_field_key(item),
            source=_source_name(item.get("source")),
        )
        for item in extra
        if isinstance(item, dict)
    ]
    return errors or None


def handle_validation(
    request: Request[Any, Any, Any], exc: ValidationException
) -> Response[Problem]:
    """Malformed parameters or body: 400 with the field errors."""
    errors = _field_errors(exc.extra)
    detail = "; ".join(
        e.message if e.key is None else f"{e.key}: {e.message}" for e in errors or []
    )
    return problem_response(
        request, 400, detail or exc.detail, title="Invalid request", errors=errors
    )


def handle_http(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Problem]:
    """Framework errors (404 route, 405, 401...): same shape, original status and headers."""
    status = exc.status_code
    detail = exc.detail if exc.detail and exc.detail != HTTPStatus(status).phrase else ""
    if not detail:
        detail = f"{HTTPStatus(status).phrase} for {request.method} {request.url.path}"
    return problem_response(request, status, detail, headers=exc.headers or None)


def handle_domain(request: Request[Any, Any, Any], exc: DomainError) -> Response[Problem]:
    """Errors raised by the services."""
    status = next((code for kind, code in _DOMAIN_STATUS.items() if isinstance(exc, kind)), 400)
    if isinstance(exc, UnknownNameError):
        field = FieldError(message=exc.detail, key=exc.parameter, source="query")
        return problem_response(
            request, status, exc.detail, title=exc.title, errors=[field], nearest=exc.nearest
        )
    return problem_response(request, status, exc.detail, title=exc.title)


def handle_database(request: Request[Any, Any, Any], exc: Exception) -> Response[Problem]:
    """The database is unreachable or timed out: 503, retry later."""
    logger.warning("database unavailable: %s", type(exc).__name__)
    return problem_response(
        request, 503, "the database is unavailable; retry shortly", headers={"Retry-After": "1"}
    )


def is_statement_timeout(exc: Exception) -> bool:
    """Whether PostgreSQL cancelled the statement (`statement_timeout`, SQLSTATE 57014)."""
    return isinstance(exc, DBAPIError) and getattr(exc.orig, "sqlstate", None) == QUERY_CANCELED


def handle_statement_timeout(request: Request[Any, Any, Any], exc: Exception) -> Response[Problem]:
    """A query ran past the statement timeout: 503 with Retry-After, like an overloaded database."""
    logger.warning("statement timeout on %s %s: %s", request.method, request.url.path, exc)
    return problem_response(
        request,
        503,
        "the database took too long to answer; retry shortly",
        title="Database timeout",
        headers={"Retry-After": "1"},
    )


def handle_unexpected(request: Request[Any, Any, Any], exc: Exception) -> Response[Problem]:
    """Anything else: logged with its traceback, answered without it."""
    if is_statement_timeout(exc):
        return handle_statement_timeout(request, exc)
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return handle_database(request, exc)
    if isinstance(exc, DBAPIError) and getattr(exc.orig, "sqlstate", None) == UNSTORABLE_TEXT:
        return problem_response(
            request, 422, "text must not contain NUL (U+0000) characters", title="Invalid input"
        )
    logger.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem_response(request, 500, "an unexpected error occurred; it has been logged")


EXCEPTION_HANDLERS: dict[type[Exception] | int, Any] = {
    ValidationException: handle_validation,
    HTTPException: handle_http,
    DomainError: handle_domain,
    OperationalError: handle_database,
    PoolTimeoutError: handle_database,
    OSError: handle_database,
    Exception: handle_unexpected,
}


def problem_spec(description: str) -> ResponseSpec:
    """An error answer of an operation, documented as problem+json."""
    return ResponseSpec(
        data_container=Problem,
        media_type=PROBLEM_MEDIA_TYPE,
        description=description,
        generate_examples=False,
    )
