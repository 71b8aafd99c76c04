"""Public shapes of figures."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

import msgspec

from service.domain.bounds import DATE_RANGE, check_date
from service.domain.vocabulary import Basis, BoundName, FigureStatus, Precision, RankName
from service.domain.vocabulary import FigureStatus as Status
from service.facts.history import FactVersion
from service.facts.inputs import CitedInput, MetricSlug, RawValue, Slug, ValueReading
from service.facts.values import (
    CONFIDENCE_DESCRIPTION,
    SIGNALS_DESCRIPTION,
    UPDATED_AT_DESCRIPTION,
    VAGUE_DESCRIPTION,
    ConfidenceSignals,
    Deprecation,
    Display,
    Fx,
    Original,
    SourceCitation,
)
from service.web.http import Base, InputBase, NextCursor


class Period(Base):
    """The calendar period a figure covers."""

    start: Annotated[date, msgspec.Meta(description="First day of the period.")]
    end: Annotated[date, msgspec.Meta(description="Last day of the period (inclusive).")]
    precision: Annotated[
        Precision,
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
        msgspec.Meta(
            description="Reported fact, forecast, third-party estimate, goal, announced plan "
            "(intention not yet executed) or rumor (talks, reports)."
        ),
    ]
    original: Annotated[Original, msgspec.Meta(description="The value as written in the source.")]
    fx: Annotated[
        Fx | None, msgspec.Meta(description="Exchange rate used for money, null if none.")
    ]
    sources: Annotated[
        list[SourceCitation], msgspec.Meta(description="Every source stating this figure.")
    ]
    basis: Annotated[
        Basis,
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
    updated_at: Annotated[datetime, msgspec.Meta(description=UPDATED_AT_DESCRIPTION)]


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


BASIS_DESCRIPTION = (
    "`total` for an amount reported for the period, `run_rate` for an annualised run rate."
)


class PeriodInput(InputBase):
    """The calendar period a figure covers."""

    start: Annotated[date, msgspec.Meta(description=f"First day of the period, {DATE_RANGE}.")]
    end: Annotated[
        date, msgspec.Meta(description=f"Last day of the period (inclusive), {DATE_RANGE}.")
    ]
    precision: Annotated[
        Precision, msgspec.Meta(description="How precisely the source states the period.")
    ]

    def __post_init__(self) -> None:
        """Refuse (422) a period reaching outside 1900 .. 2099."""
        check_date("period.start", self.start)
        check_date("period.end", self.end)

    @property
    def key(self) -> tuple[date, date]:
        """(start, end): the period's part of a claim group."""
        return (self.start, self.end)


class FigureCreate(CitedInput, kw_only=True):
    """A figure to add; an equal figure already stored gains the citation instead."""

    company: Annotated[Slug, msgspec.Meta(description="Slug of the company.")]
    metric: Annotated[MetricSlug, msgspec.Meta(description="Slug of the metric (see /v1/metrics).")]
    value: Annotated[
        RawValue,
        msgspec.Meta(
            description="The value as written, e.g. `€3.5bn`, `5 GW`, "
            "`plus de 800 millions d'utilisateurs`; normalised to the metric's unit."
        ),
    ]
    period: Annotated[PeriodInput, msgspec.Meta(description="The period the figure covers.")]
    status: Annotated[
        Status, msgspec.Meta(description="Actual, forecast, estimate, target, plan or rumor.")
    ]
    basis: Annotated[Basis, msgspec.Meta(description=BASIS_DESCRIPTION)] = "total"


class FigureUpdate(ValueReading, kw_only=True):
    """Changes to a figure: only the fields given change."""

    company: Annotated[Slug | msgspec.UnsetType, msgspec.Meta(description="Company slug.")] = (
        msgspec.UNSET
    )
    metric: Annotated[MetricSlug | msgspec.UnsetType, msgspec.Meta(description="Metric slug.")] = (
        msgspec.UNSET
    )
    value: Annotated[
        RawValue | msgspec.UnsetType, msgspec.Meta(description="New raw value, re-normalised.")
    ] = msgspec.UNSET
    period: Annotated[
        PeriodInput | msgspec.UnsetType, msgspec.Meta(description="The period covered.")
    ] = msgspec.UNSET
    status: Annotated[
        Status | msgspec.UnsetType, msgspec.Meta(description="Status of the figure.")
    ] = msgspec.UNSET
    basis: Annotated[Basis | msgspec.UnsetType, msgspec.Meta(description=BASIS_DESCRIPTION)] = (
        msgspec.UNSET
    )
