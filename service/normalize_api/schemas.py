"""Public shapes of the normalisation endpoint."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

import msgspec

from service.domain.vocabulary import BoundName
from service.web.http import Base, InputBase

Language = Literal["en", "fr", "it", "de", "es"]


class NormalizeRequest(InputBase):
    """Text to read quantities from."""

    text: Annotated[
        str,
        msgspec.Meta(
            min_length=1, max_length=10_000, description="The text, up to 10,000 characters."
        ),
    ]
    lang: Annotated[
        Language | None,
        msgspec.Meta(description="Its language; detected among the five when omitted."),
    ] = None
    date: Annotated[
        date | None,
        msgspec.Meta(description="Reference date for exchange rates; today when omitted."),
    ] = None


class OriginalAmount(Base):
    """The quantity as written."""

    value: Annotated[Decimal, msgspec.Meta(description="The number written, scaled.")]
    unit: Annotated[
        str, msgspec.Meta(description="Currency code, unit symbol, thing counted, `%` or `x`.")
    ]


class FxUsed(Base):
    """The exchange rate applied."""

    rate: Annotated[Decimal, msgspec.Meta(description="USD per one unit of the currency.")]
    date: Annotated[date, msgspec.Meta(description="ECB reference date of the rate.")]
    source: Annotated[str, msgspec.Meta(description="Publisher of the rate (`ECB`).")]


class QuantityOut(Base):
    """One quantity found in the text, in canonical units."""

    value: Annotated[Decimal, msgspec.Meta(description="Canonical value; midpoint for ranges.")]
    unit: Annotated[
        str, msgspec.Meta(description="`USD`, `W`, `Wh`, `ratio`, a thing counted, or `1`.")
    ]
    kind: Annotated[
        Literal["money", "power", "energy", "count", "ratio", "number"],
        msgspec.Meta(description="What sort of quantity it is."),
    ]
    bound: Annotated[BoundName, msgspec.Meta(description="How the text qualified the value.")]
    low: Annotated[Decimal | None, msgspec.Meta(description="Lower bound, when known.")]
    high: Annotated[Decimal | None, msgspec.Meta(description="Upper bound, when known.")]
    vague: Annotated[bool, msgspec.Meta(description="True for amounts like `tens of billions`.")]
    per: Annotated[
        Literal["day", "week", "month", "quarter", "year"] | None,
        msgspec.Meta(description="Rate period, e.g. `week` for `per week`."),
    ]
    original: Annotated[OriginalAmount, msgspec.Meta(description="The quantity as written.")]
    fx: Annotated[FxUsed | None, msgspec.Meta(description="Exchange rate used, if any.")]
    start: Annotated[int, msgspec.Meta(description="Offset of its first character in the text.")]
    end: Annotated[int, msgspec.Meta(description="Offset just past its last character.")]
    text: Annotated[str, msgspec.Meta(description="The words it was read from.")]


class NormalizeResponse(Base):
    """Every quantity of the text, in order of appearance."""

    lang: Annotated[Language, msgspec.Meta(description="The language used to read the text.")]
    date: Annotated[date, msgspec.Meta(description="The reference date used.")]
    quantities: Annotated[list[QuantityOut], msgspec.Meta(description="The quantities found.")]
