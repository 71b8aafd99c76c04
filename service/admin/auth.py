"""Bearer-token authentication of the admin routes."""

from __future__ import annotations

import hmac
from typing import Any, Final

from litestar import Controller, Request
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from litestar.handlers import BaseRouteHandler
from litestar.openapi.spec import Components, SecurityScheme

from service.admin.tokens import AdminTokens
from service.settings import Settings
from service.web.bearer import ACTOR_STATE_KEY, bearer_token, token_digest

SECURITY_SCHEME: Final = "AdminToken"
"""Name of the admin bearer scheme in the OpenAPI document."""

ADMIN_COMPONENTS: Final = Components(
    security_schemes={
        SECURITY_SCHEME: SecurityScheme(
            type="http",
            scheme="bearer",
            description="`Authorization: Bearer <token>`: a token made by "
            "`aifacts token create NAME`, or the bootstrap `AIFACTS_ADMIN_TOKEN`.",
        )
    }
)
"""OpenAPI components declaring the admin bearer scheme."""

BOOTSTRAP_ACTOR: Final = "bootstrap"
"""Who the history says made a change with the bootstrap token (`AIFACTS_ADMIN_TOKEN`)."""


def is_admin_token(presented: str | None, expected: str | None) -> bool:
    """Whether `presented` is the configured admin token (never true when none is configured)."""
    if not expected or presented is None:
        return False
    return hmac.compare_digest(token_digest(presented), token_digest(expected))


async def token_owner(connection: ASGIConnection[Any, Any, Any, Any]) -> str | None:
    """Name of the admin token the request presents, or None if it has no live one.

    `AIFACTS_ADMIN_TOKEN` is the `bootstrap` token; any other bearer token is looked up in the
    database (and marked used). The answer is kept in the request's state, so the guard, the
    actor dependency and the idempotency middleware look it up once between them.
    """
    state = connection.scope["state"]
    if ACTOR_STATE_KEY in state:
        actor: str | None = state[ACTOR_STATE_KEY]
        return actor
    settings: Settings = connection.app.state.settings
    presented = bearer_token(connection.headers.get("authorization"))
    if presented is None:
        actor = None
    elif is_admin_token(presented, settings.admin_token):
        actor = BOOTSTRAP_ACTOR
    else:
        async with connection.app.state.sessionmaker() as session, session.begin():
            actor = await AdminTokens(session).owner_of(presented)
    state[ACTOR_STATE_KEY] = actor
    return actor


async def require_admin(
    connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler
) -> None:
    """Guard: let the request through only with a live admin bearer token."""
    if await token_owner(connection) is None:
        raise _not_authorized()


async def provide_actor(request: Request[Any, Any, Any]) -> str:
    """Dependency: the name of the admin token of a request (the guard let only those through)."""
    actor = await token_owner(request)
    if actor is None:
        raise _not_authorized()
    return actor


def _not_authorized() -> NotAuthorizedException:
    return NotAuthorizedException(
        "a valid admin bearer token is required",
        headers={"WWW-Authenticate": 'Bearer realm="aifacts-admin"'},
    )


class AdminRoutes(Controller):
    """Base of the controllers of admin routes: tagged `admin`, behind the bearer token."""

    tags = ["admin"]
    guards = [require_admin]
    security = [{SECURITY_SCHEME: []}]
