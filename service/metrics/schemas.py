"""Public shapes of metrics."""

from __future__ import annotations

from typing import Annotated

import msgspec

from service.domain.vocabulary import MetricKind
from service.web.http import Base, NextCursor


class Metric(Base):
    """A measurable quantity of the catalogue."""

    slug: Annotated[str, msgspec.Meta(description="Stable identifier, e.g. `revenue`.")]
    name: Annotated[str, msgspec.Meta(description="Human-readable name.")]
    unit: Annotated[str, msgspec.Meta(description="Canonical unit of its figures.")]
    kind: Annotated[MetricKind, msgspec.Meta(description="Kind of quantity.")]
    description: Annotated[str, msgspec.Meta(description="What it measures.")]


class MetricPage(Base):
    """A page of metrics."""

    data: Annotated[list[Metric], msgspec.Meta(description="Items of this page, in list order.")]
    next_cursor: NextCursor
