"""The metric catalogue: canonical units, kind filter and pagination by slug."""

from __future__ import annotations

from datetime import datetime

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from service.models import Metric
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


async def test_default_page_holds_the_whole_catalogue(client: httpx.AsyncClient) -> None:
    first = (await client.get("/v1/metrics")).json()

    assert first["next_cursor"] is None
    assert len(first["data"]) == len(await walk_pages(client, "/v1/metrics", {"limit": 5}))


async def test_unknown_metric_kind_answers_400_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/metrics", params={"kind": "length"})

    assert "kind" in {e["key"] for e in assert_problem(response, 400)["errors"]}


async def add_metric(session: AsyncSession, slug: str, created: str) -> None:
    """A metric of the catalogue created (and last changed) at `created`."""
    at = datetime.fromisoformat(created)
    session.add(
        Metric(
            slug=slug,
            name=slug,
            unit="USD",
            kind="money",
            description="test",
            created_at=at,
            updated_at=at,
        )
    )
    await session.flush()


async def test_metric_by_slug_gives_its_unit(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/metrics/revenue")

    assert response.status_code == 200
    assert (response.json()["unit"], response.json()["kind"]) == ("USD", "money")


async def test_unknown_metric_slug_answers_404(client: httpx.AsyncClient) -> None:
    assert "nope" in assert_problem(await client.get("/v1/metrics/nope"), 404)["detail"]


async def test_metric_is_unknown_before_its_creation(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await add_metric(session, "zz_metric", "2025-06-01T00:00:00+00:00")

    before = await client.get("/v1/metrics/zz_metric", params={"as_of": "2025-05-31T23:59:59Z"})
    at = await client.get("/v1/metrics/zz_metric", params={"as_of": "2025-06-01T02:00:00+02:00"})
    listed = await walk_pages(client, "/v1/metrics", {"as_of": "2025-05-31T23:59:59Z"})

    assert_problem(before, 404)
    assert at.json()["slug"] == "zz_metric"
    assert "zz_metric" not in {m["slug"] for m in listed}


async def test_updated_since_keeps_metrics_changed_since(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await add_metric(session, "zz_metric", "2999-01-01T00:00:00+00:00")

    changed = await walk_pages(client, "/v1/metrics", {"updated_since": "2998-01-01T00:00:00Z"})

    assert [m["slug"] for m in changed] == ["zz_metric"]


@pytest.mark.parametrize(("as_of", "status"), [("2999-01-01T00:00:00Z", 422), ("soon", 400)])
async def test_future_or_malformed_metric_as_of_answers_a_problem(
    client: httpx.AsyncClient, as_of: str, status: int
) -> None:
    assert_problem(await client.get("/v1/metrics", params={"as_of": as_of}), status)
    assert_problem(await client.get("/v1/metrics/revenue", params={"as_of": as_of}), status)
