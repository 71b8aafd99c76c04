"""Rises and declines: whether a quantity is a change, and its sign.

Also how near a word stands to a quantity (``word_rank``), which the metric cues share.
"""

from __future__ import annotations

import re
from functools import lru_cache

import msgspec

from service.ingest.lexicon import cues_for, prepared, shared
from service.normalize import Quantity

CLAUSE_BREAK = re.compile(r"[,;:()—–]|\s-\s")
"""What ends a clause: a comma, semicolon, colon, parenthesis or dash."""


@lru_cache(maxsize=64)
def _change_spans(text: str, language: str) -> list[tuple[tuple[int, int], int]]:
    """Every rise (+1) or decline (-1) word of a sentence."""
    return [
        (match.span(), direction)
        for pattern, direction in cues_for(language).changes
        for match in pattern.finditer(text)
    ]


def word_rank(
    text: str, span: tuple[int, int], start: int, end: int
) -> tuple[int, int, int, int] | None:
    """How near a word at ``span`` stands to the quantity at ``[start, end)`` (lower is nearer).

    Clause breaks crossed (2 out of the parentheses the quantity stands in), characters
    between, whether after, the word's length; None when they overlap.
    """
    if span[0] < end and span[1] > start:
        return None
    after = span[0] >= end
    low, high = (end, span[0]) if after else (span[1], start)
    crosses = int(CLAUSE_BREAK.search(text, low, high) is not None)
    if after and _closes_aside(text, start, low, high):
        crosses = 2
    return crosses, high - low, int(after), span[0] - span[1]


def _closes_aside(text: str, start: int, low: int, high: int) -> bool:
    """Whether ``text[low:high]`` closes a parenthesis the quantity at ``start`` stands in.

    An amount in parentheses comments on what precedes it ("sales fell to $7 billion
    ($8 billion a year ago), while profit..."): a cue after the parenthesis is not its own.
    """
    closing = text.find(")", low, high)
    return closing >= 0 and text.rfind("(", 0, start) > text.rfind(")", 0, start)


CHANGE_REACH = 50
"""How many characters from the quantity a rise or decline word may stand."""

FAR_CHANGE_REACH = 150
"""The reach of a rise or decline word when a change preposition marks the amount: German
puts the verb far from "um 78 Prozent" ("schnellten die Kosten für ... um 78 Prozent hoch")."""

_CHANGE_BY: dict[str, re.Pattern[str]] = {
    "de": re.compile(
        r"(?<!\w)um\s+(?:(?:fast|knapp|rund|etwa|gut|mehr als|über)\s+)?$", re.IGNORECASE
    ),
    "en": re.compile(
        r"(?<!\w)by\s+(?:(?:nearly|almost|about|around|over|more than)\s+)?$", re.IGNORECASE
    ),
}
"""A preposition that makes the amount after it a change ("um 5 Prozent", "by 5%")."""


def change_sign(sentence: str, language: str, quantity: Quantity) -> int | None:
    """+1 or -1 when the nearest rise or decline word near the quantity says it changed.

    None without such a word, or when the quantity is the level reached ("rose to $5
    billion") rather than the change.
    """
    text = prepared(sentence)
    own = _own_sign(text, quantity)
    if own is not None:
        return own
    reach = CHANGE_REACH
    by = _CHANGE_BY.get(language)
    if by is not None and by.search(text, 0, quantity.start):
        reach = FAR_CHANGE_REACH
    best: tuple[int, int, int, int] | None = None
    sign: int | None = None
    for span, direction in _change_spans(text, language):
        ranked = word_rank(text, span, quantity.start, quantity.end)
        if ranked is None or ranked[0] or ranked[1] > reach or (best and ranked >= best):
            continue
        best, sign = ranked, direction
        between = (span[1], quantity.start) if span[1] <= quantity.start else None
        if between and cues_for(language).change_to.search(text, *between):
            sign = None
    return sign


_SIGNS = {"+": 1, "-": -1, "\u2212": -1, "\u2013": -1}
"""Signs written before a percentage: "(+14%)", "−3 %"."""


def _own_sign(text: str, quantity: Quantity) -> int | None:
    """+1 or -1 when the percentage is written with its sign ("sales of $5bn (+14%)")."""
    if quantity.original.unit not in shared().percent_units:
        return None
    return _SIGNS.get(text[quantity.start : quantity.start + 1])


def signed(metric: str, sentence: str, language: str, quantity: Quantity) -> Quantity:
    """A change said to be a decline ("shares fell 4%", "a reculé de 2,7 %") as negative."""
    if not _is_change(metric) or quantity.value < 0:
        return quantity
    if change_sign(sentence, language, quantity) != -1:
        return quantity
    return negated(quantity)


def negated(quantity: Quantity) -> Quantity:
    """The quantity with its value (and range) of the opposite sign."""
    low = None if quantity.high is None else -quantity.high
    high = None if quantity.low is None else -quantity.low
    original = msgspec.structs.replace(quantity.original, value=-quantity.original.value)
    return msgspec.structs.replace(
        quantity, value=-quantity.value, low=low, high=high, original=original
    )


def _is_change(metric: str) -> bool:
    return metric.endswith("_change") or "_growth" in metric
