"""Who may write, and what they asked: named admin tokens and idempotency keys."""

from __future__ import annotations

from datetime import datetime
from typing import Final, get_args

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    DateTime,
    Identity,
    Integer,
    LargeBinary,
    PrimaryKeyConstraint,
    Text,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from service.domain.vocabulary import IdempotencyStatus
from service.models.base import Base, one_of

IDEMPOTENCY_STATUSES: Final = get_args(IdempotencyStatus)


class AdminToken(Base):
    """A named admin bearer token; only the SHA-256 of the token is kept."""

    __tablename__ = "admin_tokens"
    __table_args__ = (CheckConstraint("length(name) BETWEEN 1 AND 100", name="name"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    token_sha256: Mapped[str] = mapped_column(Text, unique=True)
    """Hex SHA-256 of the token; the token itself is shown once, at creation."""
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class IdempotencyKey(Base):
    """An `Idempotency-Key` an actor sent to an admin POST, and the answer it got."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (
        PrimaryKeyConstraint("actor", "key"),
        CheckConstraint(one_of("status", IDEMPOTENCY_STATUSES), name="status"),
        CheckConstraint("length(key) BETWEEN 1 AND 255", name="key"),
    )

    actor: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(Text)
    request_sha256: Mapped[str] = mapped_column(Text)
    """Hex SHA-256 of the method, path and body of the first request with this key."""
    status: Mapped[str] = mapped_column(Text, default="in_progress", server_default="in_progress")
    response_status: Mapped[int | None] = mapped_column(Integer)
    response_content_type: Mapped[str | None] = mapped_column(Text)
    response_body: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), index=True
    )


class RateLimitCount(Base):
    """Requests of one client in one rate-limit window, summed over every process.

    UNLOGGED: counters are worth nothing after a crash, so they skip the write-ahead log.
    """

    __tablename__ = "rate_limit_counts"
    __table_args__ = (
        PrimaryKeyConstraint("client", "window_start"),
        CheckConstraint("hits >= 0", name="hits"),
        {"prefixes": ["UNLOGGED"]},
    )

    client: Mapped[str] = mapped_column(Text)
    window_start: Mapped[int] = mapped_column(BigInteger)
    """The window's number: its start in seconds since the epoch, divided by its length."""
    hits: Mapped[int] = mapped_column(Integer)
