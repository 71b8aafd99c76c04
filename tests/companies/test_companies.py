"""The company read API: listing, filters, keyset pagination and lookup by slug."""

from __future__ import annotations

import httpx
import pytest

from tests.helpers import assert_problem, reference_data, walk_pages

REFERENCE_SLUGS = {"openai", "amazon", "microsoft", "oracle", "softbank", "nvidia", "tsmc"}


async def test_company_list_holds_the_reference_companies(client: httpx.AsyncClient) -> None:
    companies = {c["slug"]: c for c in await walk_pages(client, "/v1/companies", {"limit": 100})}

    assert companies.keys() >= REFERENCE_SLUGS
    assert companies["stargate"]["kind"] == "joint_venture"
    assert companies["openai"]["name"] == "OpenAI"


async def test_companies_are_listed_in_slug_order(client: httpx.AsyncClient) -> None:
    slugs = [c["slug"] for c in await walk_pages(client, "/v1/companies", {"limit": 100})]

    assert slugs == sorted(slugs)
    assert len(slugs) == len(set(slugs))


async def test_amazon_is_known_as_aws_and_amazon_web_services(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/companies/amazon")

    assert response.status_code == 200
    aliases = {a["alias"] for a in response.json()["aliases"]}
    assert {"AWS", "Amazon Web Services"} <= aliases


async def test_company_carries_its_identifiers(client: httpx.AsyncClient) -> None:
    amazon = (await client.get("/v1/companies/amazon")).json()

    assert amazon["identifiers"] == {
        "wikidata": "Q3884",
        "lei": "ZXTILKJKG63JELOEG630",
        "ticker": "AMZN",
    }
    assert amazon["country"] == "US"


async def test_company_names_its_parent(client: httpx.AsyncClient) -> None:
    google = (await client.get("/v1/companies/google")).json()

    assert google["parent"] == "alphabet"


@pytest.mark.parametrize(
    ("params", "field", "expected", "member"),
    [
        ({"kind": "joint_venture"}, "kind", "joint_venture", "stargate"),
        ({"kind": "company"}, "kind", "company", "openai"),
        ({"country": "JP"}, "country", "JP", "softbank"),
        ({"country": "tw"}, "country", "TW", "tsmc"),
    ],
)
async def test_company_filters_keep_only_matching_companies(
    client: httpx.AsyncClient, params: dict[str, str], field: str, expected: str, member: str
) -> None:
    companies = await walk_pages(client, "/v1/companies", {**params, "limit": 100})

    assert companies
    assert all(c[field] == expected for c in companies)
    assert member in {c["slug"] for c in companies}


async def test_keyset_pagination_walks_every_company_exactly_once(
    client: httpx.AsyncClient,
) -> None:
    everything = await walk_pages(client, "/v1/companies", {"limit": 100})

    walked = await walk_pages(client, "/v1/companies", {"limit": 2})

    assert [c["slug"] for c in walked] == [c["slug"] for c in everything]


async def test_company_page_has_at_most_limit_items_and_a_cursor(
    client: httpx.AsyncClient,
) -> None:
    page = (await client.get("/v1/companies", params={"limit": 2})).json()

    assert len(page["data"]) == 2
    assert isinstance(page["next_cursor"], str)


async def test_unknown_company_slug_answers_404_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/companies/no-such-company")

    body = assert_problem(response, 404)
    assert "no-such-company" in body["detail"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"kind": "conglomerate"}, "kind"),
        ({"country": "USA"}, "country"),
        ({"limit": "0"}, "limit"),
    ],
)
async def test_invalid_company_query_answers_400_with_field_errors(
    client: httpx.AsyncClient, params: dict[str, str], field: str
) -> None:
    response = await client.get("/v1/companies", params=params)

    body = assert_problem(response, 400)
    assert field in {error["key"] for error in body["errors"]}


async def test_malformed_company_cursor_answers_422_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/companies", params={"cursor": "%%%"})

    assert "cursor" in assert_problem(response, 422)["detail"]


async def test_reference_aliases_bound_to_a_language_say_which(client: httpx.AsyncClient) -> None:
    by_slug = {c.slug: c for c in reference_data().companies}
    for slug, company in by_slug.items():
        bound = {(a.alias, a.language) for a in company.aliases if a.language is not None}
        if not bound:
            continue
        served = (await client.get(f"/v1/companies/{slug}")).json()["aliases"]

        pairs = {(a["alias"], a["language"]) for a in served}
        assert bound <= pairs
        assert (company.name, None) in pairs
        language_free = {alias for alias, language in pairs if language is None}
        assert not {alias for alias, _ in bound} & language_free - {company.name}
