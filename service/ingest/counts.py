"""Counts whose noun stands before the number, and changes written "from X to Y".

"ChatGPT's weekly users reached 700 million": the number leaves its noun to the subject.
"Paying users rose from 3 to 5 million": not a range of one value but two values, the
earlier one and the one reached.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

import msgspec

from service.ingest.lexicon import cues_for, prepared, shared
from service.normalize import Quantity
from service.normalize.units import COUNT_NOUNS

SUBJECT_REACH = 80
"""How many characters before a bare number its counted noun may stand."""

_MIN_COUNT = Decimal(1000)
"""A bare number below this is rarely a count of users or chips (and often a year)."""

_BETWEEN_BREAK = re.compile(r"[.;:!?()\[\]]|\s[-–—]\s")
"""What a noun may not be separated from its number by."""

FROM_WORDS: dict[str, str] = {
    "en": "from",
    "fr": "de|d'|du",
    "it": "da|dai|dal|dagli",
    "de": "von",
    "es": "de|desde",
}
"""The word that opens "from X to Y" in each language."""

TO_WORDS: dict[str, str] = {
    "en": "to",
    "fr": "à|a",
    "it": "a|ai|al|agli",
    "de": "auf|bis",
    "es": "a|hasta",
}
"""The word that joins the two values of "from X to Y"."""

CHANGE_REACH = 40
"""How many characters before "from X to Y" its rise or decline word may stand."""


@cache
def _nouns(language: str) -> re.Pattern[str]:
    """Count nouns of the language whose unit names a metric (users, GPUs, employees...)."""
    units = shared().unit_metrics
    words = sorted(
        (noun for noun, unit in COUNT_NOUNS[language].items() if unit in units),
        key=len,
        reverse=True,
    )
    alternation = "|".join(re.escape(word) for word in words)
    return re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE)


def with_subject_counts(text: str, language: str, quantities: list[Quantity]) -> list[Quantity]:
    """Bare numbers counting the noun named shortly before them, in the same clause."""
    read: list[Quantity] = []
    floor = 0
    for quantity in quantities:
        unit = _subject_noun(text, language, quantity, floor) if _bare(quantity) else None
        if unit is None:
            read.append(quantity)
        else:
            original = msgspec.structs.replace(quantity.original, unit=unit)
            read.append(
                msgspec.structs.replace(quantity, unit=unit, kind="count", original=original)
            )
        floor = quantity.end
    return read


def _bare(quantity: Quantity) -> bool:
    if quantity.kind != "number" or quantity.vague or quantity.value < _MIN_COUNT:
        return False
    written = quantity.text.strip()
    return not (written.isdigit() and 1900 <= int(written) <= 2100)


def _subject_noun(text: str, language: str, quantity: Quantity, floor: int) -> str | None:
    start = max(floor, quantity.start - SUBJECT_REACH)
    nouns = list(_nouns(language).finditer(text, start, quantity.start))
    if not nouns:
        return None
    last = nouns[-1]
    if _BETWEEN_BREAK.search(text, last.end(), quantity.start):
        return None
    lookup = {noun.casefold(): unit for noun, unit in COUNT_NOUNS[language].items()}
    return lookup.get(last.group().casefold())


def split_changes(text: str, language: str, quantities: list[Quantity]) -> list[Quantity]:
    """Ranges written "from X to Y" after a rise or decline word, as their two values.

    "Revenue rose from $3 billion to $5 billion": $3 billion before, $5 billion now; "fell
    from 5 to 3 million": 5 million before, 3 million now. Each value is exact.
    """
    read: list[Quantity] = []
    for quantity in quantities:
        read.extend(_split(text, language, quantity) or [quantity])
    return read


def _split(text: str, language: str, quantity: Quantity) -> list[Quantity] | None:
    if quantity.bound != "range" or quantity.low is None or quantity.high is None:
        return None
    pattern = re.compile(
        rf"(?:{FROM_WORDS[language]})(?:(?<=')|\s+)(?P<first>.+?)\s+(?:{TO_WORDS[language]})\s+"
        rf"(?P<second>.+)$",
        re.IGNORECASE,
    )
    found = pattern.match(prepared(quantity.text))
    direction = _direction(text, language, quantity.start)
    if found is None or direction is None:
        return None
    earlier, later = (
        (quantity.low, quantity.high) if direction > 0 else (quantity.high, quantity.low)
    )
    ratio = None if quantity.value == 0 else quantity.original.value / quantity.value
    return [
        _part(quantity, earlier, ratio, found.start("first"), found.end("first")),
        _part(quantity, later, ratio, found.start("second"), found.end("second")),
    ]


def _direction(text: str, language: str, start: int) -> int | None:
    window = prepared(text)[max(0, start - CHANGE_REACH) : start]
    if _BETWEEN_BREAK.search(window) or "," in window:
        window = re.split(r"[,.;:!?()]", window)[-1]
    for pattern, direction in cues_for(language).changes:
        if pattern.search(window):
            return direction
    return None


def _part(
    quantity: Quantity, value: Decimal, ratio: Decimal | None, start: int, end: int
) -> Quantity:
    """One value of a split range, at its own words."""
    original_value = value if ratio is None else value * ratio
    original = msgspec.structs.replace(quantity.original, value=original_value)
    return msgspec.structs.replace(
        quantity,
        value=value,
        bound="exact",
        low=None,
        high=None,
        original=original,
        start=quantity.start + start,
        end=quantity.start + end,
        text=quantity.text[start:end],
    )
