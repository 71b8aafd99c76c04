"""Money amounts a metric cue stands near that are no company's figure of that metric."""

from __future__ import annotations

import re

from service.ingest.context import SentenceContext
from service.ingest.counts import TO_WORDS
from service.ingest.lexicon import cues_for, prepared, shared
from service.normalize import Quantity

_SMALLEST_AMOUNT = 1_000_000
"""A company's money figure below this (not per share or ticket) is a stray number."""
_WEALTH_REACH = 40
"""How far before an amount a person's fortune may be named."""


def not_a_company_amount(context: SentenceContext, quantity: Quantity, metric: str) -> bool:
    """An amount that is no company's figure though a money metric's cue stands near.

    A stray number ("$77,593" for a round), a class threshold ("rounds of $100M or more")
    or a person's fortune ("a net worth of $1.2 billion").
    """
    if quantity.kind != "money":
        return False
    if metric not in shared().small_money_metrics and abs(quantity.value) < _SMALLEST_AMOUNT:
        return True
    text = prepared(context.sentence.text)
    cues = cues_for(context.language)
    if cues.threshold_after.match(text, quantity.end) is not None:
        return True
    before = text[max(0, quantity.start - _WEALTH_REACH) : quantity.start]
    wealth = list(cues.personal_wealth.finditer(before))
    return bool(wealth) and not re.search(r"[,;.]\s", before[wealth[-1].end() :])


_BY_AMOUNT = {
    "en": r"by|of",
    "fr": r"de|d'",
    "it": r"di|del|dei|degli",
    "de": r"um",
    "es": r"en|de",
}
"""The word that joins a change to its size: "rose by $3 billion", "um 70 Mrd. gewachsen"."""


def change_of_a_level(context: SentenceContext, quantity: Quantity, metric: str) -> bool:
    """Whether a money amount is how much a level changed, not the level.

    "Capex rose by $30 billion", "une hausse d'environ 30 milliards", "um mehr als 70 Mrd.
    gewachsen": a money metric with no change metric of its own has no figure there.
    """
    if quantity.kind != "money" or "_change" in metric or "_growth" in metric:
        return False
    text = prepared(context.sentence.text)
    joined = re.search(
        rf"(?<!\w)(?:{_BY_AMOUNT[context.language]})(?:(?<=')|\s+)$",
        text[: quantity.start],
        re.IGNORECASE,
    )
    if joined is None or _opens_a_from_to(text, context.language, quantity):
        return False
    changes = [
        match
        for pattern, _ in cues_for(context.language).changes
        for match in pattern.finditer(text)
    ]
    if any(
        not text[m.end() : joined.start()].strip() for m in changes if m.end() <= joined.start()
    ):
        return True
    after = re.split(r"[,;:](?!\d)|\.\s", text[quantity.end :])[0]
    return context.language == "de" and any(
        m.start() >= quantity.end and m.end() <= quantity.end + len(after) for m in changes
    )


def _opens_a_from_to(text: str, language: str, quantity: Quantity) -> bool:
    """Whether the amount is the first value of "from X to Y" ("crecieron de 2.000 a 6.000")."""
    pattern = rf"\s+(?:{TO_WORDS[language]})\s+[^\s,;]*\d"
    return re.match(pattern, text[quantity.end :], re.IGNORECASE) is not None


_CONDITION_REACH = 60
"""How far before a figure the word opening its condition may stand."""


def conditional(context: SentenceContext, quantity: Quantity) -> bool:
    """Whether the figure stands in a condition ("once all 6 GW has been deployed").

    What must happen for something else to follow is no fact of the company; the condition
    runs from its opening word to the next comma or semicolon.
    """
    text = prepared(context.sentence.text)
    before = text[max(0, quantity.start - _CONDITION_REACH) : quantity.start]
    found = list(cues_for(context.language).conditional.finditer(before))
    return bool(found) and re.search(r"[,;:.]\s", before[found[-1].end() :]) is None


_LOSS_REACH = 25
"""How close before an amount (or right after it) a loss must be named to be its noun."""


def loss_stated(context: SentenceContext, quantity: Quantity) -> bool:
    """Whether the amount is a loss: "a net loss of $5bn", "des pertes de 4,5 milliards".

    The loss noun stands just before the amount in its clause, or right after it ("a $5bn
    loss", "5 Milliarden Euro Verlust").
    """
    if quantity.kind != "money":
        return False
    text = prepared(context.sentence.text)
    pattern = cues_for(context.language).loss_noun
    before = text[max(0, quantity.start - _LOSS_REACH) : quantity.start]
    found = list(pattern.finditer(before))
    if found and re.search(r"[,;:.]\s", before[found[-1].end() :]) is None:
        return True
    return (
        pattern.match(text, quantity.end + 1) is not None
        and text[quantity.end : quantity.end + 1] == " "
    )
