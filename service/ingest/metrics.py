"""Which catalogue metric a quantity measures, from its unit and the words around it."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import msgspec

from service.ingest.lexicon import cues_for, prepared, shared
from service.normalize import Quantity
from service.reference.schema import ReferenceData

_CLAUSE_BREAK = re.compile(r"[,;:()—–]|\s-\s")


class MetricUnit(msgspec.Struct, frozen=True):
    """The unit and kind of quantity a metric holds."""

    unit: str
    kind: str


@cache
def catalogue() -> dict[str, MetricUnit]:
    """The metrics of the bundled reference data, by slug."""
    raw = resources.files("service.reference").joinpath("reference_data.json").read_bytes()
    data = msgspec.json.decode(raw, type=ReferenceData)
    return {metric.slug: MetricUnit(metric.unit, metric.kind) for metric in data.metrics}


def fits(metric: str, quantity: Quantity) -> bool:
    """Whether the quantity's kind and unit are those of the metric."""
    expected = catalogue().get(metric)
    if expected is None or expected.kind != quantity.kind or expected.unit != quantity.unit:
        return False
    is_percent = quantity.original.unit in shared().percent_units
    return not (is_percent and metric in shared().multiple_only_metrics)


def classify(sentence: str, language: str, quantity: Quantity, *, context: str = "") -> str | None:
    """The metric of a quantity at ``quantity.start``-``end`` of ``sentence``, or None.

    A counted unit ("GPU") or a physical one (W, Wh) names its metric; otherwise the
    nearest cue word whose metric fits the quantity decides, a cue in the same clause
    before one across a comma. Spending on infrastructure (in this sentence or the
    ``context`` sentence before it) is capital expenditure.
    """
    by_unit = shared().unit_metrics.get(quantity.unit, [])
    if len(by_unit) == 1:
        return by_unit[0]
    if by_unit and quantity.per in shared().per_metrics:
        return shared().per_metrics[quantity.per]
    candidates = by_unit or [slug for slug in catalogue() if fits(slug, quantity)]
    metric = _nearest_cue(sentence, language, quantity, candidates)
    if metric is None:
        return by_unit[-1] if by_unit else None
    return _specialised(metric, sentence, language, context)


def as_headcount(sentence: str, language: str, quantity: Quantity) -> Quantity:
    """A count of people said to be employed ("employs 350 people") counted in employees."""
    unit = shared().headcount_units.get(quantity.unit)
    if unit is None or _nearest_cue(sentence, language, quantity, ["employees"]) is None:
        return quantity
    original = msgspec.structs.replace(quantity.original, unit=unit)
    return msgspec.structs.replace(quantity, unit=unit, original=original)


def money_cue(sentence: str, language: str, quantity: Quantity) -> bool:
    """Whether the nearest cue around a bare number names a money metric."""
    money = [slug for slug, unit in catalogue().items() if unit.kind == "money"]
    return _nearest_cue(sentence, language, quantity, money) is not None


def _nearest_cue(
    sentence: str, language: str, quantity: Quantity, candidates: list[str]
) -> str | None:
    text = prepared(sentence)
    best: tuple[int, int, int, int] | None = None
    chosen: str | None = None
    for pattern, metrics in cues_for(language).metric_cues:
        metric = next((slug for slug in metrics if slug in candidates), None)
        if metric is None:
            continue
        for match in pattern.finditer(text):
            rank = _rank(text, match, quantity.start, quantity.end)
            if rank is not None and (best is None or rank < best):
                best, chosen = rank, metric
    return chosen


def _rank(
    text: str, match: re.Match[str], start: int, end: int
) -> tuple[int, int, int, int] | None:
    if match.start() < end and match.end() > start:
        return None
    after = match.start() >= end
    low, high = (end, match.start()) if after else (match.end(), start)
    crosses = _CLAUSE_BREAK.search(text, low, high) is not None
    return int(crosses), high - low, int(after), -len(match.group())


def _specialised(metric: str, sentence: str, language: str, context: str) -> str:
    capex_context = cues_for(language).capex_context
    if metric == "spending" and capex_context.search(prepared(f"{context} {sentence}")):
        return "capex"
    if metric == "investment" and capex_context.search(prepared(sentence)):
        return "capex"
    return metric
