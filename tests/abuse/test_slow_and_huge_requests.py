"""Attacks on the request head and body, against a live `aifacts serve` on loopback.

Each used to hold a worker: an 80 MB header was read whole (25 s, /healthz stalled), half-open
connections stayed open for good, and a body that never came kept its request waiting.
"""

from __future__ import annotations

import itertools
import json
import socket
import time
from collections.abc import Iterable

import httpx

from tests.abuse.conftest import BODY_TIMEOUT, HEADER_TIMEOUT
from tests.faults.helpers import Server


def _connect(server: Server) -> socket.socket:
    return socket.create_connection(("127.0.0.1", server.port), timeout=10)


def _answer(connection: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection."""
    received = b""
    while chunk := connection.recv(65536):
        received += chunk
    return received


def _send_until_closed(connection: socket.socket, chunks: Iterable[bytes], pause: float = 0) -> int:
    """Send the chunks until the server closes the connection; how many bytes went out."""
    sent = 0
    try:
        for chunk in chunks:
            connection.sendall(chunk)
            sent += len(chunk)
            time.sleep(pause)
    except OSError:
        pass
    return sent


def _problem(answer: bytes, status: int) -> dict[str, object]:
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(f"HTTP/1.1 {status} ".encode()), head
    assert b"content-type: application/problem+json" in head.lower()
    problem: dict[str, object] = json.loads(body)
    assert problem["status"] == status
    return problem


def test_huge_header_is_refused_with_431_before_it_is_read_whole(server: Server) -> None:
    with _connect(server) as connection:
        connection.sendall(b"GET /v1/companies HTTP/1.1\r\nHost: x\r\nX-Big: ")
        sent = _send_until_closed(connection, itertools.repeat(b"a" * 65536, 800))
        assert sent < 2_000_000
        problem = _problem(_answer(connection), 431)
    assert "request head over" in str(problem["detail"])
    assert server.get("/healthz").status_code == 200


def test_too_many_header_fields_are_refused_with_431(server: Server) -> None:
    headers = "".join(f"X-Field-{n}: {n}\r\n" for n in range(300))
    with _connect(server) as connection:
        connection.sendall(f"GET /healthz HTTP/1.1\r\nHost: x\r\n{headers}\r\n".encode())
        problem = _problem(_answer(connection), 431)
    assert "header fields" in str(problem["detail"])


def test_connection_that_sends_nothing_is_closed_after_the_header_timeout(
    server: Server,
) -> None:
    started = time.monotonic()
    with _connect(server) as connection:
        answer = _answer(connection)
    assert HEADER_TIMEOUT - 0.5 <= time.monotonic() - started <= HEADER_TIMEOUT + 5
    _problem(answer, 408)


def test_head_sent_a_byte_at_a_time_is_cut_off_at_the_header_timeout(server: Server) -> None:
    started = time.monotonic()
    with _connect(server) as connection:
        head = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 100
        sent = _send_until_closed(connection, (bytes([b]) for b in head), pause=0.2)
        assert sent < len(head)
        _problem(_answer(connection), 408)
    assert time.monotonic() - started <= HEADER_TIMEOUT + 5


def test_body_that_stops_coming_closes_the_connection(server: Server) -> None:
    started = time.monotonic()
    with _connect(server) as connection:
        connection.sendall(
            b"POST /v1/normalize HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b'Content-Length: 1000\r\n\r\n{"text": "'
        )
        answer = _answer(connection)
    assert time.monotonic() - started <= BODY_TIMEOUT + 5
    assert not answer.startswith(b"HTTP/1.1 5")
    assert server.get("/healthz").status_code == 200


def test_ordinary_requests_on_one_connection_still_work(server: Server) -> None:
    with httpx.Client(base_url=server.base_url, timeout=10) as client:
        for _ in range(3):
            assert client.get("/healthz").status_code == 200
            response = client.post("/v1/normalize", json={"text": "5 GW", "lang": "en"})
            assert response.status_code == 200, response.text
