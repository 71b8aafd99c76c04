"""Statements compiled once and run on the session's asyncpg connection read like the ORM's."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest
from sqlalchemy import ARRAY, String, any_, bindparam, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from service.db.engine import create_read_sessionmaker, create_sessionmaker
from service.db.prepared import Prepared
from service.models import Company, Figure
from tests.helpers import assert_problem

BY_SLUGS = Prepared(
    select(Company.slug, Company.name)
    .where(Company.slug == any_(bindparam("slugs", type_=ARRAY(String))))
    .order_by(Company.slug)
)
FIGURE_VALUES = Prepared(
    select(Figure.id, Figure.value).where(Figure.id == bindparam("id")).order_by(Figure.id)
)
PROBE = "prepared-probe"


async def test_rows_read_by_name_and_position_and_lists_bind_as_one_array(
    session: AsyncSession,
) -> None:
    session.add_all(
        [Company(slug=f"{PROBE}-{n}", name=f"Probe {n}", kind="company") for n in (1, 2)]
    )
    await session.flush()

    rows = await BY_SLUGS.fetch(session, slugs=[f"{PROBE}-2", f"{PROBE}-1", "nobody"])

    assert [(row.slug, row[1]) for row in rows] == [
        (f"{PROBE}-1", "Probe 1"),
        (f"{PROBE}-2", "Probe 2"),
    ]
    assert "ANY" in BY_SLUGS.sql


async def test_values_come_back_as_the_orm_reads_them(session: AsyncSession) -> None:
    figure = (await session.scalars(select(Figure).order_by(Figure.id).limit(1))).one()

    row = (await FIGURE_VALUES.fetch(session, id=figure.id))[0]
    orm_row = (await session.execute(FIGURE_VALUES.statement, {"id": figure.id})).one()

    assert isinstance(row.value, Decimal)
    assert (row.id, str(row.value)) == (orm_row.id, str(orm_row.value))
    assert "E" not in str(row.value)


async def test_a_writing_session_reads_its_own_uncommitted_rows(engine: AsyncEngine) -> None:
    async with create_sessionmaker(engine)() as session:
        # The first statement opens the transaction the usual way, the next ones share it.
        assert await BY_SLUGS.fetch(session, slugs=[PROBE]) == []
        session.add(Company(slug=PROBE, name="Uncommitted", kind="company"))
        await session.flush()

        rows = await BY_SLUGS.fetch(session, slugs=[PROBE])

        assert [row.name for row in rows] == ["Uncommitted"]
        await session.rollback()
    async with create_read_sessionmaker(engine)() as session:
        assert await BY_SLUGS.fetch(session, slugs=[PROBE]) == []


async def test_values_written_in_the_statement_are_bound_with_the_given_ones(
    session: AsyncSession,
) -> None:
    kinds = Prepared(
        select(Company.slug).where(Company.slug == bindparam("slug"), Company.kind == "company")
    )
    session.add(Company(slug=PROBE, name="Probe", kind="company"))
    await session.flush()

    assert [row.slug for row in await kinds.fetch(session, slug=PROBE)] == [PROBE]


async def test_an_error_postgresql_answers_is_raised_as_sqlalchemy_would_with_its_sqlstate(
    session: AsyncSession,
) -> None:
    with pytest.raises(DBAPIError) as raised:
        await BY_SLUGS.fetch(session, slugs=["nul\x00byte"])
    assert getattr(raised.value.orig, "sqlstate", None) == "22021"
    assert not raised.value.connection_invalidated


async def test_a_nul_character_in_a_hot_read_answers_422_problem(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/v1/figures", params={"company": "open\x00ai"})
    assert_problem(response, 422)
