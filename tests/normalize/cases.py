"""The whole table of value strings, negative cases included."""

from tests.normalize import cases_news, cases_units
from tests.normalize.cases_bounds import HEDGES, PERIODS, RANGES, VAGUE
from tests.normalize.cases_news import (
    BORROWED_RANGES,
    JUST_UNDER,
    NEWS_SCALES,
    ONE_BEFORE_UNIT,
    SIGNS,
    THOUSANDS,
    WHOLE_COUNTS,
)
from tests.normalize.cases_units import (
    CENT,
    COUNTS,
    CURRENCIES,
    PHYSICAL,
    RATIOS,
    SCALES,
    SEPARATORS,
    SPELLED,
    Case,
)

ALL_CASES = SCALES + SPELLED + SEPARATORS + CURRENCIES + PHYSICAL + COUNTS + RATIOS
ALL_CASES += HEDGES + RANGES + VAGUE + [case for case, _ in PERIODS]
ALL_CASES += THOUSANDS + WHOLE_COUNTS + JUST_UNDER + ONE_BEFORE_UNIT + BORROWED_RANGES
ALL_CASES += NEWS_SCALES + SIGNS
NOT_QUANTITIES = cases_units.NOT_QUANTITIES + cases_news.NOT_QUANTITIES

__all__ = ["ALL_CASES", "CENT", "NOT_QUANTITIES", "PERIODS", "Case"]
