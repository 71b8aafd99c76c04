"""Helpers that turn word lists into regular-expression alternations."""

import re
from collections.abc import Iterable, Mapping
from typing import TypeVar

SPACE = r"[ \t\u00a0\u202f]"
APOSTROPHES = "'’"

V = TypeVar("V")


def _fragment(form: str) -> str:
    """Regex of one literal form: spaces match any space, apostrophes any apostrophe."""
    parts: list[str] = []
    for char in form:
        if char == " ":
            parts.append(SPACE + "+")
        elif char in APOSTROPHES:
            parts.append("['’]")
        elif char == "-":
            parts.append(r"[-\u2010\u2011]?")
        else:
            parts.append(re.escape(char))
    return "".join(parts)


def alternation(forms: Iterable[str]) -> str:
    """Non-capturing alternation of literal forms, longest first so none is shadowed."""
    unique = sorted(set(forms), key=lambda form: (-len(form), form))
    return "(?:" + "|".join(_fragment(form) for form in unique) + ")"


def fold(form: str) -> str:
    """Key used to look a matched form up in a lexicon (case, spaces, apostrophes)."""
    folded = re.sub(r"[\s\u00a0\u202f]+", " ", form.strip().lower())
    folded = folded.replace("’", "'")
    return folded.replace("\u2010", "-").replace("\u2011", "-")


def folded_lookup(table: Mapping[str, V]) -> dict[str, V]:
    """The same table keyed by folded forms; forms differing only by a hyphen share a key."""
    return {fold(form).replace("-", ""): value for form, value in table.items()}


def lookup_key(matched: str) -> str:
    """Key of a matched form in a table built by ``folded_lookup``."""
    return fold(matched).replace("-", "")
