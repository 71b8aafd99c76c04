"""Apps with their own pools (and change listeners) on a migrated database of their own."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
from litestar import Litestar
from sqlalchemy.engine import make_url

from service.app import create_app
from service.settings import Settings
from service.web.response_cache import ResponseCache
from tests.conftest import running

ADMIN_TOKEN = "cache-test-admin-token"
ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


def libpq(url: str) -> str:
    """The URL for psycopg."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def app_settings(url: str, **changes: Any) -> Settings:
    """Settings of an app on `url`, no reference data, no worker."""
    return Settings(database_url=url, admin_token=ADMIN_TOKEN, load_reference_data=False, **changes)


def cache_of(app: Litestar) -> ResponseCache:
    """The app's response cache."""
    cache: ResponseCache = app.state.response_cache
    return cache


async def until(condition: Any, seconds: float = 5.0) -> None:
    """Wait until `condition()` is true; fail after `seconds`."""
    for _ in range(int(seconds / 0.01)):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"not true within {seconds} s: {condition}")


@asynccontextmanager
async def serving(url: str, **changes: Any) -> AsyncIterator[tuple[Litestar, httpx.AsyncClient]]:
    """A running app on its own pool, and a client; waits for its listener when caching."""
    app = create_app(app_settings(url, **changes))
    transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
    async with (
        running(app),
        httpx.AsyncClient(transport=transport, base_url="http://testserver") as http,
    ):
        if changes.get("response_cache", True):
            await until(lambda: cache_of(app).live)
        yield app, http


async def new_company(http: httpx.AsyncClient, name: str = "Quillon Systems") -> str:
    """Create a company through the admin API; its slug."""
    slug = f"quillon-{uuid.uuid4().hex[:10]}"
    created = await http.post(
        "/v1/admin/companies", json={"slug": slug, "name": name}, headers=ADMIN
    )
    assert created.status_code == 201, created.text
    return slug


async def warmed(app: Litestar, http: httpx.AsyncClient, path: str) -> httpx.Response:
    """Read `path` until an answer comes from the cache (a notification of a write made just
    before may drop what the first reads kept); that answer."""
    cache = cache_of(app)
    for _ in range(100):
        hits = cache.hits
        response = await http.get(path)
        if cache.hits > hits:
            return response
        await asyncio.sleep(0.01)
    raise AssertionError(f"{path} never came from the cache")
