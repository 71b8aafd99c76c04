"""Scoring of extracted figures and deals against facts a reader decided from the text.

A figure *matches* an expected fact when company, metric, value (within 1 %, sign
included), bound and segment all agree; contract values may be filed under either party.
Period, status and basis are judged apart, over the matched figures, so one error is
neither hidden by nor hides another. Recall counts the core facts matched; precision counts
the extracted figures that match any expected fact, core or not (a vague "tens of billions"
served as a range is not wrong, but it is never required). Figures the pipeline states twice
(title and body) with the same company, metric, value, bound, period and status count once.

A deal matches when its kind and its parties with their roles agree; duration is judged apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

import msgspec

from service.ingest.types import DealParty, ExtractedDeal, ExtractedFigure

TOLERANCE = Decimal("0.01")

STATUS_NAMES: dict[str, str] = {
    "actual": "actual",
    "forecast": "forecast",
    "estimate": "forecast",
    "target": "plan",
}
"""The pipeline's status in the expected files' terms (actual, forecast, plan, rumor).

The pipeline says ``target`` for amounts with a deadline ("by 2030"), which the expected
files call plans; it has no ``rumor`` yet, so a rumoured figure is never status-right today.
"""

EITHER_PARTY_METRICS = frozenset({"contract_value"})
"""Facts that belong to both parties of a deal: filed under either one, they match."""


class ExpectedPeriod(msgspec.Struct, frozen=True):
    """The period an expected fact covers; an open side (null) accepts any date."""

    start: date | None
    end: date | None


class ExpectedFigure(msgspec.Struct, frozen=True, kw_only=True):
    """One fact an article states, as a careful reader lists it."""

    company: str
    metric: str
    value: Decimal
    unit: str
    bound: str
    status: str
    period: ExpectedPeriod | None = None
    """None when the text neither states nor clearly implies the period."""
    quote: str | None = None
    basis: str = "total"
    segment: str | None = None
    """The segment (cloud, digital services...) whose figure this is, not the company's."""
    counterparty: str | None = None
    low: Decimal | None = None
    high: Decimal | None = None
    core: bool = True
    """False for facts that may be extracted but are not required (vague, derived)."""
    note: str | None = None


class ExpectedParty(msgspec.Struct, frozen=True):
    """A party of an expected deal."""

    company: str
    role: str


class ExpectedDeal(msgspec.Struct, frozen=True, kw_only=True):
    """A deal an article states."""

    kind: str
    parties: list[ExpectedParty]
    duration: str | None = None


class ExpectedArticle(msgspec.Struct, frozen=True):
    """The facts one test article states."""

    language: str
    published_on: str
    figures: list[ExpectedFigure]
    deals: list[ExpectedDeal]


class Ratio(msgspec.Struct):
    """A count of successes over a count of cases (1.0 when there are no cases)."""

    hits: int = 0
    cases: int = 0

    @property
    def value(self) -> float:
        return self.hits / self.cases if self.cases else 1.0

    def add(self, other: Ratio) -> None:
        self.hits += other.hits
        self.cases += other.cases

    def __str__(self) -> str:
        return f"{self.value:.2f} ({self.hits}/{self.cases})"


class Score(msgspec.Struct):
    """Precision, recall and the separately judged properties, summed over articles."""

    precision: Ratio = msgspec.field(default_factory=Ratio)
    recall: Ratio = msgspec.field(default_factory=Ratio)
    period: Ratio = msgspec.field(default_factory=Ratio)
    status: Ratio = msgspec.field(default_factory=Ratio)
    basis: Ratio = msgspec.field(default_factory=Ratio)
    duration: Ratio = msgspec.field(default_factory=Ratio)

    def add(self, other: Score) -> None:
        for name in self.__struct_fields__:
            getattr(self, name).add(getattr(other, name))

    def measures(self) -> dict[str, Ratio]:
        """Every measure by name."""
        return {name: getattr(self, name) for name in self.__struct_fields__}

    def __str__(self) -> str:
        return ", ".join(
            f"{name} {ratio}" for name, ratio in self.measures().items() if ratio.cases
        )


def _value_in(figure: ExtractedFigure, unit: str) -> Decimal | None:
    quantity = figure.quantity
    if unit == quantity.unit:
        return quantity.value
    if unit == quantity.original.unit:
        return quantity.original.value
    return None


def _company_agrees(figure: ExtractedFigure, expected: ExpectedFigure) -> bool:
    if figure.company == expected.company:
        return True
    return expected.metric in EITHER_PARTY_METRICS and figure.company == expected.counterparty


def matches(figure: ExtractedFigure, expected: ExpectedFigure) -> bool:
    """Same company, metric, bound and segment; same signed value within 1 %, in the
    canonical unit or, for money in another currency, in the currency as written."""
    if figure.metric != expected.metric or figure.quantity.bound != expected.bound:
        return False
    if not _company_agrees(figure, expected):
        return False
    if getattr(figure, "segment", None) != expected.segment:
        return False
    value = _value_in(figure, expected.unit)
    if value is None:
        return False
    scale = max(abs(expected.value), Decimal(1))
    return abs(value - expected.value) <= TOLERANCE * scale


def period_agrees(figure: ExtractedFigure, expected: ExpectedFigure) -> bool | None:
    """Whether the covered period agrees; None when the reader found no period to judge."""
    if expected.period is None:
        return None
    start, end = expected.period.start, expected.period.end
    return (start is None or start == figure.period_start) and (
        end is None or end == figure.period_end
    )


def status_agrees(figure: ExtractedFigure, expected: ExpectedFigure) -> bool:
    """Whether the status agrees, in the expected files' terms."""
    return STATUS_NAMES.get(figure.status, figure.status) == expected.status


def _judged(figure: ExtractedFigure, expected: ExpectedFigure) -> tuple[bool, bool, bool]:
    return (
        period_agrees(figure, expected) is not False,
        status_agrees(figure, expected),
        figure.basis == expected.basis,
    )


def distinct(figures: Sequence[ExtractedFigure]) -> list[ExtractedFigure]:
    """The figures with restatements of one fact (title and body) counted once."""
    seen: set[tuple[object, ...]] = set()
    kept = []
    for figure in figures:
        q = figure.quantity
        key: tuple[object, ...] = (figure.company, figure.metric, q.value, q.unit, q.bound)
        key += (figure.period_start, figure.period_end, figure.status, figure.basis)
        if key not in seen:
            seen.add(key)
            kept.append(figure)
    return kept


def pair(
    figures: Sequence[ExtractedFigure], expected: Sequence[ExpectedFigure]
) -> tuple[
    list[tuple[ExtractedFigure, ExpectedFigure]], list[ExtractedFigure], list[ExpectedFigure]
]:
    """One-to-one matching: the pairs, the unmatched figures and the unmatched facts.

    Among the facts a figure matches, the one whose period, status and basis agree best
    is taken, so that two facts of the same value are not swapped.
    """
    remaining = list(expected)
    pairs: list[tuple[ExtractedFigure, ExpectedFigure]] = []
    extra: list[ExtractedFigure] = []
    for figure in distinct(figures):
        candidates = [item for item in remaining if matches(figure, item)]
        if not candidates:
            extra.append(figure)
            continue
        best = max(candidates, key=lambda item: (item.core, sum(_judged(figure, item))))
        remaining.remove(best)
        pairs.append((figure, best))
    return pairs, extra, remaining


def score(figures: Sequence[ExtractedFigure], expected: Sequence[ExpectedFigure]) -> Score:
    """Precision and recall of the figures, and period, status and basis of those matched."""
    pairs, extra, _ = pair(figures, expected)
    result = Score()
    result.precision = Ratio(hits=len(pairs), cases=len(pairs) + len(extra))
    core_matched = sum(1 for _, fact in pairs if fact.core)
    result.recall = Ratio(hits=core_matched, cases=sum(1 for fact in expected if fact.core))
    for figure, fact in pairs:
        period = period_agrees(figure, fact)
        if period is not None:
            result.period.add(Ratio(hits=int(period), cases=1))
        result.status.add(Ratio(hits=int(status_agrees(figure, fact)), cases=1))
        result.basis.add(Ratio(hits=int(figure.basis == fact.basis), cases=1))
    return result


def _show_figure(figure: ExtractedFigure) -> str:
    q = figure.quantity
    period = f"{figure.period_start}..{figure.period_end}"
    fact = f"{figure.company} {figure.metric} {q.value} {q.unit} {q.bound}"
    return f"{fact} {period} {figure.status} «{q.text}»"


def _show_fact(fact: ExpectedFigure) -> str:
    period = "-" if fact.period is None else f"{fact.period.start}..{fact.period.end}"
    core = "" if fact.core else " (not core)"
    what = f"{fact.company} {fact.metric} {fact.value} {fact.unit} {fact.bound}"
    return f"{what} {period} {fact.status}{core} «{fact.quote}»"


def describe(figures: Sequence[ExtractedFigure], expected: Sequence[ExpectedFigure]) -> str:
    """The false and missed figures, and the matched ones with a wrong period or status."""
    pairs, extra, missing = pair(figures, expected)
    lines = [f"  false: {_show_figure(figure)}" for figure in extra]
    lines += [f"  missed: {_show_fact(fact)}" for fact in missing if fact.core]
    for figure, fact in pairs:
        wrong = [
            name
            for name, ok in zip(("period", "status", "basis"), _judged(figure, fact), strict=True)
            if not ok
        ]
        if wrong:
            lines.append(f"  wrong {'/'.join(wrong)}: {_show_figure(figure)} vs {_show_fact(fact)}")
    return "\n".join(lines)


def _roles(parties: Sequence[DealParty | ExpectedParty]) -> frozenset[tuple[str, str]]:
    return frozenset((party.company, party.role) for party in parties)


def deal_matches(deal: ExtractedDeal, expected: ExpectedDeal) -> bool:
    """Same kind and the same parties in the same roles."""
    return deal.kind == expected.kind and _roles(deal.parties) == _roles(expected.parties)


def pair_deals(
    deals: Sequence[ExtractedDeal], expected: Sequence[ExpectedDeal]
) -> tuple[list[tuple[ExtractedDeal, ExpectedDeal]], list[ExtractedDeal], list[ExpectedDeal]]:
    """One-to-one matching of deals: the pairs, the unmatched deals and the unmatched facts."""
    remaining = list(expected)
    pairs: list[tuple[ExtractedDeal, ExpectedDeal]] = []
    extra: list[ExtractedDeal] = []
    for deal in deals:
        hit = next((item for item in remaining if deal_matches(deal, item)), None)
        if hit is None:
            extra.append(deal)
        else:
            remaining.remove(hit)
            pairs.append((deal, hit))
    return pairs, extra, remaining


def score_deals(deals: Sequence[ExtractedDeal], expected: Sequence[ExpectedDeal]) -> Score:
    """Precision and recall of deals, and the duration of those matched."""
    pairs, extra, _ = pair_deals(deals, expected)
    result = Score()
    result.precision = Ratio(hits=len(pairs), cases=len(pairs) + len(extra))
    result.recall = Ratio(hits=len(pairs), cases=len(expected))
    for deal, fact in pairs:
        result.duration.add(Ratio(hits=int(deal.duration == fact.duration), cases=1))
    return result


def describe_deals(deals: Sequence[ExtractedDeal], expected: Sequence[ExpectedDeal]) -> str:
    """The false and missed deals."""
    pairs, extra, missing = pair_deals(deals, expected)
    lines = [f"  false deal: {d.kind} {sorted(_roles(d.parties))} {d.duration}" for d in extra]
    lines += [f"  missed deal: {d.kind} {sorted(_roles(d.parties))} {d.duration}" for d in missing]
    lines += [
        f"  wrong duration: {d.kind} {d.duration} vs {fact.duration}"
        for d, fact in pairs
        if d.duration != fact.duration
    ]
    return "\n".join(lines)
