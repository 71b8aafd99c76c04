"""Answers to public reads kept in process memory, dropped the moment the data changes.

What is kept: the headers and body of a 200 `application/json` answer to a GET
(HEAD is served as its GET) under `/v1/`, outside `/v1/admin/`, of a request without an
`Authorization` header. The key is the path, the query with its parameters in a stable order,
and the `Accept` header (the only request header a public read's body depends on). Errors,
problems, streamed exports and everything else pass through untouched.

The middleware sits after the rate limit and the strict query check, before idempotency (a
GET's no-op) and the ETag layer: a cached answer counts against the limit like any other,
gets its own request id, access log line and metrics (those run outside the router), and is
kept with the `ETag` and `Cache-Control` that layer gave it; a hit whose `If-None-Match`
names the tag answers 304 exactly as that layer does (`service.web.caching`), without hashing
the body again. A hit skips the handler, its dependencies (no database session), the
serialisation and the hash.

Staleness: every process listens to PostgreSQL notifications sent by statement triggers on
every table a public read depends on (`service.web.data_changes`); each one drops the whole
cache. A read stores its answer only if no drop happened while it ran (the `version` it
started with is still current), so an answer built from data older than a notification never
enters the cache after it. While the listener is not connected (startup, lost connection) the
cache neither serves nor stores, and it is emptied when the listener is back. Writes through
this process's admin routes drop the cache as soon as their answer starts (read-your-writes in
the writing process). What remains: between a commit in another process and the arrival of its
notification here a read may still get the previous answer, as a read started just before
the commit would. `python -m benchmarks.readpath.cache_cost` measures that delay: a median of
0.1 ms and a p99 under 10 ms on a busy 2-core machine.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Final

from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, HTTPResponseStartEvent, Message, Receive, Scope, Send

from service.web.caching import DROPPED_ON_304, none_match
from service.web.limits import ADMIN_PREFIX

PUBLIC_PREFIX: Final = "/v1/"
VARYING_HEADERS: Final = (b"accept",)
"""Request headers that may change a public read's body (exports negotiate on `Accept`)."""
ENTRY_OVERHEAD: Final = 400
"""Bytes counted per entry beside the lengths of its key, headers and body: the Python
objects holding them (key tuple, strings and bytes, the entry, its tag, the ordered dict's
slot and link). With `HEADER_OVERHEAD`, a little above what tracemalloc shows an entry with
four headers to take, so the budget errs on the safe side."""
HEADER_OVERHEAD: Final = 130
"""Bytes counted per kept header beside its name's and value's lengths (a tuple of two
bytes objects)."""
LARGEST_SHARE: Final = 8
"""An answer larger than 1/8 of the budget is not kept, so one answer never empties the cache."""
_SAFE: Final = frozenset({"GET", "HEAD", "OPTIONS"})
_JSON: Final = b"application/json"
_NOT_ON_304: Final = frozenset(name.encode() for name in DROPPED_ON_304)

CacheKey = tuple[str, bytes, bytes]
Headers = tuple[tuple[bytes, bytes], ...]


class CachedAnswer:
    """One kept answer: its headers, body and entity tag, and the bytes it is counted for."""

    __slots__ = ("body", "etag", "headers", "size")

    def __init__(self, key: CacheKey, headers: Headers, body: bytes) -> None:
        self.headers = headers
        self.body = body
        self.etag = next((v.decode("latin-1") for n, v in headers if n.lower() == b"etag"), None)
        self.size = (
            ENTRY_OVERHEAD
            + len(key[0])
            + len(key[1])
            + len(key[2])
            + len(body)
            + sum(len(name) + len(value) + HEADER_OVERHEAD for name, value in headers)
        )


class ResponseCache:
    """A byte-bounded LRU of answers with a data version; serves only while `live`.

    `version` grows at every drop (a notification, a local write, the listener going down or
    coming back). `token()` hands a read the current version (None while not live), and
    `put` keeps an answer only if the version is still that token.
    """

    def __init__(self, budget: int) -> None:
        self.budget = max(0, budget)
        self.largest = self.budget // LARGEST_SHARE
        self.version = 0
        self.live = False
        self.used = 0
        self.hits = 0
        self._answers: OrderedDict[CacheKey, CachedAnswer] = OrderedDict()

    def __len__(self) -> int:
        return len(self._answers)

    def token(self) -> int | None:
        """The version a read starting now stores under, or None while the cache is off."""
        return self.version if self.live else None

    def get(self, key: CacheKey) -> CachedAnswer | None:
        """The answer kept under `key` (now the most recently used), if the cache serves."""
        if not self.live:
            return None
        answer = self._answers.get(key)
        if answer is not None:
            self._answers.move_to_end(key)
            self.hits += 1
        return answer

    def put(self, key: CacheKey, token: int, headers: Headers, body: bytes) -> bool:
        """Keep an answer read under `token`; False if the data changed since, or too large."""
        if not self.live or token != self.version:
            return False
        answer = CachedAnswer(key, headers, body)
        if answer.size > self.largest:
            return False
        previous = self._answers.pop(key, None)
        if previous is not None:
            self.used -= previous.size
        self._answers[key] = answer
        self.used += answer.size
        while self.used > self.budget:
            _, evicted = self._answers.popitem(last=False)
            self.used -= evicted.size
        return True

    def invalidate(self) -> None:
        """The data changed: forget every answer, and refuse the ones being read now."""
        self.version += 1
        self._answers.clear()
        self.used = 0

    def went_down(self) -> None:
        """Changes can no longer be heard: stop serving and storing."""
        self.live = False
        self.invalidate()

    def came_up(self) -> None:
        """Changes are heard again: start empty (some may have been missed meanwhile)."""
        self.invalidate()
        self.live = True


def request_key(scope: Scope) -> tuple[CacheKey, str | None] | None:
    """The cache key of a GET and its `If-None-Match`; None if its answer is never kept."""
    path: str = scope["path"]
    if not path.startswith(PUBLIC_PREFIX) or path.startswith(ADMIN_PREFIX):
        return None
    varying: list[bytes] = []
    if_none_match = None
    for name, value in scope["headers"]:
        lowered = name.lower()
        if lowered == b"authorization":
            return None
        if lowered in VARYING_HEADERS:
            varying.append(value)
        elif lowered == b"if-none-match":
            if_none_match = value.decode("latin-1")
    return (path, normalised_query(scope["query_string"]), b"\n".join(varying)), if_none_match


def normalised_query(query: bytes) -> bytes:
    """The query's parameters sorted by name; repeated names keep their order, empties go."""
    if b"&" not in query:
        return query
    pairs = [pair for pair in query.split(b"&") if pair]
    pairs.sort(key=lambda pair: pair.partition(b"=")[0])
    return b"&".join(pairs)


def _keepable(message: HTTPResponseStartEvent) -> bool:
    if message["status"] != 200:
        return False
    for name, value in message.get("headers", ()):
        lowered = name.lower()
        if lowered == b"set-cookie":
            return False
        if lowered == b"content-type" and value.split(b";", 1)[0].strip() != _JSON:
            return False
    return True


async def send_kept(answer: CachedAnswer, if_none_match: str | None, send: Send) -> None:
    """Answer with a kept answer: 304 if `If-None-Match` names its tag, else the whole of it."""
    if answer.etag is not None and none_match(if_none_match, answer.etag):
        headers = [pair for pair in answer.headers if pair[0].lower() not in _NOT_ON_304]
        await send({"type": "http.response.start", "status": 304, "headers": headers})
        await send({"type": "http.response.body", "body": b"", "more_body": False})
        return
    await send({"type": "http.response.start", "status": 200, "headers": list(answer.headers)})
    await send({"type": "http.response.body", "body": answer.body, "more_body": False})


class ResponseCacheMiddleware(ASGIMiddleware):
    """Serves kept answers to public reads, keeps new ones, drops them on local writes."""

    scopes = (ScopeType.HTTP,)

    def __init__(self, cache: ResponseCache) -> None:
        self.cache = cache

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        """Answer from the cache, or read through it, or note a write."""
        method = scope.get("method")
        if method != "GET":
            if method in _SAFE or not scope["path"].startswith(ADMIN_PREFIX):
                await next_app(scope, receive, send)
                return
            await self._write(scope, receive, send, next_app)
            return
        request = request_key(scope)
        token = None if request is None else self.cache.token()
        if request is None or token is None:
            await next_app(scope, receive, send)
            return
        key, if_none_match = request
        answer = self.cache.get(key)
        if answer is None:
            await next_app(scope, receive, self._keeping(key, token, send))
        else:
            await send_kept(answer, if_none_match, send)

    def _keeping(self, key: CacheKey, token: int, send: Send) -> Send:
        """`send`, keeping a copy of a keepable answer once its body is complete."""
        cache = self.cache
        headers: Headers | None = None
        chunks: list[bytes] = []
        size = 0

        async def keeping(message: Message) -> None:
            nonlocal headers, size
            if message["type"] == "http.response.start":
                if _keepable(message):  # copied now: the layers outside change the list
                    headers = tuple(message.get("headers", ()))
            elif headers is not None and message["type"] == "http.response.body":
                body = message.get("body", b"")
                size += len(body)
                if size > cache.largest:
                    headers = None
                elif message.get("more_body", False):
                    chunks.append(body)
                else:
                    cache.put(key, token, headers, b"".join((*chunks, body)))
            await send(message)

        return keeping

    async def _write(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        """Run an admin write; drop the cache when its answer starts and when it ends."""
        cache = self.cache

        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":
                cache.invalidate()
            await send(message)

        try:
            await next_app(scope, receive, sending)
        finally:
            cache.invalidate()
