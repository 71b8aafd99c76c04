"""HTTP plumbing shared by every controller: JSON encoding, pages and cursors."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Sequence
from decimal import Decimal
from typing import Annotated, Any, TypeVar

import msgspec
from litestar import Response
from litestar.openapi.spec import OpenAPIType, Schema
from litestar.plugins import OpenAPISchemaPlugin
from litestar.typing import FieldDefinition

from service.domain.errors import InvalidInputError

T = TypeVar("T")

JSON_ENCODER = msgspec.json.Encoder(decimal_format="number")


class JsonResponse(Response[Any]):
    """Response that writes decimals as exact JSON numbers instead of strings."""

    def render(self, content: Any, media_type: str, enc_hook: Any = None) -> bytes:
        """Encode JSON content with the service's encoder; anything else as Litestar does."""
        if media_type.endswith("json") and not isinstance(content, bytes | str):
            return JSON_ENCODER.encode(content)
        return super().render(content, media_type, enc_hook)


class DecimalAsNumberSchema(OpenAPISchemaPlugin):
    """Declares `Decimal` fields as JSON numbers in the OpenAPI document."""

    @staticmethod
    def is_plugin_supported_type(value: Any) -> bool:
        """Whether this plugin describes `value`."""
        return value is Decimal

    def to_openapi_schema(
        self,
        field_definition: FieldDefinition,  # noqa: ARG002
        schema_creator: Any,  # noqa: ARG002
    ) -> Schema:
        """The schema of a decimal: a number."""
        return Schema(type=OpenAPIType.NUMBER)


class Base(msgspec.Struct, kw_only=True):
    """Base of every public schema."""


class InputBase(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Base of every request body: unknown fields are an error."""


NextCursor = Annotated[
    str | None,
    msgspec.Meta(description="Pass as `cursor` to get the next page; null on the last page."),
]
"""The `next_cursor` field every page has."""


def encode_cursor(key: str | int) -> str:
    """Opaque cursor for the keyset position after `key`."""
    raw = msgspec.json.encode(key)
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


MAX_CURSOR_NUMBER = 2**63 - 1
"""Largest number a cursor may hold: a PostgreSQL bigint (ids, ranks)."""
_CURSOR_NUMBER = Annotated[int, msgspec.Meta(ge=0, le=MAX_CURSOR_NUMBER)]


def malformed_cursor() -> InvalidInputError:
    """The error of every cursor that no page handed out."""
    return InvalidInputError("cursor is malformed: pass back a next_cursor unchanged")


def decode_cursor(cursor: str, key_type: type[T]) -> T:
    """The keyset position a cursor stands for; a malformed or out-of-range one is invalid."""
    padded = cursor + "=" * (-len(cursor) % 4)
    decoded_type: Any = _CURSOR_NUMBER if key_type is int else key_type
    try:
        raw = base64.urlsafe_b64decode(padded.encode("ascii"))
        key: T = msgspec.json.decode(raw, type=decoded_type)
    except (binascii.Error, UnicodeEncodeError, ValueError, msgspec.DecodeError) as error:
        raise malformed_cursor() from error
    return key


def cursor_number(text: str) -> int:
    """A non-negative bigint written in a cursor's text, or the malformed-cursor error."""
    if not (text.isascii() and text.isdigit()) or int(text) > MAX_CURSOR_NUMBER:
        raise malformed_cursor()
    return int(text)


def next_cursor(rows: list[Any], limit: int, key: str) -> str | None:
    """Cursor after the last of `rows` when a further row exists (rows holds limit + 1)."""
    if len(rows) <= limit:
        return None
    value: str | int = getattr(rows[limit - 1], key)
    return encode_cursor(value)


def page_body(row: Sequence[Any], *, general_if_empty: bool = False) -> bytes | None:
    """The JSON body of a page from its (documents as UTF-8 bytes, exact, last key, more) row.

    As a `Page` struct of the documents would encode: `data`, then `next_cursor` pointing
    after the last key when a further row exists; None if a document is not exact, or if
    the page is empty and `general_if_empty` (the general path then answers it).
    """
    documents, exact, last, more = row
    if not exact or (documents is None and general_if_empty):
        return None
    cursor = f'"{encode_cursor(last)}"'.encode() if more else b"null"
    return b"".join((b'{"data":[', documents or b"", b'],"next_cursor":', cursor, b"}"))
