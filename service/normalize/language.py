"""Language detection restricted to the five supported languages (lingua)."""

from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

_CODES: dict[Language, str] = {
    Language.ENGLISH: "en",
    Language.FRENCH: "fr",
    Language.ITALIAN: "it",
    Language.GERMAN: "de",
    Language.SPANISH: "es",
}


@cache
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*_CODES).build()


def detect_language(text: str) -> str | None:
    """One of ``LANGUAGES`` for ``text``, or None when it cannot be decided."""
    language = _detector().detect_language_of(text)
    return None if language is None else _CODES[language]
