"""The whole table of value strings, negative cases included."""

from tests.normalize.cases_bounds import HEDGES, PERIODS, RANGES, VAGUE
from tests.normalize.cases_news import JUST_UNDER, THOUSANDS, WHOLE_COUNTS
from tests.normalize.cases_units import (
    CENT,
    COUNTS,
    CURRENCIES,
    NOT_QUANTITIES,
    PHYSICAL,
    RATIOS,
    SCALES,
    SEPARATORS,
    SPELLED,
    Case,
)

ALL_CASES = SCALES + SPELLED + SEPARATORS + CURRENCIES + PHYSICAL + COUNTS + RATIOS
ALL_CASES += HEDGES + RANGES + VAGUE + [case for case, _ in PERIODS]
ALL_CASES += THOUSANDS + WHOLE_COUNTS + JUST_UNDER

__all__ = ["ALL_CASES", "CENT", "NOT_QUANTITIES", "PERIODS", "Case"]
