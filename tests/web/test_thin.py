"""Thin reads answer every request exactly as the framework's routes do, headers included.

Two apps on the same data, one with the thin reads (`service.web.thin`), one without: the
status, every header (the request id fixed, the rate limit's reset second left out) and every
byte of the body must be the same, for the requests the thin reads serve and for those they
hand on (bad values, unknown keys, missing rows, other cases of a slug, over the quota).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from service.web.http import encode_cursor
from tests.helpers import AppClient, assert_problem

Apps = tuple[httpx.AsyncClient, httpx.AsyncClient]
REQUEST_ID = {"x-request-id": "thin-test"}


async def _keys(session: AsyncSession) -> dict[str, Any]:
    """A company with the most preferred figures of one metric, a party of deals, ids."""
    company, metric = (
        await session.execute(
            text(
                "SELECT company_slug, metric_slug FROM figures WHERE rank = 'preferred' "
                "AND deprecated_at IS NULL GROUP BY 1, 2 ORDER BY count(*) DESC, 1, 2 LIMIT 1"
            )
        )
    ).one()
    party = (
        await session.execute(
            text("SELECT company_slug FROM deal_parties GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
        )
    ).scalar_one()
    figure = (await session.execute(text("SELECT min(id) FROM figures"))).scalar_one()
    deal = (await session.execute(text("SELECT min(id) FROM deals"))).scalar_one()
    return {"company": company, "metric": metric, "party": party, "figure": figure, "deal": deal}


@pytest.fixture
async def keys(session: AsyncSession) -> dict[str, Any]:
    """Keys of the reference data the URLs are made of."""
    return await _keys(session)


@pytest.fixture
async def apps(app_client: AppClient) -> AsyncIterator[Apps]:
    """Clients of the app through the framework only, and of the app with thin reads."""
    async with app_client(thin_reads=False) as framework, app_client(thin_reads=True) as thin:
        yield framework, thin


def _comparable(response: httpx.Response) -> tuple[int, list[tuple[str, str]], bytes]:
    headers = [
        (name, value.rsplit(";t=", 1)[0] if name == "ratelimit" else value)
        for name, value in response.headers.multi_items()
    ]
    return response.status_code, headers, response.content


async def _same(apps: Apps, url: str, headers: dict[str, str] | None = None) -> httpx.Response:
    """Ask both apps for `url`; assert the answers are the same; the thin app's."""
    framework, thin = apps
    sent = {**REQUEST_ID, **(headers or {})}
    expected, answered = await framework.get(url, headers=sent), await thin.get(url, headers=sent)
    assert _comparable(answered) == _comparable(expected), url
    return answered


def _urls(keys: dict[str, Any]) -> list[str]:
    company, metric, party = keys["company"], keys["metric"], keys["party"]
    cursor = encode_cursor(keys["figure"])
    return [
        f"/v1/companies/{company}",
        f"/v1/companies/{company.upper()}",
        "/v1/companies/no-such-company",
        f"/v1/companies/{company}?as_of=2020-01-01T00:00:00Z",
        f"/v1/figures/{keys['figure']}",
        f"/v1/figures/0{keys['figure']}",
        "/v1/figures/9007199254740991",
        "/v1/figures/9007199254740992",
        "/v1/figures/0",
        f"/v1/figures/{keys['figure']}?include=all",
        f"/v1/figures/{keys['figure']}/history",
        f"/v1/deals/{keys['deal']}",
        "/v1/deals/999999999",
        f"/v1/figures?company={company}&metric={metric}&limit=50",
        f"/v1/figures?metric={metric}&company={company}&limit=2&cursor={cursor}",
        f"/v1/figures?company={company.upper()}&metric={metric}",
        f"/v1/figures?company={company}&status=actual",
        f"/v1/figures?company={company}&status=nonsense",
        f"/v1/figures?company={company}&limit=101",
        f"/v1/figures?company={company}&limit=007",
        f"/v1/figures?company={company}&cursor=not-a-cursor",
        f"/v1/figures?company={company}&company={company}",
        f"/v1/figures?company={company}&Limit=5",
        f"/v1/figures?company=%{company}",
        "/v1/figures?company=no-such-company",
        "/v1/figures",
        f"/v1/deals?company={party}&limit=50",
        f"/v1/deals?company={party}&kind=funding_round&status=completed",
        f"/v1/deals?company={party}&kind=not-a-kind",
        f"/v1/deals?company={party}&include=all",
    ]


async def test_every_answer_is_the_frameworks_header_for_header_and_byte_for_byte(
    apps: Apps, keys: dict[str, Any]
) -> None:
    for url in _urls(keys):
        await _same(apps, url)


async def test_a_revalidation_answers_304_as_the_framework_does(
    apps: Apps, keys: dict[str, Any]
) -> None:
    for url in [f"/v1/figures/{keys['figure']}", f"/v1/deals?company={keys['party']}"]:
        tag = (await _same(apps, url)).headers["etag"]
        assert (await _same(apps, url, {"if-none-match": tag})).status_code == 304
        assert (await _same(apps, url, {"if-none-match": f'W/{tag}, "x"'})).status_code == 304
        assert (await _same(apps, url, {"if-none-match": '"other"'})).status_code == 200


async def test_a_head_request_answers_as_its_get_without_a_body(
    apps: Apps, keys: dict[str, Any]
) -> None:
    framework, thin = apps
    url = f"/v1/companies/{keys['company']}"
    expected = await framework.head(url, headers=REQUEST_ID)
    answered = await thin.head(url, headers=REQUEST_ID)
    assert _comparable(answered) == _comparable(expected)
    assert answered.content == b""


async def test_requests_handed_on_are_counted_once_and_refused_over_the_quota(
    app_client: AppClient, keys: dict[str, Any]
) -> None:
    async with app_client(rate_limit=4, thin_reads=False) as framework:
        expected = [await framework.get("/v1/figures/999999999") for _ in range(5)]
    async with app_client(rate_limit=4, thin_reads=True) as thin:
        answered = [await thin.get("/v1/figures/999999999") for _ in range(5)]
    assert [a.status_code for a in answered] == [404, 404, 404, 404, 429]
    for got, wanted in zip(answered, expected, strict=True):
        assert (
            got.headers["ratelimit"].split(";t=")[0] == wanted.headers["ratelimit"].split(";t=")[0]
        )
    assert_problem(answered[-1], 429)
    assert 1 <= int(answered[-1].headers["retry-after"]) <= 60


async def test_a_read_past_the_statement_timeout_answers_the_same_503(
    apps: Apps, keys: dict[str, Any], session: AsyncSession, engine: AsyncEngine
) -> None:
    await session.execute(text("SET LOCAL statement_timeout = 100"))
    async with engine.connect() as other, other.begin():
        await other.execute(text("SET LOCAL lock_timeout = 5000"))
        # The framework's page reads the citations, the thin one the stored deal documents.
        await other.execute(text("LOCK TABLE citations, deal_documents IN ACCESS EXCLUSIVE MODE"))
        answered = await _same(apps, f"/v1/deals?company={keys['party']}")
    body = assert_problem(answered, 503)
    assert body["title"] == "Database timeout"


QUERY_KEYS = ["company", "metric", "kind", "status", "limit", "cursor", "include", "Limit", ""]
QUERY_VALUES = ["", "0", "1", "50", "050", "101", "-1", "actual", "signed", "funding_round",
                "revenue", "nonsense", "%41", "a+b", "eyJ4IjoxfQ", "NQ", "OpenAI",
                "x" * 101]  # fmt: skip


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    path=st.sampled_from(["/v1/figures", "/v1/deals"]),
    pairs=st.lists(
        st.tuples(
            st.sampled_from(QUERY_KEYS),
            st.sampled_from([*QUERY_VALUES, "<company>", "<metric>", "<party>"]),
        ),
        max_size=4,
    ),
)
async def test_any_list_query_is_answered_as_the_framework_answers_it(
    apps: Apps, keys: dict[str, Any], path: str, pairs: list[tuple[str, str]]
) -> None:
    values = {"<company>": keys["company"], "<metric>": keys["metric"], "<party>": keys["party"]}
    query = "&".join(f"{key}={values.get(value, value)}" for key, value in pairs)
    await _same(apps, f"{path}?{query}" if query else path)
