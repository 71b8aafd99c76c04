"""Typed settings, read once from the environment."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

import msgspec
import platformdirs


def _default_data_dir() -> Path:
    # PostgreSQL refuses to run as root; the embedded server then runs as its own OS user and
    # must traverse the data dir's parents, so root gets a system path instead of its home.
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        return Path("/var/lib/aifacts")
    return platformdirs.user_data_path("aifacts")


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    """Everything the service reads from its environment (variables prefixed `AIFACTS_`)."""

    database_url: str | None = None
    """SQLAlchemy URL of an existing PostgreSQL; when unset the embedded server is used."""
    data_dir: str = msgspec.field(default_factory=lambda: str(_default_data_dir()))
    """Where the embedded PostgreSQL keeps its files."""
    admin_token: str | None = None
    """Bootstrap bearer token for the admin routes."""
    host: str = "127.0.0.1"
    port: int = 8000
    log_level: str = "info"
    log_format: Literal["json", "text"] = "json"
    """`json` (one object per line) or `text`."""
    shutdown_timeout: int = 30
    """Seconds `serve` lets requests in flight finish after SIGTERM/SIGINT."""
    pool_size: int = 10
    statement_timeout_ms: int = 5000
    """Longest a SQL statement may run; a request whose query runs longer answers 503."""
    rate_limit: int = 6000
    """Requests per minute per client (IP, or admin token); 0 turns rate limiting off."""
    max_body_bytes: int = 2 * 1024 * 1024
    """Largest request body; the admin source route allows its own, larger limit."""
    trusted_proxies: str = ""
    """Comma-separated addresses (or `*`) of proxies whose X-Forwarded-For/-Proto headers are
    believed; empty: none, the peer address is the client (and the rate-limit key)."""
    max_header_bytes: int = 32 * 1024
    """Largest request head (request line and headers); a larger one answers 431."""
    max_headers: int = 100
    """Most header fields in one request; more answer 431."""
    header_timeout: float = 10.0
    """Seconds a client has to send a whole request head (408 after, and the connection closes)."""
    body_timeout: float = 30.0
    """Seconds a request body may stall between two pieces before the connection closes."""
    job_time_budget: float = 300.0
    """Seconds one article's extraction may take before its job ends failed."""
    job_max_attempts: int = 3
    idempotency_lease: float = 60.0
    """Seconds an `Idempotency-Key` claim stays in progress before a retry may take it over."""
    """Attempts an ingestion job gets (one cut off by a crash counts too) before it fails."""
    fetch_allow_hosts: str = ""
    """Comma-separated host names (as written in URLs) that ingestion may fetch even though
    they resolve to loopback, private or link-local addresses; empty: none."""
    fetch_timeout: float = 15.0
    """Seconds a page fetch may wait to connect or between two pieces; four times it in all."""
    fetch_max_bytes: int = 5_000_000
    """Largest page ingestion downloads."""
    fetch_max_redirects: int = 5
    """Most redirects one page fetch follows."""
    response_cache: bool = True
    """Keep answers to public reads in process memory until the data changes (see
    `service.web.response_cache`)."""
    response_cache_bytes: int = 32 * 1024 * 1024
    """Most bytes the response cache of one process holds (bodies, headers and keys)."""
    documents: bool = True
    """Serve the hot reads (a figure, a deal, a company, their common lists) as JSON written by
    PostgreSQL in one statement; off, every read builds and encodes its structs in Python (the
    same bytes, more CPU)."""
    thin_reads: bool = True
    """Answer those of the hot reads served as documents before the framework's routing and
    middleware (`service.web.thin`: the same answers, less CPU); off, through the framework."""
    load_reference_data: bool = True
    """Load the bundled reference data on first start."""
    run_worker: bool = False
    """Run an ingestion worker inside the API process (`serve` turns it on for the embedded
    default; `AIFACTS_RUN_WORKER` forces it either way)."""

    @property
    def data_path(self) -> Path:
        """`data_dir` as a path, with `~` expanded."""
        return Path(self.data_dir).expanduser()

    def with_database_url(self, url: str) -> Settings:
        """Return a copy pointing at another database."""
        return msgspec.structs.replace(self, database_url=url)


_TRUE = {"1", "true", "yes", "on"}
MIN_ADMIN_TOKEN_LENGTH = 16
_KNOWN_WEAK_TOKENS = frozenset(
    {"change-me", "changeme", "change-me-please", "admin", "password", "secret", "token"}
)


class SettingsError(ValueError):
    """The environment holds a setting the service refuses to run with."""


def check(settings: Settings) -> Settings:
    """The settings unchanged, or a SettingsError naming what is unsafe about them."""
    token = settings.admin_token
    if token is not None and (
        len(token.strip()) < MIN_ADMIN_TOKEN_LENGTH
        or token.strip().casefold() in _KNOWN_WEAK_TOKENS
    ):
        raise SettingsError(
            f"AIFACTS_ADMIN_TOKEN is too weak: use at least {MIN_ADMIN_TOKEN_LENGTH} random "
            "characters (e.g. `python3 -c 'import secrets; print(secrets.token_urlsafe(32))'`), "
            "or leave it unset and create named tokens with `aifacts token create`"
        )
    return settings


def settings_from_env(env: dict[str, str] | None = None) -> Settings:
    """Build settings from `AIFACTS_*` variables of `env` (default: the process environment)."""
    source = os.environ if env is None else env
    raw: dict[str, object] = {}
    for field in msgspec.structs.fields(Settings):
        value = source.get(f"AIFACTS_{field.name.upper()}")
        if value is None or value == "":
            continue
        if field.type is bool:
            raw[field.name] = value.strip().lower() in _TRUE
        else:
            raw[field.name] = value
    return check(msgspec.convert(raw, Settings, strict=False))


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read once."""
    return settings_from_env()
