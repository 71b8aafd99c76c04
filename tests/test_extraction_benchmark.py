"""The extraction benchmark: served rows become predictions; a missing set is an error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from benchmarks.extraction.gold import GoldFact
from benchmarks.extraction.score import Prediction, company_agrees
from benchmarks.extraction.served import deal_predictions, figure_predictions


def _citation(source_id: int, start: int, end: int) -> dict[str, Any]:
    return {"source_id": source_id, "quote": "Acme earned 5 billion.", "start": start, "end": end}


def _amount() -> dict[str, Any]:
    return {
        "value": "5000000000",
        "unit": "USD",
        "bound": "exact",
        "low": None,
        "high": None,
        "original": {"text": "5 billion", "value": "5000000000", "unit": "USD"},
    }


def test_a_figure_yields_one_prediction_per_distinct_citation_of_its_source() -> None:
    row = {
        **_amount(),
        "company": "acme",
        "metric": "revenue",
        "status": "actual",
        "period": {"start": "2030-01-01", "end": "2030-12-31"},
        "sources": [_citation(7, 12, 21), _citation(7, 12, 21), _citation(8, 0, 9)],
        "vague": True,
        "confidence": 0.8,
    }
    [prediction] = figure_predictions("doc.txt", row, 7, {"revenue": "money"})
    assert (prediction.company, prediction.value, prediction.start) == ("acme", 5e9, 12)
    assert prediction.vague
    assert prediction.confidence == 0.8
    assert prediction.period_end == "2030-12-31"


def test_a_deal_yields_its_parties_and_roles_and_none_without_value() -> None:
    row = {
        "kind": "investment",
        "status": "announced",
        "parties": [
            {"company": "acme", "role": "investor"},
            {"company": "globex", "role": "investee"},
        ],
        "value": _amount(),
        "sources": [_citation(3, 40, 49)],
    }
    [prediction] = deal_predictions("doc.txt", row, 3)
    assert prediction.metric == "investment"
    assert prediction.parties == {"acme": "investor", "globex": "investee"}
    assert deal_predictions("doc.txt", {**row, "value": None}, 3) == []


def test_the_benchmark_fails_when_its_set_is_missing(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "benchmarks.extraction.run", "--set", str(tmp_path)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode != 0
    assert "no gold.json" in done.stderr


def _prediction(company: str, parties: dict[str, str] | None = None) -> Prediction:
    return Prediction(
        document="d.txt",
        company=company,
        metric="revenue",
        value=1e9,
        unit="USD",
        original_value=1e9,
        original_unit="USD",
        bound="exact",
        status="actual",
        quote="Revenue reached $1 billion.",
        start=0,
        end=10,
        parties=parties or {},
    )


def _fact(company: str, counterparty: str | None = None) -> GoldFact:
    return GoldFact(
        id="X1",
        company=company,
        metric="revenue",
        value=1e9,
        unit="USD",
        bound="exact",
        status="actual",
        quote="$1 billion",
        core=True,
        counterparty=counterparty,
    )


def test_the_parent_slug_alphabet_is_scored_as_the_sets_google() -> None:
    assert company_agrees(_prediction("alphabet"), _fact("google"))
    assert company_agrees(
        _prediction("alphabet", {"alphabet": "investor", "anthropic": "investee"}),
        _fact("google", "anthropic"),
    )
    assert not company_agrees(_prediction("alphabet"), _fact("microsoft"))
    assert not company_agrees(_prediction("microsoft"), _fact("google"))
