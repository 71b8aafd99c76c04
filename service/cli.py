"""The `aifacts` command: serve, migrate, openapi..."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import logging.config
import os
import signal
import sys
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import uvloop

from service import __version__
from service.db.embedded import EmbeddedPostgres
from service.db.engine import create_engine, create_sessionmaker
from service.db.migrate import upgrade_to_head
from service.reference.loader import load_reference_data
from service.settings import Settings, SettingsError, get_settings
from service.web.observability import logging_config

if TYPE_CHECKING:
    from service.admin.file_ingestion import DocumentMetadata
    from service.admin.tokens import AdminTokens

logger = logging.getLogger("aifacts")
T = TypeVar("T")


@contextmanager
def database(settings: Settings) -> Iterator[Settings]:
    """Settings pointing at a migrated database: the configured one, or the embedded default."""
    embedded: EmbeddedPostgres | None = None
    if settings.database_url is None:
        embedded = EmbeddedPostgres(settings.data_path)
        settings = settings.with_database_url(embedded.start())
        if embedded.attached:
            logger.info("using the embedded PostgreSQL already running in %s", settings.data_dir)
        else:
            logger.info("started embedded PostgreSQL in %s", settings.data_dir)
        os.environ["AIFACTS_DATABASE_URL"] = settings.database_url or ""
        get_settings.cache_clear()
    try:
        assert settings.database_url is not None
        upgrade_to_head(settings.database_url)
        yield settings
    finally:
        if embedded is not None:
            _leave(embedded, settings.data_dir)


def _leave(embedded: EmbeddedPostgres, data_dir: str) -> None:
    """Stop the embedded server unless another process still uses it, and say which it was."""
    if embedded.stop():
        logger.info("stopped embedded PostgreSQL in %s", data_dir)
    else:
        logger.info("left the embedded PostgreSQL in %s running: another process uses it", data_dir)


async def _load_reference(settings: Settings) -> bool:
    engine = create_engine(settings)
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            return await load_reference_data(session)
    finally:
        await engine.dispose()


@contextmanager
def _stop_signals_end_serving() -> Iterator[None]:
    """Make SIGTERM/SIGINT, once uvicorn has shut down gracefully, a normal return.

    uvicorn raises the signal again after its shutdown, restoring the handlers it found: with
    the default ones the process would die there, before the embedded database is stopped.
    """
    stop_signals = (signal.SIGTERM, signal.SIGINT)
    previous = {signum: signal.signal(signum, _already_handled) for signum in stop_signals}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _already_handled(signum: int, _: object) -> None:
    logger.info("%s: the server has shut down", signal.Signals(signum).name)


def cmd_serve(args: argparse.Namespace) -> int:
    """Start the HTTP API (and the embedded database when no URL is configured).

    On SIGTERM or SIGINT it stops accepting connections, lets requests in flight finish for
    up to `shutdown_timeout` seconds, drains the in-process worker, then stops the database.
    uvicorn runs on uvloop with the httptools parser (both C), not the pure-Python defaults.
    """
    import uvicorn

    from service.web.server import GuardedHttpToolsProtocol

    embedded = get_settings().database_url is None
    with database(get_settings()) as settings:
        if settings.load_reference_data and asyncio.run(_load_reference(settings)):
            logger.info("reference data loaded")
        if embedded:
            # One machine, one command: the API process ingests too, unless told otherwise.
            os.environ.setdefault("AIFACTS_RUN_WORKER", "true")
        with _stop_signals_end_serving():
            uvicorn.run(
                "service.app:app_from_env",
                factory=True,
                host=args.host or settings.host,
                port=args.port or settings.port,
                workers=args.workers,
                loop="uvloop",
                http=GuardedHttpToolsProtocol,
                proxy_headers=bool(settings.trusted_proxies),
                forwarded_allow_ips=settings.trusted_proxies or None,
                log_level=settings.log_level,
                log_config=logging_config(settings.log_format, settings.log_level),
                access_log=False,
                timeout_graceful_shutdown=settings.shutdown_timeout,
            )
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    """Run an ingestion worker until SIGINT/SIGTERM, then finish the jobs in flight."""
    with database(get_settings()) as settings:
        from service.jobs.worker import run_until_signalled

        heartbeat_timeout = timedelta(seconds=args.heartbeat_timeout)
        uvloop.run(run_until_signalled(settings, args.concurrency, heartbeat_timeout))
    return 0


def cmd_migrate(_: argparse.Namespace) -> int:
    """Bring the database schema to the latest migration."""
    with database(get_settings()):
        logger.info("schema is at head")
    return 0


def cmd_load_reference(_: argparse.Namespace) -> int:
    """Load the bundled reference data (a no-op if this version is loaded)."""
    with database(get_settings()) as settings:
        loaded = asyncio.run(_load_reference(settings))
        logger.info("reference data %s", "loaded" if loaded else "already loaded")
    return 0


def _language(code: str) -> str:
    """An argument naming a language the pipeline reads."""
    from service.normalize import LANGUAGES

    if code not in LANGUAGES:
        raise argparse.ArgumentTypeError(f"{code!r} is not one of {', '.join(LANGUAGES)}")
    return code


def _manifest(path: str) -> dict[str, DocumentMetadata]:
    """An argument naming a manifest file: its entries by file name."""
    from service.admin.file_ingestion import read_manifest

    try:
        return read_manifest(Path(path))
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def cmd_ingest(args: argparse.Namespace) -> int:
    """Ingest article files as POST /v1/admin/sources would, running each job inline."""
    from service.admin.file_ingestion import DocumentMetadata
    from service.commands.ingest import ingest_files
    from service.feeds.parsing import FeedUnreadableError

    if not args.files and not args.feed:
        logger.error("nothing to ingest: name files, URLs or --feed addresses")
        return 2
    fallback = DocumentMetadata(language=args.language, published_on=args.published_on)
    with database(get_settings()) as settings:
        if settings.load_reference_data and asyncio.run(_load_reference(settings)):
            logger.info("reference data loaded")
        try:
            outcomes = asyncio.run(
                ingest_files(settings, args.files, args.manifest, fallback, args.feed)
            )
        except FeedUnreadableError as error:
            logger.error("feed not ingested: %s", error)  # noqa: TRY400 (a reason, not a crash)
            return 1
    return 1 if any(outcome.status == "failed" for outcome in outcomes) else 0


async def _with_tokens(settings: Settings, action: Callable[[AdminTokens], Awaitable[T]]) -> T:
    from service.admin.tokens import AdminTokens

    engine = create_engine(settings)
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            return await action(AdminTokens(session))
    finally:
        await engine.dispose()


def _run_token_command(action: Callable[[AdminTokens], Awaitable[T]]) -> T | None:
    """Run `action` on the admin tokens; None (after saying why) if the service refused it."""
    from service.domain.errors import DomainError

    with database(get_settings()) as settings:
        try:
            return asyncio.run(_with_tokens(settings, action))
        except DomainError as error:
            sys.stderr.write(f"{error.detail}\n")
            return None


def cmd_token_create(args: argparse.Namespace) -> int:
    """Create a named admin token and print it: it is stored hashed and never shown again."""
    token = _run_token_command(lambda tokens: tokens.create(args.name))
    if token is None:
        return 1
    sys.stdout.write(token + "\n")
    return 0


def cmd_token_list(_: argparse.Namespace) -> int:
    """Print every admin token's name and dates (never the token)."""
    rows = _run_token_command(lambda tokens: tokens.all())
    if rows is None:
        return 1

    def when(moment: datetime | None) -> str:
        return moment.isoformat(timespec="seconds") if moment else "-"

    sys.stdout.write(f"{'NAME':<32} {'CREATED':<25} {'LAST USED':<25} REVOKED\n")
    for row in rows:
        sys.stdout.write(
            f"{row.name:<32} {when(row.created_at):<25} {when(row.last_used_at):<25} "
            f"{when(row.revoked_at)}\n"
        )
    return 0


def cmd_token_revoke(args: argparse.Namespace) -> int:
    """Revoke a named admin token: requests bearing it answer 401 from now on."""
    revoked_at = _run_token_command(lambda tokens: tokens.revoke(args.name))
    if revoked_at is None:
        return 1
    logger.info("token %r revoked at %s", args.name, revoked_at.isoformat(timespec="seconds"))
    return 0


def openapi_document() -> str:
    """The OpenAPI document of the application, as stable, pretty-printed JSON."""
    from service.app import create_app

    schema = create_app(Settings()).openapi_schema.to_schema()
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def cmd_openapi(args: argparse.Namespace) -> int:
    """Write the OpenAPI document to a file (or standard output with `-`)."""
    document = openapi_document()
    if args.output == "-":
        sys.stdout.write(document)
    else:
        Path(args.output).write_text(document, encoding="utf-8")
        logger.info("wrote %s", args.output)
    return 0


def build_parser(settings: Settings | None = None) -> argparse.ArgumentParser:
    """The argument parser of every subcommand; defaults shown are the settings' own."""
    settings = settings or Settings()
    parser = argparse.ArgumentParser(prog="aifacts", description=__doc__)
    parser.add_argument("--version", action="version", version=f"aifacts {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the HTTP API")
    serve.add_argument(
        "--host", help=f"interface to listen on (default {settings.host}, AIFACTS_HOST)"
    )
    serve.add_argument(
        "--port", type=int, help=f"port to listen on (default {settings.port}, AIFACTS_PORT)"
    )
    serve.add_argument("--workers", type=int, default=1, help="worker processes")
    serve.set_defaults(func=cmd_serve)

    worker = commands.add_parser("worker", help="run an ingestion worker")
    worker.add_argument(
        "--concurrency", type=int, default=1, help="jobs run at once by this worker (default 1)"
    )
    worker.add_argument(
        "--heartbeat-timeout",
        type=float,
        default=30.0,
        help="seconds without heartbeat after which a job is retried elsewhere (default 30)",
    )
    worker.set_defaults(func=cmd_worker)

    commands.add_parser("migrate", help="apply database migrations").set_defaults(func=cmd_migrate)
    commands.add_parser("load-reference", help="load the bundled reference data").set_defaults(
        func=cmd_load_reference
    )

    ingest = commands.add_parser(
        "ingest",
        help="ingest article files, HTML pages, URLs or the articles of feeds, each like "
        "POST /v1/admin/sources, its job run at once",
        description="Metadata come from the --manifest entry naming the file; --language and "
        "--published-on fill what the entry lacks, or stand for a file without entry.",
    )
    ingest.add_argument(
        "files",
        nargs="*",
        metavar="FILE_OR_URL",
        help="UTF-8 text files, saved .html pages, or http(s) URLs to fetch",
    )
    ingest.add_argument(
        "--feed",
        action="append",
        default=[],
        metavar="URL",
        help="an RSS or Atom feed: each article it lists is fetched and ingested once (repeatable)",
    )
    ingest.add_argument(
        "--language", type=_language, metavar="xx", help="en, fr, it, de or es (default: detected)"
    )
    ingest.add_argument(
        "--published-on", type=date.fromisoformat, metavar="YYYY-MM-DD", help="publication date"
    )
    ingest.add_argument(
        "--manifest",
        type=_manifest,
        default={},
        help='JSON {"documents": [{"file", "language", "published_on", "url", ...}]}',
    )
    ingest.set_defaults(func=cmd_ingest)

    token = commands.add_parser("token", help="create, list and revoke named admin tokens")
    token_commands = token.add_subparsers(dest="token_command", required=True)
    create = token_commands.add_parser("create", help="create a token and print it once")
    create.add_argument("name", help="who or what uses the token (recorded as the actor)")
    create.set_defaults(func=cmd_token_create)
    token_commands.add_parser("list", help="list tokens (never their values)").set_defaults(
        func=cmd_token_list
    )
    revoke = token_commands.add_parser("revoke", help="revoke a token")
    revoke.add_argument("name", help="name of the token")
    revoke.set_defaults(func=cmd_token_revoke)

    openapi = commands.add_parser("openapi", help="write the OpenAPI document")
    openapi.add_argument("--output", "-o", default="openapi/openapi.json")
    openapi.set_defaults(func=cmd_openapi)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `aifacts` command."""
    try:
        settings = get_settings()
    except SettingsError as error:
        sys.stderr.write(f"aifacts: {error}\n")
        return 2
    if not logging.getLogger().handlers:  # unless a host process (a test runner) configured it
        logging.config.dictConfig(logging_config(settings.log_format, settings.log_level))
        logging.captureWarnings(True)  # Python warnings become log records, not raw lines
    args = build_parser(settings).parse_args(argv)
    try:
        status: int = args.func(args)
    except Exception:  # logged as a record (one JSON line), not as a bare traceback
        logger.critical("aifacts %s failed", args.command, exc_info=True)
        return 1
    return status


if __name__ == "__main__":
    raise SystemExit(main())
