"""What the request bodies of curation share: slugs, raw values and the citation of a source."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import msgspec

from service.domain.bounds import DATE_RANGE, check_date
from service.domain.vocabulary import Language
from service.web.http import InputBase
from service.web.params import MAX_ID, NOT_BLANK

Slug = Annotated[
    str, msgspec.Meta(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=1, max_length=100)
]
MetricSlug = Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9_]*$", max_length=100)]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=200, pattern=NOT_BLANK)]
RawValue = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Offset = Annotated[int, msgspec.Meta(ge=0, le=2**31 - 1)]
SourceId = Annotated[int, msgspec.Meta(ge=1, le=MAX_ID)]
Quote = Annotated[str, msgspec.Meta(max_length=5000)]


class ValueReading(InputBase):
    """How to read a raw value: its language and the date of the FX rate."""

    language: Annotated[
        Language | None,
        msgspec.Meta(description="Language of `value`; default the source's, else `en`."),
    ] = None
    as_of: Annotated[
        date | None,
        msgspec.Meta(description=f"Reference date of the FX rate, {DATE_RANGE}; default today."),
    ] = None

    def __post_init__(self) -> None:
        """Refuse (422) an FX date outside the dates a rate can have."""
        check_date("as_of", self.as_of)


class CitedInput(ValueReading):
    """A raw value, and where it is stated when it comes from a stored source."""

    source_id: Annotated[
        SourceId | None, msgspec.Meta(description="The source stating the fact (/v1/sources).")
    ] = None
    quote: Annotated[
        Quote | None, msgspec.Meta(description="The sentence stating it; required with a source.")
    ] = None
    start: Annotated[
        Offset | None,
        msgspec.Meta(
            description="Offset of the value in the source text; found from the quote when omitted."
        ),
    ] = None
    end: Annotated[
        Offset | None, msgspec.Meta(description="Offset just past the value in the source text.")
    ] = None
