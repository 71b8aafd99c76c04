"""Sources and the facts drawn from them: figures, deals, parties and citations."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Final

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Computed,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Identity,
    Index,
    Integer,
    Text,
    UniqueConstraint,
    false,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from service.models.base import (
    BOUNDS,
    DEAL_KINDS,
    DEAL_STATUSES,
    FIGURE_BASES,
    FIGURE_RANKS,
    FIGURE_STATUSES,
    PRECISIONS,
    Base,
    ExactNumeric,
    Timestamped,
    one_of,
)

TEXT_SEARCH_CONFIGS: Final = {
    "en": "english",
    "fr": "french",
    "it": "italian",
    "de": "german",
    "es": "spanish",
}
"""PostgreSQL text search configuration of each source language; any other reads as `simple`."""
_CONFIG_OF_LANGUAGE: Final = (
    "CASE language "
    + " ".join(
        f"WHEN '{code}' THEN '{name}'::regconfig" for code, name in TEXT_SEARCH_CONFIGS.items()
    )
    + " ELSE 'simple'::regconfig END"
)


class Source(Base):
    """A document facts are drawn from; its text is identified by its sha256."""

    __tablename__ = "sources"
    __table_args__ = (Index("ix_sources_search_vector", "search_vector", postgresql_using="gin"),)

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(Text)
    published_on: Mapped[date | None] = mapped_column(Date, index=True)
    retrieved_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    sha256: Mapped[str] = mapped_column(Text, unique=True)
    """Identity: sha256 of the text, or of the normalised URL or HTML of a web submission."""
    text: Mapped[str | None] = mapped_column(Text)
    """The text quotes' offsets refer to (for a web page: its extracted main text)."""
    canonical_url: Mapped[str | None] = mapped_column(Text, index=True)
    """The submitted URL normalised (tracking parameters dropped), for a page to fetch."""
    final_url: Mapped[str | None] = mapped_column(Text)
    """Where the page was fetched from, after redirects."""
    fetched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    author: Mapped[str | None] = mapped_column(Text)
    html: Mapped[str | None] = mapped_column(Text)
    """A submitted HTML page, until its article is extracted."""
    version: Mapped[int] = mapped_column(Integer, server_default="1")
    """The version `text` is: a refetch whose page changed makes the next one."""
    search_vector: Mapped[str] = mapped_column(
        TSVECTOR,
        Computed(
            f"setweight(to_tsvector({_CONFIG_OF_LANGUAGE}, coalesce(title, '')), 'A') || "
            f"setweight(to_tsvector({_CONFIG_OF_LANGUAGE}, coalesce(text, '')), 'B')",
            persisted=True,
        ),
        deferred=True,
    )
    """Full text of title (weight A) and text (B), in the configuration of its language."""


class SourceVersion(Base):
    """One text a web source had: its first fetch, and each refetch that found it changed."""

    __tablename__ = "source_versions"
    __table_args__ = (
        UniqueConstraint("source_id", "version", name="uq_source_versions_source_id_version"),
        CheckConstraint("version >= 1", name="version"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    """The text the citations of this version point into."""
    final_url: Mapped[str | None] = mapped_column(Text)
    fetched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    recorded_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.clock_timestamp()
    )


class MoneyLike:
    """A value in a canonical unit, its uncertainty, the original as written and the FX used."""

    value: Mapped[Decimal | None] = mapped_column(ExactNumeric)
    unit: Mapped[str | None] = mapped_column(Text)
    bound: Mapped[str | None] = mapped_column(Text)
    low: Mapped[Decimal | None] = mapped_column(ExactNumeric)
    high: Mapped[Decimal | None] = mapped_column(ExactNumeric)
    original_text: Mapped[str | None] = mapped_column(Text)
    original_value: Mapped[Decimal | None] = mapped_column(ExactNumeric)
    original_unit: Mapped[str | None] = mapped_column(Text)
    fx_rate: Mapped[Decimal | None] = mapped_column(ExactNumeric)
    fx_date: Mapped[date | None] = mapped_column(Date)
    fx_source: Mapped[str | None] = mapped_column(Text)
    vague: Mapped[bool] = mapped_column(Boolean, server_default=false())
    """No number was stated ("tens of billions"): `low`..`high` is all the source says."""


class Assessed:
    """How much the extraction trusts a fact, and why (1 for curated and reference facts)."""

    confidence: Mapped[float] = mapped_column(Float, server_default=text("1"))
    confidence_signals: Mapped[dict[str, str | bool | int]] = mapped_column(
        JSONB, server_default=text("'{}'::jsonb")
    )
    """The signals of service.ingest.confidence the confidence was computed from."""


CONFIDENCE_RANGE = "confidence >= 0 AND confidence <= 1"


class Deprecatable:
    """A fact withdrawn by a curator: hidden from the public API, kept with the reason."""

    deprecated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    deprecated_reason: Mapped[str | None] = mapped_column(Text)


DEPRECATION_COMPLETE = "(deprecated_at IS NULL) = (deprecated_reason IS NULL)"
"""A deprecation always has its reason, and a reason only comes with a deprecation."""


class Figure(Assessed, Deprecatable, MoneyLike, Timestamped, Base):
    """A quantitative fact about one company: metric, value, period and status."""

    __tablename__ = "figures"
    __table_args__ = (
        CheckConstraint(one_of("bound", BOUNDS), name="bound"),
        CheckConstraint(one_of("period_precision", PRECISIONS), name="period_precision"),
        CheckConstraint(one_of("status", FIGURE_STATUSES), name="status"),
        CheckConstraint("period_start <= period_end", name="period_order"),
        CheckConstraint("value IS NOT NULL AND unit IS NOT NULL", name="value_present"),
        CheckConstraint(DEPRECATION_COMPLETE, name="deprecation"),
        CheckConstraint(one_of("rank", FIGURE_RANKS), name="rank"),
        CheckConstraint(one_of("basis", FIGURE_BASES), name="basis"),
        CheckConstraint(CONFIDENCE_RANGE, name="confidence"),
        Index("ix_figures_company_metric_id", "company_slug", "metric_slug", "id"),
        # The pages of today's preferred figures (`service.figures.documents`) read only these.
        Index(
            "ix_figures_preferred_company_metric_id",
            "company_slug",
            "metric_slug",
            "id",
            postgresql_where=text("rank = 'preferred' AND deprecated_at IS NULL"),
        ),
        Index(
            "ix_figures_claim_group", "company_slug", "metric_slug", "period_start", "period_end"
        ),
        Index("ix_figures_metric_id", "metric_slug", "id"),
        Index("ix_figures_period", "period_start", "period_end"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    company_slug: Mapped[str] = mapped_column(ForeignKey("companies.slug"))
    metric_slug: Mapped[str] = mapped_column(ForeignKey("metrics.slug"))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    period_precision: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(Text)
    ref_key: Mapped[str | None] = mapped_column(Text, unique=True)
    """Key of the reference-data record this figure was loaded from, if any."""
    rank: Mapped[str] = mapped_column(Text, server_default="preferred")
    """`preferred` for the best claim of its group, `normal` for the others (facts.ranking)."""
    basis: Mapped[str] = mapped_column(Text, server_default="total")
    """`total` for a reported amount of the period, `run_rate` for an annualised run rate."""


class Deal(Assessed, Deprecatable, MoneyLike, Timestamped, Base):
    """An agreement between companies: contract, funding round, joint venture..."""

    __tablename__ = "deals"
    __table_args__ = (
        CheckConstraint(one_of("kind", DEAL_KINDS), name="kind"),
        CheckConstraint(one_of("status", DEAL_STATUSES), name="status"),
        CheckConstraint(f"bound IS NULL OR {one_of('bound', BOUNDS)}", name="bound"),
        CheckConstraint(DEPRECATION_COMPLETE, name="deprecation"),
        CheckConstraint(CONFIDENCE_RANGE, name="confidence"),
        Index("ix_deals_kind_id", "kind", "id"),
        Index("ix_deals_announced_on", "announced_on"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    kind: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text)
    duration: Mapped[str | None] = mapped_column(Text)
    """ISO 8601 duration (`P7Y`)."""
    announced_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(Text)
    ref_key: Mapped[str | None] = mapped_column(Text, unique=True)


class DealParty(Base):
    """A company taking part in a deal, in a role (customer, provider, investor...)."""

    __tablename__ = "deal_parties"
    __table_args__ = (Index("ix_deal_parties_company_deal", "company_slug", "deal_id"),)

    deal_id: Mapped[int] = mapped_column(
        ForeignKey("deals.id", ondelete="CASCADE"), primary_key=True
    )
    company_slug: Mapped[str] = mapped_column(ForeignKey("companies.slug"), primary_key=True)
    role: Mapped[str] = mapped_column(Text, primary_key=True)


class DealDocument(Base):
    """The `Deal` document of a live deal as JSON text, kept by triggers (migration a4b5c6d7e8f9).

    Derived data: written only by the database, in the transaction of every write to deals,
    their parties or citations; read by the one-statement deal reads (`service.deals.documents`).
    """

    __tablename__ = "deal_documents"

    deal_id: Mapped[int] = mapped_column(
        ForeignKey("deals.id", ondelete="CASCADE"), primary_key=True
    )
    document: Mapped[str] = mapped_column(Text)
    exact: Mapped[bool] = mapped_column(Boolean)
    """Whether the numbers of `document` are exactly the general path's."""


class Citation(Base):
    """Where a source states a figure or deal: the sentence, and the offsets of the quantity.

    One citation per fact and source: a source stating the fact again adds its offsets.
    """

    __tablename__ = "citations"
    __table_args__ = (
        CheckConstraint("num_nonnulls(figure_id, deal_id) = 1", name="one_fact"),
        CheckConstraint("start_offset >= 0 AND start_offset <= end_offset", name="offsets"),
        Index(
            "uq_citations_figure_source",
            "figure_id",
            "source_id",
            unique=True,
            postgresql_where=text("figure_id IS NOT NULL"),
        ),
        Index(
            "uq_citations_deal_source",
            "deal_id",
            "source_id",
            unique=True,
            postgresql_where=text("deal_id IS NOT NULL"),
        ),
        Index("ix_citations_source", "source_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    figure_id: Mapped[int | None] = mapped_column(ForeignKey("figures.id", ondelete="CASCADE"))
    deal_id: Mapped[int | None] = mapped_column(ForeignKey("deals.id", ondelete="CASCADE"))
    quote: Mapped[str] = mapped_column(Text)
    start_offset: Mapped[int] = mapped_column(Integer)
    end_offset: Mapped[int] = mapped_column(Integer)
    source_version: Mapped[int] = mapped_column(Integer, server_default="1")
    """The version of the source whose text the offsets point into."""
    more_offsets: Mapped[list[list[int]]] = mapped_column(JSONB, server_default=text("'[]'::jsonb"))
    """Further [start, end] offsets where the same source states the same fact again."""
    recorded_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.clock_timestamp()
    )
    """When the citation became known (as-of reads see it from then on)."""
