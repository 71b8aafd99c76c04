"""Language detection restricted to the five supported languages.

Two stages. First a compact detector of our own (`languages.json`: function words, word
endings and letters of each language, written for this project): every word of the text
votes for the languages whose lexicon holds it, and the text is decided when one language
leads clearly: it decided every article of the development sets, and nine sentences in ten,
never wrongly (`benchmarks/LANGUAGE_RESULTS.md`). Only a short or mixed text that it cannot
decide goes to lingua's high-accuracy models of the five languages, loaded on first
need (about 150 MB and a second of loading): a process that never meets such a text, an API
worker serving reads for instance, never loads them. `fallback_needed` tells beforehand
whether a text would load them, so that a server can load them off its event loop and
outside the time budget of the request.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from lingua import Language, LanguageDetector

WORD_WEIGHT: Final = 1.0
"""Score one function word gives, shared among the languages whose lexicon holds it."""
ENDING_WEIGHT: Final = 0.5
"""Score one word ending gives, shared likewise."""
LETTER_WEIGHT: Final = 0.25
"""Score one letter (accented, ``ß``, ``ñ``...) gives, shared likewise."""
MIN_SCORE: Final = 3.0
"""Least score of the leading language for a decision of our own."""
MIN_MARGIN: Final = 2.0
"""Least lead over the runner-up for a decision of our own."""
MIN_RATIO: Final = 2.0
"""Least ratio of the leading score to the runner-up's for a decision of our own."""

_WORD: Final = re.compile(r"[^\W\d_]+'?")
_LONGEST_ENDING: Final = 6


@dataclass(frozen=True)
class _Lexicon:
    """What each word, ending and letter says: the languages it belongs to, with its weight."""

    words: dict[str, tuple[tuple[str, ...], float]]
    endings: dict[str, tuple[tuple[str, ...], float]]
    letters: dict[str, tuple[tuple[str, ...], float]]
    languages: tuple[str, ...]


def _shared(
    entries: Iterable[tuple[str, str]], weight: float
) -> dict[str, tuple[tuple[str, ...], float]]:
    """Each key with the languages that list it, and ``weight`` split among them."""
    owners: dict[str, list[str]] = {}
    for language, key in entries:
        owners.setdefault(key, []).append(language)
    return {key: (tuple(langs), weight / len(langs)) for key, langs in owners.items()}


@cache
def _lexicon() -> _Lexicon:
    raw = json.loads(resources.files("service.normalize").joinpath("languages.json").read_bytes())
    return _Lexicon(
        words=_shared(((lang, w) for lang, t in raw.items() for w in t["words"]), WORD_WEIGHT),
        endings=_shared(
            ((lang, e) for lang, t in raw.items() for e in t["endings"]), ENDING_WEIGHT
        ),
        letters=_shared(
            ((lang, c) for lang, t in raw.items() for c in t["letters"]), LETTER_WEIGHT
        ),
        languages=tuple(raw),
    )


def language_scores(text: str) -> dict[str, float]:
    """How much of ``text`` speaks for each language, by the lexicons of ``languages.json``."""
    lexicon = _lexicon()
    scores = dict.fromkeys(lexicon.languages, 0.0)
    for match in _WORD.finditer(text.lower().replace("\u2019", "'")):
        word = match.group()
        for owners, weight in _votes(word, lexicon):
            for language in owners:
                scores[language] += weight
    return scores


def _votes(word: str, lexicon: _Lexicon) -> Iterable[tuple[tuple[str, ...], float]]:
    """The lexicon entries ``word`` matches: itself, its longest known ending, its letters."""
    if (entry := lexicon.words.get(word)) is not None:
        yield entry
        return
    bare = word.rstrip("'")
    for size in range(min(_LONGEST_ENDING, len(bare) - 2), 1, -1):
        if (entry := lexicon.endings.get(bare[-size:])) is not None:
            yield entry
            break
    for letter in bare:
        if letter > "\x7f" and (entry := lexicon.letters.get(letter)) is not None:
            yield entry


class _Undecided:
    """The compact detector's answer when the text has letters but no clear leader."""


UNDECIDED: Final = _Undecided()


def own_language(text: str) -> str | _Undecided | None:
    """Our detector alone: a language, None for text without letters, or ``UNDECIDED``."""
    if not any(c.isalpha() for c in text):
        return None
    ranked = sorted(language_scores(text).items(), key=lambda item: item[1], reverse=True)
    (best, top), (_, second) = ranked[0], ranked[1]
    if top >= MIN_SCORE and top - second >= MIN_MARGIN and top >= MIN_RATIO * second:
        return best
    return UNDECIDED


def fallback_needed(text: str) -> bool:
    """Whether detecting ``text`` needs lingua's models and they are not loaded yet."""
    return not _fallback.loaded() and own_language(text) is UNDECIDED


def load_fallback() -> None:
    """Load lingua's models of the five languages now (blocking; once per process)."""
    _fallback.detector()


def fallback_loaded() -> bool:
    """Whether this process has loaded lingua's models."""
    return _fallback.loaded()


def detect_language(text: str) -> str | None:
    """One of ``LANGUAGES`` for ``text``, or None when it cannot be decided."""
    own = own_language(text)
    if not isinstance(own, _Undecided):
        return own
    return _fallback.detect(text)


class _Lingua:
    """lingua's detector of the five languages, built on first use by one thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._detector: LanguageDetector | None = None
        self._codes: dict[Language, str] = {}

    def loaded(self) -> bool:
        return self._detector is not None

    def detector(self) -> LanguageDetector:
        with self._lock:
            if self._detector is None:
                from lingua import Language, LanguageDetectorBuilder

                self._codes = {
                    Language.ENGLISH: "en",
                    Language.FRENCH: "fr",
                    Language.ITALIAN: "it",
                    Language.GERMAN: "de",
                    Language.SPANISH: "es",
                }
                detector = LanguageDetectorBuilder.from_languages(*self._codes).build()
                # lingua loads its models at the first detection: load them here, whole
                # (about 155 MB; preloading them at build takes some 20 MB more).
                detector.detect_language_of("Zentor plans two data centres.")
                self._detector = detector
            return self._detector

    def detect(self, text: str) -> str | None:
        language = self.detector().detect_language_of(text)
        return None if language is None else self._codes[language]


_fallback: Final = _Lingua()
