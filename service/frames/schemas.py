"""Public shapes of frames: one figure per company for a metric and a calendar period."""

from __future__ import annotations

from typing import Annotated

import msgspec

from service.domain.vocabulary import Basis
from service.figures.schemas import Figure, Period
from service.web.http import Base, NextCursor


class FrameRow(Base):
    """The best figure of one company for the frame's metric, period and basis."""

    company: Annotated[str, msgspec.Meta(description="Company slug.")]
    basis: Annotated[Basis, msgspec.Meta(description="Basis of the figure (the frame's).")]
    figure: Annotated[Figure, msgspec.Meta(description="The figure, with its citations.")]


class FramePage(Base):
    """A page of a frame."""

    metric: Annotated[str, msgspec.Meta(description="Metric slug.")]
    period: Annotated[Period, msgspec.Meta(description="The calendar period of the frame.")]
    basis: Annotated[Basis, msgspec.Meta(description="`total` or `run_rate`.")]
    data: Annotated[
        list[FrameRow], msgspec.Meta(description="One row per company, in company slug order.")
    ]
    next_cursor: NextCursor
