"""The cache's store: its byte budget, its LRU order, and versions that refuse late answers."""

from __future__ import annotations

import tracemalloc

from hypothesis import given
from hypothesis import strategies as st

from service.web.response_cache import (
    LARGEST_SHARE,
    CachedAnswer,
    ResponseCache,
    normalised_query,
)

HEADERS = ((b"content-type", b"application/json"), (b"content-length", b"2"))


def _live(budget: int) -> ResponseCache:
    cache = ResponseCache(budget)
    cache.came_up()
    return cache


def _key(number: int) -> tuple[str, bytes, bytes]:
    return (f"/v1/companies/c{number}", b"", b"")


@given(
    budget=st.integers(min_value=0, max_value=200_000),
    sizes=st.lists(st.integers(min_value=0, max_value=60_000), max_size=60),
)
def test_the_bytes_kept_never_exceed_the_budget(budget: int, sizes: list[int]) -> None:
    cache = _live(budget)
    for number, size in enumerate(sizes):
        kept = cache.put(_key(number % 17), cache.version, HEADERS, b"x" * size)
        assert cache.used <= cache.budget
        expected_size = CachedAnswer(_key(number % 17), HEADERS, b"x" * size).size
        assert kept == (expected_size <= budget // LARGEST_SHARE)
    assert cache.used == sum(
        CachedAnswer(key, HEADERS, answer.body).size for key, answer in cache._answers.items()
    )


def test_the_least_recently_used_answer_goes_first() -> None:
    one_answer = CachedAnswer(_key(0), HEADERS, b"y" * 100).size
    cache = _live(one_answer * 3 + 1)
    cache.largest = one_answer
    for number in range(3):
        cache.put(_key(number), cache.version, HEADERS, b"y" * 100)
    assert cache.get(_key(0)) is not None  # now the most recent

    cache.put(_key(3), cache.version, HEADERS, b"y" * 100)

    assert cache.get(_key(1)) is None
    assert all(cache.get(_key(number)) is not None for number in (0, 2, 3))


def test_an_answer_read_before_a_change_is_not_kept_after_it() -> None:
    cache = _live(1 << 20)
    token = cache.token()
    assert token is not None

    cache.invalidate()  # a write committed while the answer was being read

    assert not cache.put(_key(1), token, HEADERS, b"{}")
    assert cache.get(_key(1)) is None


def test_a_cache_not_listening_neither_serves_nor_keeps() -> None:
    cache = _live(1 << 20)
    cache.put(_key(1), cache.version, HEADERS, b"{}")
    token = cache.token()
    assert token is not None

    cache.went_down()

    assert cache.token() is None
    assert cache.get(_key(1)) is None
    assert not cache.put(_key(1), token, HEADERS, b"{}")
    cache.came_up()
    assert cache.get(_key(1)) is None
    assert not cache.put(_key(1), token, HEADERS, b"{}")  # read before the gap


def test_a_cache_starts_off_until_its_listener_is_up() -> None:
    assert ResponseCache(1 << 20).token() is None


@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "b", "limit", "q"]), st.text("xyz0", max_size=3)),
        max_size=6,
    )
)
def test_query_order_between_names_does_not_matter_but_order_within_a_name_does(
    pairs: list[tuple[str, str]],
) -> None:
    query = "&".join(f"{name}={value}" for name, value in pairs).encode()
    by_name = sorted(pairs, key=lambda pair: pair[0])
    reordered = "&".join(f"{name}={value}" for name, value in by_name).encode()

    assert normalised_query(query) == normalised_query(reordered)
    for name in {name for name, _ in pairs}:
        values = [value for key, value in pairs if key == name]
        kept = [p.split(b"=")[1].decode() for p in normalised_query(query).split(b"&") if p]
        named = [
            p.split(b"=")[1].decode()
            for p in normalised_query(query).split(b"&")
            if p.split(b"=")[0] == name.encode()
        ]
        assert named == values
        assert len(kept) == len(pairs)


def test_the_memory_a_full_cache_takes_stays_within_its_budget() -> None:
    budget = 2 * 1024 * 1024
    cache = _live(budget)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for number in range(6_000):
            body = b"{" + b"a" * (number * 37 % 3_000) + b"}"
            headers = (
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"etag", f'"{number:032x}"'.encode()),
                (b"cache-control", b"no-cache"),
            )
            cache.put((f"/v1/figures/{number}", b"", b"*/*"), cache.version, headers, body)
        taken = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()

    assert cache.used <= budget
    assert len(cache) > 500
    assert taken <= budget
