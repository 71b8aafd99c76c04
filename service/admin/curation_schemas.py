"""Request bodies of the curation routes: companies, figures and deals written by hand."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

import msgspec

from service.admin.schemas import WEB_ADDRESS
from service.companies.schemas import CompanyKind
from service.deals.schemas import DealKind, DealStatus
from service.ingest.types import Precision, Status
from service.web.http import InputBase
from service.web.params import MAX_ID

Language = Literal["en", "fr", "it", "de", "es"]
Slug = Annotated[
    str, msgspec.Meta(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=1, max_length=100)
]
MetricSlug = Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9_]*$", max_length=100)]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Country = Annotated[str, msgspec.Meta(pattern=r"^[A-Z]{2}$")]
# Patterns spell their character classes out: `\d`, `\s` and `\S` do not match the same
# characters in Python (which validates) and in the ECMA dialect of JSON Schema (which clients use).
Website = Annotated[str, msgspec.Meta(pattern=WEB_ADDRESS, max_length=2048)]
WikidataQid = Annotated[str, msgspec.Meta(pattern=r"^Q[1-9][0-9]*$")]
Lei = Annotated[str, msgspec.Meta(pattern=r"^[A-Z0-9]{20}$")]
Ticker = Annotated[str, msgspec.Meta(min_length=1, max_length=20)]
RawValue = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Offset = Annotated[int, msgspec.Meta(ge=0, le=2**31 - 1)]
SourceId = Annotated[int, msgspec.Meta(ge=1, le=MAX_ID)]
Quote = Annotated[str, msgspec.Meta(max_length=5000)]
IsoDuration = Annotated[
    str,
    msgspec.Meta(
        pattern=r"^P(?=[0-9]|T[0-9])(?:[0-9]+Y)?(?:[0-9]+M)?(?:[0-9]+W)?(?:[0-9]+D)?"
        r"(?:T(?=[0-9])(?:[0-9]+H)?(?:[0-9]+M)?(?:[0-9]+(?:\.[0-9]+)?S)?)?$",
        description="ISO 8601 duration of the deal, e.g. `P7Y` or `P18M`.",
    ),
]


class AliasInput(InputBase):
    """Another name of a company."""

    alias: Annotated[Name, msgspec.Meta(description="The name as written.")]
    language: Annotated[
        Language | None, msgspec.Meta(description="Language it is used in; null for any.")
    ] = None


class IdentifiersInput(InputBase):
    """The company in other registries."""

    wikidata: Annotated[
        WikidataQid | None, msgspec.Meta(description="Wikidata QID, e.g. `Q21708200`.")
    ] = None
    lei: Annotated[Lei | None, msgspec.Meta(description="ISO 17442 Legal Entity Identifier.")] = (
        None
    )
    ticker: Annotated[
        Ticker | None, msgspec.Meta(description="Stock ticker of its main listing.")
    ] = None


class CompanyCreate(InputBase):
    """A company to add to the catalogue."""

    slug: Annotated[Slug, msgspec.Meta(description="Stable identifier, e.g. `openai`.")]
    name: Annotated[Name, msgspec.Meta(description="Usual name; also matched as an alias.")]
    kind: Annotated[CompanyKind, msgspec.Meta(description="What sort of organisation.")] = "company"
    parent: Annotated[Slug | None, msgspec.Meta(description="Slug of the parent company.")] = None
    country: Annotated[
        Country | None, msgspec.Meta(description="ISO 3166-1 alpha-2 country code.")
    ] = None
    website: Annotated[Website | None, msgspec.Meta(description="Official website.")] = None
    identifiers: Annotated[IdentifiersInput, msgspec.Meta(description="Identifier crosswalk.")] = (
        msgspec.field(default_factory=IdentifiersInput)
    )
    aliases: Annotated[
        list[AliasInput], msgspec.Meta(description="Other names it goes by, by language.")
    ] = msgspec.field(default_factory=list)


class CompanyUpdate(InputBase):
    """Changes to a company: only the fields given change."""

    name: Annotated[Name | msgspec.UnsetType, msgspec.Meta(description="Usual name.")] = (
        msgspec.UNSET
    )
    kind: Annotated[
        CompanyKind | msgspec.UnsetType, msgspec.Meta(description="What sort of organisation.")
    ] = msgspec.UNSET
    parent: Annotated[
        Slug | msgspec.UnsetType | None,
        msgspec.Meta(description="Slug of the parent company; null removes it."),
    ] = msgspec.UNSET
    country: Annotated[
        Country | msgspec.UnsetType | None, msgspec.Meta(description="ISO 3166-1 alpha-2 code.")
    ] = msgspec.UNSET
    website: Annotated[
        Website | msgspec.UnsetType | None, msgspec.Meta(description="Official website.")
    ] = msgspec.UNSET
    identifiers: Annotated[
        IdentifiersInput | msgspec.UnsetType,
        msgspec.Meta(description="Identifier crosswalk; replaces all three identifiers."),
    ] = msgspec.UNSET
    aliases: Annotated[
        list[AliasInput] | msgspec.UnsetType,
        msgspec.Meta(description="Other names; replaces every alias (the name stays one)."),
    ] = msgspec.UNSET


Basis = Literal["total", "run_rate"]
BASIS_DESCRIPTION = (
    "`total` for an amount reported for the period, `run_rate` for an annualised run rate."
)


class PeriodInput(InputBase):
    """The calendar period a figure covers."""

    start: Annotated[date, msgspec.Meta(description="First day of the period.")]
    end: Annotated[date, msgspec.Meta(description="Last day of the period (inclusive).")]
    precision: Annotated[
        Precision, msgspec.Meta(description="How precisely the source states the period.")
    ]

    @property
    def key(self) -> tuple[date, date]:
        """(start, end): the period's part of a claim group."""
        return (self.start, self.end)


class ValueReading(InputBase):
    """How to read a raw value: its language and the date of the FX rate."""

    language: Annotated[
        Language | None,
        msgspec.Meta(description="Language of `value`; default the source's, else `en`."),
    ] = None
    as_of: Annotated[
        date | None, msgspec.Meta(description="Reference date of the FX rate; default today.")
    ] = None


class CitedInput(ValueReading):
    """A raw value, and where it is stated when it comes from a stored source."""

    source_id: Annotated[
        SourceId | None, msgspec.Meta(description="The source stating the fact (/v1/sources).")
    ] = None
    quote: Annotated[
        Quote | None, msgspec.Meta(description="The sentence stating it; required with a source.")
    ] = None
    start: Annotated[
        Offset | None,
        msgspec.Meta(
            description="Offset of the value in the source text; found from the quote when omitted."
        ),
    ] = None
    end: Annotated[
        Offset | None, msgspec.Meta(description="Offset just past the value in the source text.")
    ] = None


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
    status: Annotated[Status, msgspec.Meta(description="Reported, forecast, estimate or target.")]
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


class PartyInput(InputBase):
    """A company taking part in a deal."""

    company: Annotated[Slug, msgspec.Meta(description="Company slug.")]
    role: Annotated[
        Annotated[str, msgspec.Meta(pattern=r"^[a-z_]{1,40}$")],
        msgspec.Meta(description="Its role: customer, provider, investor, investee, member..."),
    ]


Parties = Annotated[list[PartyInput], msgspec.Meta(min_length=1)]
Title = Annotated[str, msgspec.Meta(min_length=1, max_length=300)]


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
    announced_on: Annotated[date | None, msgspec.Meta(description="Announcement date.")] = None


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
        date | msgspec.UnsetType | None, msgspec.Meta(description="Announcement date.")
    ] = msgspec.UNSET
