"""CPU per request in process, with the response cache off and answering from it.

Loads the benchmark data (an embedded PostgreSQL in a temporary folder, or the server of
`--database-url`) at `--scale`, then for each lookup of the read-path benchmark drives the ASGI
app directly (no server, no sockets) through its 32 keys, `--requests` times, once with
`AIFACTS_RESPONSE_CACHE` off and once on (after a warm-up, every answer comes from the cache),
and prints µs of CPU per request (`time.process_time`, so the database's own work is left out)
and the bodies' equality. Rate limiting stays on (the in-process count is part of the cost);
its quota is raised so that no answer is a 429. The column "hit before routing" is the
floor of a hit served in front of the router (see `_before_routing`). Last, the time from a
COMMIT on a watched table until a listening process has dropped its cache (the window a
cached answer may outlive a write made by another process).

    python -m benchmarks.readpath.cache_cost --scale 0.05
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import asyncpg
from litestar import Litestar

from benchmarks.data.generate import fresh_database, load
from benchmarks.readpath.endpoints import lookups
from service.app import create_app
from service.db.embedded import EmbeddedPostgres
from service.settings import Settings
from service.web.data_changes import database_connector, listen_for_changes
from service.web.limits import WINDOW_SECONDS, FixedWindow, limit_header
from service.web.observability import RequestObserver
from service.web.response_cache import ResponseCache, request_key

QUOTA = 1_000_000_000


def _scope(path_and_query: str) -> dict[str, Any]:
    path, _, query = path_and_query.partition("?")
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", b"bench"), (b"accept", b"*/*")],
        "client": ("127.0.0.1", 40000),
        "server": ("bench", 80),
        "state": {},
    }


async def _get(app: Any, path: str) -> tuple[int, bytes]:
    """One GET through the whole ASGI app; its status and body."""
    status = 0
    chunks: list[bytes] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Any) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        else:
            chunks.append(message.get("body", b""))

    await app(_scope(path), receive, send)  # type: ignore[arg-type]
    return status, b"".join(chunks)


async def _cost(app: Any, paths: list[str], requests: int) -> tuple[float, list[bytes]]:
    """µs of CPU per request over `requests` GETs cycling through `paths`; the bodies."""
    bodies = [(await _get(app, path))[1] for path in paths]
    for path in paths:  # warm-up (kept answers, prepared statements, pool)
        await _get(app, path)
    started = time.process_time()
    for number in range(requests):
        status, _ = await _get(app, paths[number % len(paths)])
        if status != 200:
            raise RuntimeError(f"{paths[number % len(paths)]} answered {status}")
    return (time.process_time() - started) / requests * 1e6, bodies


def _before_routing(app: Litestar) -> Any:
    """The least a hit served before routing would cost: not built in the service, measured
    to tell what such a path could save. The request observer (id, access log, metrics),
    the rate limit count and headers and the lookup are kept; routing, the middleware chain,
    the strict query check and the HEAD layer are not."""
    cache: ResponseCache = app.state.response_cache
    window = FixedWindow(QUOTA, WINDOW_SECONDS)

    async def hit(scope: Any, _: Any, send: Any) -> None:
        scope["app"] = app
        request = request_key(scope)
        answer = None if request is None else cache.get(request[0])
        if answer is None:
            raise RuntimeError(f"{scope['path']} is not cached")
        remaining, reset = window.hit(f"ip:{scope['client'][0]}")
        limits = [
            (b"ratelimit-policy", window.policy_header().encode()),
            (b"ratelimit", limit_header(remaining, reset).encode()),
        ]
        await send(
            {"type": "http.response.start", "status": 200, "headers": [*answer.headers, *limits]}
        )
        await send({"type": "http.response.body", "body": answer.body, "more_body": False})

    return RequestObserver(hit)


async def _measure(uri: str, requests: int) -> list[tuple[str, float, float, float, bool, int]]:
    results = []
    for lookup in lookups(uri):
        if lookup.body is not None:
            continue
        costs: dict[bool, tuple[float, list[bytes]]] = {}
        hits = 0
        floor = 0.0
        for caching in (False, True):
            settings = Settings(database_url=uri, rate_limit=QUOTA, response_cache=caching)
            app = create_app(settings)
            async with app.lifespan():
                cache = app.state.response_cache
                for _ in range(500):
                    if cache.live or not caching:
                        break
                    await asyncio.sleep(0.01)
                costs[caching] = await _cost(app, lookup.api_paths, requests)
                if caching:
                    hits = cache.hits
                    floor, bodies = await _cost(_before_routing(app), lookup.api_paths, requests)
                    if bodies != costs[True][1]:
                        raise RuntimeError("the pre-routing floor answered other bodies")
        same = costs[False][1] == costs[True][1]
        results.append((lookup.name, costs[False][0], costs[True][0], floor, same, hits))
    return results


class _Signalling(ResponseCache):
    """A cache that tells when it is dropped."""

    def __init__(self, budget: int) -> None:
        super().__init__(budget)
        self.dropped = asyncio.Event()

    def invalidate(self) -> None:
        """Drop, and signal it."""
        super().invalidate()
        self.dropped.set()


async def _delivery(uri: str, commits: int) -> tuple[float, float]:
    """Median and p99 ms from sending a COMMIT (of a statement on a watched table) until this
    process's listener has dropped its cache."""
    cache = _Signalling(1 << 20)
    listener = asyncio.create_task(listen_for_changes(cache, database_connector(uri)))
    writer = await asyncpg.connect(uri)
    delays = []
    try:
        await asyncio.wait_for(cache.dropped.wait(), 10)  # came up
        for _ in range(commits):
            cache.dropped.clear()
            transaction = writer.transaction()
            await transaction.start()
            await writer.execute("UPDATE metrics SET name = name WHERE false")
            started = time.perf_counter()
            await transaction.commit()
            await asyncio.wait_for(cache.dropped.wait(), 10)
            delays.append((time.perf_counter() - started) * 1e3)
    finally:
        await writer.close()
        listener.cancel()
        await asyncio.gather(listener, return_exceptions=True)
    delays.sort()
    return statistics.median(delays), delays[int(len(delays) * 0.99) - 1]


def main() -> None:
    """Load the data, measure each lookup with the cache off and on, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.05, help="1.0 = 1,000,000 figures")
    parser.add_argument("--requests", type=int, default=3000, help="per lookup and setting")
    parser.add_argument("--database-url", help="libpq URI of the server's maintenance database")
    args = parser.parse_args()
    workdir = None
    server = None
    admin_uri = args.database_url
    if admin_uri is None:
        workdir = Path(tempfile.mkdtemp(prefix="aifacts-cache-cost-"))
        server = EmbeddedPostgres(workdir)
        server.start()
        admin_uri = server.admin_uri()
    try:
        uri = fresh_database(admin_uri)
        asyncio.run(load(uri, args.scale))
        gc.freeze()
        gc.set_threshold(20_000, 50, 100)  # as `app_from_env` sets them for servers
        results = asyncio.run(_measure(uri, args.requests))
        delivery = asyncio.run(_delivery(uri, 500))
    finally:
        if server is not None:
            server.stop()
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)
    print(f"scale {args.scale}, {args.requests} requests per lookup and setting, µs of CPU each")
    print("| lookup | cache off | cache on (hits) | off/on | hit before routing | same | hits |")
    print("|---|---:|---:|---:|---:|---|---:|")
    for name, off, on, floor, same, hits in results:
        print(
            f"| {name} | {off:,.0f} | {on:,.0f} | {off / on:.1f}× | {floor:,.0f} | {same} "
            f"| {hits:,} |"
        )
    print(
        f"commit to cache dropped (500 commits): median {delivery[0]:.2f} ms, "
        f"p99 {delivery[1]:.2f} ms"
    )


if __name__ == "__main__":
    main()
