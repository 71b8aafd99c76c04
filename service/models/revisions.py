"""The curation history: one row per change an administrator makes to a fact or company."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final

from sqlalchemy import BigInteger, CheckConstraint, DateTime, Identity, Index, Text, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from service.models.base import Base, one_of

FACT_TYPES: Final = ("figure", "deal", "company")
REVISION_ACTIONS: Final = ("create", "update", "deprecate")


class FactRevision(Base):
    """A change to a figure, deal or company: who, when, and the fact before and after it."""

    __tablename__ = "fact_revisions"
    __table_args__ = (
        CheckConstraint(one_of("fact_type", FACT_TYPES), name="fact_type"),
        CheckConstraint(one_of("action", REVISION_ACTIONS), name="action"),
        Index("ix_fact_revisions_fact", "fact_type", "fact_id", "id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    fact_type: Mapped[str] = mapped_column(Text)
    fact_id: Mapped[str] = mapped_column(Text)
    """The figure or deal id, or the company slug."""
    action: Mapped[str] = mapped_column(Text)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    actor: Mapped[str] = mapped_column(Text)
    """Name of the admin token that made the change (`bootstrap` for AIFACTS_ADMIN_TOKEN)."""
    before: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
