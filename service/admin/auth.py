"""Bearer-token authentication of the admin routes."""

from __future__ import annotations

import hmac
from typing import Any, Final

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from litestar.handlers import BaseRouteHandler
from litestar.openapi.spec import Components, SecurityScheme

from service.settings import Settings

SECURITY_SCHEME: Final = "AdminToken"
"""Name of the admin bearer scheme in the OpenAPI document."""

ADMIN_COMPONENTS: Final = Components(
    security_schemes={
        SECURITY_SCHEME: SecurityScheme(
            type="http",
            scheme="bearer",
            description="`Authorization: Bearer <AIFACTS_ADMIN_TOKEN>`.",
        )
    }
)
"""OpenAPI components declaring the admin bearer scheme."""

BOOTSTRAP_ACTOR: Final = "bootstrap"
"""Who the history says made a change with the bootstrap token (`AIFACTS_ADMIN_TOKEN`)."""


def bearer_token(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer <token>` header, if that is what it holds."""
    scheme, _, token = (authorization or "").strip().partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def is_admin_token(presented: str | None, expected: str | None) -> bool:
    """Whether `presented` is the configured admin token (never true when none is configured)."""
    if not expected or presented is None:
        return False
    return hmac.compare_digest(presented.encode(), expected.encode())


def token_owner(connection: ASGIConnection[Any, Any, Any, Any]) -> str | None:
    """Name of the admin token the request presents (`bootstrap`), or None if it has none."""
    settings: Settings = connection.app.state.settings
    presented = bearer_token(connection.headers.get("authorization"))
    return BOOTSTRAP_ACTOR if is_admin_token(presented, settings.admin_token) else None


def require_admin(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    """Guard: let the request through only with the admin bearer token."""
    if token_owner(connection) is None:
        raise _not_authorized()


async def provide_actor(request: Request[Any, Any, Any]) -> str:
    """Dependency: the name of the admin token of a request (the guard let only those through)."""
    actor = token_owner(request)
    if actor is None:
        raise _not_authorized()
    return actor


def _not_authorized() -> NotAuthorizedException:
    return NotAuthorizedException(
        "a valid admin bearer token is required",
        headers={"WWW-Authenticate": 'Bearer realm="aifacts-admin"'},
    )
