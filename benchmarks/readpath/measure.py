"""One measurement: wrk against an HTTP server, or pgbench against PostgreSQL.

wrk cycles through a file of paths (one request per line, the same keys for every side), or
with `random` picks one of them at random for each request, and
reports, through a Lua `done` hook, requests/s, p50, p99 and non-2xx answers as JSON.
pgbench runs one script per key (picked with equal weights), prepared statements, and logs
each transaction's latency, from which p50 and p99 are taken.
"""

from __future__ import annotations

import json
import re
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path

WRK_SCRIPT = """
local paths = {}
local counter = 0
local random = false
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("number", threads)
end
function init(args)
  for line in io.lines(args[1]) do paths[#paths + 1] = line end
  random = args[2] == "random"
  math.randomseed(os.time() * 100 + number)
  if args[3] then
    local body = io.open(args[3]):read("*a")
    wrk.method = "POST"
    wrk.body = body
    wrk.headers["Content-Type"] = "application/json"
  end
end
function request()
  if random then
    return wrk.format(nil, paths[math.random(#paths)])
  end
  counter = counter + 1
  return wrk.format(nil, paths[(counter % #paths) + 1])
end
function done(summary, latency, requests)
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout
  io.write(string.format(
    'WRK_JSON {"requests": %d, "seconds": %f, "p50_us": %d, "p99_us": %d, "errors": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99), bad))
end
"""


@dataclass(frozen=True)
class Sample:
    """Throughput and latency of one timed run."""

    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


def wrk(
    base_url: str,
    paths: list[str],
    workdir: Path,
    *,
    connections: int,
    seconds: int,
    body: str | None = None,
    random: bool = False,
) -> Sample:
    """Run wrk for `seconds` over `paths` (cycled, or picked at random); throughput and latency."""
    script = workdir / "cycle.lua"
    script.write_text(WRK_SCRIPT)
    paths_file = workdir / "paths.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    extra = [paths_file.as_posix(), "random" if random else "cycle"]
    if body is not None:
        body_file = workdir / "body.json"
        body_file.write_text(body)
        extra.append(body_file.as_posix())
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--latency",
               "-s", script.as_posix(), base_url, "--", *extra]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    found = re.search(r"WRK_JSON (\{.*\})", output)
    if found is None:
        raise RuntimeError(f"wrk gave no result:\n{output}")
    result = json.loads(found.group(1))
    return Sample(
        rps=result["requests"] / result["seconds"],
        p50_ms=result["p50_us"] / 1000,
        p99_ms=result["p99_us"] / 1000,
        errors=result["errors"],
    )


def pgbench(
    executable: Path,
    conninfo: str,
    scripts: list[str],
    workdir: Path,
    *,
    connections: int,
    seconds: int,
) -> Sample:
    """Run pgbench for `seconds` with one transaction script per key; its throughput and latency."""
    for old in workdir.glob("pgbench_log*"):
        old.unlink()
    arguments: list[str] = []
    for index, statements in enumerate(scripts):
        script = workdir / f"key{index}.sql"
        script.write_text(f"BEGIN;\n{statements}\nCOMMIT;\n")
        arguments += ["-f", f"{script.as_posix()}@1"]
    command = [executable.as_posix(), "-n", "-M", "prepared", "-c", str(connections), "-j", "2",
               "-T", str(seconds), "-l", "--log-prefix", "pgbench_log",
               *arguments, conninfo]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True, cwd=workdir).stdout
    found = re.search(r"tps = ([\d.]+) \(without initial connection time\)", output)
    failed = re.search(r"number of failed transactions: (\d+)", output)
    if found is None:
        raise RuntimeError(f"pgbench gave no result:\n{output}")
    latencies = sorted(
        int(line.split()[2])
        for log in workdir.glob("pgbench_log*")
        for line in log.read_text().splitlines()
    )
    cuts = statistics.quantiles(latencies, n=100)
    return Sample(
        rps=float(found.group(1)),
        p50_ms=cuts[49] / 1000,
        p99_ms=cuts[98] / 1000,
        errors=int(failed.group(1)) if failed else 0,
    )
