"""The application: routes, plugins, error mapping and database lifetime."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any, Final

from litestar import Litestar, Request
from litestar.datastructures import State
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig
from litestar.openapi.spec import Contact, License, Tag
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service import __version__
from service.admin.auth import ADMIN_COMPONENTS, token_owner
from service.admin.controllers import AdminController
from service.companies.controllers import CompanyController, CompanyCurationController
from service.companies.thin import THIN_ROUTES as COMPANY_THIN_ROUTES
from service.db.engine import create_engine, create_read_sessionmaker, create_sessionmaker
from service.db.reads import PoolReader, SessionReader
from service.deals.controllers import DealController, DealCurationController
from service.deals.thin import THIN_ROUTES as DEAL_THIN_ROUTES
from service.export.controllers import ExportController
from service.feeds.controllers import FeedController
from service.figures.controllers import FigureController, FigureCurationController
from service.figures.thin import THIN_ROUTES as FIGURE_THIN_ROUTES
from service.frames.controllers import FrameController
from service.jobs.lifespan import in_process_worker
from service.metrics.controllers import MetricController
from service.normalize_api.controllers import NormalizeController, warm_normaliser
from service.settings import Settings, get_settings
from service.sources.controllers import SourceController
from service.web.caching import HttpCachingMiddleware
from service.web.data_changes import Connect, changes_heard, database_connector
from service.web.docs import docs_assets, docs_plugin
from service.web.health import HealthController
from service.web.http import DecimalAsNumberSchema, JsonResponse
from service.web.idempotency import IdempotencyMiddleware, document_idempotency
from service.web.instruments import process_instruments, prometheus_scrape
from service.web.limits import RateLimitMiddleware, rate_limit_window
from service.web.observability import observe_requests
from service.web.openapi import document_problems
from service.web.problems import EXCEPTION_HANDLERS
from service.web.requests import BoundedJsonRequest
from service.web.response_cache import ResponseCache, ResponseCacheMiddleware
from service.web.routing import (
    AllowHeaderRepair,
    AsciiPathIntegers,
    SchemaNotFoundAsProblem,
    answer_head,
)
from service.web.shared_limits import shared_counts
from service.web.strict_query import StrictQueryMiddleware
from service.web.thin import serve_thin_reads

API_VERSION = __version__
"""The contract's `info.version`: the package's version."""
DESCRIPTION = (
    "Normalised, cited facts about the AI industry: companies, deals, quantitative figures and "
    "the sources they come from. Every value is canonical (USD, W, Wh, ratio, counts) and "
    "carries its original wording, FX rate and the exact quote it was read from."
)

TAGS: Final = {
    "companies": "Companies, with their aliases per language and identifiers (Wikidata, LEI, "
    "ticker).",
    "figures": "Quantitative figures: canonical value, bounds, period, status, original wording, "
    "FX and citations, with their history.",
    "deals": "Deals between companies: parties with roles, value, duration and citations, with "
    "their history.",
    "sources": "The documents facts were read from, and what was found in each.",
    "metrics": "The metric catalogue with canonical units, and frames: one value per company for "
    "a metric and a period.",
    "export": "All figures or deals as CSV or NDJSON, streamed; changes since an instant.",
    "normalize": "Canonical quantities (numbers, scales, currencies, units) of any text.",
    "admin": "Behind an admin bearer token: ingestion of sources and news feeds, its jobs, and "
    "curation of companies, figures and deals.",
    "health": "Liveness and readiness probes.",
}
"""Every operation tag, with its description, in the order the docs show them.

A controller's `tags` must name one of these (the contract tests check it)."""
CONTACT = Contact(name="aifacts maintainers")
LICENSE = License(name="Proprietary")


def openapi_config() -> OpenAPIConfig:
    """The OpenAPI 3.1 document, served at /schema/openapi.json with docs under /schema."""
    return OpenAPIConfig(
        title="aifacts",
        version=API_VERSION,
        description=DESCRIPTION,
        contact=CONTACT,
        license=LICENSE,
        tags=[Tag(name=name, description=text) for name, text in TAGS.items()],
        path="/schema",
        render_plugins=[docs_plugin("/"), docs_plugin("/swagger")],
        components=ADMIN_COMPONENTS,
    )


SAFE_METHODS = frozenset({"GET", "HEAD"})

AppFinisher = Callable[[Litestar], None]
"""A step completing the built app (Litestar 2 has no setting for it)."""
THIN_ROUTES: Final = (*COMPANY_THIN_ROUTES, *FIGURE_THIN_ROUTES, *DEAL_THIN_ROUTES)
"""The hot one-statement reads answered before the framework (`service.web.thin`)."""


def thin_reads(app: Litestar) -> None:
    """Answer `THIN_ROUTES` before routing, with the app's rate limit and response cache.

    Not when documents or thin reads are off (every read then goes through the framework).
    """
    if app.state.settings.documents and app.state.settings.thin_reads:
        state = app.state
        serve_thin_reads(app, THIN_ROUTES, window=state.rate_window, cache=state.serving_cache)


FINISHERS: Final[tuple[AppFinisher, ...]] = (
    document_problems,
    document_idempotency,
    answer_head,
    thin_reads,
    observe_requests,
)
"""Problem answers on every operation, `Idempotency-Key` on admin POSTs, HEAD answered as GET,
the hot reads answered thin, requests observed."""


async def provide_db_session(
    state: State, request: Request[Any, Any, Any]
) -> AsyncIterator[AsyncSession]:
    """One session per request, committed once at the end, rolled back on error.

    GET and HEAD only read: their session runs without an explicit transaction (see
    `create_read_sessionmaker`), which saves the `BEGIN` and `COMMIT` round trips, and
    is closed without a commit. A read that never used its session (one served by a
    one-statement document) has nothing to close: that close, a greenlet switch, is skipped.
    """
    reading = request.method in SAFE_METHODS
    sessionmaker = state.read_sessionmaker if reading else state.sessionmaker
    session = sessionmaker()
    try:
        yield session
        if not reading:  # a read has nothing to commit: closing the session is enough
            await session.commit()
    except BaseException:
        await session.rollback()
        await session.close()
        raise
    if not reading or session.in_transaction():
        await session.close()


def create_app(
    settings: Settings | None = None,
    *,
    sessionmaker: async_sessionmaker[AsyncSession] | None = None,
    finishers: Sequence[AppFinisher] = FINISHERS,
) -> Litestar:
    """Build the application; `sessionmaker` overrides the engine (tests bind a connection).

    `finishers` complete the built app where Litestar 2 takes no configuration: the OpenAPI
    document's shared answers and the observation of requests before routing.
    """
    settings = settings or get_settings()
    window = rate_limit_window(settings)
    # Tests bind a connection in a transaction: counts stay in the process there.
    sharing = [] if window is None or sessionmaker is not None else [shared_counts(window)]
    # ... and their writes never commit, so no notification could tell a cache of them.
    cache = ResponseCache(settings.response_cache_bytes)
    caching = settings.response_cache and sessionmaker is None

    @asynccontextmanager
    async def database(app: Litestar) -> AsyncIterator[None]:
        if sessionmaker is not None:
            app.state.sessionmaker = app.state.read_sessionmaker = sessionmaker
            app.state.reader = SessionReader(sessionmaker)
            yield
            return
        engine = create_engine(settings)
        app.state.reader = reader = PoolReader(engine)
        app.state.sessionmaker = create_sessionmaker(engine)
        app.state.read_sessionmaker = create_read_sessionmaker(engine)
        try:
            yield
        finally:
            await reader.close()
            await engine.dispose()

    app = Litestar(
        route_handlers=[
            HealthController,
            CompanyController,
            FigureController,
            DealController,
            ExportController,
            SourceController,
            MetricController,
            FrameController,
            AdminController,
            FeedController,
            CompanyCurationController,
            FigureCurationController,
            DealCurationController,
            NormalizeController,
            prometheus_scrape,
            docs_assets(),
        ],
        dependencies={"db_session": Provide(provide_db_session)},
        lifespan=[
            process_instruments,
            database,
            *sharing,
            *([changes_heard(cache, _connector(settings))] if caching else []),
            warm_normaliser,
            in_process_worker(settings),
        ],
        state=State(
            {
                "settings": settings,
                "response_cache": cache,
                "serving_cache": cache if caching else None,
                "rate_window": window,
            }
        ),
        exception_handlers=EXCEPTION_HANDLERS,
        middleware=[
            *([] if window is None else [RateLimitMiddleware(window)]),
            StrictQueryMiddleware(),
            *([ResponseCacheMiddleware(cache)] if caching else []),
            IdempotencyMiddleware(token_owner, timedelta(seconds=settings.idempotency_lease)),
            HttpCachingMiddleware(),
        ],
        request_max_body_size=settings.max_body_bytes,
        response_class=JsonResponse,
        request_class=BoundedJsonRequest,
        plugins=[
            DecimalAsNumberSchema(),
            AllowHeaderRepair(),
            SchemaNotFoundAsProblem(),
            AsciiPathIntegers(),
        ],
        openapi_config=openapi_config(),
        debug=False,
        logging_config=None,
    )
    for finish in finishers:
        finish(app)
    return app


def _connector(settings: Settings) -> Callable[[], Connect]:
    """How the change listener connects: to the settings' database, known at startup."""

    def connector() -> Connect:
        if settings.database_url is None:
            raise RuntimeError("no database URL: start the embedded server first")
        return database_connector(settings.database_url)

    return connector


def app_from_env() -> Litestar:
    """Application factory for ASGI servers: settings from the environment.

    The objects built so far (modules, routes, schemas) live as long as the process: frozen,
    the garbage collector stops rescanning them, and it runs every 20,000 allocations instead
    of 700, which spares a request-heavy server most of its collection pauses.
    """
    logging.captureWarnings(True)
    app = create_app(get_settings())
    gc.freeze()
    gc.set_threshold(20_000, 50, 100)
    return app
