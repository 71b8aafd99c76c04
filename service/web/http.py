"""HTTP plumbing shared by every controller: JSON encoding, pages and cursors."""

from __future__ import annotations

import base64
import binascii
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


def decode_cursor(cursor: str, key_type: type[T]) -> T:
    """The keyset position a cursor stands for; a malformed cursor is invalid input."""
    padded = cursor + "=" * (-len(cursor) % 4)
    try:
        raw = base64.urlsafe_b64decode(padded.encode("ascii"))
        return msgspec.json.decode(raw, type=key_type)
    except (binascii.Error, UnicodeEncodeError, ValueError, msgspec.DecodeError) as error:
        raise InvalidInputError("cursor is malformed: pass back a next_cursor unchanged") from error


def next_cursor(rows: list[Any], limit: int, key: str) -> str | None:
    """Cursor after the last of `rows` when a further row exists (rows holds limit + 1)."""
    if len(rows) <= limit:
        return None
    value: str | int = getattr(rows[limit - 1], key)
    return encode_cursor(value)
