"""Thin routes: the hot public reads answered before the framework's routing and middleware.

A read whose answer is one statement's finished document (a company by slug, a figure or a
deal by id, their pages by the common filters) spends several times the statement's own
cost in the framework around it: routing, the middleware chain, parameter parsing and
dependency injection, the response object. `ThinReads` sits between the request observer
(request id, access log and metrics, unchanged) and the framework, and answers a GET of one
of its `ThinRoute`s itself, doing what each layer of the general path does, in its order:

- the rate limit counts the request once, in the same window under the same client key,
  and the answer carries the same `RateLimit-Policy` and `RateLimit` headers;
- the query is read as strictly as `service.web.strict_query` reads it, and more: only the
  route's own keys, each once, with plain values (`[A-Za-z0-9_-]`, no escapes);
- the response cache (`service.web.response_cache`) is asked and filled under the same key,
  its hits answered by the same code;
- `ETag`, `Cache-Control` and the 304 of `If-None-Match` as `service.web.caching` gives them;
- an error raised by the read is answered by the route's own exception handlers.

Anything else goes on to the general path untouched: another method or path, a query it
does not take, a value the general path would refuse or read differently, a read it cannot
answer (the route's read returns None: a missing row, an inexact number, an empty page
filtered by a slug). A request counted here and handed on carries its count in the scope, so
the limiter does not count it twice; the general path then answers exactly as it would have
(`tests/web/test_thin.py` compares every header and byte of both).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final, NamedTuple, cast

from litestar import Litestar
from litestar._asgi.utils import is_valid_host
from litestar.enums import ScopeType
from litestar.middleware._internal.exceptions import ExceptionHandlerMiddleware
from litestar.routes import HTTPRoute
from litestar.types import ASGIApp, ExceptionHandlersMap, Receive, Scope, Send
from litestar.utils.scope.state import ScopeState

from service.db.reads import Reader
from service.domain.errors import InvalidInputError
from service.web.caching import CACHE_CONTROL, entity_tag, none_match
from service.web.http import decode_cursor
from service.web.limits import COUNTED, FixedWindow, client_ip_key, rate_headers, with_headers
from service.web.params import DEFAULT_LIMIT, MAX_ID, MAX_LIMIT, MAX_SLUG
from service.web.response_cache import CacheKey, ResponseCache, request_key, send_kept

PLAIN: Final = re.compile(r"[A-Za-z0-9_-]{1,200}")
"""What a thin route reads as a key or a query value: anything else takes the general path."""
_JSON: Final = (b"content-type", b"application/json")

Arguments = Any
"""What a route's `parse` makes of a request and its `read` takes."""
Query = dict[str, str]


@dataclass(frozen=True)
class ThinRoute:
    """One hot read: the general route it stands for, what it parses, how it reads.

    `path` is the exact path of a list, or, ending in `/`, the prefix of an item whose key is
    the rest of the path. `parse(key, query)` gives the read's arguments, or None to leave the
    request to the general path (`key` is "" for a list; `query` holds only keys in `keys`,
    each once, with `PLAIN` values). `read(reader, arguments)` gives the body, or None to
    leave the request to the general path.
    """

    operation_id: str
    path: str
    keys: frozenset[str]
    parse: Callable[[str, Query], Arguments | None]
    read: Callable[[Reader, Arguments], Awaitable[bytes | None]]


class _Bound:
    """A thin route with what the app says of its general route: template and error handlers."""

    __slots__ = ("handlers", "route", "template")

    def __init__(self, route: ThinRoute, template: str, handlers: ExceptionHandlersMap) -> None:
        self.route = route
        self.template = template
        self.handlers = handlers


def query_of(query: bytes, keys: frozenset[str]) -> Query | None:
    """The pairs of a query string; None unless each key is one of `keys`, given once, plain."""
    found: Query = {}
    if not query:
        return found
    for pair in query.decode("latin-1").split("&"):
        key, _, value = pair.partition("=")
        if key not in keys or key in found or PLAIN.fullmatch(value) is None:
            return None
        found[key] = value
    return found


def positive_id(text: str, largest: int) -> int | None:
    """An id written as plain digits without a leading zero, from 1 to `largest`; else None."""
    if not text.isdigit() or text[0] == "0" or len(text) > len(str(largest)):
        return None
    number = int(text)
    return number if number <= largest else None


def page_size(query: Query, default: int, largest: int) -> int | None:
    """The `limit` of a query (`default` when absent) if plain digits from 1 to `largest`."""
    text = query.get("limit")
    return default if text is None else positive_id(text, largest)


class PageQuery(NamedTuple):
    """A list's query as its thin route reads it: filters, position and page size."""

    filters: dict[str, str]
    after: int | None
    limit: int


def page_keys(choices: Mapping[str, frozenset[str] | None]) -> frozenset[str]:
    """The query keys of a list filtered by `choices`: those, `limit` and `cursor`."""
    return frozenset({*choices, "limit", "cursor"})


def page_query(query: Query, choices: Mapping[str, frozenset[str] | None]) -> PageQuery | None:
    """The filters, id cursor and page size of a list's query, if taken as they are.

    None unless each filter is one of its `choices` (a slug of at most `MAX_SLUG` characters
    when None), the cursor one a page handed out, the page size from 1 to `MAX_LIMIT`.
    """
    limit = page_size(query, DEFAULT_LIMIT, MAX_LIMIT)
    if limit is None:
        return None
    filters: dict[str, str] = {}
    for name, value in query.items():
        if name in ("limit", "cursor"):
            continue
        allowed = choices[name]
        if len(value) > MAX_SLUG if allowed is None else value not in allowed:
            return None
        filters[name] = value
    cursor = query.get("cursor")
    try:
        after = None if cursor is None else decode_cursor(cursor, int)
    except InvalidInputError:
        return None
    return PageQuery(filters, after, limit)


def id_and_page_routes(
    operations: tuple[str, str],
    path: str,
    *,
    item: Callable[[Reader, int], Awaitable[bytes | None]],
    page: Callable[[Reader, PageQuery], Awaitable[bytes | None]],
    choices: Mapping[str, frozenset[str] | None],
) -> tuple[ThinRoute, ThinRoute]:
    """The routes of a resource read by id at `path`/{id} and listed at `path`.

    `operations` are the general routes' operation ids (get, list); `item` gives b"" or None
    for a read the general path answers.
    """

    async def read_item(reader: Reader, key: int) -> bytes | None:
        return await item(reader, key) or None

    def item_key(key: str, query: Query) -> int | None:  # noqa: ARG001 - no query
        return positive_id(key, MAX_ID)

    def page_of(key: str, query: Query) -> PageQuery | None:  # noqa: ARG001 - no key
        return page_query(query, choices)

    get, listing = operations
    return (
        ThinRoute(get, f"{path}/", frozenset(), item_key, read_item),
        ThinRoute(listing, path, page_keys(choices), page_of, page),
    )


class ThinReads:
    """ASGI layer answering the GETs of its routes, handing everything else to `app`."""

    def __init__(
        self,
        app: ASGIApp,
        routes: dict[str, _Bound],
        items: list[tuple[str, _Bound]],
        *,
        window: FixedWindow | None,
        cache: ResponseCache | None,
    ) -> None:
        """Serve `routes` (exact paths) and `items` (path prefixes) in front of `app`."""
        self.app = app
        self.routes = routes
        self.items = items
        self.window = window
        self.cache = cache
        self.errors = ExceptionHandlerMiddleware(app, debug=None)

    def _match(self, scope: Scope) -> tuple[_Bound, Arguments] | None:
        path: str = scope["path"]
        bound = self.routes.get(path)
        key = ""
        if bound is None:
            for prefix, candidate in self.items:
                if path.startswith(prefix):
                    key = path[len(prefix) :]
                    if PLAIN.fullmatch(key) is None:
                        return None
                    bound = candidate
                    break
            else:
                return None
        query = query_of(scope["query_string"], bound.route.keys)
        if query is None:
            return None
        arguments = bound.route.parse(key, query)
        return None if arguments is None else (bound, arguments)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer a GET of a thin route, or hand the request on."""
        if scope["type"] != ScopeType.HTTP or scope["method"] != "GET" or scope.get("root_path"):
            await self.app(scope, receive, send)
            return
        matched = self._match(scope)
        if matched is None or not _host_valid(scope["headers"]):
            await self.app(scope, receive, send)
            return
        bound, arguments = matched
        counted: tuple[int, int] | None = None
        limit: list[tuple[bytes, bytes]] = []
        if self.window is not None:
            counted = self.window.hit(client_ip_key(scope))
            if counted[0] < 0:  # the general path answers the 429
                await self._hand_on(scope, receive, send, counted)
                return
            limit = rate_headers(self.window, *counted)
        scope["path_template"] = bound.template
        await self._answer(scope, receive, send, bound, _Count(arguments, counted, limit))

    def _keeping(self, scope: Scope) -> tuple[CacheKey, str | None, int] | None:
        """The cache key, `If-None-Match` and version of a request the cache serves, if any."""
        if self.cache is None or (request := request_key(scope)) is None:
            return None
        token = self.cache.token()
        return None if token is None else (*request, token)

    async def _answer(
        self, scope: Scope, receive: Receive, send: Send, bound: _Bound, count: _Count
    ) -> None:
        """Answer from the cache, or read, tag and keep the answer."""
        keeping = self._keeping(scope)
        if self.cache is not None and keeping is not None:
            answer = self.cache.get(keeping[0])
            if answer is not None:
                await send_kept(answer, keeping[1], _appending(send, count.headers))
                return
        try:
            body = await bound.route.read(scope["app"].state.reader, count.arguments)
        except Exception as error:  # noqa: BLE001 - answered as the general path answers it
            await self._error(scope, receive, with_headers(send, count.headers), bound, error)
            return
        if body is None:
            await self._hand_on(scope, receive, send, count.counted)
            return
        etag = entity_tag(body)
        tagged = (b"etag", etag.encode()), (b"cache-control", CACHE_CONTROL.encode())
        if none_match(_if_none_match(scope["headers"]), etag):
            await _send(send, 304, [*tagged, *count.headers], b"")
            return
        headers = (_JSON, (b"content-length", str(len(body)).encode()), *tagged)
        if self.cache is not None and keeping is not None:
            self.cache.put(keeping[0], keeping[2], headers, body)
        await _send(send, 200, [*headers, *count.headers], body)

    async def _hand_on(
        self, scope: Scope, receive: Receive, send: Send, counted: tuple[int, int] | None
    ) -> None:
        """Let the general path answer a request this layer has counted (if it counts)."""
        if counted is not None:
            cast("dict[str, Any]", scope)[COUNTED] = counted
        await self.app(scope, receive, send)

    async def _error(
        self, scope: Scope, receive: Receive, send: Send, bound: _Bound, error: Exception
    ) -> None:
        """Answer `error` with the general route's exception handlers, as its layers would."""
        app: Litestar = scope["litestar_app"]
        for hook in app.after_exception:
            await hook(error, scope)
        ScopeState.from_scope(scope).exception_handlers = bound.handlers
        await self.errors.handle_request_exception(
            litestar_app=app, scope=scope, receive=receive, send=send, exc=error
        )


class _Count:
    """A request's arguments, and its count by the rate limit with the headers announcing it."""

    __slots__ = ("arguments", "counted", "headers")

    def __init__(
        self,
        arguments: Arguments,
        counted: tuple[int, int] | None,
        headers: list[tuple[bytes, bytes]],
    ) -> None:
        self.arguments = arguments
        self.counted = counted
        self.headers = headers


async def _send(send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
    """Send a whole answer."""
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body, "more_body": False})


def _appending(send: Send, headers: list[tuple[bytes, bytes]]) -> Send:
    """`send`, appending `headers` to the answer's start."""
    if not headers:
        return send

    async def sending(message: Any) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = [*message["headers"], *headers]
        await send(message)

    return sending


def _host_valid(headers: Iterable[tuple[bytes, bytes]]) -> bool:
    """Whether the `Host` header is absent or valid (the router refuses an invalid one)."""
    host = next((value for name, value in headers if name == b"host"), None)
    return host is None or is_valid_host(host)


def _if_none_match(headers: Iterable[tuple[bytes, bytes]]) -> str | None:
    """The `If-None-Match` header as `service.web.caching` reads it (the last one, if any)."""
    value = dict(headers).get(b"if-none-match", b"").decode("latin-1")
    return value or None


def serve_thin_reads(
    app: Litestar,
    routes: Iterable[ThinRoute],
    *,
    window: FixedWindow | None,
    cache: ResponseCache | None,
) -> None:
    """Put `ThinReads` of `routes` in front of `app`'s handler (inside the request observer).

    Each route must stand for a GET operation of `app` (its `operation_id`).
    """
    general = _general_routes(app)
    exact: dict[str, _Bound] = {}
    items: list[tuple[str, _Bound]] = []
    for route in routes:
        template, handlers = general[route.operation_id]
        bound = _Bound(route, template, handlers)
        if route.path.endswith("/"):
            items.append((route.path, bound))
        else:
            exact[route.path] = bound
    app.asgi_handler = ThinReads(app.asgi_handler, exact, items, window=window, cache=cache)


def _general_routes(app: Litestar) -> dict[str, tuple[str, ExceptionHandlersMap]]:
    """Per GET operation id: its route's path template and its handler's exception handlers."""
    found = {}
    for route in app.routes:
        if not isinstance(route, HTTPRoute):
            continue
        for handler in route.route_handlers:
            if "GET" in handler.http_methods and isinstance(handler.operation_id, str):
                found[handler.operation_id] = (
                    route.path_format,
                    handler.resolve_exception_handlers(),
                )
    return found
