"""Public shapes of figures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

import msgspec

from service.history import FactVersion
from service.http import Base, NextCursor
from service.values import (
    CONFIDENCE_DESCRIPTION,
    SIGNALS_DESCRIPTION,
    VAGUE_DESCRIPTION,
    BoundName,
    ConfidenceSignals,
    Deprecation,
    Display,
    Fx,
    Original,
    RankName,
    SourceCitation,
)

FigureStatus = Literal["actual", "forecast", "estimate", "target"]


class Period(Base):
    """The calendar period a figure covers."""

    start: Annotated[date, msgspec.Meta(description="First day of the period.")]
    end: Annotated[date, msgspec.Meta(description="Last day of the period (inclusive).")]
    precision: Annotated[
        Literal["day", "month", "quarter", "year"],
        msgspec.Meta(description="How precisely the source stated the period."),
    ]


class Figure(Base):
    """A quantitative fact about a company, in canonical units, with its provenance."""

    id: Annotated[int, msgspec.Meta(description="Stable identifier of the figure.")]
    company: Annotated[str, msgspec.Meta(description="Slug of the company the figure is about.")]
    metric: Annotated[str, msgspec.Meta(description="Slug of the metric (see /v1/metrics).")]
    value: Annotated[
        Decimal,
        msgspec.Meta(description="Canonical value; the midpoint for ranges. Exact decimal number."),
    ]
    unit: Annotated[str, msgspec.Meta(description="Canonical unit: `USD`, `W`, `Wh`, `ratio`...")]
    bound: Annotated[BoundName, msgspec.Meta(description="How the source qualified the value.")]
    low: Annotated[Decimal | None, msgspec.Meta(description="Lower bound, when known.")]
    high: Annotated[Decimal | None, msgspec.Meta(description="Upper bound, when known.")]
    vague: Annotated[bool, msgspec.Meta(description=VAGUE_DESCRIPTION)]
    period: Annotated[Period, msgspec.Meta(description="The period the figure covers.")]
    status: Annotated[
        FigureStatus,
        msgspec.Meta(description="Reported fact, forecast, third-party estimate or goal."),
    ]
    original: Annotated[Original, msgspec.Meta(description="The value as written in the source.")]
    fx: Annotated[
        Fx | None, msgspec.Meta(description="Exchange rate used for money, null if none.")
    ]
    sources: Annotated[
        list[SourceCitation], msgspec.Meta(description="Every source stating this figure.")
    ]
    basis: Annotated[
        Literal["total", "run_rate"],
        msgspec.Meta(description="`total` for the period, `run_rate` for an annualised rate."),
    ]
    rank: Annotated[
        RankName,
        msgspec.Meta(
            description="`preferred`: the best claim of its company, metric and period; "
            "`normal`: another claim of it; `deprecated`: withdrawn by a curator."
        ),
    ]
    deprecation: Annotated[
        Deprecation | None, msgspec.Meta(description="When and why, if deprecated.")
    ]
    confidence: Annotated[float, msgspec.Meta(ge=0, le=1, description=CONFIDENCE_DESCRIPTION)]
    confidence_signals: Annotated[ConfidenceSignals, msgspec.Meta(description=SIGNALS_DESCRIPTION)]
    display: Annotated[
        Display | None,
        msgspec.Meta(description="The money value in the `currency` asked for, else null."),
    ]


class FigurePage(Base):
    """A page of figures."""

    data: Annotated[list[Figure], msgspec.Meta(description="Items of this page, in list order.")]
    next_cursor: NextCursor


class FigureVersion(FactVersion):
    """One version of a figure: when it held, who recorded it, and the figure as it was."""

    figure: Annotated[
        Figure,
        msgspec.Meta(description="The figure as it was, cited by what was known while it held."),
    ]


class FigureHistory(Base):
    """Every version of a figure, oldest first."""

    data: Annotated[list[FigureVersion], msgspec.Meta(description="Versions, oldest first.")]
