"""Shapes of the admin routes: source submissions and ingestion jobs."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import msgspec

from service.domain.bounds import DATE_RANGE, check_date
from service.domain.vocabulary import JobStatus
from service.web.http import Base, InputBase
from service.web.params import NOT_BLANK, WEB_ADDRESS

Url = Annotated[str, msgspec.Meta(pattern=WEB_ADDRESS, max_length=2048)]
Title = Annotated[str, msgspec.Meta(max_length=1000, pattern=NOT_BLANK)]
Publisher = Annotated[str, msgspec.Meta(max_length=200, pattern=NOT_BLANK)]


class SourceCreate(InputBase):
    """An article to ingest: its text, a web page's URL, or a saved page's HTML."""

    text: Annotated[
        str | None,
        msgspec.Meta(
            description="The full text of the article, at most 1,000,000 characters; "
            "citations point at offsets in it. Null to fetch `url` or read `html` instead."
        ),
    ] = None
    html: Annotated[
        str | None,
        msgspec.Meta(
            description="A saved web page, at most 1,000,000 characters: its article's main "
            "text, title, author, date and language are extracted by the job."
        ),
    ] = None
    published_on: Annotated[
        date | None,
        msgspec.Meta(
            description=f"Publication date of the article, {DATE_RANGE}; required with "
            "`text`, else read from the page when null."
        ),
    ] = None
    language: Annotated[
        str | None,
        msgspec.Meta(description="`en`, `fr`, `it`, `de` or `es`; detected from the text if null."),
    ] = None
    url: Annotated[
        Url | None,
        msgspec.Meta(
            description="Where the article was published; alone, the page the job fetches. "
            "The same URL (tracking parameters dropped) submitted again is the same source."
        ),
    ] = None
    title: Annotated[Title | None, msgspec.Meta(description="Headline of the article.")] = None
    publisher: Annotated[
        Publisher | None, msgspec.Meta(description="Who published the article.")
    ] = None
    refetch: Annotated[
        bool,
        msgspec.Meta(
            description="Fetch a URL submitted before again: a changed text becomes the "
            "source's next version (its new facts cite it), an unchanged one changes nothing."
        ),
    ] = False

    def __post_init__(self) -> None:
        """Refuse (422) a publication date no article can have."""
        check_date("published_on", self.published_on)


class JobRef(Base):
    """An ingestion job, briefly."""

    id: Annotated[int, msgspec.Meta(description="Job id, for GET /v1/admin/jobs/{id}.")]
    status: Annotated[JobStatus, msgspec.Meta(description="Where the job stands.")]


class SourceAccepted(Base):
    """The stored source and the job ingesting it."""

    source_id: Annotated[int, msgspec.Meta(description="Id of the source (see /v1/sources).")]
    job: Annotated[JobRef, msgspec.Meta(description="The job extracting the source's facts.")]


class JobCounts(Base):
    """What a job contributed."""

    figures: Annotated[int, msgspec.Meta(description="Figures created or corroborated.")]
    deals: Annotated[int, msgspec.Meta(description="Deals created or corroborated.")]
    companies: Annotated[int, msgspec.Meta(description="Companies created.")]


class Job(Base):
    """An ingestion job with its outcome."""

    id: Annotated[int, msgspec.Meta(description="Job id.")]
    status: Annotated[JobStatus, msgspec.Meta(description="Where the job stands.")]
    source_id: Annotated[int, msgspec.Meta(description="The source being ingested.")]
    counts: Annotated[JobCounts, msgspec.Meta(description="Facts and companies it produced.")]
    error: Annotated[
        str | None, msgspec.Meta(description="Why the job failed; null unless `failed`.")
    ]
    created_at: Annotated[datetime, msgspec.Meta(description="When the job was queued.")]
    started_at: Annotated[
        datetime | None, msgspec.Meta(description="When its latest attempt started.")
    ]
    finished_at: Annotated[
        datetime | None, msgspec.Meta(description="When it succeeded or failed.")
    ]
