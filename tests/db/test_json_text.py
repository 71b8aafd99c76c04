"""PostgreSQL writes each JSON value of a document exactly as the service's encoder would."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import msgspec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.ext.asyncio import AsyncSession

from service.db import json_text as j
from service.db.prepared import fetch_text
from service.models.base import plain_decimal
from service.web.http import JSON_ENCODER

CHECKS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
TEXT = st.text(st.characters(exclude_characters="\x00", exclude_categories=["Cs"]))
"""Any text PostgreSQL can store (no NUL, no lone surrogate)."""
NUMBERS = st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**40), max_value=10**40)
INSTANTS = st.datetimes(
    min_value=datetime(1900, 1, 1),  # noqa: DTZ001 (hypothesis bounds are naive)
    max_value=datetime(2099, 12, 31),  # noqa: DTZ001
    timezones=st.just(UTC),
)


async def _written(
    session: AsyncSession, expression: Callable[[str], str], cast: str, value: object
) -> Any:
    rows = await fetch_text(session, f"SELECT {expression(f'$1::{cast}')}", value)
    return rows[0][0]


@CHECKS
@given(text=TEXT | st.none())
async def test_strings_are_escaped_as_msgspec_escapes_them(
    session: AsyncSession, text: str | None
) -> None:
    assert await _written(session, j.string, "text", text) == JSON_ENCODER.encode(text).decode(
        "utf-8"
    )


@CHECKS
@given(number=NUMBERS | st.none())
async def test_numbers_read_exact_are_written_as_the_general_path_writes_them(
    session: AsyncSession, number: Decimal | None
) -> None:
    sql = f"SELECT $1::numeric, {j.number('$1::numeric')}, {j.exact_number('$1::numeric')}"
    stored, written, exact = (await fetch_text(session, sql, number))[0]
    if exact:
        general = None if stored is None else plain_decimal(stored)
        assert written == JSON_ENCODER.encode(general).decode()
    else:
        assert stored is not None


@CHECKS
@given(
    number=st.integers(min_value=-(10**28) + 1, max_value=10**28 - 1).map(Decimal)
    | st.builds(
        lambda digits, places: Decimal(digits).scaleb(-places),
        st.integers(min_value=-(10**15), max_value=10**15).filter(bool),
        st.integers(0, 6),
    )
)
async def test_integers_under_1e28_and_amounts_with_up_to_six_decimals_are_exact(
    session: AsyncSession, number: Decimal
) -> None:
    assert await _written(session, j.exact_number, "numeric", number) is True


@CHECKS
@given(
    confidence=st.floats(min_value=0, max_value=1) | st.sampled_from([0.0, 1.0, 0.0001, 0.5, 1 / 3])
)
async def test_confidences_are_written_as_msgspec_writes_floats(
    session: AsyncSession, confidence: float
) -> None:
    sql = f"SELECT {j.unit_float('$1::float8')}, {j.exact_unit_float('$1::float8')}"
    written, exact = (await fetch_text(session, sql, confidence))[0]
    assert exact == (confidence == 0 or confidence >= 0.0001)
    if exact:
        assert written == JSON_ENCODER.encode(confidence).decode()


@CHECKS
@given(at=INSTANTS | st.none())
async def test_instants_are_written_in_utc_as_msgspec_writes_them(
    session: AsyncSession, at: datetime | None
) -> None:
    assert await _written(session, j.instant, "timestamptz", at) == (
        JSON_ENCODER.encode(at).decode()
    )


@CHECKS
@given(
    signals=st.dictionaries(TEXT, st.booleans() | st.integers(-(10**12), 10**12) | TEXT, max_size=6)
)
async def test_jsonb_objects_keep_the_order_asyncpg_reads_them_in(
    session: AsyncSession, signals: dict[str, object]
) -> None:
    stored = msgspec.json.encode(signals).decode()
    sql = f"SELECT $1::jsonb::text, {j.json_object_of_jsonb('$1::jsonb')}"
    as_read, written = (await fetch_text(session, sql, stored))[0]
    assert written == JSON_ENCODER.encode(msgspec.json.decode(as_read)).decode()
