"""Ingestion jobs: one per submitted source text, tracked beside the queue that runs them."""

from __future__ import annotations

from datetime import datetime
from typing import Final, get_args

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Identity,
    Integer,
    Text,
    false,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from service.domain.vocabulary import JobStatus
from service.models.base import Base, one_of

JOB_STATUSES: Final = get_args(JobStatus)


class IngestJob(Base):
    """The ingestion of one source: its status, what it produced and why it failed."""

    __tablename__ = "ingest_jobs"
    __table_args__ = (
        CheckConstraint(one_of("status", JOB_STATUSES), name="status"),
        CheckConstraint("attempts >= 0", name="attempts"),
        CheckConstraint(
            "figures_count >= 0 AND deals_count >= 0 AND companies_count >= 0", name="counts"
        ),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    source_id: Mapped[int] = mapped_column(
        ForeignKey("sources.id", ondelete="CASCADE"), index=True, unique=True
    )
    status: Mapped[str] = mapped_column(Text, default="queued", server_default="queued")
    figures_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    deals_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    companies_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    error: Mapped[str | None] = mapped_column(Text)
    refetch: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    """Fetch the source's page again; a changed text becomes its next version."""
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
