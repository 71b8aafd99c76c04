"""Reading feed documents: RSS and Atom items, links made fetchable, anything else refused."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.feeds.parsing import FeedUnreadableError, parse_feed
from tests.feeds.server import atom, rss

BASE = "https://wire.example"


def test_rss_items_give_their_guid_link_title_date_and_the_feed_language() -> None:
    body = rss(BASE, [("wire-7", "/deals/seven?utm_campaign=x", "Seven signs a deal")])

    parsed = parse_feed(body.encode(), f"{BASE}/rss", "application/rss+xml")

    [entry] = parsed.entries
    assert (entry.guid, entry.url, entry.title) == (
        "wire-7",
        f"{BASE}/deals/seven?utm_campaign=x",
        "Seven signs a deal",
    )
    assert entry.published_on == date(2025, 6, 2)
    assert parsed.language == "en"


def test_atom_entries_are_read_and_a_feed_without_language_has_none() -> None:
    body = atom(BASE, [("urn:ledger:9", "/results", "Results")])

    parsed = parse_feed(body.encode(), f"{BASE}/atom")

    assert [(e.guid, e.url, e.published_on) for e in parsed.entries] == [
        ("urn:ledger:9", f"{BASE}/results", date(2025, 6, 3))
    ]
    assert parsed.language is None


def test_links_in_other_scripts_become_fetchable_ascii_and_items_without_one_are_skipped() -> None:
    items = [
        ("a", "https://bücher.example/über uns", "Umlauts"),
        ("b", "mailto:press@wire.example", "A mail address"),
        ("c", "javascript:alert(1)", "A script"),
    ]

    parsed = parse_feed(rss(BASE, items).encode(), f"{BASE}/rss")

    assert [e.url for e in parsed.entries] == ["https://xn--bcher-kva.example/%C3%BCber%20uns"]


def test_an_item_without_guid_is_known_by_its_link() -> None:
    body = rss(BASE, [("", "/no-guid", "No GUID")]).replace('<guid isPermaLink="false"></guid>', "")

    [entry] = parse_feed(body.encode(), f"{BASE}/rss").entries

    assert entry.guid == entry.url == f"{BASE}/no-guid"


@pytest.mark.parametrize(
    "body", [b"<html><body><p>Latest news</p></body></html>", b"", b'{"items": []}']
)
def test_a_document_that_is_no_feed_is_refused_with_advice(body: bytes) -> None:
    with pytest.raises(FeedUnreadableError, match="is not an RSS or Atom feed"):
        parse_feed(body, f"{BASE}/news", "text/html")


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.binary(max_size=400), st.text(max_size=400).map(str.encode)))
def test_any_bytes_give_items_or_the_no_feed_error(body: bytes) -> None:
    try:
        parsed = parse_feed(body, f"{BASE}/any")
    except FeedUnreadableError:
        return
    assert all(entry.url.startswith(("http://", "https://")) for entry in parsed.entries)
    assert all(entry.url.isascii() for entry in parsed.entries)
