"""Frames: one best figure per company for a metric and an exact calendar period."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from service.frames.claims import calendar_period
from service.models import Citation, Company, Figure, Metric, Source
from tests.helpers import assert_problem, walk_pages

METRIC = "zz_frame_revenue"
FRAME = f"/v1/metrics/{METRIC}/frames"
YEAR = (date(2025, 1, 1), date(2025, 12, 31))
Q3 = (date(2025, 7, 1), date(2025, 9, 30))


@pytest.fixture(autouse=True)
async def catalogue(session: AsyncSession) -> None:
    """A metric and three companies of their own, so frames hold only this test's figures."""
    session.add(Metric(slug=METRIC, name="Test revenue", unit="USD", kind="money", description="t"))
    session.add_all(Company(slug=f"zz-frame-{c}", name=f"Frame {c}") for c in "abc")
    await session.flush()


async def add_figure(
    session: AsyncSession,
    company: str,
    value: int,
    period: tuple[date, date] = YEAR,
    **fields: Any,
) -> int:
    """A figure of the test metric, cited once; its id."""
    figure = Figure(
        company_slug=f"zz-frame-{company}",
        metric_slug=METRIC,
        period_start=period[0],
        period_end=period[1],
        period_precision=fields.pop("precision", "year"),
        status=fields.pop("status", "actual"),
        value=Decimal(value),
        unit="USD",
        bound=fields.pop("bound", "exact"),
        **fields,
    )
    session.add(figure)
    await session.flush()
    text = f"{company} made {value} dollars."
    source = Source(sha256=hashlib.sha256(f"{figure.id}{text}".encode()).hexdigest(), text=text)
    session.add(source)
    await session.flush()
    session.add(
        Citation(source_id=source.id, figure_id=figure.id, quote=text, start_offset=2, end_offset=6)
    )
    await session.flush()
    return figure.id


async def frame(
    client: httpx.AsyncClient, period: str, **params: str | int
) -> list[dict[str, Any]]:
    """Every row of a frame of the test metric."""
    return await walk_pages(client, f"{FRAME}/{period}", params)


def values(rows: list[dict[str, Any]]) -> dict[str, int]:
    """Company slug -> figure value of frame rows."""
    return {row["company"]: row["figure"]["value"] for row in rows}


async def now(session: AsyncSession) -> datetime:
    """The database clock, which the version triggers stamp versions with."""
    instant: datetime = (await session.execute(select(func.clock_timestamp()))).scalar_one()
    return instant


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("2025-Q3", date(2025, 7, 1), date(2025, 9, 30)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ],
)
def test_calendar_periods_run_from_first_to_last_day(text: str, start: date, end: date) -> None:
    period = calendar_period(text)

    assert (period.start, period.end) == (start, end)


async def test_year_figure_is_in_the_year_frame_and_quarter_figure_is_not(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await add_figure(session, "a", 100)
    await add_figure(session, "b", 30, Q3, precision="quarter")

    rows = await frame(client, "2025")

    assert values(rows) == {"zz-frame-a": 100}
    assert values(await frame(client, "2025-Q3")) == {"zz-frame-b": 30}


async def test_frame_row_carries_the_figure_with_its_citations(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    figure_id = await add_figure(session, "a", 100)

    row = (await frame(client, "2025"))[0]

    assert row["company"] == "zz-frame-a"
    assert row["basis"] == "total"
    assert row["figure"]["id"] == figure_id
    assert row["figure"]["rank"] == "preferred"
    assert row["figure"]["period"] == {
        "start": "2025-01-01",
        "end": "2025-12-31",
        "precision": "year",
    }
    [citation] = row["figure"]["sources"]
    assert (citation["quote"], citation["start"], citation["end"]) == ("a made 100 dollars.", 2, 6)


async def test_run_rate_is_only_in_the_run_rate_frame(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await add_figure(session, "a", 100)
    await add_figure(session, "a", 160, basis="run_rate")
    await add_figure(session, "b", 90, basis="run_rate")

    totals = await frame(client, "2025")
    run_rates = await frame(client, "2025", basis="run_rate")

    assert values(totals) == {"zz-frame-a": 100}
    assert values(run_rates) == {"zz-frame-a": 160, "zz-frame-b": 90}
    assert (
        {row["basis"] for row in run_rates}
        == {row["figure"]["basis"] for row in run_rates}
        == {"run_rate"}
    )


async def test_of_two_claims_the_preferred_one_is_in_the_frame(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await add_figure(session, "a", 120, status="estimate")
    await add_figure(session, "a", 100, status="actual")

    [row] = await frame(client, "2025")

    assert row["figure"]["value"] == 100
    assert row["figure"]["status"] == "actual"


async def test_a_vague_amount_never_enters_a_frame(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    low, high = Decimal(10), Decimal(100)
    await add_figure(session, "a", 55, bound="range", low=low, high=high, vague=True)
    await add_figure(session, "b", 55, bound="range", low=low, high=high, vague=True)
    await add_figure(session, "b", 41, status="estimate")

    assert values(await frame(client, "2025")) == {"zz-frame-b": 41}


async def test_deprecated_claim_is_never_in_the_frame(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await add_figure(session, "a", 120, status="estimate")
    await add_figure(
        session, "a", 100, deprecated_at=datetime.now(UTC), deprecated_reason="misread"
    )
    await add_figure(session, "b", 50, deprecated_at=datetime.now(UTC), deprecated_reason="misread")

    assert values(await frame(client, "2025")) == {"zz-frame-a": 120}


async def test_frame_as_of_shows_the_values_known_then(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    before_any = await now(session)
    figure_id = await add_figure(session, "a", 100)
    after_create = await now(session)
    await session.execute(update(Figure).where(Figure.id == figure_id).values(value=Decimal(110)))
    await session.flush()
    await add_figure(session, "b", 70)

    assert values(await frame(client, "2025", as_of=after_create.isoformat())) == {
        "zz-frame-a": 100
    }
    assert values(await frame(client, "2025", as_of=before_any.isoformat())) == {}
    assert values(await frame(client, "2025")) == {"zz-frame-a": 110, "zz-frame-b": 70}


async def test_frame_pages_walk_companies_in_slug_order(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    for company, value in (("c", 3), ("a", 1), ("b", 2)):
        await add_figure(session, company, value)

    rows = await frame(client, "2025", limit=1)

    assert [row["company"] for row in rows] == ["zz-frame-a", "zz-frame-b", "zz-frame-c"]


@pytest.mark.parametrize("period", ["2025-Q5", "2025-13", "25", "2025-7", "2025-H1", "0999"])
async def test_malformed_period_answers_400(client: httpx.AsyncClient, period: str) -> None:
    assert_problem(await client.get(f"{FRAME}/{period}"), 400)


async def test_unknown_metric_answers_404(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/metrics/no_such_metric/frames/2025")

    assert "no_such_metric" in assert_problem(response, 404)["detail"]


async def test_unknown_basis_answers_400(client: httpx.AsyncClient) -> None:
    assert_problem(await client.get(f"{FRAME}/2025", params={"basis": "annual"}), 400)


async def test_reference_revenue_frame_answers_in_one_call(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/metrics/revenue/frames/2025", params={"limit": 100})

    assert response.status_code == 200
    page = response.json()
    assert page["period"] == {"start": "2025-01-01", "end": "2025-12-31", "precision": "year"}
    companies = [row["company"] for row in page["data"]]
    assert companies == sorted(set(companies))
    assert all(row["figure"]["metric"] == "revenue" for row in page["data"])
