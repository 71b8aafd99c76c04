"""Result structures and errors of the normalisation library."""

from datetime import date
from decimal import Decimal
from typing import Literal

import msgspec

Bound = Literal["exact", "approximate", "at_least", "at_most", "range"]
Kind = Literal["money", "power", "energy", "count", "ratio", "number"]
Period = Literal["day", "week", "month", "quarter", "year"]

LANGUAGES: tuple[str, ...] = ("en", "fr", "it", "de", "es")


class Fx(msgspec.Struct, frozen=True):
    """The ECB reference rate used to convert an amount to US dollars."""

    rate: Decimal
    date: date
    source: str


class Original(msgspec.Struct, frozen=True):
    """The quantity as written: scaled value in its original unit."""

    value: Decimal
    unit: str


class Quantity(msgspec.Struct, frozen=True):
    """A quantity found in text, with its canonical comparable value."""

    value: Decimal
    unit: str
    kind: Kind
    bound: Bound
    low: Decimal | None
    high: Decimal | None
    original: Original
    fx: Fx | None
    start: int
    end: int
    text: str
    vague: bool = False
    per: Period | None = None


class NormalizeError(ValueError):
    """Base error of the library; its message is readable by an end user."""


class UnknownCurrencyError(NormalizeError):
    """A currency that has no ECB reference rate at the requested date."""


class NotAQuantityError(NormalizeError):
    """The text does not hold exactly one quantity."""
