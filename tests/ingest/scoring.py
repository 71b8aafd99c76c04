"""Precision and recall of extracted figures against expected fact lists."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import msgspec

from service.ingest.types import ExtractedDeal, ExtractedFigure

TOLERANCE = Decimal("0.01")


class ExpectedFigure(msgspec.Struct, frozen=True):
    """One fact an article states, as a reader would list it."""

    value: Decimal
    unit: str
    bound: str
    company: str
    metric: str
    quote: str | None = None


class Score(msgspec.Struct):
    """Matched, extracted and expected counts, summed over articles."""

    matched: int = 0
    extracted: int = 0
    expected: int = 0

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    def add(self, other: Score) -> None:
        self.matched += other.matched
        self.extracted += other.extracted
        self.expected += other.expected

    def __str__(self) -> str:
        return (
            f"precision {self.precision:.2f} ({self.matched}/{self.extracted}), "
            f"recall {self.recall:.2f} ({self.matched}/{self.expected})"
        )


def matches(figure: ExtractedFigure, expected: ExpectedFigure) -> bool:
    """Same company, metric and bound; same value within 1 % in the canonical unit or,
    for an expected currency other than the canonical one, in the original unit."""
    quantity = figure.quantity
    if (figure.company, figure.metric, quantity.bound) != (
        expected.company,
        expected.metric,
        expected.bound,
    ):
        return False
    if expected.unit == quantity.unit:
        value = quantity.value
    elif expected.unit == quantity.original.unit:
        value = quantity.original.value
    else:
        return False
    scale = max(abs(expected.value), Decimal(1))
    return abs(value - expected.value) <= TOLERANCE * scale


def score(figures: Sequence[ExtractedFigure], expected: Sequence[ExpectedFigure]) -> Score:
    """Greedy one-to-one matching of extracted to expected figures."""
    remaining = list(expected)
    matched = 0
    for figure in figures:
        hit = next((item for item in remaining if matches(figure, item)), None)
        if hit is not None:
            remaining.remove(hit)
            matched += 1
    return Score(matched=matched, extracted=len(figures), expected=len(expected))


def describe(figures: Sequence[ExtractedFigure], expected: Sequence[ExpectedFigure]) -> str:
    """The unmatched facts on both sides, for a readable failure message."""
    remaining = list(expected)
    extra: list[Any] = []
    for figure in figures:
        hit = next((item for item in remaining if matches(figure, item)), None)
        if hit is None:
            q = figure.quantity
            extra.append((figure.company, figure.metric, str(q.value), q.unit, q.bound, q.text))
        else:
            remaining.remove(hit)
    missing = [(e.company, e.metric, str(e.value), e.unit, e.bound, e.quote) for e in remaining]
    return f"unexpected: {extra}\nmissing: {missing}"


class ExpectedParty(msgspec.Struct, frozen=True):
    """A party of an expected deal."""

    company: str
    role: str


class ExpectedDeal(msgspec.Struct, frozen=True):
    """A deal an article states."""

    kind: str
    parties: list[ExpectedParty]
    duration: str | None = None


class ExpectedArticle(msgspec.Struct, frozen=True):
    """The facts one test article states."""

    language: str
    published_on: str
    figures: list[ExpectedFigure]
    deals: list[ExpectedDeal]


def deal_matches(deal: ExtractedDeal, expected: ExpectedDeal) -> bool:
    """Same kind, parties with roles and duration."""
    parties = {(party.company, party.role) for party in deal.parties}
    wanted = {(party.company, party.role) for party in expected.parties}
    return (deal.kind, deal.duration) == (expected.kind, expected.duration) and parties == wanted


def score_deals(deals: Sequence[ExtractedDeal], expected: Sequence[ExpectedDeal]) -> Score:
    """Greedy one-to-one matching of extracted to expected deals."""
    remaining = list(expected)
    matched = 0
    for deal in deals:
        hit = next((item for item in remaining if deal_matches(deal, item)), None)
        if hit is not None:
            remaining.remove(hit)
            matched += 1
    return Score(matched=matched, extracted=len(deals), expected=len(expected))
