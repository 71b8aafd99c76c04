"""Rules the bundled reference data must keep before it is loaded.

Each rule states a meaning a fact must not lose: one citation per source and fact (a source
stating it again adds offsets), a vague amount flagged with the range its words allow, and a
contract value covering the contract's duration rather than one calendar year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from service.reference.schema import RefAmount, RefCitation, ReferenceData, RefFigure

_YEARS = re.compile(r"^P(\d+)Y$")
DAYS_A_YEAR = 365.25


def reference_problems(data: ReferenceData) -> list[str]:
    """Every broken rule of `data`, as a sentence naming the fact; empty when it is sound."""
    facts: list[tuple[str, RefAmount | None, list[RefCitation]]] = [
        (f.key, f, f.citations) for f in data.figures
    ]
    facts += [(d.key, d.value, d.citations) for d in data.deals]
    problems = [p for key, amount, cited in facts for p in _fact_problems(key, amount, cited)]
    return problems + list(_contract_problems(data))


def _fact_problems(
    key: str, amount: RefAmount | None, citations: list[RefCitation]
) -> Iterator[str]:
    sources = [citation.source for citation in citations]
    for source in sorted({s for s in sources if sources.count(s) > 1}):
        yield f"{key} cites {source} twice (one citation per source, with more_offsets)"
    ranged = amount is not None and amount.low is not None and amount.high is not None
    if amount is not None and amount.vague and not (ranged and amount.bound == "range"):
        yield f"{key} is vague without the range its words allow"


def _contract_problems(data: ReferenceData) -> Iterator[str]:
    """A contract value stated with a deal of n years must cover about n years."""
    durations = {
        (c.source, c.start): int(match[1])
        for deal in data.deals
        if deal.duration and (match := _YEARS.match(deal.duration))
        for c in deal.citations
    }
    for figure in data.figures:
        years = max((durations.get((c.source, c.start), 0) for c in figure.citations), default=0)
        if years and _years_covered(figure) < years:
            yield f"{figure.key} covers less than the {years} years of its contract"


def _years_covered(figure: RefFigure) -> float:
    start, end = figure.period.start, figure.period.end
    return ((end - start).days + 1) / DAYS_A_YEAR
