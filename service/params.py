"""Query parameters shared by list routes."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Final

from litestar.params import Parameter

MAX_ID: Final = 2**53 - 1
"""Largest identifier: the largest integer every JSON reader holds exactly (ids are `bigint`)."""

Cursor = Annotated[
    str | None,
    Parameter(description="Opaque position from a previous page's `next_cursor`.", max_length=200),
]
Limit = Annotated[int, Parameter(description="Page size.", ge=1, le=100)]
CompanySlug = Annotated[str | None, Parameter(description="Company slug.", max_length=100)]
SourceId = Annotated[
    int | None, Parameter(description="Only facts cited from this source id.", ge=1, le=MAX_ID)
]
MinValue = Annotated[Decimal | None, Parameter(description="Canonical value at least this.")]
MaxValue = Annotated[Decimal | None, Parameter(description="Canonical value at most this.")]
