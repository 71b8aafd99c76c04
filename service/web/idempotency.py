"""`Idempotency-Key` on admin POSTs: a retried request gets the first answer again.

A key is remembered per actor (admin token name) for 24 hours, in PostgreSQL so that every
process sees it. The first request with a key claims it in its own short transaction
(`in_progress`), then runs; its answer (any status below 500) replaces the claim, or the claim
is dropped (5xx, or the request failed) so the client can retry. A claim is a lease: one whose
process died before it answered is taken over by a retry once its lease has passed. A later
request with the same key answers the stored response with `Idempotent-Replayed: true` if its
method, path and body are the same, 422 if they differ, and 409 while the first is still running.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any, Final

from litestar import Litestar, Request
from litestar.enums import ScopeType
from litestar.exceptions import ClientException
from litestar.middleware import ASGIMiddleware
from litestar.openapi.spec import (
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Parameter,
    Reference,
    Schema,
)
from litestar.response.base import ASGIResponse
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from sqlalchemy import delete, func, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.domain.errors import ConflictError, InvalidInputError
from service.models import IdempotencyKey
from service.web.bearer import TokenOwner
from service.web.problems import PROBLEM_MEDIA_TYPE

HEADER: Final = "Idempotency-Key"
REPLAYED_HEADER: Final = "Idempotent-Replayed"
MAX_KEY_LENGTH: Final = 255
RETENTION: Final = timedelta(hours=24)
DEFAULT_LEASE: Final = timedelta(seconds=60)
"""How long a claim stays `in_progress` before a retry may take it over (no admin request
runs this long: bodies are bounded and stall out after the body timeout)."""
ADMIN_PREFIX: Final = "/v1/admin/"


def request_fingerprint(method: str, path: str, query: bytes, body: bytes) -> str:
    """Hex SHA-256 of what makes two requests the same request."""
    digest = hashlib.sha256()
    for part in (method.encode(), path.encode(), query, body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


class IdempotencyKeys:
    """The stored keys of one actor; each method runs and commits its own short transaction."""

    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        actor: str,
        lease: timedelta = DEFAULT_LEASE,
    ) -> None:
        self.sessionmaker = sessionmaker
        self.actor = actor
        self.lease = lease

    async def claim(self, key: str, fingerprint: str) -> IdempotencyKey | None:
        """Claim `key` for a request (None), or return the row of the request that holds it."""
        async with self.sessionmaker() as session, session.begin():
            await session.execute(
                delete(IdempotencyKey).where(IdempotencyKey.created_at < func.now() - RETENTION)
            )
            claiming = insert(IdempotencyKey).values(
                actor=self.actor, key=key, request_sha256=fingerprint
            )
            claimed = await session.scalar(
                claiming.on_conflict_do_update(
                    index_elements=[IdempotencyKey.actor, IdempotencyKey.key],
                    set_={"request_sha256": fingerprint, "created_at": func.now()},
                    where=(IdempotencyKey.status == "in_progress")
                    & (IdempotencyKey.created_at < func.now() - self.lease),
                ).returning(IdempotencyKey.key)
            )
            if claimed is not None:
                return None
            return await session.get(IdempotencyKey, (self.actor, key))

    async def complete(self, key: str, status: int, content_type: str | None, body: bytes) -> None:
        """Replace the claim on `key` by the answer the request got."""
        async with self.sessionmaker() as session, session.begin():
            await session.execute(
                update(IdempotencyKey)
                .where(IdempotencyKey.actor == self.actor, IdempotencyKey.key == key)
                .values(
                    status="done",
                    response_status=status,
                    response_content_type=content_type,
                    response_body=body,
                )
            )

    async def release(self, key: str) -> None:
        """Drop the claim on `key`, so that the request can be retried."""
        async with self.sessionmaker() as session, session.begin():
            await session.execute(
                delete(IdempotencyKey).where(
                    IdempotencyKey.actor == self.actor, IdempotencyKey.key == key
                )
            )


def _replay(stored: IdempotencyKey, fingerprint: str) -> ASGIResponse:
    if stored.request_sha256 != fingerprint:
        raise InvalidInputError(
            f"this {HEADER} was used with another request; use a new key for a new request"
        )
    if stored.status != "done" or stored.response_status is None:
        raise ConflictError(
            f"a request with this {HEADER} is still in progress; retry in a minute at the latest"
        )
    return ASGIResponse(
        body=stored.response_body or b"",
        status_code=stored.response_status,
        media_type=stored.response_content_type,
        headers={REPLAYED_HEADER: "true"},
    )


class IdempotencyMiddleware(ASGIMiddleware):
    """Makes admin POSTs carrying an `Idempotency-Key` safe to retry."""

    scopes = (ScopeType.HTTP,)

    def __init__(self, token_owner: TokenOwner, lease: timedelta = DEFAULT_LEASE) -> None:
        self.token_owner = token_owner
        self.lease = lease

    def should_bypass_for_scope(self, scope: Scope) -> bool:
        """Only admin POSTs that carry the header."""
        return not (
            scope.get("method") == "POST"
            and scope["path"].startswith(ADMIN_PREFIX)
            and any(name == b"idempotency-key" for name, _ in scope["headers"])
        )

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        """Replay, refuse, or run the request and remember its answer."""
        request: Request[Any, Any, Any] = Request(scope, receive)
        key = request.headers.get(HEADER, "")
        if not 1 <= len(key) <= MAX_KEY_LENGTH:
            raise ClientException(f"{HEADER} must have 1 to {MAX_KEY_LENGTH} characters")
        actor = await self.token_owner(request)
        if actor is None:  # the guard answers 401
            await next_app(scope, receive, send)
            return
        fingerprint = request_fingerprint(
            request.method, scope["path"], scope["query_string"], await request.body()
        )
        keys = IdempotencyKeys(request.app.state.sessionmaker, actor, self.lease)
        if (stored := await keys.claim(key, fingerprint)) is not None:
            await _replay(stored, fingerprint)(scope, receive, send)
            return
        await _run_and_remember(
            keys, key, scope=scope, receive=receive, send=send, next_app=next_app
        )


async def _run_and_remember(
    keys: IdempotencyKeys,
    key: str,
    *,
    scope: Scope,
    receive: Receive,
    send: Send,
    next_app: ASGIApp,
) -> None:
    answer: dict[str, Any] = {"status": 500, "content_type": None}
    chunks: list[bytes] = []

    async def send_and_record(message: Message) -> None:
        if message["type"] == "http.response.start":
            answer["status"] = message["status"]
            headers = dict(message.get("headers", []))
            content_type = headers.get(b"content-type")
            answer["content_type"] = content_type.decode("latin-1") if content_type else None
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))
        await send(message)

    try:
        await next_app(scope, receive, send_and_record)
    except BaseException:
        await keys.release(key)
        raise
    if answer["status"] >= 500:
        await keys.release(key)
    else:
        await keys.complete(key, answer["status"], answer["content_type"], b"".join(chunks))


_KEY_PARAMETER: Final = Parameter(
    name=HEADER,
    param_in="header",
    required=False,
    description="Makes the request safe to retry: the same key with the same body answers the "
    "first answer again (with `Idempotent-Replayed: true`) for 24 hours.",
    schema=Schema(type=OpenAPIType.STRING, min_length=1, max_length=MAX_KEY_LENGTH),
)


def _problem(description: str) -> OpenAPIResponse:
    return OpenAPIResponse(
        description=description,
        content={
            PROBLEM_MEDIA_TYPE: OpenAPIMediaType(schema=Reference("#/components/schemas/Problem"))
        },
    )


def _add_answer(
    responses: dict[str, OpenAPIResponse | Reference], code: str, description: str
) -> None:
    existing = responses.get(code)
    if isinstance(existing, OpenAPIResponse):
        existing.description = f"{existing.description} Or: {description}"
    else:
        responses[code] = _problem(description)


def document_idempotency(app: Litestar) -> None:
    """Declare `Idempotency-Key` and its 409 and 422 answers on every admin POST."""
    for path, item in (app.openapi_schema.paths or {}).items():
        if not path.startswith(ADMIN_PREFIX) or item.post is None:
            continue
        operation = item.post
        operation.parameters = [*(operation.parameters or []), _KEY_PARAMETER]
        responses = operation.responses or {}
        _add_answer(responses, "409", f"A request with this {HEADER} is still in progress.")
        _add_answer(responses, "422", f"This {HEADER} was used with another request.")
        operation.responses = dict(sorted(responses.items()))
