"""The fast figure path (one prepared statement) answers as the general path for its filters."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import msgspec
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from service.facts.values import TODAY, Reading
from service.figures import service as figures_service
from service.figures.service import FigureFilter, FigureService

SAMPLE_VALUES: dict[str, Any] = {
    "company": "openai",
    "metric": "revenue",
    "kind": "money",
    "status": "actual",
    "source": 1,
    "period_from": date(2025, 1, 1),
    "period_to": date(2025, 12, 31),
    "min_value": Decimal(1),
    "max_value": Decimal(10**12),
    "min_confidence": 0.5,
    "updated_since": datetime(2000, 1, 1, tzinfo=UTC),
}
"""A value for every field of FigureFilter."""


def test_every_filter_field_has_a_sample() -> None:
    assert set(FigureFilter.__struct_fields__) == set(SAMPLE_VALUES)


@pytest.mark.parametrize("field", sorted(SAMPLE_VALUES))
def test_a_filter_the_fast_path_does_not_serve_sends_the_page_to_the_general_path(
    field: str,
) -> None:
    filters = FigureFilter(**{field: SAMPLE_VALUES[field]})
    simple = figures_service._simple_filters(filters, TODAY, None)
    if field in figures_service._SIMPLE:
        assert simple == {field: SAMPLE_VALUES[field]}
    else:
        assert simple is None
    as_of = Reading(as_of=datetime.now(UTC))
    assert figures_service._simple_filters(filters, as_of, None) is None


@pytest.mark.parametrize(
    "fields", [(), *((field,) for field in sorted(figures_service._SIMPLE)), ("company", "metric")]
)
@pytest.mark.parametrize("after", [None, 1])
async def test_the_fast_and_general_paths_answer_the_same(
    session: AsyncSession,
    monkeypatch: pytest.MonkeyPatch,
    fields: tuple[str, ...],
    after: int | None,
) -> None:
    filters = FigureFilter(**{field: SAMPLE_VALUES[field] for field in fields})
    figures = FigureService(session)
    assert figures_service._simple_filters(filters, TODAY, after) is not None

    fast = await figures.page(filters, TODAY, after=after, limit=50)
    monkeypatch.setattr(figures_service, "_simple_filters", lambda *_: None)
    general = await figures.page(filters, TODAY, after=after, limit=50)

    assert fast
    assert msgspec.to_builtins(fast) == msgspec.to_builtins(general)
