"""The pipeline on the real third-party articles of the development set, per language.

The set (`shared/eval/real-dev` beside the checkout, hand-checked gold facts) is scored by
the same code as `benchmarks.extraction`. Floors are ratchets: what the pipeline measured,
less one fact; raise them when it improves. A missing set fails: it is not optional.
"""

from __future__ import annotations

import re
from functools import cache

import pytest

from benchmarks.extraction.gold import DEFAULT_SET, load_set, text_of
from benchmarks.extraction.quick import predictions
from benchmarks.extraction.score import Report, evaluate, load_roles
from benchmarks.extraction.summary import rates
from service.ingest.gazetteer import Gazetteer

# language -> (recall of core facts, precision) floors; measured shares in the comments.
FLOORS: dict[str, tuple[float, float]] = {
    "en": (0.92, 0.89),  # recall 39/41, precision 52/57
    "fr": (0.90, 0.93),  # 31/33, 41/43
    "de": (0.89, 0.85),  # 18/19, 24/28
    "it": (0.96, 0.92),  # 29/29, 36/38
    "es": (0.86, 0.88),  # 20/22, 23/25
}
OVERALL_FLOORS = {
    "company right (of located)": 0.97,  # 139/142
    "metric right (of located)": 0.97,  # 140/142
    "period right (of matched)": 0.83,  # 46/54
    "status right (of matched)": 0.93,  # 151/159
    "deal roles right": 0.90,  # 13/14
}
_SHARE = re.compile(r"\((\d+)/(\d+)\)")


@cache
def _report() -> Report:
    gold = load_set(DEFAULT_SET)
    gazetteer = Gazetteer.from_reference_data()
    documents = [(d, text_of(DEFAULT_SET, d)) for d in gold.documents]
    found = [p for d, text in documents for p in predictions(d, text, gazetteer)]
    return evaluate(documents, found, load_roles())


def _share(rate: str) -> float:
    match = _SHARE.search(rate)
    assert match is not None, rate
    return int(match.group(1)) / int(match.group(2))


@pytest.mark.parametrize("language", sorted(FLOORS))
def test_real_articles_keep_recall_and_precision_above_floor(language: str) -> None:
    measured = rates(_report(), language)
    recall, precision = FLOORS[language]
    assert _share(measured["recall (core facts)"]) >= recall, measured
    assert _share(measured["precision"]) >= precision, measured


@pytest.mark.parametrize("measure", sorted(OVERALL_FLOORS))
def test_real_articles_keep_company_metric_period_status_and_roles_above_floor(
    measure: str,
) -> None:
    measured = rates(_report(), None)
    assert _share(measured[measure]) >= OVERALL_FLOORS[measure], measured
