"""The shapes of the rows the read statements return, column by column.

SQLAlchemy rows answer any attribute; these protocols say which columns a function reads
and of which types, so that typing carries from the SELECT to the public schema. Each
`<resource>/service.py` selects its columns to fit its shape; an ORM object of the table
fits too.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

from service.domain.vocabulary import CompanyKind, MetricKind


class CitationShape(Protocol):
    """Where a fact is stated: the source and the offsets of the value in its text."""

    source_id: int
    quote: str
    start_offset: int
    end_offset: int
    more_offsets: list[list[int]]
    source_version: int


class ValueShape(Protocol):
    """The value columns of a figure or deal (`models.facts.MoneyLike`) and its deprecation."""

    value: Decimal | None
    unit: str | None
    low: Decimal | None
    high: Decimal | None
    vague: bool
    original_text: str | None
    original_value: Decimal | None
    original_unit: str | None
    fx_rate: Decimal | None
    fx_date: date | None
    fx_source: str | None
    deprecated_at: datetime | None
    deprecated_reason: str | None


class CompanyShape(Protocol):
    """A row of the company columns of `companies.service`."""

    slug: str
    name: str
    kind: CompanyKind
    parent_slug: str | None
    country: str | None
    website: str | None
    wikidata_qid: str | None
    lei: str | None
    ticker: str | None


class MetricShape(Protocol):
    """A row of the metric catalogue."""

    slug: str
    name: str
    unit: str
    kind: MetricKind
    description: str


class ComparableShape(Protocol):
    """A stored figure or deal, as compared with a new claim."""

    id: int
    value: Decimal | None
    unit: str | None
    low: Decimal | None
    high: Decimal | None
    vague: bool
