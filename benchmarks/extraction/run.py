"""Score what the API serves after ingesting a development set the way users feed articles.

    .venv/bin/python -m benchmarks.extraction.run [--set FOLDER] [--no-quotes] [--output FILE]

A black box over the command line and HTTP: a private embedded PostgreSQL in a temporary
folder, `aifacts migrate` and `aifacts load-reference`, then `aifacts serve` on a free
loopback port and one `aifacts worker`. Each text goes to `POST /v1/admin/sources` (with its
title, URL, date and language) in the set's order; once its job has ended, the figures (every
rank) and deals cited by that source are read back and scored against the gold
(`benchmarks.extraction.score`). Prints the rates and every miss and false fact (with its
sentence unless `--no-quotes`), and writes them, without any article sentence, to ``--output``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from benchmarks.extraction.gold import DEFAULT_SET, GoldDocument, GoldSet, load_set, text_of
from benchmarks.extraction.score import Prediction, Report, evaluate, load_roles
from benchmarks.extraction.served import served
from benchmarks.extraction.summary import misses, print_report, table
from benchmarks.serving import wait_until_up
from service.db.embedded import EmbeddedPostgres

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "benchmarks" / "EXTRACTION_RESULTS.md"
TOKEN = "extraction-benchmark-admin-token"
JOB_SECONDS = 120
COMMAND = ".venv/bin/python -m benchmarks.extraction.run"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _aifacts() -> str:
    return Path(sys.executable).with_name("aifacts").as_posix()


def _environment(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "AIFACTS_DATABASE_URL": database_url,
        "AIFACTS_ADMIN_TOKEN": TOKEN,
        "AIFACTS_RATE_LIMIT": "0",
        "AIFACTS_RUN_WORKER": "false",
        "AIFACTS_LOAD_REFERENCE_DATA": "true",
        "AIFACTS_LOG_LEVEL": "warning",
        "AIFACTS_LOG_FORMAT": "text",
    }


@contextmanager
def _process(
    command: list[str], env: dict[str, str], log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """A child process until the block ends, its output in ``log``."""
    with log.open("wb") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            yield process
        finally:
            process.terminate()
            process.wait(timeout=60)


@contextmanager
def _api(workdir: Path) -> Iterator[httpx.Client]:
    """A migrated scratch database with the reference data, the API and one worker on it."""
    database = EmbeddedPostgres(workdir, delete_on_exit=True)
    env = _environment(database.start())
    try:
        for step in ("migrate", "load-reference"):
            subprocess.run([_aifacts(), step], env=env, check=True, stdout=subprocess.DEVNULL)
        port = _free_port()
        with ExitStack() as stack:
            serve = [_aifacts(), "serve", "--host", "127.0.0.1", "--port", str(port)]
            server = stack.enter_context(_process(serve, env, workdir / "serve.log"))
            worker = [_aifacts(), "worker", "--concurrency", "1"]
            stack.enter_context(_process(worker, env, workdir / "worker.log"))
            base = f"http://127.0.0.1:{port}"
            wait_until_up(f"{base}/healthz", server)
            headers = {"Authorization": f"Bearer {TOKEN}"}
            yield stack.enter_context(httpx.Client(base_url=base, headers=headers, timeout=30))
    finally:
        database.stop()


def _submission(document: GoldDocument, text: str) -> dict[str, Any]:
    """The body of `POST /v1/admin/sources` for one document (its URL in printable ASCII)."""
    return {
        "text": text,
        "published_on": document.published_on,
        "language": document.language,
        "url": quote(document.url, safe="!#$%&'()*+,/:;=?@[]~"),
        "title": document.title,
        "publisher": document.publisher,
    }


def _ingest(client: httpx.Client, document: GoldDocument, text: str) -> int:
    """Submit one document, wait for its job to end; the source id."""
    response = client.post("/v1/admin/sources", json=_submission(document, text))
    response.raise_for_status()
    accepted = response.json()
    job_id, deadline = accepted["job"]["id"], time.monotonic() + JOB_SECONDS
    while time.monotonic() < deadline:
        job = client.get(f"/v1/admin/jobs/{job_id}").raise_for_status().json()
        if job["status"] == "failed":
            sys.exit(f"{document.file}: ingestion failed: {job['error']}")
        if job["status"] == "succeeded":
            source_id: int = accepted["source_id"]
            return source_id
        time.sleep(0.05)
    sys.exit(f"{document.file}: job {job_id} not done within {JOB_SECONDS} s")


def measure(folder: Path, gold: GoldSet) -> Report:
    """Ingest every document through the API, then score what it serves."""
    documents = [(d, text_of(folder, d)) for d in gold.documents]
    workdir = Path(tempfile.mkdtemp(prefix="aifacts-extraction-"))
    try:
        with _api(workdir) as client:
            sources = [(d.file, _ingest(client, d, text)) for d, text in documents]
            predicted: list[Prediction] = [
                p for file, source_id in sources for p in served(client, file, source_id)
            ]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return evaluate(documents, predicted, load_roles())


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    return done.stdout.strip()


def _commit() -> str:
    """The commit measured, marked when the checkout had other changes."""
    head = _git("rev-parse", "--short", "HEAD")
    changed = _git("status", "--porcelain", "--", ".", f":!{RESULTS.relative_to(ROOT)}")
    return f"{head or 'unknown'}" + (" with uncommitted changes" if changed else "")


def results_markdown(report: Report, set_name: str, seconds: float) -> str:
    """The committed results: rates, how they were measured, and the misses without quotes."""
    when = datetime.now(UTC).strftime("%Y-%m-%d")
    return "\n".join(
        [
            "# Extraction results: what the API serves, scored against the gold",
            "",
            f"Measured {when} at commit `{_commit()}` on the development set `{set_name}` "
            f"({len({v.document for v in report.verdicts})} articles, {seconds:.0f} s) with",
            "",
            f"    {COMMAND}",
            "",
            "Each article went through `POST /v1/admin/sources`, the queue and one worker "
            "(store, ranks, corroboration) on a scratch database holding the reference data; "
            "the figures of every rank and the deals cited by each source were read back over "
            "HTTP. Recall counts core gold facts served with the right value, company and "
            "metric; precision counts served facts that match a gold fact. The lists name "
            "gold facts by id and give values only: the articles' sentences stay out of the "
            "project.",
            "",
            table(report),
            "",
            misses(report, quotes=False),
            "",
        ]
    )


def main() -> None:
    """Ingest, read back, score, print and write the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help="the evaluation set")
    parser.add_argument(
        "--quotes",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="print the sentences of misses and false facts (on the terminal only)",
    )
    parser.add_argument("--output", type=Path, default=RESULTS, help="the Markdown written")
    parser.add_argument("--json", type=Path, help="also save every verdict as JSON")
    args = parser.parse_args()
    try:
        gold = load_set(args.set)
    except FileNotFoundError as error:
        sys.exit(str(error))
    started = time.perf_counter()
    report = measure(args.set, gold)
    seconds = time.perf_counter() - started
    print_report(report, quotes=args.quotes, json_to=args.json)
    args.output.write_text(results_markdown(report, args.set.name, seconds), encoding="utf-8")
    print(f"\n{seconds:.0f} s; written to {args.output}")


if __name__ == "__main__":
    main()
