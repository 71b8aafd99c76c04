"""Requests whose JSON bodies are bounded in depth before anything reads them."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.exceptions import ClientException, HTTPException, SerializationException
from litestar.serialization import decode_json
from litestar.types import Empty

MAX_JSON_DEPTH = 32
"""Deepest nesting of arrays and objects a request body may have (no operation needs 5)."""
JSON_MEDIA_TYPE = "application/json"
"""The one media type request bodies are read as (`application/*+json` too)."""


def is_json_media_type(content_type: str) -> bool:
    """Whether a `Content-Type` value names JSON: `application/json` or `application/*+json`."""
    essence = content_type.partition(";")[0].strip().lower()
    return essence == JSON_MEDIA_TYPE or (
        essence.startswith("application/") and essence.endswith("+json")
    )


def unsupported_media_type(content_type: str) -> HTTPException:
    """The 415 of a body that is not JSON, naming the type it should be."""
    sent = content_type or "no Content-Type"
    return HTTPException(f"the body must be {JSON_MEDIA_TYPE}, not {sent[:100]}", status_code=415)


def json_depth(value: Any) -> int:
    """How deeply arrays and objects nest in a decoded JSON value (a scalar is 0)."""
    deepest = 0
    pending: list[tuple[Any, int]] = [(value, 0)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            deepest = max(deepest, depth + 1)
            pending.extend((child, depth + 1) for child in item)
    return deepest


def decode_bounded_json(body: bytes) -> Any:
    """The decoded body; ClientException (400) when it nests deeper than MAX_JSON_DEPTH."""
    too_deep = ClientException(f"JSON nests deeper than {MAX_JSON_DEPTH} levels")
    try:
        value = decode_json(body or b"null")
    except RecursionError:
        raise too_deep from None
    except SerializationException as error:
        raise ClientException(str(error)) from None
    # Fewer opening brackets than the limit cannot nest past it: skip the walk.
    if body.count(b"[") + body.count(b"{") > MAX_JSON_DEPTH and json_depth(value) > MAX_JSON_DEPTH:
        raise too_deep
    return value


class BoundedJsonRequest(Request[Any, Any, Any]):
    """A request whose `json()` refuses bodies that are not JSON (415) or nest too deeply (400)."""

    async def json(self) -> Any:
        """The decoded JSON body, decoded once per request."""
        if self._json is Empty:
            content_type = self.headers.get("content-type", "")
            if not is_json_media_type(content_type):
                raise unsupported_media_type(content_type)
            if (cached := self._connection_state.json) is not Empty:
                self._json = cached
            else:
                self._json = self._connection_state.json = decode_bounded_json(await self.body())
        return self._json
