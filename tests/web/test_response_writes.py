"""A response's head goes out with its body in one write, never after it or lost."""

from __future__ import annotations

import asyncio
from typing import Any, cast

from service.web.server import HeadWithBody


class RecordingTransport:
    """Keeps what is written and whether the connection was closed."""

    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.closed = False

    def write(self, data: bytes) -> None:
        self.writes.append(data)

    def close(self) -> None:
        self.closed = True

    def is_closing(self) -> bool:
        return self.closed


def _writes() -> tuple[HeadWithBody, RecordingTransport]:
    recording = RecordingTransport()
    transport = cast("asyncio.Transport", cast("Any", recording))
    return HeadWithBody(transport, asyncio.get_running_loop()), recording


async def test_a_head_and_the_body_sent_with_it_are_one_write() -> None:
    writes, recording = _writes()
    writes.write(b"HTTP/1.1 200 OK\r\n\r\n")
    writes.write(b'{"data":[]}')
    await asyncio.sleep(0)
    assert recording.writes == [b'HTTP/1.1 200 OK\r\n\r\n{"data":[]}']


async def test_a_head_whose_body_is_not_ready_goes_out_at_the_next_turn() -> None:
    writes, recording = _writes()
    writes.write(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n")
    assert recording.writes == []
    await asyncio.sleep(0)
    assert recording.writes == [b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n"]
    writes.write(b"5\r\nhello\r\n")
    writes.write(b"0\r\n\r\n")
    assert recording.writes[1:] == [b"5\r\nhello\r\n", b"0\r\n\r\n"]


async def test_closing_writes_a_held_head_first() -> None:
    writes, recording = _writes()
    writes.write(b"HTTP/1.1 204 No Content\r\nconnection: close\r\n\r\n")
    writes.close()
    assert recording.writes == [b"HTTP/1.1 204 No Content\r\nconnection: close\r\n\r\n"]
    assert recording.closed
    assert writes.is_closing()
    await asyncio.sleep(0)
    assert len(recording.writes) == 1
