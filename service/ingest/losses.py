"""Results said to be losses, and counts of companies said to pay."""

from __future__ import annotations

import msgspec

from service.ingest.changes import CLAUSE_BREAK, negated, word_rank
from service.ingest.classifier import cue_spans
from service.ingest.lexicon import cues_for, prepared
from service.normalize import Quantity

RESULT_METRICS = frozenset({"net_income", "operating_income"})
"""Results that a loss word makes negative."""


def as_loss(metric: str, sentence: str, language: str, quantity: Quantity) -> Quantity:
    """A result said to be a loss, as a negative amount.

    "A net loss of $2 billion", "pérdidas por 5.000 millones": the loss word is the nearest
    of the result's cues and stands in the amount's clause; or the sentence names the result
    only as a loss, before the amount ("the operating loss narrowed - from $1.2 billion to
    $1 billion"; not "it earned $5 million, against losses a year ago").
    """
    if metric not in RESULT_METRICS or quantity.value < 0:
        return quantity
    text = prepared(sentence)
    losses = [match.span() for match in cues_for(language).loss.finditer(text)]
    if not losses:
        return quantity
    results = [span for span, metrics in cue_spans(text, language) if metric in metrics]
    if results and all(_is_loss(span, losses) and span[1] <= quantity.start for span in results):
        return negated(quantity)
    ranked = [
        (rank, span in losses or any(_overlaps(span, loss) for loss in losses))
        for span in [*results, *losses]
        if (rank := word_rank(text, span, quantity.start, quantity.end)) is not None
    ]
    if not ranked or not min(ranked)[1] or min(ranked)[0][0]:
        return quantity
    return negated(quantity)


def _is_loss(span: tuple[int, int], losses: list[tuple[int, int]]) -> bool:
    return span in losses or any(_overlaps(span, loss) for loss in losses)


def _overlaps(one: tuple[int, int], other: tuple[int, int]) -> bool:
    return one[0] < other[1] and other[0] < one[1]


_SUBSCRIBING_UNITS = frozenset({"company", "subscriber"})
"""Counted things that a paying cue right after makes paying users ("3 millones de empresas
suscritas a productos de pago", "2 million subscribers paying for Pro")."""

PAYING_REACH = 40
"""How far after such a count its paying cue may stand."""


def paying_counted(sentence: str, language: str, quantity: Quantity) -> Quantity:
    """Companies or subscribers counted with a paying cue right after them, as paying users."""
    if quantity.unit not in _SUBSCRIBING_UNITS or not _paying_after(sentence, language, quantity):
        return quantity
    original = msgspec.structs.replace(quantity.original, unit="user")
    return msgspec.structs.replace(quantity, unit="user", original=original)


def _paying_after(sentence: str, language: str, quantity: Quantity) -> bool:
    text = prepared(sentence)
    for (start, _), metrics in cue_spans(text, language):
        if "paying_users" not in metrics or start < quantity.start:
            continue
        if start - quantity.end <= PAYING_REACH and not CLAUSE_BREAK.search(
            text, quantity.end, start
        ):
            return True
    return False
