"""Admin writes refuse values no record can hold (issue 13, row 14), and write nothing.

Out-of-range ports, blank names and over-long durations are refused by the schema (400); dates
outside 1900-01-01 .. 2099-12-31 and durations over 100 years are a rule of the service (422).
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from service.domain.bounds import duration_days
from tests.admin.helpers import ADMIN_HEADERS, article, row_counts
from tests.deals.test_curation import deal
from tests.figures.test_curation import figure
from tests.helpers import assert_problem

BLANK = ["", " ", "\t\n", "\u3000", "\u00a0\u2003"]

REFUSED: list[Any] = [
    pytest.param("/v1/admin/sources", article(url="https://news.example:99999/a"), 400, id="port"),
    pytest.param("/v1/admin/sources", article(url="https://news.example:0/a"), 400, id="port-0"),
    pytest.param("/v1/admin/sources", article(published_on="9999-12-31"), 422, id="published"),
    pytest.param("/v1/admin/sources", article(published_on="1899-12-31"), 422, id="before-1900"),
    *[
        pytest.param("/v1/admin/sources", article(title=b), 400, id=f"blank-title-{i}")
        for i, b in enumerate(BLANK)
    ],
    pytest.param("/v1/admin/sources", article(publisher="  "), 400, id="blank-publisher"),
    *[
        pytest.param(
            "/v1/admin/companies", {"slug": "blankco", "name": b}, 400, id=f"blank-name-{i}"
        )
        for i, b in enumerate(BLANK)
    ],
    pytest.param(
        "/v1/admin/companies",
        {"slug": "portco", "name": "Port Co", "website": "http://portco.example:65536"},
        400,
        id="website-port",
    ),
    pytest.param(
        "/v1/admin/companies",
        {"slug": "aliasco", "name": "Alias Co", "aliases": [{"alias": " "}]},
        400,
        id="blank-alias",
    ),
    pytest.param("/v1/admin/deals", deal(title="   "), 400, id="blank-deal-title"),
    pytest.param("/v1/admin/deals", deal(duration="P999999999Y"), 400, id="huge-duration"),
    pytest.param("/v1/admin/deals", deal(duration="P101Y"), 422, id="duration-over-100y"),
    pytest.param("/v1/admin/deals", deal(duration="P1201M"), 422, id="months-over-100y"),
    pytest.param("/v1/admin/deals", deal(announced_on="9999-12-31"), 422, id="announced"),
    pytest.param("/v1/admin/deals", deal(as_of="0001-01-01"), 422, id="fx-date"),
    pytest.param(
        "/v1/admin/figures",
        figure(period={"start": "9999-01-01", "end": "9999-12-31", "precision": "year"}),
        422,
        id="period",
    ),
]


@pytest.mark.parametrize(("path", "body", "status"), REFUSED)
async def test_an_admin_write_out_of_bounds_is_refused_and_writes_nothing(
    client: httpx.AsyncClient, session: AsyncSession, path: str, body: Any, status: int
) -> None:
    before = await row_counts(session)

    response = await client.post(path, json=body, headers=ADMIN_HEADERS)

    assert_problem(response, status)
    assert await row_counts(session) == before


async def test_bounds_are_refused_on_updates_too(client: httpx.AsyncClient) -> None:
    created = await client.post("/v1/admin/deals", json=deal(), headers=ADMIN_HEADERS)
    deal_id = created.json()["id"]

    for change, status in [({"duration": "P200Y"}, 422), ({"title": " "}, 400)]:
        response = await client.patch(
            f"/v1/admin/deals/{deal_id}", json=change, headers=ADMIN_HEADERS
        )
        assert_problem(response, status)


async def test_values_at_the_bounds_are_accepted(client: httpx.AsyncClient) -> None:
    body = deal(duration="P100Y", announced_on="2099-12-31", title="Edge Co deal")

    response = await client.post("/v1/admin/deals", json=body, headers=ADMIN_HEADERS)

    assert response.status_code == 201, response.text


def test_a_duration_is_counted_in_days_whatever_its_units() -> None:
    assert duration_days("P1Y") == duration_days("P12M")
    assert duration_days("PT36H") == duration_days("P1DT12H")
    assert duration_days("PT1440M") == 1
