"""Search plumbing shared by the list routes that take `q`: the parameter and ranked cursors."""

from __future__ import annotations

from typing import Annotated, Final

from litestar.params import Parameter

from service.web.http import cursor_number, decode_cursor, encode_cursor, malformed_cursor

MAX_QUERY_LENGTH: Final = 200

SearchText = Annotated[
    str | None,
    Parameter(
        description="Search words (1 to 200 characters, not only spaces); results come best "
        "match first.",
        min_length=1,
        max_length=MAX_QUERY_LENGTH,
        # ASCII whitespace only: the same class in Python and in the ECMA-262 regex of the schema.
        pattern=r"[^ \t\n\r\f\v]",
    ),
]


def encode_ranked_cursor(rank: int, key: str | int) -> str:
    """Opaque cursor for the position after the result of match rank `rank` and key `key`."""
    return encode_cursor(f"{rank}:{key}")


def decode_ranked_cursor(cursor: str) -> tuple[int, str]:
    """The (match rank, key) a ranked cursor stands for; anything else is invalid input."""
    rank, sep, key = decode_cursor(cursor, str).partition(":")
    if not (sep and key):
        raise malformed_cursor()
    return cursor_number(rank), key
