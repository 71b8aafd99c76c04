"""The slow-moving catalogue: metrics, companies and their aliases."""

from __future__ import annotations

import unicodedata

from sqlalchemy import CheckConstraint, ForeignKey, Index, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.models.base import COMPANY_KINDS, METRIC_KINDS, Base, Timestamped, one_of

SLUG_TRIGRAM_KEY = "({column} || '')"
"""What the trigram index of company slugs holds: the slug itself, as an expression.

Trigrams ignore everything but letters and digits, so the distances are the slug's own; as a
column, the index also answered `slug = $1` (its GiST cost estimate undercuts the primary
key's) by reading some 45 index pages instead of 3. Nearest-slug queries order by this.
"""


class Metric(Timestamped, Base):
    """A measurable quantity with its canonical unit (revenue in USD, power_capacity in W...)."""

    __tablename__ = "metrics"
    __table_args__ = (CheckConstraint(one_of("kind", METRIC_KINDS), name="kind"),)

    slug: Mapped[str] = mapped_column(Text, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)


class Company(Timestamped, Base):
    """An organisation of the AI industry, identified by a slug (`openai`)."""

    __tablename__ = "companies"
    __table_args__ = (
        CheckConstraint(one_of("kind", COMPANY_KINDS), name="kind"),
        CheckConstraint("country ~ '^[A-Z]{2}$'", name="country_iso"),
        Index("ix_companies_slug_lower", text("lower(slug)")),
        # Trigrams of `slug || ''` (the slug's own), so that no `slug = ...` lookup uses it.
        Index(
            "ix_companies_slug_trgm",
            text(f"{SLUG_TRIGRAM_KEY.format(column='slug')} gist_trgm_ops"),
            postgresql_using="gist",
        ),
    )

    slug: Mapped[str] = mapped_column(Text, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(Text, default="company")
    parent_slug: Mapped[str | None] = mapped_column(ForeignKey("companies.slug"), index=True)
    country: Mapped[str | None] = mapped_column(Text)
    website: Mapped[str | None] = mapped_column(Text)
    wikidata_qid: Mapped[str | None] = mapped_column(Text)
    lei: Mapped[str | None] = mapped_column(Text)
    ticker: Mapped[str | None] = mapped_column(Text)

    aliases: Mapped[list[CompanyAlias]] = relationship(
        back_populates="company", cascade="all, delete-orphan", order_by="CompanyAlias.id"
    )


class CompanyAlias(Base):
    """A name a company goes by, optionally only in one language ("AWS" -> amazon)."""

    __tablename__ = "company_aliases"
    __table_args__ = (
        UniqueConstraint(
            "company_slug",
            "alias_key",
            "language",
            name="company_alias_key_language",
            postgresql_nulls_not_distinct=True,
        ),
        Index("ix_company_aliases_alias_key", "alias_key"),
        Index(
            "ix_company_aliases_alias_key_trgm",
            "alias_key",
            postgresql_using="gin",
            postgresql_ops={"alias_key": "gin_trgm_ops"},
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_slug: Mapped[str] = mapped_column(ForeignKey("companies.slug", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(Text)
    alias_key: Mapped[str] = mapped_column(Text)
    """Case- and accent-folded alias, for matching."""
    language: Mapped[str | None] = mapped_column(Text)

    company: Mapped[Company] = relationship(back_populates="aliases")

    @staticmethod
    def key_of(alias: str) -> str:
        """The matching key of a name: case-folded, accents removed, spaces collapsed."""
        decomposed = unicodedata.normalize("NFKD", alias.casefold())
        bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        return " ".join(bare.split())


class ReferenceLoad(Base):
    """One load of the bundled reference data, by content hash (makes loading idempotent)."""

    __tablename__ = "reference_loads"

    sha256: Mapped[str] = mapped_column(Text, primary_key=True)
    version: Mapped[int]
