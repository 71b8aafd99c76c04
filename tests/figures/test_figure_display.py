"""Money shown in another currency at each figure's date, and polling for changes."""

from __future__ import annotations

import json
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import httpx
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from service.facts.values import DISPLAY_QUANTUM, display_of
from service.normalize.fx import usd_rate
from service.web.params import DISPLAY_CURRENCIES
from tests.figures.helpers import add_figure, deprecate_figure, version_times
from tests.helpers import assert_problem, walk_pages

BILLION = Decimal(10**9)
JUNE_2024 = {
    "period_start": date(2024, 6, 1),
    "period_end": date(2024, 6, 30),
    "period_precision": "month",
}
"""A month ending on a Sunday: its ECB rate is Friday 28 June's."""


def _in(currency: str, usd: Decimal, on: date) -> Decimal:
    return (usd / usd_rate(currency, on).rate).quantize(DISPLAY_QUANTUM)


async def test_eur_display_converts_value_and_bounds_at_the_period_end_rate(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    figure = await add_figure(
        session, 5 * BILLION, bound="range", low=4 * BILLION, high=6 * BILLION, **JUNE_2024
    )

    response = await client.get(f"/v1/figures/{figure.id}", params={"currency": "EUR"})

    body = json.loads(response.text, parse_float=Decimal)
    rate = usd_rate("EUR", date(2024, 6, 30))
    assert rate.date == date(2024, 6, 28)
    assert body["display"] == {
        "currency": "EUR",
        "value": _in("EUR", 5 * BILLION, date(2024, 6, 30)),
        "low": _in("EUR", 4 * BILLION, date(2024, 6, 30)),
        "high": _in("EUR", 6 * BILLION, date(2024, 6, 30)),
        "rate": rate.rate,
        "rate_date": "2024-06-28",
        "rate_source": "ECB",
    }
    assert (body["value"], body["unit"], body["fx"]) == (5 * BILLION, "USD", None)


async def test_the_fx_date_of_a_converted_figure_is_its_display_date(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    fx_day = date(2025, 3, 7)
    figure = await add_figure(
        session, 5 * BILLION, fx_rate=Decimal("1.08"), fx_date=fx_day, fx_source="ECB", **JUNE_2024
    )

    response = await client.get(f"/v1/figures/{figure.id}", params={"currency": "JPY"})

    display = response.json()["display"]
    assert display["rate_date"] == "2025-03-07"
    assert Decimal(str(display["value"])) == _in("JPY", 5 * BILLION, fx_day)


async def test_a_figure_past_the_ecb_history_takes_the_latest_rate(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    figure = await add_figure(session, 5 * BILLION)

    response = await client.get(f"/v1/figures/{figure.id}", params={"currency": "GBP"})

    latest = usd_rate("GBP", date.max)
    assert response.json()["display"]["rate_date"] == latest.date.isoformat()


async def test_lists_and_as_of_reads_display_money_and_leave_other_units_alone(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    money = await add_figure(session, 5 * BILLION, **JUNE_2024)
    power = await add_figure(
        session,
        Decimal(10**9),
        metric_slug="power_capacity",
        unit="W",
        original_unit="GW",
        original_value=Decimal(1),
    )
    [recorded] = await version_times(session, power.id)
    params = {
        "company": "openai",
        "currency": "EUR",
        "include": "all",
        "as_of": recorded.isoformat(),
    }

    figures = await walk_pages(client, "/v1/figures", {**params, "limit": 100})

    shown = {f["id"]: f["display"] for f in figures}
    assert shown[power.id] is None
    assert shown[money.id]["value"] == float(_in("EUR", 5 * BILLION, date(2024, 6, 30)))
    assert all(f["display"] is None for f in figures if f["unit"] != "USD")


async def test_without_a_currency_there_is_no_display(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    figure = await add_figure(session, 5 * BILLION)

    assert (await client.get(f"/v1/figures/{figure.id}")).json()["display"] is None


async def test_an_unknown_currency_answers_400_naming_it(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/figures", params={"currency": "XYZ"})

    body = assert_problem(response, 400)
    assert "XYZ" in body["detail"]
    assert body["errors"][0]["key"] == "currency"


async def test_updated_since_lists_only_figures_changed_at_or_after_it(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    since = await session.scalar(select(func.now()))
    assert since is not None
    figure = await add_figure(session, 5 * BILLION)

    changed = await walk_pages(client, "/v1/figures", {"updated_since": since.isoformat()})
    later = await walk_pages(
        client, "/v1/figures", {"updated_since": (since + timedelta(microseconds=1)).isoformat()}
    )

    assert [f["id"] for f in changed] == [figure.id]
    assert later == []


async def test_updated_since_with_include_all_reports_deprecations(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    since = await session.scalar(select(func.now()))
    assert since is not None
    figure = await deprecate_figure(session, await add_figure(session, 5 * BILLION), "dupe")
    params = {"updated_since": since.isoformat()}

    live = await walk_pages(client, "/v1/figures", params)
    everything = await walk_pages(client, "/v1/figures", {**params, "include": "all"})

    assert live == []
    assert [(f["id"], f["rank"]) for f in everything] == [(figure.id, "deprecated")]


@given(
    usd=st.decimals(min_value=0, max_value=10**15, places=2),
    currency=st.sampled_from([c for c in DISPLAY_CURRENCIES if c not in {"CYP", "EEK", "SIT"}]),
    day=st.dates(min_value=date(2008, 1, 1), max_value=date(2030, 12, 31)),
)
def test_a_display_value_is_the_usd_value_over_the_ecb_rate_to_the_cent(
    usd: Decimal, currency: str, day: date
) -> None:
    row = SimpleNamespace(unit="USD", value=usd, low=None, high=None)

    display = display_of(currency, row, day)

    if display is None:  # a currency the ECB did not quote near that day
        return
    assert display.rate == usd_rate(currency, day).rate
    assert abs(display.value * display.rate - usd) <= DISPLAY_QUANTUM * display.rate / 2
    assert display.value == display.value.quantize(DISPLAY_QUANTUM)
