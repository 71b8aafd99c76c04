"""In-process CPU per request: each benchmark lookup through the real ASGI app, no network.

    .venv/bin/python -m benchmarks.readpath.inprocess --database-url URL [--rounds 5] [--json]
        [--cache on|off] [--profile 25]
    # alone: a private embedded PostgreSQL, loaded at --scale (kept in --data-dir if given,
    # and loaded only once there)
    .venv/bin/python -m benchmarks.readpath.inprocess --scale 0.1 [--data-dir DIR]

Builds the app as `aifacts serve` does (every middleware, the rate limiter on with a limit no
run reaches), runs its lifespan, and calls it as an ASGI server would, one request after the
other, for the keys `benchmarks.readpath.endpoints` draws from the database at URL (a loaded
benchmark database). For each lookup and round, the process CPU time (`time.process_time`)
of all its requests divided by their number: what Python spends per request, PostgreSQL's
own work excluded (it runs in its own processes). Prints the median of the rounds per lookup,
or with `--json` a JSON list of {"lookup", "cpu_us_median", "requests"}. With `--profile N`,
the timed requests also run under cProfile and the N functions with the most own time, then
the N with the most inclusive time, are printed per lookup (the µs then include cProfile's
own overhead: measure without it).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import json
import pstats
import statistics
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack, asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

from litestar import Litestar
from sqlalchemy.engine import make_url

from benchmarks.data.generate import BENCH_DATABASE, fresh_database, load
from benchmarks.readpath.endpoints import Lookup, lookups
from service.app import create_app
from service.db.embedded import EmbeddedPostgres
from service.settings import Settings

WARM_UP_PASSES = 3
"""Passes over a lookup's keys before any is timed (statement caches, first imports)."""
PASSES = 10
"""Passes over the keys per timed round (32 keys: 320 requests)."""


class Call:
    """One prepared ASGI request: scope and body, and the status it answered."""

    def __init__(self, path: str, body: str | None) -> None:
        """A GET of `path`, or a POST of JSON `body` when given."""
        raw_path, _, query = path.partition("?")
        self.body = (body or "").encode()
        headers = [(b"host", b"bench"), (b"accept", b"application/json")]
        if body is not None:
            headers += [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(self.body)).encode()),
            ]
        self.scope: dict[str, Any] = {
            "type": "http",
            "asgi": {"version": "3.0", "spec_version": "2.3"},
            "http_version": "1.1",
            "method": "GET" if body is None else "POST",
            "scheme": "http",
            "path": raw_path,
            "raw_path": raw_path.encode(),
            "query_string": query.encode(),
            "root_path": "",
            "headers": headers,
            "client": ("127.0.0.1", 50000),
            "server": ("127.0.0.1", 8000),
        }

    async def run(self, app: Litestar) -> int:
        """Send the request through the app; the answer's status."""
        status = 0
        sent = False

        async def receive() -> dict[str, Any]:
            nonlocal sent
            if sent:
                await asyncio.Event().wait()  # a client that stays connected
            sent = True
            return {"type": "http.request", "body": self.body, "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]

        await app(dict(self.scope), receive, send)  # type: ignore[arg-type]
        return status


@asynccontextmanager
async def running(database_url: str, *, cache: bool, thin: bool = True) -> AsyncIterator[Litestar]:
    """The app of `aifacts serve` on `database_url`, between its startup and shutdown."""
    settings = Settings(
        database_url=database_url,
        response_cache=cache,
        thin_reads=thin,
        rate_limit=10**9,
        load_reference_data=False,
        run_worker=False,
        log_level="warning",
    )
    app = create_app(settings)
    async with app.lifespan():
        yield app


async def cpu_per_request(
    app: Litestar, calls: list[Call], profiler: cProfile.Profile | None = None
) -> float:
    """Process CPU µs per request over `PASSES` passes of `calls`; fails on any non-2xx."""
    started = time.process_time_ns()
    if profiler is not None:
        profiler.enable()
    for _ in range(PASSES):
        for call in calls:
            status = await call.run(app)
            if not 200 <= status < 300:
                raise RuntimeError(f"{call.scope['path']} answered {status}")
    if profiler is not None:
        profiler.disable()
    return (time.process_time_ns() - started) / 1000 / (PASSES * len(calls))


def print_profile(name: str, profiler: cProfile.Profile, lines: int) -> None:
    """The `lines` functions of most own time, then of most inclusive time, in `profiler`."""
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order).print_stats(lines)
        body = out.getvalue()
        table = body[body.find("   ncalls") :]
        print(f"\n### {name}: by {order}\n{table.rstrip()}")


async def measure(
    database_url: str, rounds: int, *, cache: bool, profile: int = 0, compare: bool = False
) -> list[dict[str, Any]]:
    """The median CPU µs per request of each lookup over `rounds` rounds.

    With the response cache on, every timed request after the warm-up is a hit. With
    `profile`, each lookup's timed requests run under cProfile, whose top lines are printed.
    With `compare`, an app with the thin reads off is measured too, its rounds taking turns
    with the other's (`cpu_us_median_framework`): before and after, in the same run.
    """
    libpq = make_url(database_url).set(drivername="postgresql")
    chosen: list[Lookup] = lookups(libpq.render_as_string(hide_password=False))
    results = []
    async with AsyncExitStack() as stack:
        app = await stack.enter_async_context(running(database_url, cache=cache))
        apps = {"cpu_us_median": app}
        if compare:
            framework = running(database_url, cache=cache, thin=False)
            apps["cpu_us_median_framework"] = await stack.enter_async_context(framework)
        for lookup in chosen:
            calls = [Call(path, lookup.body) for path in lookup.api_paths]
            for each in apps.values():
                for _ in range(WARM_UP_PASSES):
                    for call in calls:
                        await call.run(each)
            profiler = cProfile.Profile(time.process_time) if profile else None
            samples: dict[str, list[float]] = {name: [] for name in apps}
            for _ in range(rounds):
                for name, each in apps.items():
                    chosen_profiler = profiler if each is app else None
                    samples[name].append(await cpu_per_request(each, calls, chosen_profiler))
            if profiler is not None:
                print_profile(lookup.name, profiler, profile)
            medians = {name: round(statistics.median(taken), 1) for name, taken in samples.items()}
            results.append(
                {"lookup": lookup.name, **medians, "requests": rounds * PASSES * len(calls)}
            )
    return results


@contextmanager
def loaded_database(scale: float, data_dir: Path | None) -> Iterator[str]:
    """The SQLAlchemy URL of a benchmark database at `scale` on a private embedded server.

    In `data_dir` when given, where a database loaded by an earlier run is used again (delete
    the folder to load anew); else in a temporary folder removed afterwards.
    """
    with tempfile.TemporaryDirectory(prefix="aifacts-inprocess-") as temporary:
        server = EmbeddedPostgres(data_dir or Path(temporary))
        server.start()
        try:
            marker = server.pgdata.parent / f"loaded-{scale}"
            libpq = make_url(server.admin_uri()).set(database=BENCH_DATABASE)
            if not marker.exists():
                asyncio.run(load(fresh_database(server.admin_uri()), scale))
                marker.touch()
            yield libpq.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)
        finally:
            server.stop()


def main() -> None:
    """Measure and print (a table, or JSON with `--json`)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="a loaded benchmark database (else --scale)")
    parser.add_argument(
        "--scale", type=float, default=0.1, help="without --database-url: load this scale"
    )
    parser.add_argument("--data-dir", type=Path, help="without --database-url: keep it here")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print a JSON list")
    parser.add_argument(
        "--cache", choices=("on", "off"), default="off", help="the response cache (default off)"
    )
    parser.add_argument("--profile", type=int, default=0, metavar="N", help="cProfile top N")
    parser.add_argument(
        "--compare", action="store_true", help="also measure with the thin reads off, in turns"
    )
    args = parser.parse_args()
    options = {"cache": args.cache == "on", "profile": args.profile, "compare": args.compare}
    if args.database_url is not None:
        results = asyncio.run(measure(args.database_url, args.rounds, **options))
    else:
        with loaded_database(args.scale, args.data_dir) as url:
            results = asyncio.run(measure(url, args.rounds, **options))
    if args.json:
        print(json.dumps(results))
        return
    if args.compare:
        print("| lookup | CPU µs per request, through the framework | thin reads | requests |")
        print("|---|---:|---:|---:|")
        for row in results:
            before, after = row["cpu_us_median_framework"], row["cpu_us_median"]
            print(f"| {row['lookup']} | {before} | {after} | {row['requests']} |")
        return
    print("| lookup | CPU µs per request (median) | requests |")
    print("|---|---:|---:|")
    for row in results:
        print(f"| {row['lookup']} | {row['cpu_us_median']} | {row['requests']} |")


if __name__ == "__main__":
    main()
