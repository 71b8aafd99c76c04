"""Which catalogue metric a quantity measures, from its unit and the words around it."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from importlib import resources

import msgspec

from service.ingest.changes import CLAUSE_BREAK, change_sign, word_rank
from service.ingest.lexicon import cues_for, prepared, shared
from service.ingest.status import distance
from service.normalize import Quantity
from service.reference.schema import ReferenceData

_DASH_BREAK = re.compile(r"[;—–]|\s-\s")
"""A dash or semicolon after an amount opens another statement: a cue beyond it names what
follows it ("more than $1 trillion – with a yearly revenue of about $13 billion")."""


_COUNTED_KINDS = ("ratio", "count")
"""Levels whose change is never an amount: a cue naming one ("abonnés") says nothing about a
money amount or another count beside it; their changes are percentages."""


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


def classify(
    sentence: str, language: str, quantity: Quantity, *, context: str = "", carry_base: bool = True
) -> str | None:
    """The metric of a quantity at ``quantity.start``-``end`` of ``sentence``, or None.

    A counted unit ("GPU") or a physical one (W, Wh) names its metric; otherwise the
    nearest cue word whose metric fits the quantity decides, a cue in the same clause
    before one across a comma. Spending on infrastructure (in this sentence or the
    ``context`` sentence before it) is capital expenditure. A level said to change
    ("market value rose by $5 billion") is the change metric of that level; with
    ``carry_base``, a change keeps the comparison base of the ``context`` sentence.
    """
    by_unit = shared().unit_metrics.get(quantity.unit, [])
    if len(by_unit) == 1 and by_unit[0] not in shared().cue_only_metrics:
        return by_unit[0]
    if by_unit and quantity.per in shared().per_metrics:
        return shared().per_metrics[quantity.per]
    own = _own_cue(sentence, language, quantity, by_unit)
    if own is not None:
        return own
    if quantity.original.unit in [*shared().percent_units, *shared().multiple_units]:
        return _ratio_metric(sentence, language, quantity, context if carry_base else "")
    candidates = by_unit or [
        slug for slug in catalogue() if fits(slug, quantity) and not _is_multiple(slug)
    ]
    levels = [
        slug for slug in shared().change_metrics if catalogue()[slug].kind not in _COUNTED_KINDS
    ]
    metric = _nearest_cue(sentence, language, quantity, [*candidates, *levels])
    if metric in shared().change_metrics:
        metric = _level_or_change(metric, sentence, language, quantity)
    if metric is None or metric not in candidates:
        fallback = [slug for slug in by_unit if slug not in shared().cue_only_metrics]
        return fallback[-1] if fallback else None
    if metric == "funding_raised" and _debt_attached(sentence, language, quantity):
        metric = "debt_raised"
    return _specialised(metric, sentence[: _clause_end(sentence, quantity.end)], language, context)


def _debt_attached(sentence: str, language: str, quantity: Quantity) -> bool:
    """Whether money raised is said to be debt right after it ("raise $5 billion in debt").

    The raising verb names no kind of capital; the noun tied to the amount does.
    """
    text = prepared(sentence)
    return any(
        "debt_raised" in metrics
        and span[0] >= quantity.end
        and _attached(text, language, span, quantity)
        for span, metrics in _cue_spans(text, language)
    )


def _ratio_metric(sentence: str, language: str, quantity: Quantity, context: str) -> str | None:
    if quantity.original.unit in shared().percent_units:
        return percent_metric(sentence, language, quantity, context)
    return multiple_metric(sentence, language, quantity)


def recounted(sentence: str, language: str, quantity: Quantity) -> Quantity:
    """A count of a generic noun recounted as what a cue says it is.

    People said to be employed ("employs 350 people") count employees, people using an
    app daily count users, companies said to be customers count customers.
    """
    for unit in shared().recounted_units.get(quantity.unit, []):
        metrics = shared().unit_metrics.get(unit, [])
        if _nearest_cue(sentence, language, quantity, metrics) is not None:
            return _as_unit(quantity, unit)
    return quantity


def _as_unit(quantity: Quantity, unit: str) -> Quantity:
    original = msgspec.structs.replace(quantity.original, unit=unit)
    return msgspec.structs.replace(quantity, unit=unit, original=original)


def money_cue(sentence: str, language: str, quantity: Quantity) -> bool:
    """Whether the nearest cue around a bare number names a money metric."""
    money = [slug for slug, unit in catalogue().items() if unit.kind == "money"]
    return _nearest_cue(sentence, language, quantity, money) is not None


def cue_at(sentence: str, language: str, position: int) -> bool:
    """Whether a metric cue starts at ``position`` of the sentence."""
    return any(span[0] == position for span, _ in _cue_spans(prepared(sentence), language))


def _nearest_cue(
    sentence: str, language: str, quantity: Quantity, candidates: list[str]
) -> str | None:
    text = prepared(sentence)
    best: tuple[int, int, int, int, int] | None = None
    chosen: str | None = None
    for span, metrics in _cue_spans(text, language):
        metric = next((slug for slug in metrics if slug in candidates), None)
        if metric is None:
            continue
        rank = word_rank(text, span, quantity.start, quantity.end)
        if rank is None or (rank[2] and _DASH_BREAK.search(text, quantity.end, span[0])):
            continue
        ranked = (0 if _attached(text, language, span, quantity) else 1, *rank)
        if best is None or ranked < best:
            best, chosen = ranked, metric
    return chosen


def _attached(text: str, language: str, span: tuple[int, int], quantity: Quantity) -> bool:
    """Whether a cue is tied to the amount by a linking word alone.

    "Revenue of $5 billion", "une valorisation de 2 milliards", "110 Millionen Euro als
    Eigenkapital", "$2 billion in funding": such a cue names the amount even when another
    cue stands nearer on the other side.
    """
    cues = cues_for(language)
    if span[1] <= quantity.start:
        return cues.attached_before.match(text[span[1] : quantity.start]) is not None
    return cues.attached_after.match(text[quantity.end : span[0]]) is not None


def _own_cue(sentence: str, language: str, quantity: Quantity, candidates: list[str]) -> str | None:
    """A metric named inside the quantity's own words ("4 millions d'utilisateurs payants")."""
    spans = _cue_spans(prepared(sentence), language)
    for (start, end), metrics in spans:
        if quantity.start < start and end <= quantity.end:
            metric = next((slug for slug in metrics if slug in candidates), None)
            if metric is not None:
                return metric
    return None


def cue_spans(text: str, language: str) -> list[tuple[tuple[int, int], tuple[str, ...]]]:
    """Every metric cue of a prepared sentence: its span and the metrics it names."""
    return _cue_spans(text, language)


@lru_cache(maxsize=64)
def _cue_spans(text: str, language: str) -> list[tuple[tuple[int, int], tuple[str, ...]]]:
    """Every metric cue of a sentence, found once for all its quantities."""
    return [
        (match.span(), metrics)
        for pattern, metrics in cues_for(language).metric_cues
        for match in pattern.finditer(text)
    ]


def _clause_end(sentence: str, position: int) -> int:
    """Where the clause holding ``position`` ends (a comma, a dash, a parenthesis...)."""
    found = CLAUSE_BREAK.search(sentence, position)
    return len(sentence) if found is None else found.start()


def _specialised(metric: str, sentence: str, language: str, context: str) -> str:
    """Spending is capex where infrastructure is what it buys, or capex is named beside it.

    "boosts capex to $75 billion after spending $52 billion last year": the second amount
    is the year before's capex, said with a plainer word.
    """
    if metric != "spending":
        return metric
    cues = cues_for(language)
    text = prepared(f"{context} {sentence}")
    named = any(
        "capex" in metrics and pattern.search(text) for pattern, metrics in cues.metric_cues
    )
    return "capex" if named or cues.capex_context.search(text) else metric


def percent_metric(
    sentence: str, language: str, quantity: Quantity, context: str = ""
) -> str | None:
    """The metric of a percentage: a change of a level, a share of it, or a ratio metric.

    "Revenue rose 26% from a year earlier" is revenue growth year over year; "accounted
    for 71% of revenue" a share of revenue; "owns 27%" a stake. A change with no level
    named but compared with a year or a quarter before ("grew 40% year over year") is
    revenue growth, as results are reported. A change with no base of its own keeps the
    base of the ``context`` sentence before it ("Sales rose 18% year over year. Net income
    jumped 12%."): results are compared alike.
    """
    changes = shared().change_metrics
    if _against_estimates(sentence, language, quantity):
        return None
    ratios = [slug for slug in catalogue() if fits(slug, quantity) and not _is_multiple(slug)]
    named = _named_right_after(sentence, language, quantity, ratios)
    if named is not None:
        return named
    levels = [slug for slug, unit in catalogue().items() if unit.kind != "ratio"]
    metric = _nearest_cue(sentence, language, quantity, [*ratios, *levels])
    if metric is not None:
        metric = _specialised(metric, sentence, language, "")
    if metric in changes:
        if change_sign(sentence, language, quantity) is None:
            share = _share_of(metric, sentence, language, quantity)
            return share if share is not None or metric not in ratios else metric
        change = next((slug for slug in changes[metric] if fits(slug, quantity)), None)
        return change and _compared(change, sentence, language, quantity, context)
    if metric is None and change_sign(sentence, language, quantity) is not None:
        compared = _compared("revenue_growth", sentence, language, quantity, context)
        return None if compared == "revenue_growth" else compared
    return metric if metric in ratios else None


def _named_right_after(
    sentence: str, language: str, quantity: Quantity, ratios: list[str]
) -> str | None:
    """A ratio metric whose cue follows the percentage with nothing between.

    "holds 31% of the cloud market", "29 Prozent des Cloud-Marktes": the words written
    right after a percentage say what it is a share of, whatever verb stands before it.
    """
    text = prepared(sentence)
    for (start, _), metrics in _cue_spans(text, language):
        if start >= quantity.end and not text[quantity.end : start].strip():
            metric = next((slug for slug in metrics if slug in ratios), None)
            if metric is not None:
                return metric
    return None


def _share_of(metric: str, sentence: str, language: str, quantity: Quantity) -> str | None:
    """The share metric of a level named after the percentage ("71% of revenue"), or None.

    In the five languages a share is written before the level it divides ("30 Prozent des
    Umsatzes"); a percentage after the level with no change word ("revenue, where 30% was
    expected") is no share of it.
    """
    share = shared().share_metrics.get(metric)
    if share is None:
        return None
    after = [slug for slug, _ in _following_cues(sentence, language, quantity)]
    return share if metric in after else None


def _following_cues(
    sentence: str, language: str, quantity: Quantity
) -> list[tuple[str, tuple[int, int]]]:
    """The cues after the quantity in its own clause."""
    text = prepared(sentence)
    found: list[tuple[str, tuple[int, int]]] = []
    for span, metrics in _cue_spans(text, language):
        rank = word_rank(text, span, quantity.start, quantity.end)
        if span[0] >= quantity.end and rank is not None and rank[0] == 0:
            found.extend((slug, span) for slug in metrics)
    return found


ESTIMATE_REACH = 40
"""How many characters after a percentage a comparison with estimates may start."""


def _against_estimates(sentence: str, language: str, quantity: Quantity) -> bool:
    """Whether the percentage compares a figure with estimates ("20% above expectations").

    Such a percentage is how far a result beat a forecast, not a change of the figure.
    """
    text = prepared(sentence)
    found = cues_for(language).versus_estimates.search(text, quantity.end)
    if found is None or found.start() - quantity.end > ESTIMATE_REACH:
        return False
    return CLAUSE_BREAK.search(text, quantity.end, found.start()) is None


def multiple_metric(sentence: str, language: str, quantity: Quantity) -> str | None:
    """The metric of a multiple ("five times as much revenue as a year earlier").

    A level named near the multiple gives its multiple metric, with its comparison base
    when one is stated; a cost or energy cue gives the cost or energy multiple.
    """
    multiples = shared().multiple_metrics
    ratios = [slug for slug in shared().multiple_only_metrics if fits(slug, quantity)]
    metric = _nearest_cue(sentence, language, quantity, [*multiples, *ratios])
    if metric in multiples:
        return _compared(multiples[metric], sentence, language, quantity)
    return metric


def _is_multiple(metric: str) -> bool:
    return metric in set(shared().multiple_metrics.values()) or any(
        metric.startswith(f"{multiple}_") for multiple in shared().multiple_metrics.values()
    )


def restates(sentence: str, language: str, quantity: Quantity, earlier: Quantity) -> bool:
    """Whether ``quantity`` restates ``earlier`` in another currency ("$13bn, or €12bn").

    A conversion right after an amount ("soit environ", "(≈ ...)", "umgerechnet") states
    the same fact; it takes the metric of the amount it converts.
    """
    if quantity.kind != "money" or earlier.kind != "money" or earlier.end > quantity.start:
        return False
    if quantity.original.unit == earlier.original.unit:
        return False
    between = prepared(sentence)[earlier.end : quantity.start]
    return cues_for(language).restated.match(between) is not None


COMPARISON_REACH = 80
"""How many characters from the quantity a "year earlier" comparison may stand."""


def _level_or_change(metric: str, sentence: str, language: str, quantity: Quantity) -> str:
    change = next((slug for slug in shared().change_metrics[metric] if fits(slug, quantity)), None)
    if change is not None and change_sign(sentence, language, quantity) is not None:
        return change
    return metric


def _compared(
    growth: str, sentence: str, language: str, quantity: Quantity, context: str = ""
) -> str:
    """``growth`` with its comparison base ("_yoy", "_qoq") when one is stated nearby.

    Without one in the sentence, the base the ``context`` sentence states for its own
    change, when it states a single one.
    """
    text = prepared(sentence)
    nearest: tuple[int, int, str] | None = None
    for pattern, suffix in cues_for(language).comparisons:
        for match in pattern.finditer(text):
            gap = distance(match.span(), quantity.start, quantity.end)
            if gap > COMPARISON_REACH or f"{growth}_{suffix}" not in catalogue():
                continue
            low, high = sorted((match.start(), quantity.start))
            rank = (int(CLAUSE_BREAK.search(text, low, high) is not None), gap, suffix)
            nearest = rank if nearest is None or rank < nearest else nearest
    if nearest is not None:
        return f"{growth}_{nearest[2]}"
    inherited = _context_base(prepared(context), language)
    return f"{growth}_{inherited}" if f"{growth}_{inherited}" in catalogue() else growth


def _context_base(context: str, language: str) -> str:
    """The one comparison base a sentence states beside a change word, else ""."""
    if not context or not any(p.search(context) for p, _ in cues_for(language).changes):
        return ""
    bases = {
        suffix for pattern, suffix in cues_for(language).comparisons if pattern.search(context)
    }
    return bases.pop() if len(bases) == 1 else ""
