"""How much to trust one extracted fact: a confidence in [0, 1] and the signals behind it.

Pure and explainable: each signal the extraction leaves (where the company came from, a
hedge or a vague amount, a status cue, a stated period, a headline alone) multiplies a
starting confidence by a fixed factor, and the signals are kept with the fact so that a
reader sees why. Sources that state the same fact combine as independent witnesses
(`corroborated`): two sources at 0.8 make 0.96. Curated and reference facts are 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

import msgspec

from service.ingest.linking import Entity
from service.normalize import Quantity

Signal = str | bool | int
Signals = dict[str, Signal]

START: Final = 0.9
"""A figure read by the rules with every signal at its best."""
COMPANY_FACTOR: Final = {"named": 1.0, "topic": 0.75}
"""The company named (or referred back to) in the sentence, or only the article's topic."""
NEAR_COMPANY: Final = 80
"""Characters between the value and its company under which the link counts as close."""
FACTORS: Final = {
    "far_from_company": 0.9,
    "hedged": 0.95,
    "vague": 0.6,
    "no_status_cue": 0.95,
    "no_period": 0.85,
    "headline_only": 0.9,
    "one_party": 0.7,
    "no_amount": 0.9,
    "denied": 0.5,
}
"""The factor each unfavourable signal multiplies the confidence by."""


CURATED: Final = {"confidence": 1.0, "confidence_signals": {"curated": True}}
"""The confidence columns of a fact a curator set or changed."""


class Assessment(msgspec.Struct, frozen=True):
    """A confidence and the signals it was computed from."""

    confidence: float
    signals: Signals


def _scored(start: float, signals: Signals) -> Assessment:
    value = start * COMPANY_FACTOR.get(str(signals.get("company", "named")), 1.0)
    for name, factor in FACTORS.items():
        if signals.get(name) is True:
            value *= factor
    return Assessment(confidence=round(value, 3), signals=signals)


def company_signals(company: str, entities: Sequence[Entity], quantity: Quantity) -> Signals:
    """Where the figure's company came from, and how far from the value it stands."""
    mine = [entity for entity in entities if entity.company == company]
    if not mine:
        return {"company": "topic"}
    gap = min(max(entity.start - quantity.end, quantity.start - entity.end, 0) for entity in mine)
    return {"company": "named", "company_distance": gap, "far_from_company": gap > NEAR_COMPANY}


def assess_figure(
    quantity: Quantity,
    company: Signals,
    *,
    status_cue: bool,
    period_stated: bool,
    headline: bool,
    denied: bool = False,
) -> Assessment:
    """The confidence of a figure from what its sentence said about it.

    ``denied``: the sentence reports a denial or dispute of it ("denied a report that").
    """
    signals: Signals = {
        **company,
        "hedged": quantity.bound in ("approximate", "at_least", "at_most"),
        "vague": quantity.vague,
        "no_status_cue": not status_cue,
        "no_period": not period_stated,
        "headline_only": headline,
        "denied": denied,
    }
    return _scored(START, signals)


def assess_deal(parties: int, amount: Quantity | None) -> Assessment:
    """The confidence of a deal from its parties and amount."""
    signals: Signals = {
        "parties": parties,
        "one_party": parties < 2,
        "no_amount": amount is None,
        "vague": amount is not None and amount.vague,
        "hedged": amount is not None and amount.bound in ("approximate", "at_least", "at_most"),
    }
    return _scored(START, signals)


def corroborated(stored: float, stated: float) -> float:
    """The confidence of a fact stored at `stored` once another source states it at `stated`."""
    return round(1 - (1 - stored) * (1 - stated), 3)
