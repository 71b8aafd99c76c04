"""Deals as of an instant, their history, ranks, display currency and change polling."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from service.facts.values import DISPLAY_QUANTUM
from service.normalize.fx import usd_rate
from tests.deals.helpers import ACTOR, add_deal, change_deal, deal_version_times, deprecate_deal
from tests.figures.helpers import MICROSECOND
from tests.helpers import assert_problem, walk_pages

BILLION = Decimal(10**9)


async def _as_of(
    client: httpx.AsyncClient, deal_id: int, at: datetime, **params: str
) -> httpx.Response:
    return await client.get(f"/v1/deals/{deal_id}", params={"as_of": at.isoformat(), **params})


async def _listed(client: httpx.AsyncClient, **params: str) -> list[dict[str, Any]]:
    return await walk_pages(client, "/v1/deals", {"company": "oracle", **params, "limit": 100})


async def test_a_deal_is_absent_just_before_its_creation_and_present_at_it(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    deal = await add_deal(session, 30 * BILLION)
    [created] = await deal_version_times(session, deal.id)

    assert_problem(await _as_of(client, deal.id, created - MICROSECOND), 404)
    assert (await _as_of(client, deal.id, created)).json()["value"]["value"] == 30 * BILLION
    before = await _listed(client, as_of=(created - MICROSECOND).isoformat())
    at = await _listed(client, as_of=created.isoformat())
    assert deal.id not in {d["id"] for d in before}
    assert deal.id in {d["id"] for d in at}


async def test_a_deal_update_shows_the_old_value_then_the_new(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    deal = await change_deal(session, await add_deal(session, 30 * BILLION), value=40 * BILLION)
    _, updated = await deal_version_times(session, deal.id)

    old = (await _as_of(client, deal.id, updated - MICROSECOND)).json()
    new = (await _as_of(client, deal.id, updated)).json()

    assert old["value"]["value"] == 30 * BILLION
    assert new["value"]["value"] == 40 * BILLION
    assert new == (await client.get(f"/v1/deals/{deal.id}")).json()


async def test_a_deprecated_deal_is_hidden_at_and_after_it_unless_include_all(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    deal = await deprecate_deal(session, await add_deal(session, 30 * BILLION), "not signed")
    _, deprecated = await deal_version_times(session, deal.id)

    assert (await _as_of(client, deal.id, deprecated - MICROSECOND)).json()["rank"] == "preferred"
    assert_problem(await _as_of(client, deal.id, deprecated), 404)
    assert_problem(await client.get(f"/v1/deals/{deal.id}"), 404)
    shown = (await client.get(f"/v1/deals/{deal.id}", params={"include": "all"})).json()
    assert shown["rank"] == "deprecated"
    assert shown["deprecation"]["reason"] == "not signed"
    assert deal.id not in {d["id"] for d in await _listed(client)}
    ranks = {d["id"]: d["rank"] for d in await _listed(client, include="all")}
    assert ranks[deal.id] == "deprecated"
    assert set(ranks.values()) == {"preferred", "deprecated"}


async def test_deal_history_lists_every_version_oldest_first_with_its_actor(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    deal = await add_deal(session, 30 * BILLION)
    deal = await change_deal(session, deal, status="completed")
    deal = await deprecate_deal(session, deal, "duplicate")

    response = await client.get(f"/v1/deals/{deal.id}/history")

    versions = response.json()["data"]
    assert [(v["version"], v["change"]) for v in versions] == [
        (1, "create"),
        (2, "update"),
        (3, "deprecate"),
    ]
    assert {v["recorded_by"] for v in versions} == {ACTOR}
    recorded = [datetime.fromisoformat(v["recorded_at"]) for v in versions]
    assert recorded == await deal_version_times(session, deal.id)
    assert [v["deal"]["status"] for v in versions] == ["signed", "completed", "completed"]
    assert [v["deal"]["rank"] for v in versions] == ["preferred", "preferred", "deprecated"]
    assert versions[-1]["superseded_at"] is None
    assert {p["company"] for p in versions[0]["deal"]["parties"]} == {"openai", "oracle"}


async def test_history_of_an_unknown_deal_answers_404(client: httpx.AsyncClient) -> None:
    assert (
        "987654321"
        in assert_problem(await client.get("/v1/deals/987654321/history"), 404)["detail"]
    )


async def test_deal_display_converts_at_the_announcement_date_rate(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    deal = await add_deal(session, 30 * BILLION, low=25 * BILLION, bound="at_least")
    valueless = await add_deal(session, None)

    response = await client.get(f"/v1/deals/{deal.id}", params={"currency": "CHF"})
    without = await client.get(f"/v1/deals/{valueless.id}", params={"currency": "CHF"})

    rate = usd_rate("CHF", date(2024, 6, 30))
    display = json.loads(response.text, parse_float=Decimal)["value"]["display"]
    assert display == {
        "currency": "CHF",
        "value": (30 * BILLION / rate.rate).quantize(DISPLAY_QUANTUM),
        "low": (25 * BILLION / rate.rate).quantize(DISPLAY_QUANTUM),
        "high": None,
        "rate": rate.rate,
        "rate_date": "2024-06-28",
        "rate_source": "ECB",
    }
    assert without.json()["value"] is None


async def test_an_unknown_deal_currency_answers_400_naming_it(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/deals", params={"currency": "ABC"})

    assert "ABC" in assert_problem(response, 400)["detail"]


async def test_deal_updated_since_lists_only_deals_changed_at_or_after_it(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    since = await session.scalar(select(func.now()))
    assert since is not None
    live = await add_deal(session, 30 * BILLION)
    gone = await deprecate_deal(session, await add_deal(session, 20 * BILLION), "dupe")

    changed = await walk_pages(client, "/v1/deals", {"updated_since": since.isoformat()})
    everything = await walk_pages(
        client, "/v1/deals", {"updated_since": since.isoformat(), "include": "all"}
    )

    assert [d["id"] for d in changed] == [live.id]
    assert [d["id"] for d in everything] == [live.id, gone.id]


async def test_a_unix_time_is_not_a_date_time_for_updated_since(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/deals", params={"updated_since": "1009"})

    body = assert_problem(response, 400)
    assert body["errors"][0]["key"] == "updated_since"
