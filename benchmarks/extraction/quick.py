"""Score the extraction pipeline in process on a development set (no database, seconds).

    .venv/bin/python -m benchmarks.extraction.quick [--set FOLDER] [--quotes] [--detect]

The pure pipeline (``extract``) against the gazetteer of the bundled reference data: the
fast loop for tuning. ``benchmarks.extraction.run`` measures what the API serves after the
real ingestion path; the two differ by what storing, corroboration and ranking change.
``--detect`` ignores the documents' declared languages: the pipeline detects each one.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from benchmarks.extraction.gold import DEFAULT_SET, GoldDocument, load_set, text_of
from benchmarks.extraction.score import DEAL_METRICS, Prediction, evaluate, load_roles
from benchmarks.extraction.summary import print_report
from service.ingest.gazetteer import Gazetteer
from service.ingest.pipeline import extract
from service.ingest.types import ExtractedDeal, ExtractedFigure


def figure_prediction(document: str, figure: ExtractedFigure) -> Prediction:
    """A figure of the pipeline as a prediction."""
    q = figure.quantity
    return Prediction(
        document=document,
        company=figure.company,
        metric=figure.metric,
        value=float(q.value),
        unit=q.unit,
        original_value=float(q.original.value),
        original_unit=q.original.unit,
        bound=q.bound,
        low=None if q.low is None else float(q.low),
        high=None if q.high is None else float(q.high),
        status=figure.status,
        quote=figure.mention.quote,
        start=figure.mention.start,
        end=figure.mention.end,
        period_start=figure.period_start.isoformat(),
        period_end=figure.period_end.isoformat(),
        vague=q.vague,
        kind=q.kind,
        basis=figure.basis,
    )


def deal_prediction(document: str, deal: ExtractedDeal) -> Prediction | None:
    """A deal with an amount as a prediction of its value (None without an amount)."""
    q = deal.amount
    if q is None:
        return None
    parties = {party.company: party.role for party in deal.parties}
    return Prediction(
        document=document,
        company=deal.parties[0].company if deal.parties else "",
        metric=DEAL_METRICS.get(deal.kind, "contract_value"),
        value=float(q.value),
        unit=q.unit,
        original_value=float(q.original.value),
        original_unit=q.original.unit,
        bound=q.bound,
        status=deal.status,
        quote=deal.mention.quote,
        start=q.start,
        end=q.end,
        origin="deal",
        parties=parties,
        kind=q.kind,
    )


def predictions(
    document: GoldDocument, text: str, gazetteer: Gazetteer, *, detect: bool = False
) -> list[Prediction]:
    """Everything the pipeline states about one document (its language detected if ``detect``)."""
    extraction = extract(
        text,
        published_on=date.fromisoformat(document.published_on),
        gazetteer=gazetteer,
        language=None if detect else document.language,
        title=document.title,
    )
    found = [figure_prediction(document.file, f) for f in extraction.figures]
    deals = [deal_prediction(document.file, d) for d in extraction.deals]
    return found + [d for d in deals if d is not None]


def main() -> None:
    """Run the pipeline on every document and print the scores."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--set", type=Path, default=DEFAULT_SET)
    parser.add_argument("--quotes", action="store_true", help="print false facts' sentences")
    parser.add_argument("--json", type=Path, help="also save every verdict as JSON")
    parser.add_argument("--detect", action="store_true", help="detect languages, ignore declared")
    args = parser.parse_args()
    gold = load_set(args.set)
    gazetteer = Gazetteer.from_reference_data()
    documents = [(d, text_of(args.set, d)) for d in gold.documents]
    predicted = [
        p for d, text in documents for p in predictions(d, text, gazetteer, detect=args.detect)
    ]
    report = evaluate(documents, predicted, load_roles())
    print_report(report, quotes=args.quotes, json_to=args.json)


if __name__ == "__main__":
    main()
