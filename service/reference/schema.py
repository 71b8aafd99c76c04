"""The typed shape of the bundled reference data file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

import msgspec


class RefAlias(msgspec.Struct):
    """A name of a company."""

    alias: str
    language: str | None


class RefIdentifiers(msgspec.Struct):
    """Identifiers of a company elsewhere."""

    wikidata: str | None
    lei: str | None
    ticker: str | None


class RefCompany(msgspec.Struct):
    """A company of the reference data."""

    slug: str
    name: str
    kind: str
    parent: str | None
    country: str | None
    website: str | None
    identifiers: RefIdentifiers
    aliases: list[RefAlias]


class RefMetric(msgspec.Struct):
    """A metric of the catalogue."""

    slug: str
    name: str
    unit: str
    kind: str
    description: str


class RefSource(msgspec.Struct):
    """A source document, keyed for citations."""

    key: str
    url: str | None
    title: str | None
    publisher: str | None
    language: str | None
    published_on: date | None
    sha256: str


class RefCitation(msgspec.Struct):
    """Where a source states a fact (one citation per source: a repeat adds offsets)."""

    source: str
    quote: str
    start: int
    end: int
    more_offsets: list[tuple[int, int]] = msgspec.field(default_factory=list)


class RefOriginal(msgspec.Struct):
    """A value as written."""

    text: str | None
    value: Decimal | None
    unit: str | None


class RefFx(msgspec.Struct):
    """An exchange rate used."""

    rate: Decimal
    date: date
    source: str


class RefPeriod(msgspec.Struct):
    """The period a figure covers."""

    start: date
    end: date
    precision: Literal["day", "month", "quarter", "year"]


class RefAmount(msgspec.Struct, kw_only=True):
    """A value with uncertainty, original and FX; `vague` when no number was stated."""

    value: Decimal
    unit: str
    bound: str
    low: Decimal | None
    high: Decimal | None
    original: RefOriginal
    fx: RefFx | None
    vague: bool = False


class RefFigure(RefAmount):
    """A figure with its citations."""

    key: str
    company: str
    metric: str
    period: RefPeriod
    status: str
    citations: list[RefCitation]


class RefParty(msgspec.Struct):
    """A party to a deal."""

    company: str
    role: str


class RefDeal(msgspec.Struct):
    """A deal with its parties and citations."""

    key: str
    kind: str
    title: str
    parties: list[RefParty]
    value: RefAmount | None
    duration: str | None
    announced_on: date | None
    status: str
    citations: list[RefCitation]


class ReferenceData(msgspec.Struct):
    """The bundled data file, typed."""

    version: int
    metrics: list[RefMetric]
    companies: list[RefCompany]
    sources: list[RefSource]
    figures: list[RefFigure]
    deals: list[RefDeal]
