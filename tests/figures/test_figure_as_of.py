"""Figures as of an instant, from the version tables, and the history of a figure."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from service.models import Source
from tests.figures.helpers import (
    ACTOR,
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

BILLION = Decimal(10**9)


async def _as_of(
    client: httpx.AsyncClient, figure_id: int, at: datetime, **params: str
) -> httpx.Response:
    return await client.get(f"/v1/figures/{figure_id}", params={"as_of": at.isoformat(), **params})


async def _listed(client: httpx.AsyncClient, at: datetime, **params: str) -> list[dict[str, Any]]:
    query = {
        "company": "openai",
        "period_from": PERIOD[0].isoformat(),
        "period_to": PERIOD[1].isoformat(),
        "as_of": at.isoformat(),
    }
    response = await client.get("/v1/figures", params={**query, **params, "limit": "100"})
    assert response.status_code == 200, response.text
    listed: list[dict[str, Any]] = response.json()["data"]
    return listed


async def _listed_ids(client: httpx.AsyncClient, at: datetime, **params: str) -> list[int]:
    return [figure["id"] for figure in await _listed(client, at, **params)]


async def test_a_figure_is_absent_just_before_its_creation_and_present_at_it(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    figure = await add_figure(session, 5 * BILLION)
    [created] = await version_times(session, figure.id)

    before = await _as_of(client, figure.id, created - MICROSECOND)
    at = await _as_of(client, figure.id, created)

    assert str(figure.id) in assert_problem(before, 404)["detail"]
    assert at.status_code == 200, at.text
    assert at.json()["value"] == 5 * BILLION
    assert figure.id not in await _listed_ids(client, created - MICROSECOND)
    assert figure.id in await _listed_ids(client, created)


async def test_an_update_between_two_instants_shows_the_old_value_then_the_new(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    figure = await add_figure(session, 5 * BILLION)
    figure = await change_figure(session, figure, value=7 * BILLION, status="estimate")
    _, updated = await version_times(session, figure.id)

    old = (await _as_of(client, figure.id, updated - MICROSECOND)).json()
    new = (await _as_of(client, figure.id, updated)).json()
    today = (await client.get(f"/v1/figures/{figure.id}")).json()

    assert (old["value"], old["status"]) == (5 * BILLION, "actual")
    assert (new["value"], new["status"]) == (7 * BILLION, "estimate")
    assert today == new


async def test_a_deprecation_hides_the_figure_at_and_after_it_unless_include_all(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    figure = await deprecate_figure(session, await add_figure(session, 5 * BILLION), "misread")
    _, deprecated = await version_times(session, figure.id)

    before = await _as_of(client, figure.id, deprecated - MICROSECOND)
    at = await _as_of(client, figure.id, deprecated)
    shown = await _as_of(client, figure.id, deprecated, include="all")

    assert before.json()["rank"] == "preferred"
    assert before.json()["deprecation"] is None
    assert_problem(at, 404)
    assert shown.json()["rank"] == "deprecated"
    assert shown.json()["deprecation"]["reason"] == "misread"
    assert figure.id in await _listed_ids(client, deprecated - MICROSECOND)
    assert figure.id not in await _listed_ids(client, deprecated)
    assert figure.id in await _listed_ids(client, deprecated, include="all")


async def test_citations_and_sources_appear_only_once_known(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    figure = await add_figure(session, 5 * BILLION)
    citation = await cite(session, figure, await add_source(session, "early"))
    late = await add_source(session, "late")
    late_citation = await cite(session, figure, late)
    late_retrieval = late_citation.recorded_at + MICROSECOND
    await session.execute(
        update(Source).where(Source.id == late.id).values(retrieved_at=late_retrieval)
    )
    [created] = await version_times(session, figure.id)

    def cited(response: httpx.Response) -> list[int]:
        return [source["source_id"] for source in response.json()["sources"]]

    assert cited(await _as_of(client, figure.id, created)) == []
    assert cited(await _as_of(client, figure.id, citation.recorded_at)) == [citation.source_id]
    assert cited(await _as_of(client, figure.id, late_citation.recorded_at)) == [citation.source_id]
    assert cited(await _as_of(client, figure.id, late_retrieval)) == [citation.source_id, late.id]


async def test_source_filter_as_of_counts_only_citations_known_then(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    figure = await add_figure(session, 5 * BILLION)
    source = await add_source(session, "filtered")
    citation = await cite(session, figure, source)
    known = citation.recorded_at

    assert figure.id not in await _listed_ids(client, known - MICROSECOND, source=str(source.id))
    assert figure.id in await _listed_ids(client, known, source=str(source.id))


async def test_ranks_as_of_an_instant_ignore_later_claims(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    forecast = await add_figure(session, 5 * BILLION, status="forecast")
    actual = await add_figure(session, 6 * BILLION)
    [first] = await version_times(session, forecast.id)
    [second] = await version_times(session, actual.id)

    assert await _listed_ids(client, second - MICROSECOND) == [forecast.id]
    assert await _listed_ids(client, second) == [actual.id]
    ranks = {f["id"]: f["rank"] for f in await _listed(client, second, include="all")}
    assert ranks == {forecast.id: "normal", actual.id: "preferred"}
    assert (await _as_of(client, forecast.id, first)).json()["rank"] == "preferred"
    assert (await _as_of(client, forecast.id, second)).json()["rank"] == "normal"


async def test_history_lists_every_version_oldest_first_with_its_actor(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    figure = await add_figure(session, 5 * BILLION)
    figure = await change_figure(session, figure, value=7 * BILLION)
    figure = await deprecate_figure(session, figure, "duplicate")
    times = await version_times(session, figure.id)

    response = await client.get(f"/v1/figures/{figure.id}/history")

    assert response.status_code == 200, response.text
    versions = response.json()["data"]
    assert [v["version"] for v in versions] == [1, 2, 3]
    assert [v["change"] for v in versions] == ["create", "update", "deprecate"]
    assert {v["recorded_by"] for v in versions} == {ACTOR}
    assert [datetime.fromisoformat(v["recorded_at"]) for v in versions] == times
    assert [v["superseded_at"] for v in versions[:2]] == [v["recorded_at"] for v in versions[1:]]
    assert versions[2]["superseded_at"] is None
    assert [v["figure"]["value"] for v in versions] == [5 * BILLION, 7 * BILLION, 7 * BILLION]
    assert [v["figure"]["rank"] for v in versions][2] == "deprecated"
    assert versions[2]["figure"]["deprecation"]["reason"] == "duplicate"


async def test_history_of_an_unknown_figure_answers_404(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/figures/987654321/history")

    assert "987654321" in assert_problem(response, 404)["detail"]


async def test_an_as_of_in_the_future_answers_422(client: httpx.AsyncClient) -> None:
    tomorrow = datetime.now(UTC) + timedelta(days=1)

    response = await client.get("/v1/figures", params={"as_of": tomorrow.isoformat()})

    assert "as_of" in assert_problem(response, 422)["detail"]


@pytest.mark.parametrize(
    "as_of", ["yesterday", "2025-13-01T00:00:00Z", "2025-06-01T12:00:00", "1009", "0.5"]
)
async def test_a_malformed_or_offsetless_as_of_answers_400(
    client: httpx.AsyncClient, as_of: str
) -> None:
    response = await client.get("/v1/figures/1", params={"as_of": as_of})

    body = assert_problem(response, 400)
    assert "as_of" in {error["key"] for error in body["errors"]}


NEAR_A_VERSION = st.tuples(st.integers(min_value=0, max_value=3), st.integers(-3, 3))
"""An instant as (which version's recording, how many microseconds from it)."""


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=st.integers(min_value=1, max_value=4), near=st.lists(NEAR_A_VERSION, max_size=6))
async def test_as_of_answers_the_version_held_then_never_a_later_one(
    client: httpx.AsyncClient,
    session: AsyncSession,
    steps: int,
    near: list[tuple[int, int]],
) -> None:
    figure = await add_figure(session, BILLION)
    for step in range(2, steps + 1):
        figure = await change_figure(session, figure, value=step * BILLION)
    times = await version_times(session, figure.id)
    instants = sorted(times[min(i, steps - 1)] + shift * MICROSECOND for i, shift in near)

    seen = []
    for at in instants:
        response = await _as_of(client, figure.id, at)
        held = sum(1 for recorded in times if recorded <= at)
        assert response.status_code == (404 if held == 0 else 200)
        seen.append(0 if held == 0 else response.json()["value"] // BILLION)
        assert seen[-1] == held
    assert seen == sorted(seen)


async def test_instants_at_the_edges_of_the_calendar_answer_nothing_rather_than_fail(
    client: httpx.AsyncClient,
) -> None:
    first_day = await client.get("/v1/figures", params={"as_of": "0001-01-01T00:00:00+05:00"})
    last_day = await client.get(
        "/v1/figures", params={"updated_since": "9999-12-31T23:59:59-05:00"}
    )

    assert first_day.json() == {"data": [], "next_cursor": None}
    assert last_day.json() == {"data": [], "next_cursor": None}
