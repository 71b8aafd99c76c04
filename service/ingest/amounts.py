"""The quantities of each sentence, with a stated currency carried to bare amounts."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

import msgspec

from service.ingest.classifier import cue_at, money_cue
from service.ingest.counts import split_changes, with_subject_counts
from service.ingest.lexicon import cues_for, prepared, shared
from service.ingest.sentences import Sentence
from service.normalize import Original, Quantity, find_quantities
from service.normalize.finder import groups_with_comma

_CARRY_SENTENCES = 3
"""A currency stated this many sentences back still applies to bare amounts."""


def sentence_quantities(
    sentences: Sequence[Sentence], language: str, published_on: date
) -> list[list[Quantity]]:
    """Quantities of each sentence (offsets within the sentence)."""
    found: list[list[Quantity]] = []
    carry: tuple[str, int] | None = None
    comma = groups_with_comma(" ".join(sentence.text for sentence in sentences), language)
    for index, sentence in enumerate(sentences):
        currency = carry[0] if carry and index - carry[1] <= _CARRY_SENTENCES else None
        quantities = _read(sentence, language, published_on, currency, comma)
        stated = [q.original.unit for q in quantities if q.kind == "money"]
        if stated and currency is None and _has_bare_amount(sentence, language, quantities):
            quantities = _read(sentence, language, published_on, stated[0], comma)
        if stated:
            carry = (stated[-1], index)
        found.append(quantities)
    article_currency = _most_stated(found)
    if article_currency is not None:
        found = [
            _read(sentence, language, published_on, article_currency, comma)
            if _has_bare_amount(sentence, language, quantities)
            else quantities
            for sentence, quantities in zip(sentences, found, strict=True)
        ]
    return [
        _with_elided_counts(
            with_subject_counts(
                sentence.text, language, split_changes(sentence.text, language, quantities)
            )
        )
        for sentence, quantities in zip(sentences, found, strict=True)
    ]


_ELIDED_RANGE = Decimal(100)
"""A bare number within this factor of an earlier count may count the same thing."""


def _with_elided_counts(quantities: list[Quantity]) -> list[Quantity]:
    """Bare numbers that count what an earlier count of the sentence counts.

    "700 million weekly users, up from 500 million in March": the second number leaves
    its noun unsaid; it counts users (per week) too.
    """
    counted: Quantity | None = None
    read: list[Quantity] = []
    for quantity in quantities:
        if quantity.kind == "count":
            counted = quantity
        if quantity.kind == "number" and counted is not None and _alike(quantity, counted):
            original = msgspec.structs.replace(quantity.original, unit=counted.original.unit)
            read.append(
                msgspec.structs.replace(
                    quantity, unit=counted.unit, kind="count", original=original, per=counted.per
                )
            )
        else:
            read.append(quantity)
    return read


def _alike(number: Quantity, count: Quantity) -> bool:
    if number.vague or number.value < 1000 or count.value <= 0:
        return False
    return count.value / _ELIDED_RANGE <= number.value <= count.value * _ELIDED_RANGE


def _read(
    sentence: Sentence, language: str, published_on: date, currency: str | None, comma: bool
) -> list[Quantity]:
    found = find_quantities(
        sentence.text, language, published_on, default_currency=currency, comma_groups=comma
    )
    return _with_multiplying_verbs(sentence.text, language, found)


def _with_multiplying_verbs(text: str, language: str, found: list[Quantity]) -> list[Quantity]:
    """``found`` with the multiple each multiplying verb states ("sales quadrupled": 4)."""
    verbs = [
        (match, factor)
        for pattern, factor in cues_for(language).multiplying_verbs
        for match in pattern.finditer(prepared(text))
        if not any(q.start < match.end() and match.start() < q.end for q in found)
    ]
    if not verbs:
        return found
    multiples = [_multiple(text, language, match, factor) for match, factor in verbs]
    return sorted([*found, *multiples], key=lambda quantity: quantity.start)


def _multiple(text: str, language: str, match: re.Match[str], factor: int) -> Quantity:
    """The multiple a verb states; "more than doubled" is at least two."""
    value = Decimal(factor)
    more = cues_for(language).more_than_verb.search(prepared(text), 0, match.start())
    return Quantity(
        value=value,
        unit="ratio",
        kind="ratio",
        bound="at_least" if more else "exact",
        low=value if more else None,
        high=None,
        original=Original(value=value, unit=shared().multiple_units[0]),
        fx=None,
        start=match.start(),
        end=match.end(),
        text=match.group(),
    )


def _has_bare_amount(sentence: Sentence, language: str, quantities: Sequence[Quantity]) -> bool:
    return any(
        quantity.kind == "number"
        and not _counts_a_noun(sentence.text, language, quantity)
        and money_cue(sentence.text, language, quantity)
        for quantity in quantities
    )


def _counts_a_noun(text: str, language: str, quantity: Quantity) -> bool:
    """Whether a bare number is joined to a noun ("four million of households"): no money.

    A noun that is a metric cue ("6.000 millones de inversión") leaves it an amount.
    """
    found = cues_for(language).counted_noun.match(prepared(text), quantity.end)
    return found is not None and not cue_at(text, language, found.end() - 1)


def _most_stated(found: Sequence[Sequence[Quantity]]) -> str | None:
    counts = Counter(
        q.original.unit for quantities in found for q in quantities if q.kind == "money"
    )
    return min(counts, key=lambda unit: (-counts[unit], unit)) if counts else None
