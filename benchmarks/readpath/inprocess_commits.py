"""In-process CPU per request of two commits, measured in turns on one loaded database.

    .venv/bin/python -m benchmarks.readpath.inprocess_commits --before COMMIT [--after COMMIT]
        [--scale 0.1] [--data-dir DIR] [--turns 3] [--rounds 3] [--cache off|on]

Each commit's tree is exported (`git archive`) to a temporary folder, and its own
`benchmarks.readpath.inprocess` runs with that tree first on the import path, against the
same database (an embedded PostgreSQL loaded at `--scale`, as `inprocess` loads it). The runs
take turns (before, after, before, ...) so that both see the same load on the machine; each
lookup's figure is the median of its turns' medians. `--after` defaults to the working tree.
Prints a Markdown table: lookup, µs before, µs after, after / before.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path
from typing import Any

from benchmarks.readpath.inprocess import loaded_database

ROOT = Path(__file__).resolve().parents[2]


def export(commit: str, into: Path) -> Path:
    """The tree of `commit` written under `into`; its path."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", commit], cwd=ROOT, check=True, capture_output=True
    ).stdout
    target = into / commit
    target.mkdir(parents=True)
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


def run(tree: Path, url: str, rounds: int, cache: str) -> dict[str, float]:
    """The median µs per request of each lookup, by `tree`'s own in-process measurement."""
    command = [sys.executable, "-m", "benchmarks.readpath.inprocess", "--database-url", url,
               "--rounds", str(rounds), "--json", "--cache", cache]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run(command, cwd=tree, env=env, check=True, capture_output=True, text=True)
    rows: list[dict[str, Any]] = json.loads(done.stdout)
    return {row["lookup"]: row["cpu_us_median"] for row in rows}


def main() -> None:
    """Export, load, measure in turns, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", required=True, help="a commit")
    parser.add_argument("--after", help="a commit (default: the working tree)")
    parser.add_argument("--scale", type=float, default=0.1)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--turns", type=int, default=3)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--cache", choices=("on", "off"), default="off")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="aifacts-commits-") as folder:
        before = export(args.before, Path(folder))
        after = ROOT if args.after is None else export(args.after, Path(folder))
        taken: dict[str, dict[str, list[float]]] = {"before": {}, "after": {}}
        with loaded_database(args.scale, args.data_dir) as url:
            for _ in range(args.turns):
                for side, tree in (("before", before), ("after", after)):
                    for lookup, micros in run(tree, url, args.rounds, args.cache).items():
                        taken[side].setdefault(lookup, []).append(micros)
    print(f"| lookup, cache {args.cache} | µs before ({args.before}) | µs after | after / before |")
    print("|---|---:|---:|---:|")
    for lookup, samples in taken["before"].items():
        old = statistics.median(samples)
        new = statistics.median(taken["after"].get(lookup, [float("nan")]))
        print(f"| {lookup} | {old:,.0f} | {new:,.0f} | {new / old:.2f} |")


if __name__ == "__main__":
    main()
