"""A fuzz of every parameter and body field of the OpenAPI document against a live server.

At least 5,000 malformed requests within 90 s: none may answer 500, and every answer that is
not a success is problem+json.
"""

from __future__ import annotations

import asyncio
import time

import httpx

from tests.abuse.fuzzing import Attack, attacks
from tests.faults.helpers import Server

MIN_REQUESTS = 5_000
WITHIN_SECONDS = 90
CONCURRENCY = 16
PROBLEM = "application/problem+json"


async def _send(http: httpx.AsyncClient, attack: Attack) -> str | None:
    """What is wrong with the answer to `attack`, or None."""
    response = await http.request(
        attack.method, attack.url, headers=attack.headers, content=attack.body
    )
    status, media_type = response.status_code, response.headers.get("content-type", "")
    if status >= 500 or (status >= 300 and media_type != PROBLEM):
        return f"{attack.method} {attack.url[:200]} {attack.body!r:.200} -> {status} {media_type}"
    return None


async def _fuzz(base_url: str, planned: list[Attack]) -> list[str]:
    gate = asyncio.Semaphore(CONCURRENCY)
    limits = httpx.Limits(max_connections=CONCURRENCY)
    async with httpx.AsyncClient(base_url=base_url, timeout=30, limits=limits) as http:

        async def one(attack: Attack) -> str | None:
            async with gate:
                return await _send(http, attack)

        answers = await asyncio.gather(*(one(attack) for attack in planned))
    return [answer for answer in answers if answer is not None]


def test_no_malformed_request_answers_500_and_every_error_is_a_problem(server: Server) -> None:
    planned = attacks()
    started = time.monotonic()

    wrong = asyncio.run(_fuzz(server.base_url, planned))

    elapsed = time.monotonic() - started
    assert len(planned) >= MIN_REQUESTS
    assert wrong == [], f"{len(wrong)} of {len(planned)} wrong:\n" + "\n".join(wrong[:30])
    assert elapsed < WITHIN_SECONDS, f"{len(planned)} requests took {elapsed:.0f} s"
    assert server.process.poll() is None
