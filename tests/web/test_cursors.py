"""Forged cursors answer 422 problem+json on every paged list, never a 500."""

from __future__ import annotations

import base64

import httpx
import pytest

from service.web.http import encode_cursor
from tests.helpers import assert_problem


def _forged(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


HUGE = ["9223372036854775808", "9223372036854775807", "-1", "1e300", "99999999999999999999999"]
LISTS = ["/v1/figures", "/v1/deals", "/v1/sources", "/v1/companies", "/v1/metrics"]
SEARCHES = ["/v1/companies?q=open", "/v1/sources?q=milliards"]


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("number", HUGE)
async def test_cursor_holding_a_number_out_of_range_answers_422(
    client: httpx.AsyncClient, path: str, number: str
) -> None:
    response = await client.get(path, params={"cursor": _forged(number)})
    assert response.status_code in {200, 422}, response.text
    if response.status_code == 422:
        assert_problem(response, 422)


@pytest.mark.parametrize("path", ["/v1/figures", "/v1/deals", "/v1/sources"])
async def test_id_cursor_past_bigint_answers_422(client: httpx.AsyncClient, path: str) -> None:
    assert_problem(await client.get(path, params={"cursor": _forged("9223372036854775808")}), 422)


@pytest.mark.parametrize("path", SEARCHES)
@pytest.mark.parametrize(
    "position",
    ["9223372036854775808:openai", "2147483648:openai", "1:9223372036854775808", "1:" + "9" * 40],
)
async def test_ranked_cursor_out_of_range_answers_422_or_an_empty_page(
    client: httpx.AsyncClient, path: str, position: str
) -> None:
    response = await client.get(path, params={"cursor": encode_cursor(position)})
    assert response.status_code in {200, 422}, response.text
    if response.status_code == 422:
        assert_problem(response, 422)
