"""Exports as of an instant: the facts, ranks and citations the API knew then."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from service.models import Citation, Source
from tests.deals.helpers import add_deal, change_deal, deal_version_times, deprecate_deal
from tests.export.helpers import csv_records, ndjson_lines, number
from tests.figures.helpers import (
    MICROSECOND,
    PERIOD,
    add_figure,
    add_source,
    change_figure,
    cite,
    deprecate_figure,
    version_times,
)
from tests.helpers import assert_problem

FIGURES = "/v1/export/figures"
DEALS = "/v1/export/deals"
BILLION = Decimal(10**9)


async def _figures(
    client: httpx.AsyncClient, at: datetime, **params: str
) -> dict[int, dict[str, Any]]:
    """The exported OpenAI 2047 figures as of `at`, by id."""
    query = {
        "company": "openai",
        "period_from": PERIOD[0].isoformat(),
        "period_to": PERIOD[1].isoformat(),
        "as_of": at.isoformat(),
    }
    lines = ndjson_lines(await client.get(FIGURES, params={**query, **params}))
    return {line["id"]: line for line in lines}


async def _deals(client: httpx.AsyncClient, at: datetime, **params: str) -> dict[int, Any]:
    """The exported deals as of `at`, by id."""
    lines = ndjson_lines(await client.get(DEALS, params={"as_of": at.isoformat(), **params}))
    return {line["id"]: line for line in lines}


async def test_a_changed_figure_exports_its_old_value_before_the_change_and_the_new_at_it(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    figure = await add_figure(session, 5 * BILLION)
    figure = await change_figure(session, figure, value=7 * BILLION, status="estimate")
    _, changed = await version_times(session, figure.id)

    old = (await _figures(client, changed - MICROSECOND))[figure.id]
    new = (await _figures(client, changed))[figure.id]
    old_csv = csv_records(
        await client.get(
            FIGURES,
            params={"format": "csv", "as_of": (changed - MICROSECOND).isoformat()},
        )
    )

    assert (number(old["value"]), old["status"]) == (5 * BILLION, "actual")
    assert (number(new["value"]), new["status"]) == (7 * BILLION, "estimate")
    [record] = [r for r in old_csv if int(r["id"]) == figure.id]
    assert (number(record["value"]), record["status"]) == (5 * BILLION, "actual")


async def test_a_figure_created_after_the_instant_is_absent_from_the_export(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    figure = await add_figure(session, 5 * BILLION)
    [created] = await version_times(session, figure.id)

    assert figure.id not in await _figures(client, created - MICROSECOND, include="all")
    assert figure.id in await _figures(client, created)


async def test_a_citation_is_exported_only_once_recorded_and_its_source_retrieved(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    figure = await add_figure(session, 5 * BILLION)
    early = await cite(session, figure, await add_source(session, "export-early"))
    late = await add_source(session, "export-late")
    late_citation = await cite(session, figure, late)
    late_retrieval = late_citation.recorded_at + MICROSECOND
    await session.execute(
        update(Source).where(Source.id == late.id).values(retrieved_at=late_retrieval)
    )

    async def cited(at: datetime) -> list[int]:
        return [c["source"] for c in (await _figures(client, at))[figure.id]["citations"]]

    assert await cited(early.recorded_at - MICROSECOND) == []
    assert await cited(early.recorded_at) == [early.source_id]
    assert await cited(late_citation.recorded_at) == [early.source_id]
    assert await cited(late_retrieval) == [early.source_id, late.id]
    records = csv_records(
        await client.get(
            FIGURES, params={"format": "csv", "as_of": late_citation.recorded_at.isoformat()}
        )
    )
    [record] = [r for r in records if int(r["id"]) == figure.id]
    assert (record["citation_count"], record["first_source"]) == ("1", str(early.source_id))


async def test_a_deprecated_figure_is_hidden_at_and_after_its_deprecation_unless_include_all(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    figure = await deprecate_figure(session, await add_figure(session, 5 * BILLION), "misread")
    _, deprecated = await version_times(session, figure.id)
    later = deprecated + timedelta(milliseconds=1)

    before = await _figures(client, deprecated - MICROSECOND)
    shown = await _figures(client, deprecated, include="all")

    assert before[figure.id]["rank"] == "preferred"
    assert figure.id not in await _figures(client, deprecated)
    assert figure.id not in await _figures(client, later)
    assert shown[figure.id]["rank"] == "deprecated"
    assert (await _figures(client, later, include="all"))[figure.id]["rank"] == "deprecated"


async def test_ranks_as_of_an_instant_ignore_later_claims(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    forecast = await add_figure(session, 5 * BILLION, status="forecast")
    actual = await add_figure(session, 6 * BILLION)
    [second] = await version_times(session, actual.id)

    assert list(await _figures(client, second - MICROSECOND)) == [forecast.id]
    assert list(await _figures(client, second)) == [actual.id]
    ranks = {i: f["rank"] for i, f in (await _figures(client, second, include="all")).items()}
    assert ranks == {forecast.id: "normal", actual.id: "preferred"}


async def test_the_deal_export_as_of_an_instant_shows_deals_as_they_were(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    deal = await add_deal(session, 2 * BILLION)
    source = await add_source(session, "export-deal")
    citation = Citation(
        source_id=source.id, deal_id=deal.id, quote=source.text or "", start_offset=0, end_offset=4
    )
    session.add(citation)
    await session.flush()
    await session.refresh(citation)
    deal = await change_deal(session, deal, value=3 * BILLION, status="completed")
    deal = await deprecate_deal(session, deal, "duplicate")
    created, changed, deprecated = await deal_version_times(session, deal.id)

    assert deal.id not in await _deals(client, created - MICROSECOND, include="all")
    first = (await _deals(client, created, company="oracle"))[deal.id]
    assert (number(first["value"]), first["status"], first["citations"]) == (
        2 * BILLION, "signed", [],
    )  # fmt: skip
    assert first["parties"] == [
        {"company": "openai", "role": "customer"},
        {"company": "oracle", "role": "provider"},
    ]
    second = (await _deals(client, changed))[deal.id]
    assert (number(second["value"]), second["status"]) == (3 * BILLION, "completed")
    assert [c["source"] for c in second["citations"]] == [source.id]
    assert deal.id not in await _deals(client, deprecated)
    assert (await _deals(client, deprecated, include="all"))[deal.id]["rank"] == "deprecated"


async def test_as_of_now_exports_exactly_what_the_default_export_does(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await add_figure(session, 5 * BILLION, status="forecast")
    await add_figure(session, 6 * BILLION)
    now = await session.scalar(select(func.clock_timestamp()))
    assert now is not None

    for export in (FIGURES, DEALS):
        for params in ({}, {"include": "all"}, {"format": "csv"}):
            default = await client.get(export, params=params)
            as_of = await client.get(export, params={**params, "as_of": now.isoformat()})
            assert default.status_code == as_of.status_code == 200
            assert as_of.content == default.content, (export, params)


@pytest.mark.parametrize("export", [FIGURES, DEALS])
async def test_an_as_of_in_the_future_answers_422_problem(
    client: httpx.AsyncClient, export: str
) -> None:
    tomorrow = datetime.now(UTC) + timedelta(days=1)

    response = await client.get(export, params={"as_of": tomorrow.isoformat()})

    assert "as_of" in assert_problem(response, 422)["detail"]


@pytest.mark.parametrize("export", [FIGURES, DEALS])
@pytest.mark.parametrize("as_of", ["yesterday", "2025-13-01T00:00:00Z", "2025-06-01T12:00:00"])
async def test_a_malformed_or_offsetless_as_of_answers_400_problem(
    client: httpx.AsyncClient, export: str, as_of: str
) -> None:
    response = await client.get(export, params={"as_of": as_of})

    assert "as_of" in assert_problem(response, 400)["detail"]
