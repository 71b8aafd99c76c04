"""The source read API: listing, filters, detail with what was cited from it."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from service.reference.schema import RefSource
from tests.helpers import (
    assert_problem,
    deal_ids,
    figure_ids,
    reference_data,
    source_ids,
    walk_pages,
)

REFERENCE = reference_data()
AWS_ARTICLE = "openai-aws-38bn-fr"


async def test_source_list_holds_every_reference_source(client: httpx.AsyncClient) -> None:
    sources = await walk_pages(client, "/v1/sources", {"limit": 100})

    assert {s.sha256 for s in REFERENCE.sources} <= {source["sha256"] for source in sources}
    assert [source["id"] for source in sources] == sorted(source["id"] for source in sources)


async def test_source_detail_lists_cited_figures_and_deals_with_offsets(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    sources, figures, deals = (
        await source_ids(session),
        await figure_ids(session),
        await deal_ids(session),
    )
    expected_figures = {
        (figures[f.key], c.start, c.end)
        for f in REFERENCE.figures
        for c in f.citations
        if c.source == AWS_ARTICLE
    }
    expected_deals = {
        (deals[d.key], c.start, c.end)
        for d in REFERENCE.deals
        for c in d.citations
        if c.source == AWS_ARTICLE
    }

    response = await client.get(f"/v1/sources/{sources[AWS_ARTICLE]}")

    assert response.status_code == 200
    source = response.json()
    assert source["language"] == "fr"
    assert {(m["id"], m["start"], m["end"]) for m in source["figures"]} == expected_figures
    assert {(m["id"], m["start"], m["end"]) for m in source["deals"]} == expected_deals
    assert all(m["quote"] and m["start"] < m["end"] for m in source["figures"] + source["deals"])


async def test_source_filter_on_figures_keeps_figures_cited_from_it(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    sources, figures = await source_ids(session), await figure_ids(session)
    expected = {
        figures[f.key] for f in REFERENCE.figures if AWS_ARTICLE in {c.source for c in f.citations}
    }

    listed = await walk_pages(client, "/v1/figures", {"source": sources[AWS_ARTICLE]})

    assert expected
    assert {figure["id"] for figure in listed} == expected


@pytest.mark.parametrize(
    ("params", "keep"),
    [
        pytest.param({"language": "it"}, lambda s: s.language == "it", id="language"),
        pytest.param(
            {"published_from": "2025-08-01"},
            lambda s: s.published_on is not None and s.published_on.isoformat() >= "2025-08-01",
            id="from",
        ),
        pytest.param(
            {"published_to": "2025-02-21"},
            lambda s: s.published_on is not None and s.published_on.isoformat() <= "2025-02-21",
            id="to-inclusive",
        ),
        pytest.param(
            {"language": "fr", "published_from": "2025-01-01", "published_to": "2025-08-31"},
            lambda s: (
                s.language == "fr"
                and s.published_on is not None
                and "2025-01-01" <= s.published_on.isoformat() <= "2025-08-31"
            ),
            id="combined",
        ),
    ],
)
async def test_source_filters_return_exactly_the_matching_sources(
    client: httpx.AsyncClient, params: dict[str, str], keep: Callable[[RefSource], bool]
) -> None:
    expected = {s.sha256 for s in REFERENCE.sources if keep(s)}

    listed = await walk_pages(client, "/v1/sources", {**params, "limit": 100})

    assert expected
    assert {source["sha256"] for source in listed} == expected


async def test_pagination_walks_every_source_once(client: httpx.AsyncClient) -> None:
    everything = await walk_pages(client, "/v1/sources", {"limit": 100})

    walked = await walk_pages(client, "/v1/sources", {"limit": 2})

    assert [s["id"] for s in walked] == [s["id"] for s in everything]


async def test_unknown_source_id_answers_404_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/sources/987654321")

    assert "987654321" in assert_problem(response, 404)["detail"]


@pytest.mark.parametrize(
    ("params", "field"),
    [({"language": "FR"}, "language"), ({"published_from": "2025-02-30"}, "published_from")],
)
async def test_invalid_source_parameter_answers_400_with_field_errors(
    client: httpx.AsyncClient, params: dict[str, str], field: str
) -> None:
    response = await client.get("/v1/sources", params=params)

    body = assert_problem(response, 400)
    assert field in {error["key"] for error in body["errors"]}
