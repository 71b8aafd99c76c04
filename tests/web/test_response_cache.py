"""The response cache: same answers as without it, never one older than a committed write."""

from __future__ import annotations

import httpx
import psycopg
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from service.companies.curation import CompanyCurator
from service.companies.schemas import CompanyUpdate
from service.db.engine import create_engine
from service.facts.bulk import copy_rows, driver_connection
from service.models.base import Base
from service.models.catalog import CompanyAlias
from service.settings import Settings
from service.web.data_changes import APPLICATION_NAME
from tests.web.cache_helpers import (
    ADMIN,
    cache_of,
    libpq,
    new_company,
    serving,
    until,
    warmed,
)

PER_REQUEST = frozenset({"x-request-id", "ratelimit"})
"""Headers every answer has its own value of."""


def _lasting(response: httpx.Response) -> list[tuple[str, str]]:
    """The headers in the order sent, but those every answer has its own value of."""
    return [
        (name, value) for name, value in response.headers.multi_items() if name not in PER_REQUEST
    ]


def _remaining(response: httpx.Response) -> int:
    return int(response.headers["ratelimit"].split(";r=")[1].split(";")[0])


async def test_a_cached_read_has_the_bytes_and_headers_of_an_uncached_one(
    committed_database_url: str,
) -> None:
    async with (
        serving(committed_database_url) as (app, http),
        serving(committed_database_url, response_cache=False) as (_, uncached_http),
    ):
        slug = await new_company(http)
        path = f"/v1/companies/{slug}"
        first = await warmed(app, http, path)
        second = await http.get(path)
        cache_of(app).invalidate()
        hits = cache_of(app).hits
        uncached = await http.get(path)
        plain = await uncached_http.get(path)

        assert cache_of(app).hits == hits
        assert {r.status_code for r in (first, second, uncached, plain)} == {200}
        assert first.content == second.content == uncached.content == plain.content
        assert _lasting(first) == _lasting(second) == _lasting(uncached) == _lasting(plain)
        assert first.headers["x-request-id"] != second.headers["x-request-id"]
        assert _remaining(second) == _remaining(first) - 1


async def test_a_cached_read_still_answers_304_and_head_like_an_uncached_one(
    committed_database_url: str,
) -> None:
    async with (
        serving(committed_database_url) as (app, http),
        serving(committed_database_url, response_cache=False) as (_, uncached_http),
    ):
        slug = await new_company(http)
        path = f"/v1/companies/{slug}"
        tag = (await warmed(app, http, path)).headers["etag"]
        hits = cache_of(app).hits
        revalidated = await http.get(path, headers={"If-None-Match": tag})
        plain = await uncached_http.get(path, headers={"If-None-Match": tag})
        head = await http.head(path)

        assert cache_of(app).hits == hits + 2
        assert revalidated.status_code == plain.status_code == 304
        assert revalidated.content == plain.content == b""
        assert _lasting(revalidated) == _lasting(plain)
        assert head.status_code == 200
        assert head.headers["etag"] == tag


@pytest.mark.parametrize("offered", ['"other"', "*", "W/{tag}", '"other", {tag}'])
async def test_a_cached_read_judges_if_none_match_as_an_uncached_one(
    committed_database_url: str, offered: str
) -> None:
    async with (
        serving(committed_database_url) as (app, http),
        serving(committed_database_url, response_cache=False) as (_, uncached_http),
    ):
        slug = await new_company(http)
        path = f"/v1/companies/{slug}"
        tag = (await warmed(app, http, path)).headers["etag"]
        condition = {"If-None-Match": offered.format(tag=tag)}
        hits = cache_of(app).hits
        cached = await http.get(path, headers=condition)
        plain = await uncached_http.get(path, headers=condition)

        assert cache_of(app).hits == hits + 1
        assert cached.status_code == plain.status_code
        assert cached.content == plain.content
        assert _lasting(cached) == _lasting(plain)


async def test_parameters_in_another_order_share_an_answer_and_other_values_do_not(
    committed_database_url: str,
) -> None:
    async with serving(committed_database_url) as (app, http):
        await new_company(http, "Quillon Alpha")
        await new_company(http, "Quillon Beta")
        one = await warmed(app, http, "/v1/companies?limit=1&q=quillon")
        hits = cache_of(app).hits
        same = await http.get("/v1/companies?q=quillon&limit=1")
        two = await http.get("/v1/companies?q=quillon&limit=2")

        assert cache_of(app).hits == hits + 1
        assert one.content == same.content
        assert len(two.json()["data"]) == 2


async def test_errors_admin_reads_and_authorised_requests_are_never_kept(
    committed_database_url: str,
) -> None:
    async with serving(committed_database_url) as (app, http):
        slug = await new_company(http)
        text = "Quillon Systems reported revenue of $12 million for 2025."
        submitted = await http.post(
            "/v1/admin/sources", json={"text": text, "published_on": "2026-01-05"}, headers=ADMIN
        )
        assert submitted.status_code == 202, submitted.text
        job_path = f"/v1/admin/jobs/{submitted.json()['job']['id']}"
        for _ in range(2):
            missing = await http.get("/v1/companies/no-such-quillon")
            jobs = await http.get(job_path, headers=ADMIN)
            authorised = await http.get(f"/v1/companies/{slug}", headers=ADMIN)
            bad = await http.get(f"/v1/companies/{slug}?nonsense=1")

        assert missing.status_code == 404
        assert jobs.status_code == 200
        assert authorised.status_code == 200
        assert bad.status_code == 400
        assert cache_of(app).hits == 0
        assert len(cache_of(app)) == 0


async def test_a_write_through_the_api_shows_in_the_next_read_of_the_same_process(
    committed_database_url: str,
) -> None:
    async with serving(committed_database_url) as (app, http):
        slug = await new_company(http)
        path = f"/v1/companies/{slug}"
        await warmed(app, http, path)

        changed = await http.patch(
            path.replace("/v1/", "/v1/admin/"), json={"name": "Quillon Two"}, headers=ADMIN
        )
        after = await http.get(path)  # no waiting: the writing process dropped its cache

        assert changed.status_code == 200
        assert after.json()["name"] == "Quillon Two"


async def test_a_raw_sql_update_in_another_connection_reaches_the_cache(
    committed_database_url: str,
) -> None:
    async with serving(committed_database_url) as (app, http):
        slug = await new_company(http)
        path = f"/v1/companies/{slug}"
        await warmed(app, http, path)
        version = cache_of(app).version

        with psycopg.connect(libpq(committed_database_url), autocommit=True) as conn:
            conn.execute("UPDATE companies SET name = 'Quillon Raw' WHERE slug = %s", (slug,))
        await until(lambda: cache_of(app).version > version)

        assert (await http.get(path)).json()["name"] == "Quillon Raw"


async def test_a_rolled_back_write_leaves_the_cache_alone(committed_database_url: str) -> None:
    async with serving(committed_database_url) as (app, http):
        slug = await new_company(http)
        await warmed(app, http, f"/v1/companies/{slug}")
        version = cache_of(app).version

        with psycopg.connect(libpq(committed_database_url)) as conn:
            conn.execute("UPDATE companies SET name = 'Quillon Never' WHERE slug = %s", (slug,))
            conn.rollback()
        await http.get("/v1/companies/another-quillon")  # a round trip for a late notification

        assert cache_of(app).version == version
        assert len(cache_of(app)) == 1


async def test_a_write_by_the_curation_code_on_another_pool_reaches_the_cache(
    committed_database_url: str,
) -> None:
    async with serving(committed_database_url) as (app, http):
        slug = await new_company(http)
        path = f"/v1/companies/{slug}"
        await warmed(app, http, path)
        version = cache_of(app).version

        engine = create_engine(Settings(database_url=committed_database_url))
        async with engine.connect() as conn, conn.begin():
            curator = CompanyCurator(AsyncSession(bind=conn), "cache-test")
            await curator.update(slug, CompanyUpdate(name="Quillon Curated"))
        await engine.dispose()
        await until(lambda: cache_of(app).version > version)

        assert (await http.get(path)).json()["name"] == "Quillon Curated"


async def test_a_copy_by_the_bulk_loader_reaches_the_cache(committed_database_url: str) -> None:
    async with serving(committed_database_url) as (app, http):
        slug = await new_company(http)
        path = f"/v1/companies/{slug}"
        await warmed(app, http, path)
        version = cache_of(app).version

        engine = create_engine(Settings(database_url=committed_database_url))
        async with engine.connect() as conn, conn.begin():
            columns = ("company_slug", "alias", "alias_key", "language")
            rows = [(slug, "QSX Bulk", CompanyAlias.key_of("QSX Bulk"), None)]
            assert (
                await copy_rows(
                    await driver_connection(conn),
                    Base.metadata.tables["company_aliases"],
                    columns,
                    rows,
                )
                == 1
            )
        await engine.dispose()
        await until(lambda: cache_of(app).version > version)

        assert "QSX Bulk" in (await http.get(path)).text


async def test_two_processes_each_see_the_writes_of_the_other(
    committed_database_url: str,
) -> None:
    async with (
        serving(committed_database_url) as (first_app, first),
        serving(committed_database_url) as (second_app, second),
    ):
        slug = await new_company(first)
        path = f"/v1/companies/{slug}"
        admin_path = f"/v1/admin/companies/{slug}"
        for name, (writer, reader, reader_app) in {
            "Quillon East": (first, second, second_app),
            "Quillon West": (second, first, first_app),
        }.items():
            await warmed(reader_app, reader, path)
            version = cache_of(reader_app).version
            written = await writer.patch(admin_path, json={"name": name}, headers=ADMIN)
            assert written.status_code == 200
            await until(lambda app=reader_app, seen=version: cache_of(app).version > seen)

            assert (await reader.get(path)).json()["name"] == name


async def test_without_its_listener_the_cache_serves_nothing_until_it_is_back(
    committed_database_url: str,
) -> None:
    async with serving(committed_database_url) as (app, http):
        cache = cache_of(app)
        slug = await new_company(http)
        path = f"/v1/companies/{slug}"
        await warmed(app, http, path)

        with psycopg.connect(libpq(committed_database_url), autocommit=True) as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = %s AND datname = current_database()",
                (APPLICATION_NAME,),
            )
            await until(lambda: not cache.live)
            hits = cache.hits
            conn.execute("UPDATE companies SET name = 'Quillon Unheard' WHERE slug = %s", (slug,))
            while_down = [await http.get(path) for _ in range(2)]
            assert cache.hits == hits
            assert len(cache) == 0

        await until(lambda: cache.live)
        back = [await http.get(path) for _ in range(2)]

        assert {r.json()["name"] for r in while_down + back} == {"Quillon Unheard"}
        assert cache.hits == hits + 1


async def test_with_the_setting_off_nothing_is_kept_and_nothing_listens(
    committed_database_url: str,
) -> None:
    async with serving(committed_database_url, response_cache=False) as (app, http):
        slug = await new_company(http)
        for _ in range(3):
            await http.get(f"/v1/companies/{slug}")

        assert cache_of(app).hits == 0
        assert len(cache_of(app)) == 0
        with psycopg.connect(libpq(committed_database_url), autocommit=True) as conn:
            listening = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s "
                "AND datname = current_database()",
                (APPLICATION_NAME,),
            ).fetchone()
        assert listening == (0,)
