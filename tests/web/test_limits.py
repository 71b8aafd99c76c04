"""Limits: body size, query parameter bounds, statement timeout, and rate limiting per client."""

from __future__ import annotations

import httpx
import pytest
from litestar import Litestar, get
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.web.limits import FixedWindow
from service.web.problems import EXCEPTION_HANDLERS
from tests.admin.helpers import ADMIN_HEADERS
from tests.helpers import AppClient, assert_problem


async def test_a_body_over_the_limit_answers_413_problem(app_client: AppClient) -> None:
    async with app_client(max_body_bytes=1024) as http:
        response = await http.post("/v1/normalize", json={"text": "x" * 2048})

    assert_problem(response, 413)


async def test_the_source_route_accepts_bodies_over_the_global_limit(
    app_client: AppClient,
) -> None:
    text_over_limit = "Lumen AI said its revenue reached $2 million in 2031. " * 40
    async with app_client(max_body_bytes=1024) as http:
        response = await http.post(
            "/v1/admin/sources",
            json={"text": text_over_limit, "language": "en", "published_on": "2031-05-04"},
            headers=ADMIN_HEADERS,
        )

    assert response.status_code == 202, response.text


@pytest.mark.parametrize(
    "query",
    [
        pytest.param("limit=0", id="limit-too-small"),
        pytest.param("limit=101", id="limit-too-large"),
        pytest.param("metric=" + "m" * 101, id="metric-too-long"),
        pytest.param("company=" + "c" * 101, id="company-too-long"),
        pytest.param("cursor=" + "c" * 201, id="cursor-too-long"),
    ],
)
async def test_query_parameters_out_of_bounds_answer_400_problem(
    client: httpx.AsyncClient, query: str
) -> None:
    response = await client.get(f"/v1/figures?{query}")

    assert_problem(response, 400)


async def test_a_statement_past_the_timeout_answers_503_problem_with_retry_after(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    @get("/slow", sync_to_thread=False)
    async def slow() -> None:
        async with sessionmaker() as session:
            await session.execute(text("SET LOCAL statement_timeout = 50"))
            await session.execute(text("SELECT pg_sleep(2)"))

    app = Litestar(route_handlers=[slow], exception_handlers=EXCEPTION_HANDLERS)
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        response = await http.get("/slow")

    body = assert_problem(response, 503)
    assert body["title"] == "Database timeout"
    assert response.headers["retry-after"] == "1"


async def test_every_response_announces_the_policy_and_what_is_left(
    app_client: AppClient,
) -> None:
    async with app_client(rate_limit=5) as http:
        first = await http.get("/v1/companies")
        problem = await http.get("/v1/companies/no-such-company")

    assert first.headers["ratelimit-policy"] == '"default";q=5;w=60'
    assert first.headers["ratelimit"].startswith('"default";r=4;t=')
    assert problem.headers["ratelimit"].startswith('"default";r=3;t=')
    assert_problem(problem, 404)


async def test_a_client_over_its_quota_answers_429_problem_with_retry_after(
    app_client: AppClient,
) -> None:
    async with app_client(rate_limit=2) as http:
        answers = [await http.get("/v1/companies") for _ in range(3)]

    assert [answer.status_code for answer in answers[:2]] == [200, 200]
    assert_problem(answers[2], 429)
    retry_after = int(answers[2].headers["retry-after"])
    assert 1 <= retry_after <= 60
    assert answers[2].headers["ratelimit"] == f'"default";r=0;t={retry_after}'


async def test_probes_are_never_limited(app_client: AppClient) -> None:
    async with app_client(rate_limit=1) as http:
        answers = [await http.get("/healthz") for _ in range(3)]

    assert [answer.status_code for answer in answers] == [200, 200, 200]
    assert "ratelimit" not in answers[0].headers


async def test_a_zero_rate_limit_turns_limiting_off(app_client: AppClient) -> None:
    async with app_client(rate_limit=0) as http:
        response = await http.get("/v1/companies")

    assert response.status_code == 200
    assert "ratelimit" not in response.headers
    assert "ratelimit-policy" not in response.headers


async def test_an_accepted_admin_token_has_its_own_quota(app_client: AppClient) -> None:
    async with app_client(rate_limit=3) as http:
        learned = await http.get("/v1/admin/jobs/999999999", headers=ADMIN_HEADERS)
        admin = [
            await http.get("/v1/admin/jobs/999999999", headers=ADMIN_HEADERS) for _ in range(4)
        ]
        public = await http.get("/v1/companies")

    assert_problem(learned, 404)
    assert [answer.status_code for answer in admin] == [404, 404, 404, 429]
    assert public.status_code == 200
    assert public.headers["ratelimit"].startswith('"default";r=1;')


async def test_wrong_admin_tokens_count_against_the_client_ip(app_client: AppClient) -> None:
    async with app_client(rate_limit=2) as http:
        answers = [
            await http.get("/v1/admin/jobs/1", headers={"Authorization": f"Bearer wrong-{n}"})
            for n in range(3)
        ]

    assert [answer.status_code for answer in answers] == [401, 401, 429]


def test_a_fixed_window_resets_its_counts_when_the_next_window_starts() -> None:
    now = [120.0]
    window = FixedWindow(quota=2, window_seconds=60, clock=lambda: now[0])

    assert window.hit("a") == (1, 60)
    now[0] = 150.5
    assert window.hit("a") == (0, 30)
    assert window.hit("a") == (-1, 30)
    assert window.hit("b") == (1, 30)
    now[0] = 180.0
    assert window.hit("a") == (1, 60)


def test_a_fixed_window_counts_what_the_other_processes_shared() -> None:
    now = [120.0]
    mine, other = (FixedWindow(quota=5, window_seconds=60, clock=lambda: now[0]) for _ in "ab")
    for _ in range(3):
        mine.hit("a")
        other.hit("a")
    window, sent = mine.unshared()
    assert sent == {"a": 3}
    mine.absorb(window, sent, {"a": 6})  # the shared count now holds both processes' hits

    assert mine.unshared() == (window, {})
    assert mine.hit("a") == (-2, 60)
