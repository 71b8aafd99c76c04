"""Source full-text search in each source's language, and sources as known at an instant."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from service.models import Source
from tests.helpers import assert_problem, walk_pages

RETRIEVED = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)


async def add_source(
    session: AsyncSession,
    language: str | None,
    text: str,
    *,
    title: str | None = None,
    retrieved_at: datetime = RETRIEVED,
) -> int:
    """A stored source with `text`; its id."""
    source = Source(
        language=language,
        title=title,
        text=text,
        sha256=hashlib.sha256(f"{language}:{title}:{text}".encode()).hexdigest(),
        retrieved_at=retrieved_at,
    )
    session.add(source)
    await session.flush()
    return source.id


async def hits(client: httpx.AsyncClient, q: str, **params: str | int) -> list[dict[str, Any]]:
    """Every source matching `q`, in answer order."""
    return await walk_pages(client, "/v1/sources", {"q": q, **params})


async def test_french_inflection_matches_a_french_source(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    french = await add_source(session, "fr", "Le groupe annonce un investissement massif à Lyon.")

    found = await hits(client, "investissements")

    assert french in [s["id"] for s in found]


async def test_german_inflection_matches_a_german_source(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    german = await add_source(session, "de", "Siemens kündigt neue Investitionen in Bayern an.")

    found = await hits(client, "Investition")

    assert german in [s["id"] for s in found]


async def test_a_source_is_stemmed_in_its_own_language_only(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    # "investissements" reduces to "investiss" in French; the simple configuration keeps it whole.
    unknown = await add_source(session, "nl", "Het bedrijf kondigt een investissement aan.")
    french = await add_source(session, "fr", "Un investissement record dans les puces.")

    found = [s["id"] for s in await hits(client, "investissements")]

    assert french in found
    assert unknown not in found


async def test_matches_come_best_first_with_a_marked_snippet(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    weak = await add_source(session, "en", "Revenue grew. " + "Other news about chips. " * 40)
    strong = await add_source(
        session, "en", "Zorblax revenue doubled as Zorblax sold more.", title="Zorblax revenue"
    )
    also_weak = await add_source(session, "en", "Zorblax opened an office. " + "Filler. " * 40)

    found = await hits(client, "zorblax")

    assert [s["id"] for s in found] == [strong, also_weak]
    assert weak not in [s["id"] for s in found]
    assert "<mark>Zorblax</mark>" in str(found[0]["snippet"])


async def test_search_pages_walk_each_hit_once(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    ids = [
        await add_source(session, "en", f"Quibbleton {'and Quibbleton ' * n}reports {n}.")
        for n in range(5)
    ]

    everything = [s["id"] for s in await hits(client, "quibbleton", limit=100)]
    walked = [s["id"] for s in await hits(client, "quibbleton", limit=2)]

    assert walked == everything
    assert sorted(everything) == sorted(ids)


async def test_search_combines_with_filters(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await add_source(session, "fr", "Le projet Frobnitz avance.")
    italian = await add_source(session, "it", "Il progetto Frobnitz avanza.")

    found = await hits(client, "frobnitz", language="it")

    assert [s["id"] for s in found] == [italian]


async def test_list_without_q_has_null_snippets(client: httpx.AsyncClient) -> None:
    page = (await client.get("/v1/sources", params={"limit": 3})).json()

    assert page["data"]
    assert all(source["snippet"] is None for source in page["data"])


@pytest.mark.parametrize("q", ["", "  ", "w" * 201])
async def test_empty_blank_or_too_long_query_answers_400(client: httpx.AsyncClient, q: str) -> None:
    body = assert_problem(await client.get("/v1/sources", params={"q": q}), 400)

    assert "q" in {error["key"] for error in body["errors"]}


async def test_source_is_unknown_before_it_was_retrieved(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    source_id = await add_source(session, "en", "Early text.")
    before = (RETRIEVED - timedelta(seconds=1)).isoformat()

    assert_problem(await client.get(f"/v1/sources/{source_id}", params={"as_of": before}), 404)
    at = await client.get(f"/v1/sources/{source_id}", params={"as_of": RETRIEVED.isoformat()})
    assert at.status_code == 200
    assert at.json()["text"] == "Early text."


async def test_source_list_as_of_and_updated_since_bound_the_retrieval_time(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    old = await add_source(session, "en", "Old.", retrieved_at=RETRIEVED - timedelta(days=30))
    new = await add_source(session, "en", "New.", retrieved_at=RETRIEVED)

    as_of = [
        s["id"] for s in await walk_pages(client, "/v1/sources", {"as_of": "2025-03-01T00:00:00Z"})
    ]
    since = [
        s["id"]
        for s in await walk_pages(client, "/v1/sources", {"updated_since": "2025-03-01T00:00:00Z"})
    ]

    assert old in as_of
    assert new not in as_of
    assert new in since
    assert old not in since


@pytest.mark.parametrize(
    ("as_of", "status"),
    [("2999-01-01T00:00:00Z", 422), ("yesterday", 400), ("2025-03-01T00:00:00", 400)],
)
async def test_future_or_malformed_as_of_answers_a_problem(
    client: httpx.AsyncClient, as_of: str, status: int
) -> None:
    assert_problem(await client.get("/v1/sources", params={"as_of": as_of}), status)
    assert_problem(await client.get("/v1/sources/1", params={"as_of": as_of}), status)
