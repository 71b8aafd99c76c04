"""Bounds of the values the admin routes accept: the dates a record holds, how long a deal runs.

Every date (publication, announcement, exchange-rate day, a figure's period) lies between
1900-01-01 and 2099-12-31: outside them it is a typing error (`9999-12-31`, `0202-05-04`). The
bound is fixed rather than "no later than tomorrow" on purpose: periods of forecasts and targets
lie ahead, and the test corpus is a fiction dated 2031-2034, which a clock-bound check would
refuse. A deal runs at most 100 years, however its duration is written.
"""

from __future__ import annotations

import re
from datetime import date
from fractions import Fraction
from typing import Final

from service.domain.errors import InvalidInputError

EARLIEST_DATE: Final = date(1900, 1, 1)
"""No record of the AI industry predates it."""
LATEST_DATE: Final = date(2099, 12, 31)
"""Last day any date may name: past it, a date is a typing error."""
DATE_RANGE: Final = "from 1900-01-01 to 2099-12-31"
MAX_DURATION_DAYS: Final = Fraction(36_525)
"""The longest deal: 100 years of 365.25 days."""

_DAYS_PER_UNIT: Final = {
    "Y": Fraction(1461, 4),
    "M": Fraction(1461, 48),
    "W": Fraction(7),
    "D": Fraction(1),
    "H": Fraction(1, 24),
    "TM": Fraction(1, 1440),
    "S": Fraction(1, 86_400),
}
_COMPONENT = re.compile(r"([0-9]+(?:\.[0-9]+)?)([YMWDHS])")


def check_date(name: str, value: object) -> None:
    """Refuse (422) a date outside 1900-01-01 .. 2099-12-31; anything not a date passes."""
    if isinstance(value, date) and not EARLIEST_DATE <= value <= LATEST_DATE:
        raise InvalidInputError(f"{name} {value.isoformat()} is not {DATE_RANGE}")


def duration_days(duration: str) -> Fraction:
    """The days an ISO 8601 duration spans, months and years at their average length."""
    days = Fraction(0)
    date_part, _, time_part = duration.removeprefix("P").partition("T")
    for part, prefix in ((date_part, ""), (time_part, "T")):
        for amount, unit in _COMPONENT.findall(part):
            key = prefix + unit if prefix + unit in _DAYS_PER_UNIT else unit
            days += Fraction(amount) * _DAYS_PER_UNIT[key]
    return days


def check_duration(name: str, value: object) -> None:
    """Refuse (422) a duration longer than 100 years."""
    if isinstance(value, str) and duration_days(value) > MAX_DURATION_DAYS:
        raise InvalidInputError(f"{name} {value} is longer than 100 years")
