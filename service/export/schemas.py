"""Public shapes of the exports: one NDJSON line per fact, and the CSV columns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Final, Literal

import msgspec
from litestar.openapi.spec import (
    OpenAPIHeader,
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Operation,
    Reference,
    Schema,
)

from service.domain.vocabulary import BoundName, DealKind, DealStatus, FigureStatus, RankName
from service.web.http import Base
from service.web.problems import PROBLEM_MEDIA_TYPE

NDJSON: Final = "application/x-ndjson"
CSV: Final = "text/csv"
ExportFormat = Literal["ndjson", "csv"]

Number = Annotated[Decimal | None, msgspec.Meta(description="Exact decimal number, or null.")]


class ExportedCitation(Base):
    """Where an exported fact is stated."""

    source: Annotated[int, msgspec.Meta(description="The id of the source document.")]
    quote: Annotated[str, msgspec.Meta(description="The sentence that states the fact.")]
    start: Annotated[int, msgspec.Meta(description="Offset of the quantity's first character.")]
    end: Annotated[int, msgspec.Meta(description="Offset just past its last character.")]


class ExportedParty(Base):
    """A company taking part in an exported deal."""

    company: Annotated[str, msgspec.Meta(description="Company slug.")]
    role: Annotated[str, msgspec.Meta(description="Its role: customer, investor, member...")]


class _Money(Base):
    """The value part shared by figures and deals, flattened."""

    unit: Annotated[str | None, msgspec.Meta(description="Canonical unit: `USD`, `W`, `Wh`...")]
    bound: Annotated[BoundName | None, msgspec.Meta(description="How the value was qualified.")]
    low: Number
    high: Number
    original_text: Annotated[str | None, msgspec.Meta(description="The words of the source.")]
    original_value: Number
    original_unit: Annotated[str | None, msgspec.Meta(description="Currency or unit as written.")]
    fx_rate: Number
    fx_date: Annotated[date | None, msgspec.Meta(description="Reference date of the FX rate.")]
    fx_source: Annotated[str | None, msgspec.Meta(description="Publisher of the FX rate.")]
    rank: Annotated[
        RankName,
        msgspec.Meta(
            description="`preferred`, `normal` (another claim is preferred) or "
            "`deprecated` (withdrawn by a curator)."
        ),
    ]
    updated_at: Annotated[datetime, msgspec.Meta(description="Last change of the fact.")]
    citations: Annotated[
        list[ExportedCitation], msgspec.Meta(description="Every citation, in source order.")
    ]


class FigureExportLine(_Money):
    """One line of the figure export."""

    id: Annotated[int, msgspec.Meta(description="Figure id (as in /v1/figures/{id}).")]
    company: Annotated[str, msgspec.Meta(description="Company slug.")]
    metric: Annotated[str, msgspec.Meta(description="Metric slug.")]
    value: Annotated[Decimal, msgspec.Meta(description="Canonical value, exact.")]
    period_start: Annotated[date, msgspec.Meta(description="First day of the period.")]
    period_end: Annotated[date, msgspec.Meta(description="Last day of the period.")]
    precision: Annotated[
        Literal["day", "month", "quarter", "year"],
        msgspec.Meta(description="How precisely the period was stated."),
    ]
    status: Annotated[FigureStatus, msgspec.Meta(description="Status.")]
    basis: Annotated[
        Literal["total", "run_rate"],
        msgspec.Meta(description="`total` for the period, `run_rate` for an annualised rate."),
    ]


class DealExportLine(_Money):
    """One line of the deal export."""

    id: Annotated[int, msgspec.Meta(description="Deal id (as in /v1/deals/{id}).")]
    kind: Annotated[DealKind, msgspec.Meta(description="What sort of deal it is.")]
    title: Annotated[str, msgspec.Meta(description="Short human-readable name.")]
    status: Annotated[DealStatus, msgspec.Meta(description="Where the deal stands.")]
    announced_on: Annotated[date | None, msgspec.Meta(description="Announcement date.")]
    duration: Annotated[str | None, msgspec.Meta(description="ISO 8601 duration, e.g. `P7Y`.")]
    value: Annotated[Decimal | None, msgspec.Meta(description="Canonical value, exact, or null.")]
    parties: Annotated[list[ExportedParty], msgspec.Meta(description="Companies and roles.")]


FIGURE_COLUMNS: Final = (
    "id", "company", "metric", "value", "unit", "bound", "low", "high", "period_start",
    "period_end", "precision", "status", "basis", "rank", "original_text", "original_value",
    "original_unit", "fx_rate", "fx_date", "fx_source", "updated_at",
)  # fmt: skip
"""Fields of a figure line before its citations, in CSV column order."""

DEAL_COLUMNS: Final = (
    "id", "kind", "title", "status", "announced_on", "duration", "value", "unit", "bound",
    "low", "high", "original_text", "original_value", "original_unit", "fx_rate", "fx_date",
    "fx_source", "rank", "updated_at",
)  # fmt: skip
"""Fields of a deal line before its parties and citations, in CSV column order."""

CITATION_COLUMNS: Final = ("citation_count", "first_source", "first_quote")
"""The CSV columns standing for the citation list."""

_CSV_RULES: Final = (
    "CSV (RFC 4180): a header row, CRLF line ends, fields quoted when they hold a comma, a "
    "double quote (written twice) or a line break; null is an empty field. Numbers are exact "
    "decimals without exponent, dates `YYYY-MM-DD`, times ISO 8601 in UTC. The citations "
    "become `citation_count`, `first_source` (source id of the first citation in source "
    "order) and `first_quote` (its sentence); the NDJSON line has them all."
)


def export_description(kind: str, columns: tuple[str, ...], extra: str = "") -> str:
    """The description of an export operation: formats, negotiation and CSV columns."""
    csv_columns = ", ".join(f"`{name}`" for name in (*columns, *extra_columns(kind)))
    return (
        f"Every {kind} matching the filters, in id order, streamed. NDJSON "
        f"(`{NDJSON}`): one JSON object per line, fields as in the schema, decimals as exact "
        "JSON numbers. The format is `format` if given, else the best of the `Accept` header "
        f"(NDJSON if absent or `*/*`; 406 if it names neither). {_CSV_RULES}{extra} "
        f"CSV columns: {csv_columns}. By default only live, preferred facts; "
        "`include=all` adds normal and deprecated ones, told apart by `rank`. With `as_of`, "
        "the facts, ranks and citations as the API knew them at that instant."
    )


def extra_columns(kind: str) -> tuple[str, ...]:
    """The CSV columns after the plain fields of `kind` (`figure` or `deal`)."""
    return ("parties", *CITATION_COLUMNS) if kind == "deal" else CITATION_COLUMNS


@dataclass
class ExportOperation(Operation):
    """An export operation: its 200 answer offers CSV beside NDJSON, and it may answer 406."""

    def __post_init__(self) -> None:
        """Add the CSV media type, the attachment header and the 406 answer."""
        responses = self.responses if self.responses is not None else {}
        ok = responses.get("200")
        if isinstance(ok, OpenAPIResponse):
            ok.content = {
                **(ok.content or {}),
                CSV: OpenAPIMediaType(
                    schema=Schema(type=OpenAPIType.STRING, description="CSV with a header row.")
                ),
            }
            ok.headers = {
                "Content-Disposition": OpenAPIHeader(
                    schema=Schema(type=OpenAPIType.STRING),
                    description="`attachment; filename=<kind>.csv` on CSV answers.",
                    required=False,
                )
            }
        responses["406"] = OpenAPIResponse(
            description="The `Accept` header names neither NDJSON nor CSV.",
            content={
                PROBLEM_MEDIA_TYPE: OpenAPIMediaType(
                    schema=Reference("#/components/schemas/Problem")
                )
            },
        )
        self.responses = responses
