"""Where an API worker's memory goes: RSS after each stage, and the largest Python allocations.

    .venv/bin/python -m benchmarks.readpath.memory [--scale 0.02] [--cache on|off] [--top 15]

Loads a benchmark database at `--scale` on a private embedded PostgreSQL, then in this one
process, as an API worker would: imports the app, runs its lifespan (warm-ups included), and
serves every lookup of the hot and cold workloads (`benchmarks.readpath.endpoints`) through the
ASGI app, twice. Prints the RSS (`/proc/self/status`) after each stage, whether lingua was
loaded, and the files whose allocations since startup take the most memory (tracemalloc,
started after the lifespan so it does not weigh on the imports it would trace).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import subprocess
import sys
import tempfile
import tracemalloc
from pathlib import Path

from sqlalchemy.engine import make_url


def rss_mb() -> float:
    """This process's resident set size, in MB."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


async def serve_lookups(database_url: str, *, cache: bool, top: int, cold_keys: int) -> None:
    """Import, start and serve the workloads in this process, printing memory at each stage."""
    print(f"before the app's import: {rss_mb():.1f} MB")
    from benchmarks.readpath.endpoints import cold_lookups, lookups
    from benchmarks.readpath.inprocess import Call, running
    from service.normalize.language import fallback_loaded

    print(f"app imported: {rss_mb():.1f} MB")
    libpq = make_url(database_url).set(drivername="postgresql").render_as_string(False)
    chosen = lookups(libpq) + cold_lookups(libpq, cold_keys)
    async with running(database_url, cache=cache) as app:
        print(f"after startup (lifespan, warm-ups): {rss_mb():.1f} MB")
        tracemalloc.start()
        for number in (1, 2):
            for lookup in chosen:
                for path in lookup.api_paths:
                    await Call(path, lookup.body).run(app)
            print(f"after serving pass {number} of {len(chosen)} lookups: {rss_mb():.1f} MB")
        snapshot = tracemalloc.take_snapshot()
        tracemalloc.stop()
        print(f"lingua loaded: {fallback_loaded()}")
    print(f"\nlargest allocations kept since startup (top {top}, by file):")
    for stat in snapshot.statistics("filename")[:top]:
        name = stat.traceback[0].filename.split("site-packages/")[-1]
        print(f"{stat.size / 2**20:8.2f} MB {stat.count:9,} blocks  {name}")


def main() -> None:
    """Load a database, then measure one worker's memory on it in a fresh process."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.02, help="1.0 = 1,000,000 figures")
    parser.add_argument("--cache", choices=("on", "off"), default="on")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--cold-keys", type=int, default=2_000)
    parser.add_argument("--database-url", help="serve this loaded database (no load)")
    args = parser.parse_args()
    if args.database_url:
        asyncio.run(
            serve_lookups(
                args.database_url, cache=args.cache == "on", top=args.top, cold_keys=args.cold_keys
            )
        )
        return
    from benchmarks.data.generate import fresh_database, load
    from service.db.embedded import EmbeddedPostgres

    workdir = Path(tempfile.mkdtemp(prefix="aifacts-memory-"))
    server = EmbeddedPostgres(workdir)
    server.start()
    try:
        uri = fresh_database(server.admin_uri())
        asyncio.run(load(uri, args.scale))
        # A fresh process, so that the import of the app is measured alone.
        command = [sys.executable, "-m", "benchmarks.readpath.memory", "--cache", args.cache,
                   "--top", str(args.top), "--cold-keys", str(args.cold_keys)]  # fmt: skip
        subprocess.run([*command, "--database-url", uri], check=True)
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
