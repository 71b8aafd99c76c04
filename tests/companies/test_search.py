"""Company search: names and aliases in any language, case- and accent-folded, best first."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from service.models import Company, CompanyAlias
from tests.helpers import assert_problem, walk_pages


async def add_company(session: AsyncSession, slug: str, name: str, *aliases: str) -> None:
    """A company with its name and `aliases` as matching aliases."""
    session.add(Company(slug=slug, name=name))
    await session.flush()
    for alias in dict.fromkeys([name, *aliases]):
        session.add(
            CompanyAlias(company_slug=slug, alias=alias, alias_key=CompanyAlias.key_of(alias))
        )
    await session.flush()


async def search(client: httpx.AsyncClient, q: str, **params: str | int) -> list[str]:
    """Slugs of every company matching `q`, in answer order."""
    return [c["slug"] for c in await walk_pages(client, "/v1/companies", {"q": q, **params})]


@pytest.mark.parametrize("q", ["amazon web services", "AWS", "Amazon Web Services", "aws"])
async def test_amazon_is_the_first_match_of_its_aliases(client: httpx.AsyncClient, q: str) -> None:
    assert (await search(client, q))[0] == "amazon"


async def test_mistral_finds_mistral_ai_by_name_prefix(client: httpx.AsyncClient) -> None:
    assert (await search(client, "Mistral"))[0] == "mistral-ai"


async def test_alias_in_another_language_finds_its_company(client: httpx.AsyncClient) -> None:
    assert (await search(client, "fondo de inversion publica"))[0] == "public-investment-fund"


@pytest.mark.parametrize("q", ["societe generale", "SOCIÉTÉ GÉNÉRALE", "Société  Générale"])
async def test_search_ignores_case_and_accents(
    client: httpx.AsyncClient, session: AsyncSession, q: str
) -> None:
    await add_company(session, "societe-generale", "Société Générale", "SocGen")

    assert (await search(client, q))[0] == "societe-generale"


async def test_exact_name_comes_before_prefix_word_and_similar_matches(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await add_company(session, "zz-similar", "Quanttum Labs")
    await add_company(session, "zz-word", "Deep Quantum Labs")
    await add_company(session, "zz-prefix", "Quantum Computing Inc")
    await add_company(session, "zz-exact", "Quantum")

    found = await search(client, "quantum")

    assert found[:4] == ["zz-exact", "zz-prefix", "zz-word", "zz-similar"]


async def test_misspelt_name_finds_the_company_by_similarity(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    await add_company(session, "anthropic-test", "Anthropicorp")

    assert "anthropic-test" in await search(client, "antropicorp")


async def test_search_pages_walk_each_match_once_in_rank_order(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    for n in range(5):
        await add_company(session, f"zz-acme-{n}", f"Acme Robotics {n}")
    await add_company(session, "zz-acme", "Acme")

    everything = await search(client, "acme", limit=100)
    walked = await search(client, "acme", limit=2)

    assert walked == everything
    assert everything[0] == "zz-acme"
    assert everything[1:6] == [f"zz-acme-{n}" for n in range(5)]


async def test_search_combines_with_the_filters(client: httpx.AsyncClient) -> None:
    assert await search(client, "softbank", country="US") == []
    assert (await search(client, "softbank", country="JP"))[0] == "softbank"


@pytest.mark.parametrize("q", ["xqzvw", "\u00a0", "\u0085"])
async def test_no_match_is_an_empty_page(client: httpx.AsyncClient, q: str) -> None:
    page = (await client.get("/v1/companies", params={"q": q})).json()

    assert page == {"data": [], "next_cursor": None}


@pytest.mark.parametrize("q", ["", "   ", "x" * 201])
async def test_empty_blank_or_too_long_query_answers_400(client: httpx.AsyncClient, q: str) -> None:
    body = assert_problem(await client.get("/v1/companies", params={"q": q}), 400)

    assert "q" in {error["key"] for error in body["errors"]}


async def test_slug_cursor_is_not_a_search_cursor(client: httpx.AsyncClient) -> None:
    cursor = (await client.get("/v1/companies", params={"limit": 1})).json()["next_cursor"]

    response = await client.get("/v1/companies", params={"q": "amazon", "cursor": cursor})

    assert "cursor" in assert_problem(response, 422)["detail"]
