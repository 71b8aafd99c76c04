"""`aifacts ingest`: files ingested one by one, progress on stderr, a summary table after."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Final

import msgspec
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from service.admin.file_ingestion import DocumentMetadata, FileIngester, FileOutcome
from service.db.engine import create_engine, create_sessionmaker
from service.feeds.parsing import FeedUnreadableError, parse_feed
from service.feeds.polling import ACCEPT
from service.jobs.fetch import FetchPolicy, PageUnavailableError, fetch
from service.settings import Settings
from service.web.offload import in_daemon_thread

COLUMNS: Final = ("file", "language", "source id", "status", "figures", "deals", "companies")
"""Headers of the summary table, one row per file."""


class FeedItems(msgspec.Struct, frozen=True):
    """The articles a command line's feeds list, with what each feed says of them."""

    urls: list[str]
    entries: dict[str, DocumentMetadata]


async def feed_items(feeds: list[str], policy: FetchPolicy) -> FeedItems:
    """Each feed's article URLs in feed order (each once), with title, date and language.

    FeedUnreadableError names the feed that cannot be fetched or read.
    """
    urls: list[str] = []
    entries: dict[str, DocumentMetadata] = {}
    for feed in feeds:
        try:
            fetched = await fetch(feed, policy, {"Accept": ACCEPT})
        except PageUnavailableError as error:
            raise FeedUnreadableError(str(error)) from None
        if fetched.status >= 400:
            raise FeedUnreadableError(f"{fetched.final_url} answered HTTP {fetched.status}")
        content_type = fetched.headers.get("content-type")
        parsed = await in_daemon_thread(parse_feed, fetched.body, fetched.final_url, content_type)
        for entry in parsed.entries:
            if entry.url not in entries:
                urls.append(entry.url)
                entries[entry.url] = DocumentMetadata(
                    file=entry.url,
                    language=parsed.language,
                    published_on=entry.published_on,
                    title=entry.title,
                )
    return FeedItems(urls, entries)


async def ingest_files(
    settings: Settings,
    paths: list[str],
    manifest: dict[str, DocumentMetadata],
    fallback: DocumentMetadata,
    feeds: list[str] | None = None,
) -> list[FileOutcome]:
    """Ingest `paths` (files or URLs) and the articles of `feeds`, with progress and summary.

    FeedUnreadableError, before anything is ingested, if a feed cannot be read.
    """
    if feeds:
        items = await feed_items(feeds, FetchPolicy.of(settings))
        paths = [*paths, *(url for url in items.urls if url not in paths)]
        manifest = {**items.entries, **manifest}
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
