"""The quantities of each sentence, with a stated currency carried to bare amounts.

Also works around one reading of the normalisation library: an amount followed by a
preposition and a counted noun ("2 milliards dans des centres de données", "decine di
miliardi per chip") comes back as a count of that noun; the amount before the
preposition is read again on its own.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date

import msgspec

from service.ingest.metrics import money_cue
from service.ingest.sentences import Sentence
from service.normalize import NormalizeError, Quantity, find_quantities, parse_quantity

_CARRY_SENTENCES = 3
"""A currency stated this many sentences back still applies to bare amounts."""
_LINKING_WORDS = re.compile(
    r"\s(?:on|for|in|into|dans|pour|en|per|in|nei|negli|nelle|für|in|para|en)\s(?!de\b)",
    re.IGNORECASE,
)


def sentence_quantities(
    sentences: Sequence[Sentence], language: str, published_on: date
) -> list[list[Quantity]]:
    """Quantities of each sentence (offsets within the sentence)."""
    found: list[list[Quantity]] = []
    carry: tuple[str, int] | None = None
    for index, sentence in enumerate(sentences):
        currency = carry[0] if carry and index - carry[1] <= _CARRY_SENTENCES else None
        quantities = _read(sentence, language, published_on, currency)
        stated = [q.original.unit for q in quantities if q.kind == "money"]
        if stated and currency is None and _has_bare_amount(sentence, language, quantities):
            quantities = _read(sentence, language, published_on, stated[0])
        if stated:
            carry = (stated[-1], index)
        found.append(quantities)
    article_currency = _most_stated(found)
    if article_currency is None:
        return found
    return [
        _read(sentence, language, published_on, article_currency)
        if _has_bare_amount(sentence, language, quantities)
        else quantities
        for sentence, quantities in zip(sentences, found, strict=True)
    ]


def _read(
    sentence: Sentence, language: str, published_on: date, currency: str | None
) -> list[Quantity]:
    quantities = find_quantities(sentence.text, language, published_on, default_currency=currency)
    repaired = (_repaired(q, language, published_on, currency) for q in quantities)
    return [quantity for quantity in repaired if quantity is not None]


def _repaired(
    quantity: Quantity, language: str, published_on: date, currency: str | None
) -> Quantity | None:
    if quantity.kind != "count":
        return quantity
    link = _LINKING_WORDS.search(quantity.text)
    if link is None:
        return quantity
    prefix = quantity.text[: link.start()]
    try:
        alone = parse_quantity(prefix, language, published_on, default_currency=currency)
    except NormalizeError:
        return None
    start = quantity.start + alone.start
    return msgspec.structs.replace(alone, start=start, end=quantity.start + alone.end)


def _has_bare_amount(sentence: Sentence, language: str, quantities: Sequence[Quantity]) -> bool:
    return any(
        quantity.kind == "number" and money_cue(sentence.text, language, quantity)
        for quantity in quantities
    )


def _most_stated(found: Sequence[Sequence[Quantity]]) -> str | None:
    counts = Counter(
        q.original.unit for quantities in found for q in quantities if q.kind == "money"
    )
    return min(counts, key=lambda unit: (-counts[unit], unit)) if counts else None
