"""Rate limiting per client: a fixed window in process memory, announced in IETF headers.

Headers follow draft-ietf-httpapi-ratelimit-headers: every limited response carries
`RateLimit-Policy: "default";q=<quota>;w=<window>` and `RateLimit: "default";r=<left>;t=<reset>`;
a request over quota answers 429 problem+json with `Retry-After`. Litestar's own
`RateLimitConfig` writes the older `RateLimit-Limit`/`-Remaining`/`-Reset` headers instead.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Final, cast

from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.exceptions import TooManyRequestsException
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from service.settings import Settings
from service.web.bearer import ACTOR_STATE_KEY, bearer_token, token_digest

WINDOW_SECONDS: Final = 60
POLICY: Final = "default"
EXEMPT_PATHS: Final = frozenset({"/healthz", "/readyz", "/metrics"})
"""Probes and scrapes are never limited."""
ADMIN_PREFIX: Final = "/v1/admin/"
KNOWN_TOKENS: Final = 1024
"""How many admin token digests the limiter remembers the names of."""
COUNTED: Final = "aifacts.rate_counted"
"""Scope key of a request counted already, by a thin read that handed it on to the general
path (`service.web.thin`): its (requests left, reset), for the limiter to use instead of
counting it again."""


class FixedWindow:
    """Counts requests per client key in the current window; forgets the previous windows.

    `hit` decides from this process's count plus what the other processes had counted at the
    last `absorb` (see `service.web.shared_limits`), so the decision never waits on the
    database; windows are wall-clock minutes, the same in every process and on every host.
    """

    def __init__(
        self, quota: int, window_seconds: int, clock: Callable[[], float] = time.time
    ) -> None:
        self.quota = quota
        self.window_seconds = window_seconds
        self.clock = clock
        self._window = -1
        self._counts: dict[str, int] = {}
        self._flushed: dict[str, int] = {}
        self._others: dict[str, int] = {}

    def hit(self, key: str) -> tuple[int, int]:
        """Count one request of `key`; return its requests left (negative: over) and reset."""
        now = self.clock()
        window = math.floor(now / self.window_seconds)
        if window != self._window:
            self._window, self._counts, self._flushed, self._others = window, {}, {}, {}
        count = self._counts.get(key, 0) + 1
        self._counts[key] = count
        reset = max(1, math.ceil((window + 1) * self.window_seconds - now))
        return self.quota - count - self._others.get(key, 0), reset

    def unshared(self) -> tuple[int, dict[str, int]]:
        """The window and, per key, the hits of this process not yet added to the shared count."""
        pending = {
            key: count - self._flushed.get(key, 0)
            for key, count in self._counts.items()
            if count > self._flushed.get(key, 0)
        }
        return self._window, pending

    def absorb(self, window: int, sent: dict[str, int], totals: dict[str, int]) -> None:
        """Record that `sent` was added to the shared counts of `window`, which are `totals`."""
        if window != self._window:
            return
        for key, hits in sent.items():
            self._flushed[key] = self._flushed.get(key, 0) + hits
            self._others[key] = max(0, totals.get(key, 0) - self._flushed[key])

    def policy_header(self) -> str:
        """The `RateLimit-Policy` header value."""
        return f'"{POLICY}";q={self.quota};w={self.window_seconds}'


def limit_header(remaining: int, reset: int) -> str:
    """The `RateLimit` header value."""
    return f'"{POLICY}";r={max(remaining, 0)};t={reset}'


def rate_headers(window: FixedWindow, remaining: int, reset: int) -> list[tuple[bytes, bytes]]:
    """The `RateLimit-Policy` and `RateLimit` headers of an answer, as ASGI header pairs."""
    return [
        (b"ratelimit-policy", window.policy_header().encode("latin-1")),
        (b"ratelimit", limit_header(remaining, reset).encode("latin-1")),
    ]


def client_ip_key(scope: Scope) -> str:
    """The limiter's key of a client known by its address (every public request)."""
    client = scope.get("client")
    return f"ip:{client[0] if client else 'unknown'}"


def with_headers(send: Send, headers: list[tuple[bytes, bytes]]) -> Send:
    """`send`, setting `headers` on the answer's start (replacing any of the same names)."""
    if not headers:
        return send

    async def send_with_headers(message: Message) -> None:
        if message["type"] == "http.response.start":
            response_headers = MutableScopeHeaders.from_message(message)
            for name, value in headers:
                response_headers[name.decode("latin-1")] = value.decode("latin-1")
        await send(message)

    return send_with_headers


class RateLimitMiddleware(ASGIMiddleware):
    """Limits each client to the window's quota: by admin token on admin routes, else by IP.

    An admin token is known by name only once the guard has accepted it; until then (and for
    wrong tokens) the request counts against its IP, so random tokens do not escape the limit.
    Every process counts in memory and adds its counts to the shared ones in PostgreSQL a few
    times a second (`service.web.shared_limits`), so the quota holds across processes and
    replicas, give or take what the others counted since their last flush. The client IP is
    the peer address; behind a proxy, list the proxy in `AIFACTS_TRUSTED_PROXIES` so that the
    address it forwards is the client's.
    """

    scopes = (ScopeType.HTTP,)

    def __init__(self, window: FixedWindow) -> None:
        self.window = window
        self._token_names: OrderedDict[str, str] = OrderedDict()

    def should_bypass_for_scope(self, scope: Scope) -> bool:
        """Probes and metrics are exempt."""
        return scope["path"] in EXEMPT_PATHS

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        """Count the request, refuse it over quota, and announce the quota on the answer."""
        digest = self._token_digest(scope)
        counted: tuple[int, int] | None = cast("dict[str, Any]", scope).get(COUNTED)
        if counted is None:
            counted = self.window.hit(self._client_key(scope, digest))
        remaining, reset = counted
        headers = rate_headers(self.window, remaining, reset)
        if remaining < 0:
            raise TooManyRequestsException(
                f"more than {self.window.quota} requests in {self.window.window_seconds} s; "
                f"retry in {reset} s",
                headers={
                    "RateLimit-Policy": self.window.policy_header(),
                    "RateLimit": limit_header(remaining, reset),
                    "Retry-After": str(reset),
                },
            )
        await next_app(scope, receive, with_headers(send, headers))
        self._remember_token(scope, digest)

    def _client_key(self, scope: Scope, digest: str | None) -> str:
        if digest is not None and (name := self._token_names.get(digest)) is not None:
            return f"token:{name}"
        return client_ip_key(scope)

    @staticmethod
    def _token_digest(scope: Scope) -> str | None:
        if not scope["path"].startswith(ADMIN_PREFIX):
            return None
        authorization = dict(scope["headers"]).get(b"authorization", b"").decode("latin-1")
        token = bearer_token(authorization)
        return None if token is None else token_digest(token)

    def _remember_token(self, scope: Scope, digest: str | None) -> None:
        actor = scope["state"].get(ACTOR_STATE_KEY)
        if digest is None or actor is None:
            return
        self._token_names[digest] = actor
        self._token_names.move_to_end(digest)
        if len(self._token_names) > KNOWN_TOKENS:
            self._token_names.popitem(last=False)


def rate_limit_window(settings: Settings) -> FixedWindow | None:
    """The counting window the settings ask for: none when `rate_limit` is 0."""
    if settings.rate_limit <= 0:
        return None
    return FixedWindow(settings.rate_limit, WINDOW_SECONDS)
