"""Public shapes of sources."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

import msgspec

from service.domain.vocabulary import DealKind, FigureRank
from service.web.http import Base, NextCursor


class SourceSummary(Base):
    """A document facts were drawn from."""

    id: Annotated[int, msgspec.Meta(description="Stable identifier of the source.")]
    url: Annotated[str | None, msgspec.Meta(description="Where it was published.")]
    title: Annotated[str | None, msgspec.Meta(description="Its title.")]
    publisher: Annotated[str | None, msgspec.Meta(description="Who published it.")]
    language: Annotated[str | None, msgspec.Meta(description="ISO 639-1 language code.")]
    published_on: Annotated[date | None, msgspec.Meta(description="Publication date.")]
    retrieved_at: Annotated[datetime, msgspec.Meta(description="When the service received it.")]
    sha256: Annotated[str, msgspec.Meta(description="SHA-256 of its text, hex.")]


class FigureMention(Base):
    """A figure found in a source."""

    id: Annotated[int, msgspec.Meta(description="Figure id.")]
    company: Annotated[str, msgspec.Meta(description="Company slug.")]
    metric: Annotated[str, msgspec.Meta(description="Metric slug.")]
    value: Annotated[Decimal, msgspec.Meta(description="Canonical value.")]
    unit: Annotated[str, msgspec.Meta(description="Canonical unit.")]
    rank: Annotated[
        FigureRank,
        msgspec.Meta(
            description="`preferred` if it is the claim the figure lists serve for its company, "
            "metric and period; `normal` if another claim of the group is preferred (listed by "
            "`GET /v1/figures?source=...` only with `include=all`)."
        ),
    ]
    quote: Annotated[str, msgspec.Meta(description="The sentence stating it.")]
    start: Annotated[int, msgspec.Meta(description="Offset of the quantity in the text.")]
    end: Annotated[int, msgspec.Meta(description="Offset past the quantity in the text.")]
    source_version: Annotated[
        int, msgspec.Meta(description="The version of the text the offsets point into.")
    ] = 1


class DealMention(Base):
    """A deal found in a source."""

    id: Annotated[int, msgspec.Meta(description="Deal id.")]
    kind: Annotated[DealKind, msgspec.Meta(description="Kind of deal.")]
    title: Annotated[str, msgspec.Meta(description="Deal title.")]
    quote: Annotated[str, msgspec.Meta(description="The sentence stating it.")]
    start: Annotated[int, msgspec.Meta(description="Offset of the mention in the text.")]
    end: Annotated[int, msgspec.Meta(description="Offset past the mention in the text.")]
    source_version: Annotated[
        int, msgspec.Meta(description="The version of the text the offsets point into.")
    ] = 1


class Source(SourceSummary):
    """A source with its text and the facts found in it."""

    text: Annotated[
        str | None,
        msgspec.Meta(
            description="Full text, when the service holds it (of a web page: the article's "
            "main text); citations' offsets point into it."
        ),
    ]
    author: Annotated[str | None, msgspec.Meta(description="Who wrote it, if the page says.")]
    final_url: Annotated[
        str | None, msgspec.Meta(description="Where its page was fetched from, after redirects.")
    ]
    fetched_at: Annotated[datetime | None, msgspec.Meta(description="When its page was fetched.")]
    version: Annotated[
        int,
        msgspec.Meta(
            description="The version `text` is: 1, or more once a refetch found the page "
            "changed. Offsets of an earlier version point into its text, at "
            "GET /v1/sources/{id}/versions/{version}."
        ),
    ]
    figures: Annotated[
        list[FigureMention],
        msgspec.Meta(
            description="Every live figure cited from it, whatever its rank: "
            "`GET /v1/figures?source=...` lists only the `preferred` ones unless `include=all`."
        ),
    ]
    deals: Annotated[list[DealMention], msgspec.Meta(description="Deals cited from it.")]


class SourceItem(SourceSummary):
    """A source of a list, with the passage matching the search, if any."""

    snippet: Annotated[
        str | None,
        msgspec.Meta(
            description="With `q`: a short passage of its text with the matched words "
            "wrapped in `<mark>...</mark>`; null without `q`."
        ),
    ]


class SourcePage(Base):
    """A page of sources."""

    data: Annotated[
        list[SourceItem], msgspec.Meta(description="Items of this page, in list order.")
    ]
    next_cursor: NextCursor


class SourceText(Base):
    """One version of a source's text: what the citations of that version point into."""

    source_id: Annotated[int, msgspec.Meta(description="The source.")]
    version: Annotated[int, msgspec.Meta(description="Its version, from 1.")]
    sha256: Annotated[str, msgspec.Meta(description="SHA-256 of this text, hex.")]
    text: Annotated[str, msgspec.Meta(description="The text of this version.")]
    final_url: Annotated[
        str | None, msgspec.Meta(description="Where this version was fetched from.")
    ]
    fetched_at: Annotated[
        datetime | None, msgspec.Meta(description="When this version was fetched.")
    ]
