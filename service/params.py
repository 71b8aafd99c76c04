"""Query parameters shared by list routes."""

from __future__ import annotations

from typing import Annotated

from litestar.params import Parameter

Cursor = Annotated[
    str | None,
    Parameter(description="Opaque position from a previous page's `next_cursor`.", max_length=200),
]
Limit = Annotated[int, Parameter(description="Page size.", ge=1, le=100)]
