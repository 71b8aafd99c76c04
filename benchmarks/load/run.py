"""Bounded load test of `aifacts serve --workers 2` on loopback, with ingestion running.

Starts the service on the embedded PostgreSQL in a temporary data directory, warms it up,
then runs wrk (100 connections, 60 s, the request mix of `mix.lua`) while a background
thread posts a bounded number of sources to the admin endpoint. Writes the figures to
`benchmarks/LOAD_RESULTS.md`. Needs `wrk` (Debian/Ubuntu: `apt-get install -y wrk`).

    .venv/bin/python benchmarks/load/run.py [--duration 60] [--connections 100]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
RESULTS = HERE.parent / "LOAD_RESULTS.md"
AIFACTS = Path(sys.executable).parent / "aifacts"
ADMIN_TOKEN = "load-test-admin-token"
READY_WITHIN_SECONDS = 120
WARM_UP_REQUESTS = 200
JOBS_DONE_WITHIN_SECONDS = 120
COMPANIES = ("Nvidia", "OpenAI", "Anthropic", "Microsoft", "Amazon", "Google", "Meta")


@dataclass
class Ingestion:
    """What the background submitter did."""

    statuses: Counter[int] = field(default_factory=Counter)
    job_ids: list[int] = field(default_factory=list)
    outcomes: Counter[str] = field(default_factory=Counter)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def start_server(data_dir: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    metrics_dir = data_dir / "prometheus"
    metrics_dir.mkdir()
    env = {key: value for key, value in os.environ.items() if not key.startswith("AIFACTS_")}
    env |= {
        "AIFACTS_DATA_DIR": str(data_dir),
        "AIFACTS_ADMIN_TOKEN": ADMIN_TOKEN,
        "AIFACTS_RATE_LIMIT": "0",
        "AIFACTS_LOG_FORMAT": "json",
        "PROMETHEUS_MULTIPROC_DIR": str(metrics_dir),
    }
    command = [str(AIFACTS), "serve", "--port", str(port), "--workers", str(workers)]
    log = (data_dir / "serve.log").open("wb")
    return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_ready(base_url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + READY_WITHIN_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("aifacts serve exited before becoming ready")
        try:
            if httpx.get(f"{base_url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"/readyz did not answer 200 within {READY_WITHIN_SECONDS} s")


def targets(client: httpx.Client) -> dict[str, str]:
    """Company slugs and figure ids for the request mix, read from the running service."""
    companies = client.get("/v1/companies", params={"limit": 100}).json()["data"]
    figures = client.get("/v1/figures", params={"limit": 100}).json()["data"]
    return {
        "LOAD_COMPANIES": ",".join(company["slug"] for company in companies),
        "LOAD_FIGURE_IDS": ",".join(str(figure["id"]) for figure in figures),
    }


def warm_up(client: httpx.Client, env: dict[str, str]) -> None:
    slugs = env["LOAD_COMPANIES"].split(",")
    ids = env["LOAD_FIGURE_IDS"].split(",")
    for index in range(WARM_UP_REQUESTS):
        client.get(f"/v1/companies/{slugs[index % len(slugs)]}").raise_for_status()
        client.get(f"/v1/figures/{ids[index % len(ids)]}").raise_for_status()
        client.post("/v1/normalize", json={"text": "Revenue was $3 billion."}).raise_for_status()


def article(number: int) -> dict[str, Any]:
    """A synthetic, distinct news item stating a few facts."""
    company = COMPANIES[number % len(COMPANIES)]
    partner = COMPANIES[(number + 3) % len(COMPANIES)]
    year = 2030 + number % 3
    return {
        "text": (
            f"{company} said on Tuesday that its revenue reached ${10 + number} billion in "
            f"{year}, up {20 + number % 30}% from a year earlier. The company also agreed to "
            f"buy chips worth ${1 + number % 9} billion from {partner}, it said in a "
            f"statement (load item {number})."
        ),
        "published_on": f"{year}-11-0{1 + number % 9}",
        "language": "en",
        "title": f"{company} results, item {number}",
    }


def submit_sources(base_url: str, count: int, interval: float, ingestion: Ingestion) -> None:
    headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    with httpx.Client(base_url=base_url, headers=headers, timeout=30) as client:
        for number in range(count):
            response = client.post("/v1/admin/sources", json=article(number))
            ingestion.statuses[response.status_code] += 1
            if response.status_code in {200, 202}:
                ingestion.job_ids.append(response.json()["job"]["id"])
            time.sleep(interval)


def wait_for_jobs(client: httpx.Client, ingestion: Ingestion) -> None:
    headers = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    deadline = time.monotonic() + JOBS_DONE_WITHIN_SECONDS
    pending = list(ingestion.job_ids)
    while pending and time.monotonic() < deadline:
        still: list[int] = []
        for job_id in pending:
            status = client.get(f"/v1/admin/jobs/{job_id}", headers=headers).json()["status"]
            if status in {"succeeded", "failed"}:
                ingestion.outcomes[status] += 1
            else:
                still.append(job_id)
        pending = still
        time.sleep(1)
    ingestion.outcomes["unfinished"] += len(pending)


def run_wrk(base_url: str, env: dict[str, str], args: argparse.Namespace) -> dict[str, Any]:
    command = [
        "wrk",
        f"--threads={args.threads}",
        f"--connections={args.connections}",
        f"--duration={args.duration}s",
        "--timeout=10s",
        f"--script={HERE / 'mix.lua'}",
        base_url,
    ]
    load_before = " / ".join(f"{load:.2f}" for load in os.getloadavg())
    finished = subprocess.run(
        command,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
        timeout=args.duration + 60,
    )
    line = next(line for line in finished.stdout.splitlines() if line.startswith("LOAD_RESULT "))
    result: dict[str, Any] = json.loads(line.removeprefix("LOAD_RESULT "))
    result["load_before"] = load_before
    result["command"] = " ".join(
        ["wrk", *command[1:5], "--script=benchmarks/load/mix.lua", "http://127.0.0.1:PORT"]
    )
    return result


def machine(load_before: str) -> list[str]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    wrk_version = subprocess.run(
        ["wrk", "--version"], check=False, capture_output=True, text=True
    ).stdout
    return [
        f"- date: {datetime.now(UTC).date().isoformat()}",
        f"- platform: {platform.platform()}",
        f"- cpu: {cpu} × {os.cpu_count()}",
        f"- memory: {memory_kb / 1024 / 1024:.1f} GiB",
        f"- python: {platform.python_version()}",
        f"- wrk: {wrk_version.split(' [')[0].strip() or 'unknown'}",
        f"- load average before the run (1/5/15 min): {load_before}",
    ]


def report(result: dict[str, Any], ingestion: Ingestion, args: argparse.Namespace) -> str:
    seconds = result["duration_us"] / 1e6
    rows = [
        ("requests", f"{result['requests']:,}"),
        ("requests/s", f"{result['requests'] / seconds:,.0f}"),
        ("errors (HTTP ≥ 400)", str(result["errors"])),
        ("5xx", str(result["server_errors"])),
        ("socket errors / timeouts", f"{result['socket_errors']} / {result['timeouts']}"),
        ("latency p50", f"{result['p50_us'] / 1000:.1f} ms"),
        ("latency p90", f"{result['p90_us'] / 1000:.1f} ms"),
        ("latency p99", f"{result['p99_us'] / 1000:.1f} ms"),
        ("latency max", f"{result['max_us'] / 1000:.1f} ms"),
        ("sources posted (status: count)", dict_text(ingestion.statuses)),
        ("ingestion jobs (outcome: count)", dict_text(ingestion.outcomes)),
    ]
    table = ["| measure | result |", "| --- | ---: |"] + [f"| {k} | {v} |" for k, v in rows]
    return "\n".join(
        [
            "# Load test",
            "",
            "`aifacts serve --workers 2` on 127.0.0.1, embedded PostgreSQL in a fresh data",
            "directory, JSON access logs on, Prometheus multiprocess mode on, rate limit off.",
            f"wrk ran {args.duration} s with {args.connections} connections over "
            f"{args.threads} threads after a warm-up, on the mix of `benchmarks/load/mix.lua`:",
            "25% company by slug, 15% figures of a company, 10% figures of a metric, 20% figure",
            "by id, 15% deals list, 15% `POST /v1/normalize` (five languages). Meanwhile a",
            f"background client posted {args.sources} synthetic sources to",
            "`POST /v1/admin/sources`, one every "
            f"{args.interval:g} s, ingested by the in-process workers during the run.",
            "",
            "## Machine",
            "",
            *machine(result["load_before"]),
            "",
            "## Command",
            "",
            "```",
            ".venv/bin/python benchmarks/load/run.py "
            f"--duration {args.duration} --connections {args.connections}",
            result["command"],
            "```",
            "",
            "## Results",
            "",
            *table,
            "",
            "Errors are counted by the Lua `response` hook (any status outside 2xx/3xx);",
            "latencies are wrk's, over every request of the mix. PostgreSQL, both server",
            "processes, their ingestion and wrk itself share the machine's CPUs; the load average",
            "above says what else was running.",
            "",
        ]
    )


def dict_text(counts: Counter[Any]) -> str:
    return ", ".join(f"{key}: {value}" for key, value in sorted(counts.items())) or "none"


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of load (60)")
    parser.add_argument("--connections", type=int, default=100, help="open connections (100)")
    parser.add_argument("--threads", type=int, default=4, help="wrk threads (4)")
    parser.add_argument("--workers", type=int, default=2, help="server processes (2)")
    parser.add_argument("--sources", type=int, default=40, help="sources posted meanwhile (40)")
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between posts (1)")
    parser.add_argument("--output", type=Path, default=RESULTS, help="results file")
    return parser.parse_args()


def main() -> int:
    args = parse_arguments()
    if shutil.which("wrk") is None:
        print("wrk is not installed: `apt-get install -y wrk` (or build it from github.com/wg/wrk)")
        return 2
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="aifacts-load-") as scratch:
        server = start_server(Path(scratch), port, args.workers)
        try:
            wait_ready(base_url, server)
            with httpx.Client(base_url=base_url, timeout=30) as client:
                env = targets(client)
                warm_up(client, env)
                ingestion = Ingestion()
                submitter = threading.Thread(
                    target=submit_sources,
                    args=(base_url, args.sources, args.interval, ingestion),
                    daemon=True,
                )
                submitter.start()
                result = run_wrk(base_url, env, args)
                submitter.join(timeout=args.sources * args.interval + 60)
                wait_for_jobs(client, ingestion)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
    text = report(result, ingestion, args)
    args.output.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
