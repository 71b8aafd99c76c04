"""Quality on the held-out articles: written blind, used to measure, never to tune cue tables."""

from __future__ import annotations

import sys
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

import msgspec
import pytest

from service.ingest.gazetteer import Gazetteer
from service.ingest.pipeline import extract
from service.ingest.types import ExtractedDeal
from tests.ingest.scoring import ExpectedFigure, Score, describe, score

HELDOUT = Path(__file__).resolve().parent / "heldout"
# A regression guard, not a target: the measured figures are printed and reported; raise the
# floor only after measuring a NEW blind set, never by tuning to this one.
FLOOR = 0.5


class HeldoutFigure(msgspec.Struct, frozen=True):
    """A fact as the held-out files write it: non-USD money in its own currency."""

    company: str
    metric: str
    value: Decimal
    unit: str
    bound: str
    quote: str
    currency: str | None = None

    def expected(self) -> ExpectedFigure:
        """The fact in the scorer's terms (the original currency as the unit)."""
        unit = self.currency or self.unit
        return ExpectedFigure(self.value, unit, self.bound, self.company, self.metric, self.quote)


class HeldoutDeal(msgspec.Struct, frozen=True):
    """A deal as the held-out files write it: parties without roles."""

    kind: str
    parties: list[str]
    duration: str | None = None


class HeldoutArticle(msgspec.Struct, frozen=True):
    """The metadata and facts of one held-out article."""

    language: str
    published_on: date
    title: str
    figures: list[HeldoutFigure]
    deals: list[HeldoutDeal]


def _deal_score(deals: list[ExtractedDeal], expected: list[HeldoutDeal]) -> Score:
    remaining = list(expected)
    matched = 0
    for deal in deals:
        key = (deal.kind, frozenset(p.company for p in deal.parties), deal.duration)
        hit = next(
            (e for e in remaining if key == (e.kind, frozenset(e.parties), e.duration)), None
        )
        if hit is not None:
            remaining.remove(hit)
            matched += 1
    return Score(matched=matched, extracted=len(deals), expected=len(expected))


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_reference_data()


def test_heldout_articles_are_measured_per_language(gazetteer: Gazetteer) -> None:
    figures: dict[str, Score] = defaultdict(Score)
    deals: dict[str, Score] = defaultdict(Score)
    for path in sorted(HELDOUT.glob("*.txt")):
        article = msgspec.json.decode(path.with_suffix(".json").read_bytes(), type=HeldoutArticle)
        extraction = extract(
            path.read_text(encoding="utf-8"), published_on=article.published_on, gazetteer=gazetteer
        )
        expected = [fact.expected() for fact in article.figures]
        found = score(extraction.figures, expected)
        sys.stdout.write(f"{path.name}: {found}\n{describe(extraction.figures, expected)}\n")
        figures[article.language].add(found)
        deals[article.language].add(_deal_score(extraction.deals, article.deals))
    assert set(figures) == {"en", "fr", "it", "de", "es"}
    total_figures, total_deals = Score(), Score()
    for language in sorted(figures):
        sys.stdout.write(f"{language}: figures {figures[language]}; deals {deals[language]}\n")
        total_figures.add(figures[language])
        total_deals.add(deals[language])
    sys.stdout.write(f"held-out figures: {total_figures}\nheld-out deals: {total_deals}\n")
    assert total_figures.precision >= FLOOR, str(total_figures)
    assert total_figures.recall >= FLOOR, str(total_figures)
