"""How common a word is in a language, from the ``wordfreq`` lists (loaded once, offline)."""

from __future__ import annotations

import math
from functools import cache

COMMON_ZIPF = 4.0
"""Words at least this frequent (about once per 100,000 words) are ordinary vocabulary."""

NOUN_ZIPF = 3.0
"""Where only a common noun can stand (a German capitalised word after an article), a word
this frequent (once per million words) is vocabulary: "das vergangene Quartal"."""

_INFLECTIONS = {"de": ("es", "en", "er", "e", "n", "s")}
"""Endings a language adds to a word's base form ("des Quartals", "Nichts Geringeres")."""
_MIN_STEM = 4


@cache
def _frequencies(language: str) -> dict[str, float]:
    # Imported here: wordfreq (with ftfy and regex, about 7 MB) loads only where names are
    # looked up, not in an API worker that imports the gazetteer's module for its types.
    from wordfreq import get_frequency_dict

    return get_frequency_dict(language, wordlist="small")


def zipf(word: str, language: str) -> float:
    """The Zipf frequency of ``word`` (0 when the list does not have it)."""
    frequency = _frequencies(language).get(word.casefold(), 0.0)
    return math.log10(frequency) + 9 if frequency > 0 else 0.0


def lemma_zipf(word: str, language: str) -> float:
    """The Zipf frequency of ``word`` or, if higher, of its base form without an inflection."""
    stems = [
        word[: -len(ending)]
        for ending in _INFLECTIONS.get(language, ())
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM
    ]
    return max(zipf(form, language) for form in (word, *stems))


def is_common(word: str, language: str, threshold: float = COMMON_ZIPF) -> bool:
    """Whether ``word`` (or its base form) is ordinary vocabulary of ``language``."""
    return lemma_zipf(word, language) >= threshold


_LINKS = ("es", "s", "en", "n", "")
"""What joins a German compound's parts ("Jahres|umsatz", "Milliarden|gewinn")."""
_MIN_PART = 4


def is_common_compound(word: str, language: str, threshold: float = COMMON_ZIPF) -> bool:
    """Whether ``word`` is a German compound of ordinary words ("Rekordquartal", "KI-Umsatz").

    Fantasy names are often built the same way ("Nordwerk"), so only a place where a common
    noun is expected (after an article) makes such a word a common noun.
    """
    if language != "de":
        return False
    last = word.rsplit("-", 1)[-1]
    if last != word and is_common(last, language, threshold):
        return True
    for cut in range(_MIN_PART, len(last) - _MIN_PART + 1):
        head = last[cut:]
        if not is_common(head, language, threshold):
            continue
        modifier = last[:cut]
        stems = [
            modifier[: len(modifier) - len(link)] for link in _LINKS if modifier.endswith(link)
        ]
        if any(
            len(stem) >= _MIN_PART - 1 and is_common(stem, language, threshold) for stem in stems
        ):
            return True
    return False
