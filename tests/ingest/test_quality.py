"""Measured quality of extraction on the shared sample corpus and on the test articles."""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

import msgspec
import pytest

from service.ingest.gazetteer import Gazetteer
from service.ingest.pipeline import extract
from tests.ingest.scoring import (
    ExpectedArticle,
    ExpectedFigure,
    Score,
    describe,
    score,
    score_deals,
)

HERE = Path(__file__).resolve().parent
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
ARTICLES = HERE / "articles"
THRESHOLD = 0.90


def _show(line: str) -> None:
    """Measured figures go to the test output (shown with ``pytest -s``)."""
    sys.stdout.write(f"{line}\n")


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_reference_data()


def test_corpus_precision_and_recall_reach_ninety_percent(gazetteer: Gazetteer) -> None:
    if not CORPUS.is_dir():
        pytest.skip("the shared sample corpus (shared/corpus beside the checkout) is absent")
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    expected = msgspec.json.decode(
        (HERE / "expected" / "corpus.json").read_bytes(), type=dict[str, list[ExpectedFigure]]
    )
    total = Score()
    for document in manifest["documents"]:
        text = (CORPUS / document["file"]).read_text(encoding="utf-8")
        extraction = extract(
            text,
            published_on=date.fromisoformat(document["published_on"]),
            gazetteer=gazetteer,
            title=document["title"],
        )
        facts = expected[document["file"]]
        found = score(extraction.figures, facts)
        _show(f"{document['file']} ({document['language']}): {found}")
        _show(describe(extraction.figures, facts))
        total.add(found)
    _show(f"corpus: {total}")
    assert total.precision >= THRESHOLD, str(total)
    assert total.recall >= THRESHOLD, str(total)


def test_own_articles_precision_and_recall_reach_ninety_percent_per_language(
    gazetteer: Gazetteer,
) -> None:
    figures: dict[str, Score] = defaultdict(Score)
    deals: dict[str, Score] = defaultdict(Score)
    for path in sorted(ARTICLES.glob("*.txt")):
        expected = msgspec.json.decode(path.with_suffix(".json").read_bytes(), type=ExpectedArticle)
        extraction = extract(
            path.read_text(encoding="utf-8"),
            published_on=date.fromisoformat(expected.published_on),
            gazetteer=gazetteer,
        )
        assert extraction.language == expected.language, path.name
        found = score(extraction.figures, expected.figures)
        _show(f"{path.name}: {found}\n{describe(extraction.figures, expected.figures)}")
        figures[expected.language].add(found)
        deals[expected.language].add(score_deals(extraction.deals, expected.deals))
    assert set(figures) == {"en", "fr", "it", "de", "es"}
    for language in sorted(figures):
        _show(f"{language}: figures {figures[language]}; deals {deals[language]}")
    for kind, scores in (("figures", figures), ("deals", deals)):
        total = Score()
        for language_score in scores.values():
            total.add(language_score)
        _show(f"all languages, {kind}: {total}")
        assert total.precision >= THRESHOLD, f"{kind}: {total}"
        assert total.recall >= THRESHOLD, f"{kind}: {total}"
