"""Sentence splitting that keeps exact offsets into the article text."""

import re
from collections.abc import Iterator

import msgspec

_ABBREVIATION_WORDS = """
m mm mme mlle mr mrs ms dr prof st sr sra srta jr sig sigg dott ing avv hr fr
inc corp co ltd llc plc cie sa spa gmbh ag nv bv
ca approx env vs bzw zb usw vgl nr no abs art
jan feb mar apr jun jul aug sep sept oct nov dec janv févr avr juil déc
gen gov sen rep
"""
_ABBREVIATIONS = frozenset(_ABBREVIATION_WORDS.split())
_SCALES = frozenset(["bn", "mn", "mln", "mld", "mrd", "mrds", "mio", "bio", "tsd", "md", "mds"])
_CURRENCY_WORDS = re.compile(
    r"(?:US-?)?(?:dollars?|euros?|francs?|franken|pfund|pounds?|sterline|yen|yuan|usd|eur|chf|gbp|jpy)\b",
    re.IGNORECASE,
)
_BOUNDARY = re.compile(r"[.!?…]+(?:[ \u00a0\u202f]?[\"»”’')\]])*(?=\s+\S)")
_CLOSERS = " \u00a0\u202f\"»”’')]"
_OPENERS = "\"«“‘'(¿¡—–-"
_CLOSING = '.!?…:;"»”’)'
_LAST_WORD = re.compile(r"([^\W\d_]+)\.?$")
_NEXT_VISIBLE = re.compile(r"\S")
_WORD_REACH = 40
"""Characters before a full stop searched for the word it ends: longer words are no abbreviation."""


class Sentence(msgspec.Struct, frozen=True):
    """A sentence as an exact slice ``text[start:end]`` of the article."""

    start: int
    end: int
    text: str
    paragraph: int
    headline: bool


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` in order; every line break ends a sentence."""
    sentences: list[Sentence] = []
    offset = 0
    paragraph = 0
    for line in text.split("\n"):
        if line.strip():
            headline = not line.rstrip().endswith(tuple(_CLOSING))
            for start, end in _spans_in_line(line):
                sentences.append(
                    Sentence(
                        start=offset + start,
                        end=offset + end,
                        text=line[start:end],
                        paragraph=paragraph,
                        headline=headline,
                    )
                )
            paragraph += 1
        offset += len(line) + 1
    return sentences


def _spans_in_line(line: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in _BOUNDARY.finditer(line):
        if _is_boundary(line, match):
            yield from _trimmed(line, start, match.end())
            start = match.end()
    yield from _trimmed(line, start, len(line))


def _is_boundary(line: str, match: re.Match[str]) -> bool:
    """Whether a stop ends a sentence.

    Only a few characters around the stop are read, so splitting stays linear in the line.
    """
    visible = _NEXT_VISIBLE.search(line, match.end())
    if visible is None:
        return False
    first = visible.group()
    if not (first.isupper() or first.isdigit() or first in _OPENERS):
        return False
    if match.group().startswith(".") and len(match.group().rstrip(_CLOSERS)) == 1:
        following = line[visible.start() : visible.start() + _WORD_REACH]
        before = line[max(0, match.start() - _WORD_REACH) : match.start()]
        return not _ends_with_abbreviation(before, following)
    return True


def _ends_with_abbreviation(before: str, following: str) -> bool:
    word = _LAST_WORD.search(before)
    if word is None:
        return False
    token = word.group(1)
    if len(token) == 1 and token.isupper():
        return True
    if token.casefold() in _SCALES:
        return _CURRENCY_WORDS.match(following) is not None
    return token.casefold() in _ABBREVIATIONS


def _trimmed(line: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    piece = line[start:end]
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        yield start + lead, start + lead + len(stripped)
