"""The article in a web page: main text and metadata, by trafilatura."""

from __future__ import annotations

import re
from datetime import date

import msgspec
import trafilatura
from trafilatura.settings import Document

from service.jobs.fetch import PageUnavailableError
from service.normalize import LANGUAGES

MIN_ARTICLE_CHARS = 40
"""Shortest main text taken for an article; a page with less holds none."""


_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2})\b", re.IGNORECASE)
_HEAD_CHARS = 10_000
_DATES = {"extensive_search": False, "original_date": True}
"""Dates from the page's markup only: a year in the text is no publication date."""


class PageArticle(msgspec.Struct, frozen=True, kw_only=True):
    """The article a page holds; quotes' offsets refer to `text`."""

    text: str
    title: str | None = None
    author: str | None = None
    published_on: date | None = None
    language: str | None = None


def declared_language(html: str) -> str | None:
    """The language the page declares (`<html lang>`), if the pipeline reads it."""
    declared = _HTML_LANG.search(html[:_HEAD_CHARS])
    code = declared.group(1).lower() if declared else None
    return code if code in LANGUAGES else None


def parse_date(value: str | None) -> date | None:
    """A date trafilatura found (`YYYY-MM-DD`), or None."""
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def article_of(html: str, url: str | None) -> PageArticle:
    """The page's article; PageUnavailableError if it holds none."""
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params=_DATES,
    )
    text = (document.text or "").strip() if isinstance(document, Document) else ""
    if not isinstance(document, Document) or len(text) < MIN_ARTICLE_CHARS:
        where = url or "the page"
        raise PageUnavailableError(
            f"no article found in {where}: it holds no main text of at least "
            f"{MIN_ARTICLE_CHARS} characters (a login wall, a list of links or a script-only page?)"
        )
    return PageArticle(
        text=text,
        title=document.title or None,
        author=document.author or None,
        published_on=parse_date(document.date),
        language=declared_language(html),
    )
