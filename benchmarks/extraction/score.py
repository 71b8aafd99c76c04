"""Compare predicted facts with the gold facts of a development set.

A prediction *locates* a gold fact when it states the same value (in the currency as
written, or the canonical unit) at the gold quote; it *matches* it when company and metric
agree too. Recall counts core facts matched, precision counts predictions that match any
gold fact (core or not); company, metric, period, bound, status and sign are scored
separately over the facts located or matched, so one error is not hidden by another.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

import msgspec

from benchmarks.extraction.gold import GoldDocument, GoldFact

TOLERANCE = 0.005
QUOTE_SLACK = 40
"""How far outside the gold quote a predicted value may stand and still be at that quote."""

METRIC_NAMES: dict[str, str] = {
    "revenue_share": "customer_revenue_share",
    "paying_users": "paying_business_users",
}
"""Our metric slug -> the development set's, where the names differ."""

COMPANY_NAMES: dict[str, str] = {"alphabet": "google"}
"""Our company slug -> the development sets', where they differ: the sets file Alphabet's
figures under `google` (their convention), where the reference data keeps the parent apart."""

BASIS_METRICS: dict[tuple[str, str], str] = {("revenue", "run_rate"): "annualized_revenue"}
"""Our (metric, basis) -> the development set's metric: a revenue run rate is its
`annualized_revenue`, where we keep the metric `revenue` with basis `run_rate`."""

COUNT_UNIT = "count"
"""The development set's unit of every count; ours names the thing counted (gpu, user...)."""

STATUS_NAMES: dict[str, str] = {
    "estimate": "forecast",
    "target": "forecast",
    "rumored": "rumor",
    "planned": "plan",
    "announced": "actual",
    "signed": "actual",
    "completed": "actual",
}
"""Our status -> the development set's (which knows actual, forecast, plan, rumor)."""

DEAL_METRICS = {
    "cloud_contract": "contract_value",
    "supply_agreement": "contract_value",
    "investment": "investment",
    "funding_round": "funding_raised",
    "acquisition": "acquisition_price",
}
"""A deal's kind -> the metric its value is scored as."""

ROLES = Path(__file__).with_name("deal_roles.json")
"""The parties and roles of the gold facts that are deals, by gold fact id."""

SWAPPABLE_METRICS = frozenset(
    {"contract_value", "investment", "stake", "stake_value", "customer_revenue_share"}
)
"""Facts between two companies, where either may be the one a fact is filed under."""


class Prediction(msgspec.Struct, kw_only=True):
    """One fact the pipeline (or the API) states about a document."""

    document: str
    company: str
    metric: str
    value: float
    unit: str
    original_value: float
    original_unit: str
    bound: str
    status: str
    quote: str
    start: int
    end: int
    low: float | None = None
    high: float | None = None
    period_start: str | None = None
    period_end: str | None = None
    origin: str = "figure"
    parties: dict[str, str] = msgspec.field(default_factory=dict)
    vague: bool = False
    confidence: float | None = None
    kind: str = ""
    basis: str = "total"


class Verdict(msgspec.Struct, kw_only=True):
    """How one gold fact fared."""

    fact: GoldFact
    language: str
    document: str
    located: bool = False
    matched: bool = False
    company_ok: bool = False
    metric_ok: bool = False
    sign_ok: bool = True
    period_ok: bool | None = None
    bound_ok: bool | None = None
    status_ok: bool | None = None
    deal_found: bool | None = None
    roles_ok: bool | None = None
    best: Prediction | None = None


def load_roles() -> dict[str, dict[str, str]]:
    """The gold deals' parties and roles (empty when the file is absent)."""
    if not ROLES.is_file():
        return {}
    roles: dict[str, dict[str, str]] = json.loads(ROLES.read_text(encoding="utf-8"))
    return roles


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    return abs(a - b) <= TOLERANCE * max(abs(b), 1e-12)


def _values(prediction: Prediction, fact: GoldFact) -> tuple[float, float | None, float | None]:
    """The prediction's value, low and high in the gold fact's unit (NaN when not comparable)."""
    nan = float("nan")
    if fact.unit == prediction.unit or (fact.unit == COUNT_UNIT and prediction.kind == "count"):
        return prediction.value, prediction.low, prediction.high
    if fact.unit == prediction.original_unit and prediction.value:
        factor = prediction.original_value / prediction.value
        low = None if prediction.low is None else prediction.low * factor
        high = None if prediction.high is None else prediction.high * factor
        return prediction.original_value, low, high
    return nan, None, None


def value_agrees(prediction: Prediction, fact: GoldFact, *, signed: bool = True) -> bool:
    """Same value within tolerance (a range by its midpoint or its two ends)."""
    value, low, high = _values(prediction, fact)
    if not signed:
        value = abs(value)
        low, high = (None, None) if low is None or high is None else (abs(low), abs(high))
    target = fact.value if signed else abs(fact.value)
    if _close(value, target):
        return True
    if fact.low is None or fact.high is None:
        return False
    if signed:
        return _close(low, fact.low) and _close(high, fact.high)
    return _close(low, abs(fact.low)) and _close(high, abs(fact.high))


def quote_spans(text: str, quote: str) -> list[tuple[int, int]]:
    """Every place the quote stands in the text."""
    spans, at = [], text.find(quote)
    while at >= 0:
        spans.append((at, at + len(quote)))
        at = text.find(quote, at + 1)
    return spans


def at_quote(prediction: Prediction, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether the predicted value stands at (or just beside) the gold quote."""
    return any(
        prediction.start >= start - QUOTE_SLACK and prediction.end <= end + QUOTE_SLACK
        for start, end in spans
    )


def company_agrees(prediction: Prediction, fact: GoldFact) -> bool:
    """The fact is filed under the gold company (or, between two companies, either of them)."""
    if prediction.parties:
        named = {company_name(company) for company in prediction.parties}
        return fact.company in named and (fact.counterparty is None or fact.counterparty in named)
    company = company_name(prediction.company)
    if company == fact.company:
        return True
    return fact.metric in SWAPPABLE_METRICS and company == fact.counterparty


def company_name(company: str) -> str:
    """A predicted company slug in the development sets' names."""
    return COMPANY_NAMES.get(company, company)


def metric_of(prediction: Prediction) -> str:
    """The prediction's metric in the development set's names."""
    by_basis = BASIS_METRICS.get((prediction.metric, prediction.basis))
    return by_basis or METRIC_NAMES.get(prediction.metric, prediction.metric)


def status_of(prediction: Prediction) -> str:
    """The prediction's status in the development set's names."""
    return STATUS_NAMES.get(prediction.status, prediction.status)


def period_agrees(prediction: Prediction, fact: GoldFact) -> bool | None:
    """Same covered period (an open gold side matches anything); None when gold has none."""
    if fact.period is None:
        return None
    start, end = fact.period.start, fact.period.end
    return (start is None or start == prediction.period_start) and (
        end is None or end == prediction.period_end
    )


def strict_match(prediction: Prediction, fact: GoldFact) -> bool:
    """Value, company and metric all agree."""
    return (
        value_agrees(prediction, fact)
        and company_agrees(prediction, fact)
        and metric_of(prediction) == fact.metric
    )


def _judge(
    document: GoldDocument,
    text: str,
    fact: GoldFact,
    predictions: Sequence[Prediction],
    roles: dict[str, dict[str, str]],
) -> Verdict:
    verdict = Verdict(fact=fact, language=document.language, document=document.file)
    spans = quote_spans(text, fact.quote)
    located = [
        p
        for p in predictions
        if value_agrees(p, fact, signed=False) and (at_quote(p, spans) or not spans)
    ]
    if not located:
        located = [p for p in predictions if value_agrees(p, fact, signed=False)]
    if not located:
        return verdict
    best = max(located, key=lambda p: _rank(p, fact))
    verdict.located, verdict.best = True, best
    verdict.company_ok = company_agrees(best, fact)
    verdict.metric_ok = metric_of(best) == fact.metric
    verdict.sign_ok = value_agrees(best, fact)
    verdict.matched = verdict.company_ok and verdict.metric_ok and verdict.sign_ok
    if verdict.matched:
        verdict.period_ok = period_agrees(best, fact)
        verdict.bound_ok = best.bound == fact.bound
        verdict.status_ok = status_of(best) == fact.status
    if fact.id in roles:
        deals = [p for p in located if p.parties]
        verdict.deal_found = any(company_agrees(p, fact) for p in deals)
        verdict.roles_ok = any(p.parties == roles[fact.id] for p in deals)
    return verdict


def _rank(prediction: Prediction, fact: GoldFact) -> tuple[bool, bool, bool, bool]:
    return (
        strict_match(prediction, fact),
        company_agrees(prediction, fact),
        metric_of(prediction) == fact.metric,
        prediction.origin == "figure",
    )


class Report(msgspec.Struct, kw_only=True):
    """Every gold fact's verdict and every prediction that matches no gold fact."""

    verdicts: list[Verdict]
    false_facts: list[Prediction]
    predictions: dict[str, int]
    """Predictions per language."""
    correct: dict[str, int]
    """Predictions per language that match some gold fact."""


def evaluate(
    documents: Iterable[tuple[GoldDocument, str]],
    predictions: Sequence[Prediction],
    roles: dict[str, dict[str, str]],
) -> Report:
    """Score predictions against every document's gold facts."""
    by_document: dict[str, list[Prediction]] = defaultdict(list)
    for prediction in predictions:
        by_document[prediction.document].append(prediction)
    report = Report(verdicts=[], false_facts=[], predictions={}, correct={})
    for document, text in documents:
        mine = by_document.get(document.file, [])
        lang = document.language
        report.verdicts.extend(_judge(document, text, f, mine, roles) for f in document.facts)
        wrong = [p for p in mine if not any(strict_match(p, f) for f in document.facts)]
        report.false_facts.extend(wrong)
        report.predictions[lang] = report.predictions.get(lang, 0) + len(mine)
        report.correct[lang] = report.correct.get(lang, 0) + len(mine) - len(wrong)
    return report
