"""Tokenising and parsing numbers written with digits, per language conventions.

French, Italian, German and Spanish write the decimal comma, English the decimal
point. The other mark, spaces (including U+00A0 and U+202F) and apostrophes
group thousands, but only when each group has exactly three digits; otherwise
a lone point or comma is read as a decimal mark ("3.5 Mrd." is 3.5, not 35).
"""

import re
from decimal import Decimal

MAX_DIGITS = 30
DECIMAL_MARK: dict[str, str] = {"en": ".", "fr": ",", "it": ",", "de": ",", "es": ","}
_SPACES = " \u00a0\u202f"
_APOSTROPHES = "'’"
_ZERO_GROUPS = re.compile(r"\d{1,3}(?:,000)+")
"""A comma before groups of exactly three zeros groups thousands in every language: nobody
writes "400,000" for the decimal 400 (the Mexican "400,000 millones" is 400,000 million)."""


def _group_class(lang: str) -> str:
    other_mark = "," if DECIMAL_MARK[lang] == "." else "."
    return "[" + re.escape(_SPACES + _APOSTROPHES + other_mark) + "]"


def digits_pattern(lang: str) -> str:
    """Regex (no look-behind) of one number written with digits, groups named."""
    decimal = re.escape(DECIMAL_MARK[lang])
    grouped = (
        rf"\d{{1,3}}(?P<sep>{_group_class(lang)})\d{{3}}(?!\d)"
        rf"(?:(?P=sep)\d{{3}}(?!\d))*+(?:{decimal}\d++)?"
    )
    plain = r"\d++(?:[.,]\d++)?"
    return f"(?P<digits>{grouped}|{plain})"


def parse_digits(token: str, group_separator: str | None, lang: str) -> Decimal | None:
    """Value of a token matched by ``digits_pattern``; None when absurdly long."""
    if group_separator:
        token = token.replace(group_separator, "").replace(DECIMAL_MARK[lang], ".")
    elif _ZERO_GROUPS.fullmatch(token):
        token = token.replace(",", "")
    else:
        token = token.replace(",", ".")
    if len(token) > MAX_DIGITS:
        return None
    return Decimal(token)
