"""Confidence of extracted facts: a number in [0, 1] and the signals it comes from."""

from __future__ import annotations

from datetime import date

import pytest

from service.ingest.confidence import assess_deal, corroborated
from service.ingest.gazetteer import Gazetteer
from service.ingest.pipeline import extract
from service.ingest.types import ExtractedFigure

PUBLISHED = date(2031, 6, 1)


def _only_figure(text: str, gazetteer: Gazetteer, **options: str) -> ExtractedFigure:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, **options)
    [figure] = extraction.figures
    return figure


def test_a_figure_whose_company_is_named_beside_it_is_trusted_most(gazetteer: Gazetteer) -> None:
    named = _only_figure("Nvidia reported revenue of $30 billion in 2030.", gazetteer)
    by_topic = _only_figure(
        "Revenue came to $30 billion in 2030, the filing shows.",
        gazetteer,
        title="Nvidia files its annual report",
    )

    assert named.signals["company"] == "named"
    assert by_topic.signals["company"] == "topic"
    assert 0 < by_topic.confidence < named.confidence <= 1


def test_hedges_a_missing_period_and_vague_amounts_lower_the_confidence(
    gazetteer: Gazetteer,
) -> None:
    plain = _only_figure("Nvidia reported revenue of $30 billion in 2030.", gazetteer)
    hedged = _only_figure("Nvidia reported revenue of about $30 billion.", gazetteer)

    assert hedged.signals["hedged"] is True
    assert hedged.signals["no_period"] is True
    assert hedged.confidence < plain.confidence


def test_a_deal_without_amount_or_second_party_is_trusted_less() -> None:
    full, lone = assess_deal(2, None), assess_deal(1, None)

    assert full.signals["no_amount"] is True
    assert lone.confidence < full.confidence < 1


def test_two_sources_make_a_fact_more_certain_than_either() -> None:
    assert corroborated(0.8, 0.8) == pytest.approx(0.96)
    assert corroborated(0.5, 0.0) == pytest.approx(0.5)
