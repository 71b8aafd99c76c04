"""Named admin tokens: created once, stored only as their SHA-256, revocable."""

from __future__ import annotations

import hmac
import secrets
from datetime import datetime
from typing import Final

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from service.domain.errors import ConflictError, InvalidInputError, NotFoundError
from service.models import AdminToken
from service.web.bearer import token_digest

TOKEN_BYTES: Final = 32
"""Random bytes in a token: far beyond guessing, so a plain SHA-256 is a safe way to store it."""
MAX_NAME_LENGTH: Final = 100


class AdminTokens:
    """The admin tokens of the database, on one session (the caller commits)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create(self, name: str) -> str:
        """Store a new token named `name`; return the token, which is never shown again."""
        name = name.strip()
        if not 1 <= len(name) <= MAX_NAME_LENGTH:
            raise InvalidInputError(f"a token name has 1 to {MAX_NAME_LENGTH} characters")
        token = secrets.token_urlsafe(TOKEN_BYTES)
        created = await self.session.scalar(
            insert(AdminToken)
            .values(name=name, token_sha256=token_digest(token))
            .on_conflict_do_nothing(index_elements=[AdminToken.name])
            .returning(AdminToken.id)
        )
        if created is None:
            raise ConflictError(f"a token named {name!r} exists")
        return token

    async def all(self) -> list[AdminToken]:
        """Every token, revoked ones included, by name."""
        return list(await self.session.scalars(select(AdminToken).order_by(AdminToken.name)))

    async def revoke(self, name: str) -> datetime:
        """Revoke the token named `name`; return when (a revoked token keeps its first date)."""
        revoked_at: datetime | None = await self.session.scalar(
            update(AdminToken)
            .where(AdminToken.name == name)
            .values(revoked_at=func.coalesce(AdminToken.revoked_at, func.now()))
            .returning(AdminToken.revoked_at)
        )
        if revoked_at is None:
            raise NotFoundError(f"no token named {name!r}")
        return revoked_at

    async def owner_of(self, token: str) -> str | None:
        """Name of the live token `token` is, marking it used; None for unknown or revoked."""
        digest = token_digest(token)
        row = (
            await self.session.execute(
                update(AdminToken)
                .where(AdminToken.token_sha256 == digest, AdminToken.revoked_at.is_(None))
                .values(last_used_at=func.now())
                .returning(AdminToken.name, AdminToken.token_sha256)
            )
        ).one_or_none()
        if row is None or not hmac.compare_digest(row.token_sha256, digest):
            return None
        return str(row.name)
