"""Confidence as served: reference facts at 1, extracted ones below, `min_confidence` lists."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from tests.figures.helpers import add_figure
from tests.helpers import assert_problem


async def _extracted(session: AsyncSession, value: int, confidence: float) -> int:
    signals = {"company": "topic"}
    row = await add_figure(
        session, Decimal(value), confidence=confidence, confidence_signals=signals
    )
    return row.id


async def test_lists_keep_only_facts_at_least_as_confident_as_asked(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    sure, unsure = await _extracted(session, 10, 0.9), await _extracted(session, 11, 0.4)
    params = {"company": "openai", "period_from": "2047-01-01", "include": "all"}

    everything = (await client.get("/v1/figures", params=params)).json()["data"]
    confident = (
        await client.get("/v1/figures", params={**params, "min_confidence": "0.5"})
    ).json()["data"]

    assert {f["id"] for f in everything} == {sure, unsure}
    assert [f["id"] for f in confident] == [sure]
    assert confident[0]["confidence"] == pytest.approx(0.9)
    assert confident[0]["confidence_signals"] == {"company": "topic"}


async def test_reference_facts_are_certain(client: httpx.AsyncClient) -> None:
    figures = (await client.get("/v1/figures", params={"limit": 100})).json()["data"]
    deals = (await client.get("/v1/deals", params={"limit": 100})).json()["data"]

    assert {f["confidence"] for f in figures} == {1.0}
    assert {d["confidence"] for d in deals} == {1.0}


@pytest.mark.parametrize("path", ["/v1/figures", "/v1/deals"])
@pytest.mark.parametrize("floor", ["-0.1", "1.5"])
async def test_min_confidence_outside_zero_to_one_answers_422(
    client: httpx.AsyncClient, path: str, floor: str
) -> None:
    response = await client.get(path, params={"min_confidence": floor})

    assert "min_confidence" in assert_problem(response, 422)["detail"]
