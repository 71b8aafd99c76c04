"""Repairs to the framework's routing."""

from __future__ import annotations

from typing import Any

from litestar import Litestar
from litestar._openapi.plugin import handle_schema_path_not_found
from litestar.enums import ScopeType
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.plugins import ReceiveRoutePlugin
from litestar.routes import BaseRoute, HTTPRoute
from litestar.types import ASGIApp, Message, Receive, Scope, Send


class AllowHeaderRepair(ReceiveRoutePlugin):
    """Make every automatic OPTIONS answer list all the methods of its path in `Allow`.

    Litestar 2 builds a path's automatic OPTIONS handler with the first handler registered on
    the path and keeps it when a controller adds more (litestar-org/litestar#4169, fixed in 3),
    so its `Allow` header misses the methods added later. Each such handler reads the methods
    of the route it closes over: as each route of a path is registered, point it at that
    route, so that it ends on the complete route of its path.
    """

    def receive_route(self, route: BaseRoute) -> None:
        """Point the automatic OPTIONS handler of `route` at `route`."""
        if not isinstance(route, HTTPRoute):
            return
        for handler in route.route_handlers:
            if handler.http_methods != {"OPTIONS"} or handler.include_in_schema:
                continue
            for cell in getattr(handler.fn, "__closure__", None) or ():
                if isinstance(cell.cell_contents, HTTPRoute):
                    cell.cell_contents = route


def schema_path_not_found(path: FromPath[str] = "/") -> None:  # noqa: ARG001
    """Any unknown path under the documentation: a problem+json 404, not an HTML page."""
    raise NotFoundException


class SchemaNotFoundAsProblem(ReceiveRoutePlugin):
    """Answer unknown paths under `/schema` like every other unknown path.

    Litestar 2 registers a catch-all under the OpenAPI path answering an HTML 404 page;
    its function is swapped for one of the same signature raising `NotFoundException`,
    which the exception handlers turn into problem+json.
    """

    def receive_route(self, route: BaseRoute) -> None:
        """Swap the HTML 404 of `route`'s documentation catch-all for a raised 404."""
        if not isinstance(route, HTTPRoute):
            return
        for handler in route.route_handlers:
            if getattr(handler, "_fn", None) is handle_schema_path_not_found:
                handler._fn = schema_path_not_found  # type: ignore[assignment]  # sync, as the original


def ascii_int(text: str) -> int:
    """An integer path segment written in ASCII digits; ValueError (a 404) for anything else.

    `int()` also reads other scripts' digits (`/v1/figures/٣` was figure 3) and underscores.
    """
    digits = text.removeprefix("-")
    if not (digits.isascii() and digits.isdigit()):
        raise ValueError(f"not an ASCII integer: {text!r}")
    return int(text)


class AsciiPathIntegers(ReceiveRoutePlugin):
    """Parse the `{name:int}` segments of every route with `ascii_int`, not `int`."""

    def receive_route(self, route: BaseRoute) -> None:
        """Swap the integer parser of `route`'s path parameters."""
        for name, definition in route.path_parameters.items():
            if definition.parser is int:
                route.path_parameters[name] = definition._replace(parser=ascii_int)


class HeadAsGet:
    """ASGI layer answering HEAD on every GET route: the GET's status and headers, no body.

    The request is routed, limited and cached as its GET (ETag, 304, rate-limit headers
    included); only the body is left out. The `Allow` header of a path with GET lists HEAD.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve a HEAD request as a GET without its body; anything else unchanged."""
        if scope["type"] != ScopeType.HTTP or scope["method"] != "HEAD":
            await self.app(scope, receive, _with_head_allowed(send))
            return
        as_get: Any = {**scope, "method": "GET"}

        async def send_without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        try:
            await self.app(as_get, receive, _with_head_allowed(send_without_body))
        finally:
            if "path_template" in as_get:
                scope["path_template"] = as_get["path_template"]


def _with_head_allowed(send: Send) -> Send:
    """`send`, adding HEAD to every `Allow` header that lists GET."""

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = [_allow_head(name, value) for name, value in message["headers"]]
        await send(message)

    return sending


def _allow_head(name: bytes, value: bytes) -> tuple[bytes, bytes]:
    methods = [method.strip() for method in value.split(b",")]
    if name.lower() != b"allow" or b"GET" not in methods or b"HEAD" in methods:
        return name, value
    return name, b", ".join(sorted({*methods, b"HEAD"}))


def answer_head(app: Litestar) -> None:
    """Put `HeadAsGet` in front of `app`'s router."""
    app.asgi_handler = HeadAsGet(app.asgi_handler)
