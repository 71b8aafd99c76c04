"""Public shapes of deals."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

import msgspec

from service.domain.bounds import DATE_RANGE, check_date, check_duration
from service.domain.vocabulary import BoundName, DealKind, DealStatus
from service.facts.history import FactVersion
from service.facts.inputs import CitedInput, RawValue, Slug, ValueReading
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
from service.web.params import NOT_BLANK


class Party(Base):
    """A company taking part in a deal."""

    company: Annotated[str, msgspec.Meta(description="Company slug.")]
    role: Annotated[
        str,
        msgspec.Meta(description="Its role: customer, provider, investor, investee, member..."),
    ]


class Amount(Base):
    """The value of a deal in canonical units, with the original and the FX used."""

    value: Annotated[Decimal, msgspec.Meta(description="Canonical value; midpoint for ranges.")]
    unit: Annotated[str, msgspec.Meta(description="Canonical unit, `USD` for money.")]
    bound: Annotated[BoundName, msgspec.Meta(description="How the source qualified the value.")]
    low: Annotated[Decimal | None, msgspec.Meta(description="Lower bound, when known.")]
    high: Annotated[Decimal | None, msgspec.Meta(description="Upper bound, when known.")]
    vague: Annotated[bool, msgspec.Meta(description=VAGUE_DESCRIPTION)]
    original: Annotated[Original, msgspec.Meta(description="The value as written.")]
    fx: Annotated[Fx | None, msgspec.Meta(description="Exchange rate used, null if none.")]
    display: Annotated[
        Display | None,
        msgspec.Meta(description="The money value in the `currency` asked for, else null."),
    ]


class Deal(Base):
    """An agreement between companies, with its parties, value and provenance."""

    id: Annotated[int, msgspec.Meta(description="Stable identifier of the deal.")]
    kind: Annotated[DealKind, msgspec.Meta(description="What sort of deal it is.")]
    title: Annotated[str, msgspec.Meta(description="Short human-readable name.")]
    parties: Annotated[list[Party], msgspec.Meta(description="Companies involved, with roles.")]
    value: Annotated[Amount | None, msgspec.Meta(description="Stated value, null if none.")]
    duration: Annotated[
        str | None, msgspec.Meta(description="ISO 8601 duration of the deal, e.g. `P7Y`.")
    ]
    announced_on: Annotated[date | None, msgspec.Meta(description="Announcement date.")]
    status: Annotated[DealStatus, msgspec.Meta(description="Where the deal stands.")]
    sources: Annotated[
        list[SourceCitation], msgspec.Meta(description="Every source stating this deal.")
    ]
    rank: Annotated[
        Literal["preferred", "deprecated"],
        msgspec.Meta(description="`preferred` while live, `deprecated` once withdrawn."),
    ]
    deprecation: Annotated[
        Deprecation | None, msgspec.Meta(description="When and why, if deprecated.")
    ]
    confidence: Annotated[float, msgspec.Meta(ge=0, le=1, description=CONFIDENCE_DESCRIPTION)]
    confidence_signals: Annotated[ConfidenceSignals, msgspec.Meta(description=SIGNALS_DESCRIPTION)]
    updated_at: Annotated[datetime, msgspec.Meta(description=UPDATED_AT_DESCRIPTION)]


class DealPage(Base):
    """A page of deals."""

    data: Annotated[list[Deal], msgspec.Meta(description="Items of this page, in list order.")]
    next_cursor: NextCursor


class DealVersion(FactVersion):
    """One version of a deal: when it held, who recorded it, and the deal as it was."""

    deal: Annotated[
        Deal,
        msgspec.Meta(
            description="The deal as it was (today's parties), cited by what was known while "
            "it held."
        ),
    ]


class DealHistory(Base):
    """Every version of a deal, oldest first."""

    data: Annotated[list[DealVersion], msgspec.Meta(description="Versions, oldest first.")]


IsoDuration = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^P(?=[0-9]|T[0-9])(?:[0-9]{1,6}Y)?(?:[0-9]{1,6}M)?(?:[0-9]{1,6}W)?"
        r"(?:[0-9]{1,6}D)?(?:T(?=[0-9])(?:[0-9]{1,9}H)?(?:[0-9]{1,9}M)?"
        r"(?:[0-9]{1,9}(?:\.[0-9]{1,9})?S)?)?$",
        description="ISO 8601 duration of the deal, e.g. `P7Y` or `P18M`; at most 100 years.",
    ),
]


def check_deal_bounds(announced_on: object, duration: object) -> None:
    """Refuse (422) an announcement date outside 1900 .. 2099, or a duration over 100 years."""
    check_date("announced_on", announced_on)
    check_duration("duration", duration)


class PartyInput(InputBase):
    """A company taking part in a deal."""

    company: Annotated[Slug, msgspec.Meta(description="Company slug.")]
    role: Annotated[
        Annotated[str, msgspec.Meta(pattern=r"^[a-z_]{1,40}$")],
        msgspec.Meta(description="Its role: customer, provider, investor, investee, member..."),
    ]


Parties = Annotated[list[PartyInput], msgspec.Meta(min_length=1)]
Title = Annotated[str, msgspec.Meta(min_length=1, max_length=300, pattern=NOT_BLANK)]


class DealCreate(CitedInput, kw_only=True):
    """A deal to add; an equal deal already stored gains the citation instead."""

    kind: Annotated[DealKind, msgspec.Meta(description="What sort of deal it is.")]
    title: Annotated[Title, msgspec.Meta(description="Short human-readable name.")]
    parties: Annotated[Parties, msgspec.Meta(description="Companies involved, with roles.")]
    status: Annotated[DealStatus, msgspec.Meta(description="Where the deal stands.")]
    value: Annotated[
        RawValue | None,
        msgspec.Meta(description="Amount as written, e.g. `38 milliards de dollars`."),
    ] = None
    duration: Annotated[
        IsoDuration | None, msgspec.Meta(description="How long the deal runs, e.g. `P7Y`.")
    ] = None
    announced_on: Annotated[
        date | None, msgspec.Meta(description=f"Announcement date, {DATE_RANGE}.")
    ] = None

    def __post_init__(self) -> None:
        """Refuse (422) an announcement date or a duration out of bounds."""
        super().__post_init__()
        check_deal_bounds(self.announced_on, self.duration)


class DealUpdate(ValueReading, kw_only=True):
    """Changes to a deal: only the fields given change."""

    kind: Annotated[DealKind | msgspec.UnsetType, msgspec.Meta(description="Kind of deal.")] = (
        msgspec.UNSET
    )
    title: Annotated[Title | msgspec.UnsetType, msgspec.Meta(description="Name of the deal.")] = (
        msgspec.UNSET
    )
    parties: Annotated[
        Parties | msgspec.UnsetType, msgspec.Meta(description="Every party; replaces them all.")
    ] = msgspec.UNSET
    status: Annotated[
        DealStatus | msgspec.UnsetType, msgspec.Meta(description="Where the deal stands.")
    ] = msgspec.UNSET
    value: Annotated[
        RawValue | msgspec.UnsetType | None,
        msgspec.Meta(description="New raw amount, re-normalised; null removes it."),
    ] = msgspec.UNSET
    duration: Annotated[
        IsoDuration | msgspec.UnsetType | None,
        msgspec.Meta(description="How long the deal runs, e.g. `P7Y`; null removes it."),
    ] = msgspec.UNSET
    announced_on: Annotated[
        date | msgspec.UnsetType | None,
        msgspec.Meta(description=f"Announcement date, {DATE_RANGE}."),
    ] = msgspec.UNSET

    def __post_init__(self) -> None:
        """Refuse (422) an announcement date or a duration out of bounds."""
        super().__post_init__()
        check_deal_bounds(self.announced_on, self.duration)
