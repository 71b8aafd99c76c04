"""Bearer tokens on the wire: parsing `Authorization`, and the digest a token is known by.

What a token means (which admin it names) is the admin package's business; the middleware that
needs to know it is given a `TokenOwner` by the application.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from typing import Any, Final

from litestar.connection import ASGIConnection

from service.web.problems import problem_spec

ACTOR_STATE_KEY: Final = "aifacts_admin_actor"
"""Key of the request state holding the name of the request's admin token (or None)."""

UNAUTHORIZED: Final = problem_spec("Missing or wrong admin bearer token.")
"""The 401 answer of every operation behind a bearer token."""

TokenOwner = Callable[[ASGIConnection[Any, Any, Any, Any]], Awaitable[str | None]]
"""Name of the live admin token a connection presents, or None."""


def bearer_token(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer <token>` header, if that is what it holds."""
    scheme, _, token = (authorization or "").strip().partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def token_digest(token: str) -> str:
    """Hex SHA-256 of a token: what the database keeps, and what a token is looked up by."""
    return hashlib.sha256(token.encode()).hexdigest()
