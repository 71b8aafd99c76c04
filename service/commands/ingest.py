"""`aifacts ingest`: files ingested one by one, progress on stderr, a summary table after."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Final

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from service.admin.file_ingestion import DocumentMetadata, FileIngester, FileOutcome
from service.db.engine import create_engine, create_sessionmaker
from service.jobs.fetch import FetchPolicy
from service.settings import Settings

COLUMNS: Final = ("file", "language", "source id", "status", "figures", "deals", "companies")
"""Headers of the summary table, one row per file."""


async def ingest_files(
    settings: Settings,
    paths: list[str],
    manifest: dict[str, DocumentMetadata],
    fallback: DocumentMetadata,
) -> list[FileOutcome]:
    """Ingest `paths` (files or URLs) into the database, showing progress, then the summary."""
    engine = create_engine(settings)
    try:
        ingester = FileIngester(
            create_sessionmaker(engine), manifest, fallback, FetchPolicy.of(settings)
        )
        with progress(Console(stderr=True), len(paths)) as report:
            outcomes = await ingester.ingest_all(paths, report)
    finally:
        await engine.dispose()
    print_summary(Console(), outcomes)
    return outcomes


@contextmanager
def progress(console: Console, total: int) -> Iterator[Callable[[FileOutcome], None]]:
    """A callback to report each finished file: a bar on a terminal, else one line per file."""
    if not console.is_terminal:
        done = 0

        def print_line(outcome: FileOutcome) -> None:
            nonlocal done
            done += 1
            line = f"[{done}/{total}] {outcome.file}: {outcome.status}"
            console.print(line, markup=False, highlight=False, soft_wrap=True)

        yield print_line
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console) as bar:
        task = bar.add_task("ingesting", total=total)

        def advance(outcome: FileOutcome) -> None:
            bar.update(task, advance=1, description=f"{outcome.file}: {outcome.status}")

        yield advance


def summary_rows(outcomes: list[FileOutcome]) -> list[tuple[str, ...]]:
    """The summary table's cells, one row per file."""
    return [
        (
            outcome.file,
            outcome.language or "-",
            "-" if outcome.source_id is None else str(outcome.source_id),
            outcome.status,
            str(outcome.figures),
            str(outcome.deals),
            str(outcome.companies),
        )
        for outcome in outcomes
    ]


def print_summary(console: Console, outcomes: list[FileOutcome]) -> None:
    """The summary table (plain aligned text off a terminal), then why files failed."""
    rows = summary_rows(outcomes)
    if console.is_terminal:
        table = Table(*COLUMNS, title="Ingestion summary")
        for row in rows:
            table.add_row(*row)
        console.print(table)
    else:
        widths = [max(len(cells[i]) for cells in [COLUMNS, *rows]) for i in range(len(COLUMNS))]
        for cells in [COLUMNS, *rows]:
            line = "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True))
            console.print(line.rstrip(), markup=False, highlight=False, soft_wrap=True)
    for outcome in outcomes:
        if outcome.error:
            console.print(f"{outcome.file}: {outcome.error}", markup=False, soft_wrap=True)
