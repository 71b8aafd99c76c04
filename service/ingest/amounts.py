"""The quantities of each sentence, with a stated currency carried to bare amounts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date

from service.ingest.metrics import money_cue
from service.ingest.sentences import Sentence
from service.normalize import Quantity, find_quantities

_CARRY_SENTENCES = 3
"""A currency stated this many sentences back still applies to bare amounts."""


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
    return find_quantities(sentence.text, language, published_on, default_currency=currency)


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
