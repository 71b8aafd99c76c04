"""Public shapes of deals."""

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
    SourceCitation,
)

DealKind = Literal[
    "cloud_contract",
    "funding_round",
    "joint_venture",
    "investment",
    "share_sale",
    "acquisition",
    "supply_agreement",
    "partnership",
]
DealStatus = Literal["announced", "signed", "completed", "planned", "rumored", "cancelled"]


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
