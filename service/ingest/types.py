"""What the extraction of one article produces: figures, deals and new companies."""

from datetime import date
from typing import Literal

import msgspec

from service.domain import vocabulary
from service.normalize import Quantity

# The closed lists are defined once, in domain.vocabulary; named here as the pipeline uses them.
Precision = vocabulary.Precision
Status = vocabulary.FigureStatus
CueStatus = Literal[vocabulary.FigureStatus, "future", "expected"]
"""What a status cue says: `future` (a bare future tense) is a plan or a forecast by metric,
`expected` what analysts expected, compared with the result (a forecast even when past)."""
Basis = vocabulary.Basis
DealKind = vocabulary.DealKind
DealStatus = vocabulary.DealStatus


class Mention(msgspec.Struct, frozen=True):
    """Where a fact is stated: its sentence and the offsets of its value in the full text."""

    quote: str
    start: int
    end: int


class ExtractedFigure(msgspec.Struct, frozen=True):
    """One value of one metric of one company over one period."""

    company: str
    metric: str
    quantity: Quantity
    period_start: date
    period_end: date
    precision: Precision
    status: Status
    mention: Mention
    basis: Basis = "total"
    """`run_rate` when the sentence states an annualised run rate, else `total`."""
    confidence: float = 1.0
    """How much to trust the reading, in [0, 1] (service.ingest.confidence)."""
    signals: dict[str, str | bool | int] = msgspec.field(default_factory=dict)
    """What the confidence was computed from."""


class DealParty(msgspec.Struct, frozen=True):
    """A company taking part in a deal, with its role."""

    company: str
    role: str


class ExtractedDeal(msgspec.Struct, frozen=True):
    """An agreement between companies found in the text."""

    kind: DealKind
    title: str
    parties: list[DealParty]
    amount: Quantity | None
    duration: str | None
    announced_on: date | None
    status: DealStatus
    mention: Mention


class NewCompany(msgspec.Struct, frozen=True):
    """An organisation named in the text that the gazetteer did not know."""

    slug: str
    name: str
    aliases: list[str]


class Extraction(msgspec.Struct, frozen=True):
    """Everything extracted from one article, sorted by offset."""

    language: str
    figures: list[ExtractedFigure]
    deals: list[ExtractedDeal]
    new_companies: list[NewCompany]
