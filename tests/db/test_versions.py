"""The version history kept by the database triggers: nothing is overwritten."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.actor import act_as, job_actor, token_actor
from service.facts.bulk import copy_rows, driver_connection
from service.models import Base, Company, CompanyVersion, Figure, FigureVersion

FIGURES = Base.metadata.tables["figures"]


async def _figure(session: AsyncSession, value: int = 5) -> Figure:
    figure = Figure(
        company_slug="openai",
        metric_slug="revenue",
        period_start=date(2032, 1, 1),
        period_end=date(2032, 12, 31),
        period_precision="year",
        status="actual",
        value=Decimal(value),
        unit="USD",
        bound="exact",
    )
    session.add(figure)
    await session.flush()
    return figure


async def _versions(session: AsyncSession, figure_id: int) -> list[FigureVersion]:
    rows = await session.scalars(
        select(FigureVersion).where(FigureVersion.id == figure_id).order_by(FigureVersion.version)
    )
    return list(rows)


async def test_a_new_figure_is_version_one_recorded_by_the_acting_job(
    session: AsyncSession,
) -> None:
    await act_as(session, job_actor(41))
    figure = await _figure(session)
    (first,) = await _versions(session, figure.id)
    assert (first.version, first.change, first.recorded_by) == (1, "create", "job:41")
    assert first.superseded_at is None
    assert first.value == Decimal(5)


async def test_a_change_closes_the_old_version_exactly_when_the_new_one_starts(
    session: AsyncSession,
) -> None:
    figure = await _figure(session)
    await act_as(session, token_actor("curator"))
    figure.value = Decimal(6)
    await session.flush()
    old, new = await _versions(session, figure.id)
    assert (old.value, new.value) == (Decimal(5), Decimal(6))
    assert old.superseded_at == new.recorded_at
    assert (new.version, new.change, new.recorded_by) == (2, "update", "token:curator")
    assert new.superseded_at is None


async def test_without_an_actor_the_change_is_recorded_as_system(session: AsyncSession) -> None:
    figure = await _figure(session)
    (first,) = await _versions(session, figure.id)
    assert first.recorded_by == "system"


async def test_a_deprecation_is_a_version_of_its_own(session: AsyncSession) -> None:
    figure = await _figure(session)
    figure.deprecated_at = await session.scalar(select(func.now()))
    figure.deprecated_reason = "misread"
    await session.flush()
    _, deprecated = await _versions(session, figure.id)
    assert (deprecated.change, deprecated.deprecated_reason) == ("deprecate", "misread")


async def test_a_change_of_rank_alone_makes_no_version(session: AsyncSession) -> None:
    figure = await _figure(session)
    await session.execute(update(Figure).where(Figure.id == figure.id).values(rank="normal"))
    assert len(await _versions(session, figure.id)) == 1


async def test_rows_copied_in_bulk_get_their_first_version(session: AsyncSession) -> None:
    connection = await driver_connection(await session.connection())
    await act_as(session, "bulk")
    columns = ("id", "company_slug", "metric_slug", "period_start", "period_end")
    rest = ("period_precision", "status", "value", "unit", "bound")
    january = (date(2032, 1, 1), date(2032, 1, 31))
    rows = [
        (
            900_000_000 + n,
            "openai",
            "users",
            *january,
            "month",
            "actual",
            Decimal(n),
            "user",
            "exact",
        )
        for n in range(3)
    ]
    assert await copy_rows(connection, FIGURES, columns + rest, rows) == 3
    recorded = await session.scalars(
        select(FigureVersion.recorded_by).where(FigureVersion.id >= 900_000_000)
    )
    assert list(recorded) == ["bulk"] * 3


async def test_a_company_rename_is_versioned(session: AsyncSession) -> None:
    session.add(Company(slug="versionco", name="Version Co"))
    await session.flush()
    company = await session.get_one(Company, "versionco")
    company.name = "Version Company"
    await session.flush()
    names = await session.scalars(
        select(CompanyVersion.name)
        .where(CompanyVersion.slug == "versionco")
        .order_by(CompanyVersion.version)
    )
    assert list(names) == ["Version Co", "Version Company"]


async def test_a_version_holds_every_column_of_its_fact(session: AsyncSession) -> None:
    figure = await _figure(session)
    figure.basis = "run_rate"
    figure.original_text = "five dollars"
    await session.flush()
    stored = (await session.execute(select(Figure.__table__).where(Figure.id == figure.id))).one()
    version_columns = [FigureVersion.__table__.c[name] for name in stored._fields]
    current = (
        await session.execute(
            select(*version_columns).where(
                FigureVersion.id == figure.id, FigureVersion.superseded_at.is_(None)
            )
        )
    ).one()
    differing = {
        name
        for name, mine, theirs in zip(stored._fields, stored, current, strict=True)
        if mine != theirs
    }
    assert differing <= {"updated_at"}
