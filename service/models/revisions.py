"""History: the curation log, and every version of every figure, deal and company.

The version tables are written by database triggers (see the migration `c7e1a0b2d3f4`), never
by the application: each insert into a fact table records version 1, and each change records
the next version and closes the previous one (`superseded_at`). A change of `rank` or
`updated_at` alone is not a new version.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Final, get_args

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    Identity,
    Index,
    Integer,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from service.domain.vocabulary import FactType, RevisionAction
from service.models.base import Base, one_of
from service.models.facts import Assessed, Deprecatable, MoneyLike

FACT_TYPES: Final = get_args(FactType)
REVISION_ACTIONS: Final = get_args(RevisionAction)


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


class Versioned:
    """When a version of a fact was recorded, until when it held, who made it and how."""

    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    superseded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    """When the next version replaced this one; NULL while it is the current one."""
    recorded_by: Mapped[str] = mapped_column(Text)
    """`job:<id>`, `token:<name>`, `reference`, `bulk` or `system`."""
    change: Mapped[str] = mapped_column(Text)
    """`create`, `update` or `deprecate`."""
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


def _version_indexes(table: str, key: str) -> tuple[Any, ...]:
    return (
        CheckConstraint(one_of("change", REVISION_ACTIONS), name="change"),
        Index(
            f"uq_{table}_open_{key}",
            key,
            unique=True,
            postgresql_where=text("superseded_at IS NULL"),
        ),
    )


class FigureVersion(Versioned, Assessed, Deprecatable, MoneyLike, Base):
    """A figure as it was between `recorded_at` and `superseded_at`."""

    __tablename__ = "figure_versions"
    __table_args__ = (
        *_version_indexes("figure_versions", "id"),
        Index("ix_figure_versions_company_metric_id", "company_slug", "metric_slug", "id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    company_slug: Mapped[str] = mapped_column(Text)
    metric_slug: Mapped[str] = mapped_column(Text)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    period_precision: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Text)
    ref_key: Mapped[str | None] = mapped_column(Text)
    rank: Mapped[str] = mapped_column(Text)
    basis: Mapped[str] = mapped_column(Text)


class DealVersion(Versioned, Assessed, Deprecatable, MoneyLike, Base):
    """A deal as it was between `recorded_at` and `superseded_at` (parties are not versioned)."""

    __tablename__ = "deal_versions"
    __table_args__ = _version_indexes("deal_versions", "id")

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    kind: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    duration: Mapped[str | None] = mapped_column(Text)
    announced_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(Text)
    ref_key: Mapped[str | None] = mapped_column(Text)


class CompanyVersion(Versioned, Base):
    """A company as it was between `recorded_at` and `superseded_at` (aliases not versioned)."""

    __tablename__ = "company_versions"
    __table_args__ = _version_indexes("company_versions", "slug")

    slug: Mapped[str] = mapped_column(Text, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(Text)
    parent_slug: Mapped[str | None] = mapped_column(Text)
    country: Mapped[str | None] = mapped_column(Text)
    website: Mapped[str | None] = mapped_column(Text)
    wikidata_qid: Mapped[str | None] = mapped_column(Text)
    lei: Mapped[str | None] = mapped_column(Text)
    ticker: Mapped[str | None] = mapped_column(Text)
