"""The metric catalogue: canonical units, kind filter and pagination by slug."""

from __future__ import annotations

import httpx
import pytest

from tests.helpers import assert_problem, walk_pages


@pytest.mark.parametrize(
    ("slug", "unit", "kind"),
    [
        ("revenue", "USD", "money"),
        ("power_capacity", "W", "power"),
        ("energy_consumption", "Wh", "energy"),
        ("gpus", "gpu", "count"),
        ("share_price_change", "ratio", "ratio"),
    ],
)
async def test_catalogue_gives_each_metric_its_canonical_unit(
    client: httpx.AsyncClient, slug: str, unit: str, kind: str
) -> None:
    metrics = {m["slug"]: m for m in await walk_pages(client, "/v1/metrics", {"limit": 100})}

    assert metrics[slug]["unit"] == unit
    assert metrics[slug]["kind"] == kind
    assert metrics[slug]["description"]


@pytest.mark.parametrize(
    ("kind", "member"),
    [
        ("money", "revenue"),
        ("power", "power_capacity"),
        ("count", "gpus"),
        ("ratio", "cost_multiple"),
    ],
)
async def test_kind_filter_keeps_only_metrics_of_that_kind(
    client: httpx.AsyncClient, kind: str, member: str
) -> None:
    metrics = await walk_pages(client, "/v1/metrics", {"kind": kind, "limit": 100})

    assert member in {m["slug"] for m in metrics}
    assert all(m["kind"] == kind for m in metrics)


async def test_pagination_walks_the_catalogue_once_in_slug_order(
    client: httpx.AsyncClient,
) -> None:
    everything = await walk_pages(client, "/v1/metrics", {"limit": 100})

    walked = await walk_pages(client, "/v1/metrics", {"limit": 5})

    slugs = [m["slug"] for m in walked]
    assert slugs == [m["slug"] for m in everything]
    assert slugs == sorted(set(slugs))


async def test_unknown_metric_kind_answers_400_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/metrics", params={"kind": "length"})

    assert "kind" in {e["key"] for e in assert_problem(response, 400)["errors"]}
