"""Rules the bundled reference data keeps: one citation per source, flagged vague amounts,
contracts over their duration; and how its vague and precise claims are served."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
import msgspec

from service.reference.checks import reference_problems
from service.reference.schema import RefCitation, ReferenceData, RefFigure, RefPeriod
from tests.helpers import reference_data

CONTRACT = "openai-aws-contract-value-2025"


def _with_figure(data: ReferenceData, key: str, **changes: Any) -> ReferenceData:
    figures = [msgspec.structs.replace(f, **changes) if f.key == key else f for f in data.figures]
    return msgspec.structs.replace(data, figures=figures)


def _figure(data: ReferenceData, key: str) -> RefFigure:
    return next(f for f in data.figures if f.key == key)


def test_the_bundled_data_keeps_every_rule() -> None:
    assert reference_problems(reference_data()) == []


def test_a_source_cited_twice_for_one_fact_is_refused() -> None:
    data = reference_data()
    [citation] = _figure(data, CONTRACT).citations
    again = RefCitation(source=citation.source, quote="Said again.", start=900, end=905)

    problems = reference_problems(_with_figure(data, CONTRACT, citations=[citation, again]))

    assert problems == [
        f"{CONTRACT} cites {citation.source} twice (one citation per source, with more_offsets)"
    ]


def test_a_vague_amount_without_its_range_is_refused() -> None:
    data = _with_figure(reference_data(), CONTRACT, vague=True)

    assert reference_problems(data) == [f"{CONTRACT} is vague without the range its words allow"]


def test_a_contract_value_dated_to_one_calendar_year_is_refused() -> None:
    year = RefPeriod(start=date(2025, 1, 1), end=date(2025, 12, 31), precision="year")

    problems = reference_problems(_with_figure(reference_data(), CONTRACT, period=year))

    assert problems == [f"{CONTRACT} covers less than the 7 years of its contract"]


async def test_a_stated_amount_outranks_the_vague_claim_of_its_group(
    client: httpx.AsyncClient,
) -> None:
    params = {"company": "openai", "metric": "funding_raised", "include": "all"}
    params |= {"period_from": "2025-01-01", "period_to": "2025-12-31", "status": "actual"}
    response = await client.get("/v1/figures", params=params)

    claims = {(f["value"], f["vague"]): f["rank"] for f in response.json()["data"]}
    assert claims[(41_000_000_000, False)] == "preferred"
    assert claims[(55_000_000_000, True)] == "normal"


async def test_a_need_is_served_as_a_forecast(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/v1/figures", params={"company": "openai", "metric": "gpus", "include": "all"}
    )

    statuses = {f["value"]: f["status"] for f in response.json()["data"]}
    assert statuses[100_000_000] == "forecast"
