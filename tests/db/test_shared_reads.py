"""Reads by key share statements under load, each caller getting its own record or error."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from service.db.reads import IN_FLIGHT_AT_MOST, KEYS_AT_MOST, PoolReader, fetch_row

SQUARES = "SELECT k AS key, k * k AS square FROM unnest($1::int[]) AS k WHERE k >= 0"
"""Answers every non-negative key with its square; negative keys have no record."""


class CountingReader(PoolReader):
    """A pool reader that remembers the arguments of every statement it ran."""

    def __init__(self, engine: AsyncEngine) -> None:
        super().__init__(engine)
        self.statements: list[tuple[Any, ...]] = []

    async def fetch(self, sql: str, *arguments: Any) -> list[Any]:
        self.statements.append(arguments)
        return await super().fetch(sql, *arguments)


async def _squares(reader: PoolReader, keys: list[int]) -> list[int | None]:
    records = await asyncio.gather(*(reader.fetch_one(SQUARES, key) for key in keys))
    return [None if record is None else record[1] for record in records]


@settings(max_examples=25, deadline=None)
@given(keys=st.lists(st.integers(min_value=-5, max_value=40), min_size=1, max_size=30))
async def test_keys_asked_while_statements_run_share_the_next_each_caller_getting_its_own(
    engine: AsyncEngine, keys: list[int]
) -> None:
    reader = CountingReader(engine)
    try:
        answers = await _squares(reader, keys)
    finally:
        await reader.close()
    assert answers == [key * key if key >= 0 else None for key in keys]
    alone, shared = keys[:IN_FLIGHT_AT_MOST], keys[IN_FLIGHT_AT_MOST:]
    assert reader.statements[: len(alone)] == [([key],) for key in alone]
    assert reader.statements[len(alone) :] == ([(list(dict.fromkeys(shared)),)] if shared else [])


async def test_a_key_asked_alone_is_read_at_once(engine: AsyncEngine) -> None:
    reader = CountingReader(engine)
    try:
        first = await _squares(reader, [3])
        second = await _squares(reader, [4])
    finally:
        await reader.close()
    assert (first, second) == ([9], [16])
    assert reader.statements == [([3],), ([4],)]


async def test_more_keys_waiting_than_one_statement_takes_are_read_by_several(
    engine: AsyncEngine,
) -> None:
    reader = CountingReader(engine)
    keys = list(range(IN_FLIGHT_AT_MOST + KEYS_AT_MOST * 2 + 1))
    try:
        answers = await _squares(reader, keys)
    finally:
        await reader.close()
    assert answers == [key * key for key in keys]
    sizes = [len(arguments[0]) for arguments in reader.statements]
    assert sizes == [1] * IN_FLIGHT_AT_MOST + [KEYS_AT_MOST, KEYS_AT_MOST, 1]


async def test_the_shared_statements_error_reaches_every_caller(engine: AsyncEngine) -> None:
    reader = PoolReader(engine)
    failing = "SELECT k AS key, 1 / (k - k) FROM unnest($1::int[]) AS k"
    try:
        outcomes = await asyncio.gather(
            *(reader.fetch_one(failing, key) for key in range(IN_FLIGHT_AT_MOST + 3)),
            return_exceptions=True,
        )
        assert all(isinstance(outcome, DBAPIError) for outcome in outcomes)
        assert {getattr(o.orig, "sqlstate", None) for o in outcomes} == {"22012"}  # type: ignore[union-attr]
        assert await _squares(reader, [5]) == [25]
    finally:
        await reader.close()


async def test_a_caller_that_stops_waiting_leaves_the_statement_to_the_others(
    engine: AsyncEngine,
) -> None:
    reader = PoolReader(engine)
    slow = "SELECT k AS key, k FROM unnest($1::int[]) AS k, pg_sleep(0.2)"
    try:
        running = [reader.fetch_one(slow, -key) for key in range(1, IN_FLIGHT_AT_MOST + 1)]
        first = asyncio.gather(*running)
        leaving = asyncio.create_task(reader.fetch_one(slow, 1))
        staying = asyncio.create_task(reader.fetch_one(slow, 2))
        await asyncio.sleep(0.05)
        leaving.cancel()
        with pytest.raises(asyncio.CancelledError):
            await leaving
        record = await staying
        assert record is not None
        assert record[1] == 2
        await first
    finally:
        await reader.close()


TOTALS = (
    "SELECT string_agg(word, ',' ORDER BY word), count(*) "
    "FROM unnest(string_to_array($1, ' ')) AS word WHERE length(word) > $2"
)
"""One aggregate row for a text and a number, as a page's statement answers."""


@settings(max_examples=20, deadline=None)
@given(
    keys=st.lists(
        st.tuples(st.text("abc ", max_size=12), st.integers(min_value=0, max_value=3)),
        min_size=1,
        max_size=12,
    )
)
async def test_one_row_statements_asked_together_answer_each_key_as_alone(
    engine: AsyncEngine, keys: list[tuple[str, int]]
) -> None:
    reader = CountingReader(engine)
    try:
        shared = await asyncio.gather(*(fetch_row(reader, TOTALS, *key) for key in keys))
        statements = len(reader.statements)
        alone = [(await reader.fetch(TOTALS, *key))[0] for key in keys]
    finally:
        await reader.close()
    assert [tuple(row) for row in shared] == [tuple(row) for row in alone]
    assert statements == min(len(keys), IN_FLIGHT_AT_MOST + 1)


async def test_a_statement_with_an_argument_no_array_carries_runs_alone(
    engine: AsyncEngine,
) -> None:
    reader = CountingReader(engine)
    try:
        row = await fetch_row(reader, "SELECT $1::date + 1", date(2026, 1, 31))
    finally:
        await reader.close()
    assert tuple(row) == (date(2026, 2, 1),)
    assert reader.statements == [(date(2026, 1, 31),)]


async def test_keys_behind_a_slow_statement_start_their_own_after_a_short_wait(
    engine: AsyncEngine,
) -> None:
    reader = PoolReader(engine)
    sleepy = (
        "SELECT k AS key, k FROM unnest($1::int[]) AS k, "
        "LATERAL (SELECT pg_sleep(CASE WHEN k < 0 THEN 1 ELSE 0 END)) AS pause"
    )
    try:
        slow = [asyncio.create_task(reader.fetch_one(sleepy, -k)) for k in range(1, 3)]
        await asyncio.sleep(0.05)
        moment = asyncio.get_running_loop().time()
        record = await reader.fetch_one(sleepy, 7)
        waited = asyncio.get_running_loop().time() - moment
        assert record is not None
        assert record[1] == 7
        assert waited < 0.5
        assert not any(task.done() for task in slow)
        await asyncio.gather(*slow)
    finally:
        await reader.close()
