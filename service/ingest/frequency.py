"""How common a word is in a language, from the ``wordfreq`` lists (loaded once, offline)."""

from __future__ import annotations

import math
from functools import cache

COMMON_ZIPF = 4.0
"""Words at least this frequent (about once per 100,000 words) are ordinary vocabulary."""


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


def is_common(word: str, language: str) -> bool:
    """Whether ``word`` is ordinary vocabulary of ``language`` rather than a name."""
    return zipf(word, language) >= COMMON_ZIPF
