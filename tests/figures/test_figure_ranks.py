"""Claim ranks: lists serve the preferred claim of each group unless include=all."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from tests.figures.helpers import PERIOD, add_figure, add_source, cite, deprecate_figure
from tests.helpers import assert_problem, walk_pages

BILLION = Decimal(10**9)


async def _group(client: httpx.AsyncClient, **params: str) -> list[dict[str, Any]]:
    query = {
        "company": "openai",
        "metric": "revenue",
        "period_from": PERIOD[0].isoformat(),
        "period_to": PERIOD[1].isoformat(),
    }
    return await walk_pages(client, "/v1/figures", {**query, **params, "limit": 100})


async def test_a_list_serves_only_the_preferred_claim_and_include_all_every_claim(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    forecast = await add_figure(session, 5 * BILLION, status="forecast")
    actual = await add_figure(session, 6 * BILLION)
    withdrawn = await deprecate_figure(session, await add_figure(session, 8 * BILLION), "typo")

    preferred = await _group(client)
    everything = await _group(client, include="all")

    assert [(f["id"], f["rank"]) for f in preferred] == [(actual.id, "preferred")]
    assert {f["id"]: f["rank"] for f in everything} == {
        forecast.id: "normal",
        actual.id: "preferred",
        withdrawn.id: "deprecated",
    }
    [deprecated] = [f for f in everything if f["id"] == withdrawn.id]
    assert deprecated["deprecation"]["reason"] == "typo"
    assert all(f["deprecation"] is None for f in everything if f["id"] != withdrawn.id)


async def test_a_normal_claim_is_served_by_id_with_its_rank(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    forecast = await add_figure(session, 5 * BILLION, status="forecast")
    await add_figure(session, 6 * BILLION)

    response = await client.get(f"/v1/figures/{forecast.id}")

    assert response.status_code == 200
    assert (response.json()["rank"], response.json()["value"]) == ("normal", 5 * BILLION)


async def test_a_deprecated_figure_answers_404_by_id_unless_include_all(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    figure = await deprecate_figure(session, await add_figure(session, 5 * BILLION), "dupe")

    hidden = await client.get(f"/v1/figures/{figure.id}")
    shown = await client.get(f"/v1/figures/{figure.id}", params={"include": "all"})

    assert_problem(hidden, 404)
    assert shown.json()["rank"] == "deprecated"
    assert shown.json()["deprecation"]["reason"] == "dupe"
    assert shown.json()["deprecation"]["at"]


async def test_a_claim_backed_by_the_company_website_beats_a_better_corroborated_one(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    secondary = await add_figure(session, 5 * BILLION)
    primary = await add_figure(session, 6 * BILLION)
    await cite(session, secondary, await add_source(session, "news-a"))
    await cite(session, secondary, await add_source(session, "news-b"))
    await cite(session, primary, await add_source(session, "blog", url="https://openai.com/x"))

    ranks = {f["id"]: f["rank"] for f in await _group(client, include="all")}

    assert ranks == {secondary.id: "normal", primary.id: "preferred"}


async def test_the_basis_of_a_run_rate_figure_is_served(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    figure = await add_figure(session, 13 * BILLION, basis="run_rate")

    response = await client.get(f"/v1/figures/{figure.id}")

    assert response.json()["basis"] == "run_rate"


async def test_the_default_list_has_at_most_one_claim_per_group(client: httpx.AsyncClient) -> None:
    figures = await walk_pages(client, "/v1/figures", {"limit": 100})
    everything = await walk_pages(client, "/v1/figures", {"limit": 100, "include": "all"})

    groups = Counter(
        (f["company"], f["metric"], f["period"]["start"], f["period"]["end"]) for f in figures
    )
    assert groups.most_common(1)[0][1] == 1
    assert {f["rank"] for f in figures} == {"preferred"}
    assert len(everything) >= len(figures)
