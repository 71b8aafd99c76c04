"""The figure read API: values as exact numbers, citations, filters, pagination, lookup."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from service.reference.schema import RefFigure
from tests.helpers import assert_problem, figure_ids, reference_data, walk_pages

REFERENCE = reference_data()
METRIC_KIND = {metric.slug: metric.kind for metric in REFERENCE.metrics}
NUMBER_FIELD = re.compile(r'"(value|low|high)":([^,}\]]+)')
PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")
SENTENCE_BREAK = re.compile(r"(?<!\b[A-Z])[.!?]\s+\S")
"""A full stop followed by more text, except after an initial such as `M.`."""


async def _openai_figures(client: httpx.AsyncClient) -> list[dict[str, Any]]:
    return await walk_pages(client, "/v1/figures", {"company": "openai", "limit": 100})


async def test_openai_has_at_least_five_figures_each_cited(client: httpx.AsyncClient) -> None:
    figures = await _openai_figures(client)

    assert len(figures) >= 5
    assert all(figure["company"] == "openai" for figure in figures)
    assert all(figure["sources"] for figure in figures)


async def test_every_citation_quote_is_one_sentence_with_ordered_offsets(
    client: httpx.AsyncClient,
) -> None:
    figures = await _openai_figures(client)

    citations = [citation for figure in figures for citation in figure["sources"]]
    assert citations
    for citation in citations:
        quote = citation["quote"]
        assert quote == quote.strip()
        assert "\n" not in quote
        assert "\r" not in quote
        assert not SENTENCE_BREAK.search(quote), quote
        assert 0 <= citation["start"] < citation["end"]
        assert citation["end"] - citation["start"] <= len(quote)


async def test_values_are_plain_json_numbers_in_the_raw_response(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/v1/figures", params={"company": "openai", "limit": 100})

    fields = NUMBER_FIELD.findall(response.text)
    assert fields
    for name, raw in fields:
        assert raw == "null" or PLAIN_NUMBER.fullmatch(raw), f"{name} written as {raw}"
    assert '"value":38000000000,' in response.text


async def test_values_equal_the_reference_decimals_exactly(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    ids = await figure_ids(session)
    response = await client.get("/v1/figures", params={"limit": 100, "include": "all"})

    page = json.loads(response.text, parse_float=Decimal)
    served = {figure["id"]: figure for figure in page["data"]}
    for reference in REFERENCE.figures:
        figure = served[ids[reference.key]]
        assert Decimal(figure["value"]) == reference.value
        assert figure["unit"] == reference.unit
        for bound in ("low", "high"):
            expected = getattr(reference, bound)
            assert figure[bound] == expected


def _overlaps(start: date, end: date) -> Callable[[RefFigure], bool]:
    return lambda f: f.period.end >= start and f.period.start <= end


FILTERS = [
    pytest.param({"metric": "revenue"}, lambda f: f.metric == "revenue", id="metric"),
    pytest.param({"kind": "power"}, lambda f: METRIC_KIND[f.metric] == "power", id="kind"),
    pytest.param({"kind": "ratio"}, lambda f: METRIC_KIND[f.metric] == "ratio", id="kind-ratio"),
    pytest.param({"status": "forecast"}, lambda f: f.status == "forecast", id="status"),
    pytest.param({"company": "amazon"}, lambda f: f.company == "amazon", id="company"),
    pytest.param(
        {"period_from": "2025-07-15", "period_to": "2025-07-15"},
        _overlaps(date(2025, 7, 15), date(2025, 7, 15)),
        id="period-within",
    ),
    pytest.param(
        {"period_from": "2024-12-15", "period_to": "2025-01-15"},
        _overlaps(date(2024, 12, 15), date(2025, 1, 15)),
        id="period-straddling",
    ),
    pytest.param(
        {"period_from": "2026-01-01"}, lambda f: f.period.end >= date(2026, 1, 1), id="from"
    ),
    pytest.param(
        {"period_to": "2024-12-31"}, lambda f: f.period.start <= date(2024, 12, 31), id="to"
    ),
    pytest.param(
        {"min_value": "1000000000000"}, lambda f: f.value >= Decimal(10**12), id="min-value"
    ),
    pytest.param({"max_value": "1"}, lambda f: f.value <= 1, id="max-value"),
    pytest.param(
        {"min_value": "38000000000", "max_value": "38000000000"},
        lambda f: f.value == Decimal(38_000_000_000),
        id="value-equal",
    ),
    pytest.param(
        {"company": "openai", "metric": "spending", "status": "actual"},
        lambda f: (f.company, f.metric, f.status) == ("openai", "spending", "actual"),
        id="combined",
    ),
]


@pytest.mark.parametrize(("params", "keep"), FILTERS)
async def test_figure_filters_return_exactly_the_matching_figures(
    client: httpx.AsyncClient,
    session: AsyncSession,
    params: dict[str, str],
    keep: Callable[[RefFigure], bool],
) -> None:
    ids = await figure_ids(session)
    expected = {ids[f.key] for f in REFERENCE.figures if keep(f)}

    figures = await walk_pages(client, "/v1/figures", {**params, "limit": 100, "include": "all"})

    assert expected
    assert {figure["id"] for figure in figures} == expected


async def test_period_filter_keeps_a_month_partly_inside_the_window(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    july_revenue = (await figure_ids(session))["openai-revenue-2025-07"]

    figures = await walk_pages(
        client, "/v1/figures", {"period_from": "2025-07-20", "period_to": "2025-08-10"}
    )

    assert july_revenue in {figure["id"] for figure in figures}
    assert all(figure["period"]["end"] >= "2025-07-20" for figure in figures)
    assert all(figure["period"]["start"] <= "2025-08-10" for figure in figures)


async def test_pagination_walks_every_figure_once_in_id_order(client: httpx.AsyncClient) -> None:
    everything = await walk_pages(client, "/v1/figures", {"limit": 100, "include": "all"})

    walked = await walk_pages(client, "/v1/figures", {"limit": 2, "include": "all"})

    ids = [figure["id"] for figure in walked]
    assert ids == [figure["id"] for figure in everything]
    assert ids == sorted(set(ids))
    assert len(ids) >= len(REFERENCE.figures)


async def test_figure_by_id_has_value_period_original_and_citations(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    figure_id = (await figure_ids(session))["openai-aws-contract-value-2025"]

    response = await client.get(f"/v1/figures/{figure_id}")

    assert response.status_code == 200
    figure = response.json()
    assert figure["id"] == figure_id
    assert (figure["company"], figure["metric"]) == ("openai", "contract_value")
    assert (figure["value"], figure["unit"]) == (38_000_000_000, "USD")
    # A seven-year contract covers its seven years, not the calendar year it was signed in.
    assert figure["period"] == {"start": "2025-11-01", "end": "2032-10-31", "precision": "month"}
    assert figure["original"]["text"]
    assert figure["vague"] is False
    # The headline and the body of one article: one citation with both offsets.
    [citation] = figure["sources"]
    assert len(citation["more_offsets"]) == 1


async def test_unknown_figure_id_answers_404_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/figures/987654321")

    assert "987654321" in assert_problem(response, 404)["detail"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": "0"}, "limit"),
        ({"limit": "101"}, "limit"),
        ({"limit": "abc"}, "limit"),
        ({"period_from": "2025-13-01"}, "period_from"),
        ({"period_to": "yesterday"}, "period_to"),
        ({"status": "rumour"}, "status"),
        ({"kind": "length"}, "kind"),
        ({"min_value": "lots"}, "min_value"),
        ({"source": "0"}, "source"),
    ],
)
async def test_invalid_figure_parameter_answers_400_with_field_errors(
    client: httpx.AsyncClient, params: dict[str, str], field: str
) -> None:
    response = await client.get("/v1/figures", params=params)

    body = assert_problem(response, 400)
    assert field in {error["key"] for error in body["errors"]}


@pytest.mark.parametrize("cursor", ["%%%", "abc", "InRleHQi", "x" * 200])
async def test_malformed_figure_cursor_answers_422_problem(
    client: httpx.AsyncClient, cursor: str
) -> None:
    response = await client.get("/v1/figures", params={"cursor": cursor})

    assert "cursor" in assert_problem(response, 422)["detail"]


@pytest.mark.parametrize("path", ["/v1/figures/0", "/v1/figures/abc", "/v1/figures/-1"])
async def test_invalid_figure_id_never_answers_500(client: httpx.AsyncClient, path: str) -> None:
    response = await client.get(path)

    assert response.status_code in {400, 404}
    assert_problem(response, response.status_code)
