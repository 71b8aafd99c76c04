"""Query parameters shared by list routes."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal
from typing import Annotated, Final, Literal

import msgspec
from litestar.exceptions import ValidationException
from litestar.params import Parameter

from service.domain.errors import InvalidInputError
from service.normalize.fx import known_currencies

MAX_ID: Final = 2**53 - 1
"""Largest identifier: the largest integer every JSON reader holds exactly (ids are `bigint`)."""

MAX_CURSOR: Final = 200
"""Longest `cursor` a list takes."""
DEFAULT_LIMIT: Final = 20
"""Page size of a list asked without `limit`."""
MAX_LIMIT: Final = 100
"""Largest page size."""
MAX_SLUG: Final = 100
"""Longest company or metric slug a route takes."""

Cursor = Annotated[
    str | None,
    Parameter(
        description="Opaque position from a previous page's `next_cursor`.", max_length=MAX_CURSOR
    ),
]
Limit = Annotated[int, Parameter(description="Page size.", ge=1, le=MAX_LIMIT)]
CompanySlug = Annotated[
    str | None,
    Parameter(
        description="Company slug, in any case (`OpenAI` is `openai`); one naming no company "
        "answers 422 with the `nearest` known slugs.",
        max_length=MAX_SLUG,
    ),
]
SourceId = Annotated[
    int | None,
    Parameter(
        description="Only facts cited from this source id, among those the list serves: for "
        "figures, by default only the preferred claim of each company, metric and period, so a "
        "source's figures that another claim outranks need `include=all` (`GET "
        "/v1/sources/{source_id}` lists every figure it states, with its `rank`).",
        ge=1,
        le=MAX_ID,
    ),
]
MinValue = Annotated[Decimal | None, Parameter(description="Canonical value at least this.")]
MaxValue = Annotated[Decimal | None, Parameter(description="Canonical value at most this.")]
MinConfidence = Annotated[
    float | None,
    Parameter(
        description="Only facts whose confidence is at least this, from 0 to 1 (422 outside).",
        schema_extra={"minimum": 0, "maximum": 1},
    ),
]

DATE_TIME: Final = {"format": "date-time"}
AsOf = Annotated[
    str | None,
    Parameter(
        description="Answer as the API knew it at this instant: an RFC 3339 date-time with "
        "its offset, not in the future.",
        schema_extra=DATE_TIME,
    ),
]
UpdatedSince = Annotated[
    str | None,
    Parameter(
        description="Only facts whose record changed at or after this instant (RFC 3339 "
        "date-time with its offset); with `include=all`, deprecations too.",
        schema_extra=DATE_TIME,
    ),
]
Include = Annotated[
    Literal["all"] | None,
    Parameter(
        description="`all`: every claim with its rank (`preferred`, `normal`, `deprecated`); "
        "by default only `preferred` ones."
    ),
]
DISPLAY_CURRENCIES: Final = tuple(sorted(known_currencies()))
"""Every currency the ECB reference rates know."""
DisplayCurrency = Annotated[
    str | None,
    Parameter(
        description="Also show money values in this currency (ISO 4217), at the ECB reference "
        "rate of each fact's date.",
        schema_extra={"enum": list(DISPLAY_CURRENCIES)},
    ),
]


_RFC_3339: Final = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?"
    r"([Zz]|[+-][0-9]{2}:[0-9]{2})"
)
_FIRST_INSTANT: Final = datetime.min.replace(tzinfo=UTC)
_LAST_INSTANT: Final = datetime.max.replace(tzinfo=UTC)


def _invalid(name: str, message: str) -> ValidationException:
    return ValidationException(
        detail=f"{name}: {message}", extra=[{"key": name, "source": "query", "message": message}]
    )


def confidence_floor(value: float | None) -> float | None:
    """`min_confidence` checked: a number from 0 to 1 (InvalidInputError, 422, otherwise)."""
    if value is not None and not 0 <= value <= 1:
        raise InvalidInputError(f"min_confidence must be from 0 to 1, not {value}")
    return value


def instant(name: str, value: str | None) -> datetime | None:
    """The RFC 3339 date-time `value` in UTC; anything else is invalid (400 naming `name`).

    Read here rather than by the framework, which would take a bare number for a Unix time.
    """
    if value is None:
        return None
    if not _RFC_3339.fullmatch(value):
        raise _invalid(
            name, "expected an RFC 3339 date-time with its offset, e.g. 2025-11-03T12:00:00Z"
        )
    try:
        moment = msgspec.convert(value, datetime)
    except msgspec.ValidationError as error:
        raise _invalid(name, f"{value!r} is not a date-time") from error
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # within a day of year 1 or of year 9999: the nearest instant
        return _FIRST_INSTANT if moment.year == 1 else _LAST_INSTANT


def past_instant(name: str, value: str | None) -> datetime | None:
    """`value` in UTC, which must not be in the future (422 naming `name`)."""
    moment = instant(name, value)
    if moment is not None and moment > datetime.now(UTC):
        raise InvalidInputError(f"{name} {moment.isoformat()} is in the future")
    return moment


def display_currency(code: str | None) -> str | None:
    """`code` if the ECB reference rates know it; else invalid (400 naming it)."""
    if code is not None and code not in DISPLAY_CURRENCIES:
        raise _invalid(
            "currency", f"unknown currency {code!r}; one of {', '.join(DISPLAY_CURRENCIES)}"
        )
    return code


PORT = r"(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])"
"""A TCP port, 1 to 65535, without leading zeros."""
WEB_ADDRESS = rf"^https?://[A-Za-z0-9.-]+(?::{PORT})?(?:[/?#][!-~]*)?$"
"""An http(s) address with a host name (letters, digits, dots, hyphens: IDNs in punycode), an
optional port from 1 to 65535, then printable ASCII: what every URL parser splits the same way."""
NOT_BLANK = (
    r"[^\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"
)
"""Some character that is not white space: the characters `str.strip` removes, and the BOM,
spelled out (`\\S` differs between Python and the ECMA dialect of JSON Schema)."""
