"""URL normalisation: the same article under two spellings is one source."""

from __future__ import annotations

import pytest

from service.jobs.urls import normalise_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://News.Example:443/a?utm_source=x&b=2&a=1#top", "https://news.example/a?a=1&b=2"),
        ("http://news.example", "http://news.example/"),
        ("http://news.example:8080/a?fbclid=1&UTM_Medium=m", "http://news.example:8080/a"),
        ("http://news.example/a?q=&id=7", "http://news.example/a?id=7&q="),
    ],
)
def test_normalised_urls(url: str, expected: str) -> None:
    assert normalise_url(url) == expected
