"""News feeds polled for articles, and the items each has shown."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    Text,
    UniqueConstraint,
    func,
    text,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from service.models.base import Base, Timestamped


class Feed(Timestamped, Base):
    """An RSS or Atom feed: where it is, how often to poll it, and how its polls went."""

    __tablename__ = "feeds"
    __table_args__ = (
        CheckConstraint("poll_interval_minutes BETWEEN 5 AND 1440", name="poll_interval"),
        CheckConstraint("items_seen >= 0 AND items_ingested >= 0", name="counts"),
        Index("ix_feeds_due", "next_poll_at", postgresql_where=text("active")),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    canonical_url: Mapped[str] = mapped_column(Text, unique=True)
    """The URL normalised (tracking parameters dropped): one feed per address."""
    language: Mapped[str | None] = mapped_column(Text)
    poll_interval_minutes: Mapped[int] = mapped_column(Integer, server_default="60")
    active: Mapped[bool] = mapped_column(Boolean, server_default=true())
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    """The validators of the last full answer, sent back as If-None-Match / If-Modified-Since."""
    next_poll_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now()
    )
    last_polled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_success_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_http_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    items_seen: Mapped[int] = mapped_column(Integer, server_default="0")
    items_ingested: Mapped[int] = mapped_column(Integer, server_default="0")


class FeedItem(Base):
    """An item a feed has shown, known by its GUID and its normalised URL."""

    __tablename__ = "feed_items"
    __table_args__ = (
        UniqueConstraint("feed_id", "guid", name="uq_feed_items_feed_id_guid"),
        UniqueConstraint("feed_id", "url", name="uq_feed_items_feed_id_url"),
        Index("ix_feed_items_source_id", "source_id"),
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("feeds.id", ondelete="CASCADE"))
    guid: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(Text)
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="SET NULL"))
    retries: Mapped[int] = mapped_column(Integer, server_default="0")
    """Times its failed ingestion was queued again."""
    seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
