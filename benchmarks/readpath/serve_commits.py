"""Requests/s of two commits' servers, measured in turns on one loaded database.

    .venv/bin/python -m benchmarks.readpath.serve_commits --before COMMIT [--after COMMIT]
        [--scale 1.0] [--data-dir DIR] [--turns 3] [--seconds 5] [--lookups LIST]
        [--cache off|on] [--cold-keys N]

Each commit's tree is exported (`git archive`, as `inprocess_commits` does) and served by
`aifacts serve --workers 2` from that tree, both at once on two ports, against the same
database (loaded at `--scale` with the working tree's schema, then VACUUMed as the read-path
run does). For each turn and lookup of the cold workload, wrk loads one server, then the other
(64 connections, keys drawn at random); each figure is the median of the turns. Before
measuring, a sample of each lookup's URLs is read from both and the bodies compared. Prints a
Markdown table: requests/s and p99 before and after, and their ratio.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

import httpx
from sqlalchemy.engine import make_url

from benchmarks.readpath.endpoints import Lookup, cold_lookups
from benchmarks.readpath.inprocess import loaded_database
from benchmarks.readpath.inprocess_commits import ROOT, export
from benchmarks.readpath.measure import Sample, wrk
from benchmarks.readpath.run import environments, serving, settle

PORTS = {"before": 18090, "after": 18091}
LAUNCH = "import sys; from service.cli import main; sys.exit(main())"
"""`aifacts` of the tree first on the import path (the installed script imports its own)."""
SAMPLED = 50
"""URLs of each lookup whose bodies both servers must answer alike."""


def _identical(lookup: Lookup) -> tuple[int, int]:
    """How many of a sample of the lookup's URLs both servers answer with the same body."""
    paths = lookup.api_paths[:SAMPLED]
    same = 0
    with httpx.Client(timeout=30) as client:
        for path in paths:
            bodies = {client.get(f"http://127.0.0.1:{port}{path}").content
                      for port in PORTS.values()}  # fmt: skip
            same += len(bodies) == 1
    return same, len(paths)


def _measure(
    args: argparse.Namespace, url: str, folder: Path
) -> dict[tuple[str, str], list[Sample]]:
    libpq = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    settle(libpq)
    wanted = set(args.lookups.split(","))
    chosen = [lookup for lookup in cold_lookups(libpq, args.cold_keys) if lookup.name in wanted]
    api_env, _, _ = environments(libpq)
    env = {**api_env, "AIFACTS_RESPONSE_CACHE": "true" if args.cache == "on" else "false"}
    trees = {"before": export(args.before, folder),
             "after": ROOT if args.after is None else export(args.after, folder)}  # fmt: skip
    taken: dict[tuple[str, str], list[Sample]] = {}
    with ExitStack() as stack:
        for side, tree in trees.items():
            command = [sys.executable, "-c", LAUNCH, "serve", "--workers", "2",
                       "--port", str(PORTS[side])]  # fmt: skip
            probe = f"http://127.0.0.1:{PORTS[side]}/healthz"
            stack.enter_context(serving(command, {**env, "PYTHONPATH": str(tree)}, probe, tree))
        for lookup in chosen:
            same, sampled = _identical(lookup)
            print(f"{lookup.name}: {same} of {sampled} sampled bodies identical", flush=True)
        for _ in range(args.turns):
            for lookup in chosen:
                for side, port in PORTS.items():
                    sample = wrk(f"http://127.0.0.1:{port}", lookup.api_paths, folder,
                                 connections=64, seconds=args.seconds, random=True)  # fmt: skip
                    taken.setdefault((lookup.name, side), []).append(sample)
    return taken


def main() -> None:
    """Export, load, serve both, measure in turns, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="a commit")
    parser.add_argument("--after", help="a commit (default: the working tree)")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--data-dir", type=Path, help="keep the loaded database here")
    parser.add_argument("--turns", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--lookups", default="company by slug,figure by id,"
                        "figures of company+metric (50),deals of company (50)")  # fmt: skip
    parser.add_argument("--cache", choices=("on", "off"), default="off")
    parser.add_argument("--cold-keys", type=int, default=100_000)
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory(prefix="aifacts-serve-commits-") as folder,
        loaded_database(args.scale, args.data_dir) as url,
    ):
        taken = _measure(args, url, Path(folder))
    print(f"\n| lookup, cold, cache {args.cache} | req/s before ({args.before}) | req/s after "
          "| after / before | p99 ms before | p99 ms after |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|")
    for name in dict.fromkeys(name for name, _ in taken):
        old, new = taken[(name, "before")], taken[(name, "after")]
        rate_old = statistics.median(s.rps for s in old)
        rate_new = statistics.median(s.rps for s in new)
        print(f"| {name} | {rate_old:,.0f} | {rate_new:,.0f} | {rate_new / rate_old:.2f} | "
              f"{statistics.median(s.p99_ms for s in old):.1f} | "
              f"{statistics.median(s.p99_ms for s in new):.1f} |")  # fmt: skip


if __name__ == "__main__":
    main()
