"""Pure normalisation of quantities (money, power, energy, counts, ratios) in news text.

Finds and parses amounts written in English, French, Italian, German and Spanish,
and returns canonical comparable values with their uncertainty, keeping the
original beside them. No I/O on the hot path; imports nothing else from the project.
"""

from service.normalize.api import find_quantities, parse_quantity
from service.normalize.language import detect_language
from service.normalize.types import (
    LANGUAGES,
    Bound,
    Fx,
    Kind,
    NormalizeError,
    NotAQuantityError,
    Original,
    Period,
    Quantity,
    UnknownCurrencyError,
)

__all__ = [
    "LANGUAGES",
    "Bound",
    "Fx",
    "Kind",
    "NormalizeError",
    "NotAQuantityError",
    "Original",
    "Period",
    "Quantity",
    "UnknownCurrencyError",
    "detect_language",
    "find_quantities",
    "parse_quantity",
]
