"""Quality on the held-out articles: written blind, used to measure, never to tune cue tables.

The floors are in ``FLOORS["heldout"]`` of ``test_quality.py`` (one table for every set);
they guard against regressions and are raised only after measuring, never by tuning to
these articles.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

import msgspec
import pytest

from tests.ingest.scoring import ExpectedDeal, ExpectedFigure, ExpectedParty, ExpectedPeriod
from tests.ingest.test_quality import FLOORS, LANGUAGES, Measured, check, measure_article, show

HELDOUT = Path(__file__).resolve().parent / "heldout"


class HeldoutFigure(msgspec.Struct, frozen=True, kw_only=True):
    """A fact as the held-out files write it: non-USD money in its own currency."""

    company: str
    metric: str
    value: Decimal
    unit: str
    bound: str
    status: str
    period: ExpectedPeriod | None
    quote: str
    currency: str | None = None
    basis: str = "total"
    segment: str | None = None
    counterparty: str | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    core: bool = True
    note: str | None = None

    def expected(self) -> ExpectedFigure:
        """The fact in the scorer's terms (the original currency as the unit)."""
        return ExpectedFigure(
            company=self.company,
            metric=self.metric,
            value=self.value,
            unit=self.currency or self.unit,
            bound=self.bound,
            status=self.status,
            period=self.period,
            quote=self.quote,
            basis=self.basis,
            segment=self.segment,
            counterparty=self.counterparty,
            low=self.low,
            high=self.high,
            core=self.core,
        )


class HeldoutDeal(msgspec.Struct, frozen=True, kw_only=True):
    """A deal as the held-out files write it, with its value and quote."""

    kind: str
    parties: list[ExpectedParty]
    quote: str
    value: Decimal | None = None
    duration: str | None = None
    currency: str | None = None

    def expected(self) -> ExpectedDeal:
        return ExpectedDeal(kind=self.kind, parties=self.parties, duration=self.duration)


class HeldoutArticle(msgspec.Struct, frozen=True):
    """The metadata and facts of one held-out article."""

    language: str
    published_on: date
    title: str
    figures: list[HeldoutFigure]
    deals: list[HeldoutDeal]


def articles() -> list[tuple[Path, HeldoutArticle]]:
    paths = sorted(HELDOUT.glob("*.txt"))
    assert paths, f"no held-out articles in {HELDOUT}"
    return [
        (path, msgspec.json.decode(path.with_suffix(".json").read_bytes(), type=HeldoutArticle))
        for path in paths
    ]


@cache
def heldout() -> dict[str, Measured]:
    """The held-out articles, measured per language."""
    measured = {language: Measured() for language in LANGUAGES}
    for path, article in articles():
        show(
            measure_article(
                measured[article.language],
                path.name,
                text=path.read_text(encoding="utf-8"),
                published_on=article.published_on,
                figures=[fact.expected() for fact in article.figures],
                deals=[deal.expected() for deal in article.deals],
            )
        )
    return measured


@pytest.mark.parametrize("language", LANGUAGES)
def test_figures_of_heldout_articles_keep_precision_recall_period_and_status_above_floor(
    language: str,
) -> None:
    check("heldout", language, heldout()[language], "figure")


@pytest.mark.parametrize("language", LANGUAGES)
def test_deals_of_heldout_articles_keep_kind_parties_and_roles_above_floor(language: str) -> None:
    check("heldout", language, heldout()[language], "deal")


def test_heldout_articles_cover_every_language_and_their_quotes_stand_in_the_text() -> None:
    languages = set()
    for path, article in articles():
        languages.add(article.language)
        text = path.read_text(encoding="utf-8")
        for quote in [fact.quote for fact in article.figures] + [d.quote for d in article.deals]:
            assert quote in text, (path.name, quote)
    assert languages == set(LANGUAGES) == set(FLOORS["heldout"])
