"""A source lists every figure it states with its rank; the figure list filtered by it agrees."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx

from tests.helpers import walk_pages


async def _sources_with_outranked_figures(client: httpx.AsyncClient) -> list[dict[str, object]]:
    sources = await walk_pages(client, "/v1/sources", {})
    found = []
    for summary in sources:
        source = (await client.get(f"/v1/sources/{summary['id']}")).json()
        if any(mention["rank"] == "normal" for mention in source["figures"]):
            found.append(source)
    return found


async def test_figures_of_a_source_are_its_preferred_mentions_unless_all_are_asked(
    client: httpx.AsyncClient,
) -> None:
    sources = await _sources_with_outranked_figures(client)
    assert sources, "the reference data has sources whose figures other claims outrank"

    for source in sources:
        mentions = source["figures"]
        assert isinstance(mentions, list)
        params = {"source": str(source["id"])}
        listed = await walk_pages(client, "/v1/figures", params)
        every = await walk_pages(client, "/v1/figures", params | {"include": "all"})

        preferred = {m["id"] for m in mentions if m["rank"] == "preferred"}
        assert {f["id"] for f in listed} == preferred
        assert {f["id"] for f in every} >= {m["id"] for m in mentions}
        ranks = {f["id"]: f["rank"] for f in every}
        assert all(ranks[m["id"]] == m["rank"] for m in mentions)


async def test_source_as_of_now_ranks_its_figures_as_today(client: httpx.AsyncClient) -> None:
    now = datetime.now(UTC).isoformat()
    for source in await _sources_with_outranked_figures(client):
        then = (await client.get(f"/v1/sources/{source['id']}", params={"as_of": now})).json()

        assert then["figures"] == source["figures"]
