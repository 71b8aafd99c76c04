"""Company names found in text: case- and accent-insensitive, whole words, longest first."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from importlib import resources

import msgspec

from service.ingest.frequency import is_common
from service.ingest.types import NewCompany
from service.reference.schema import ReferenceData

AliasRow = tuple[str, str, str | None]
"""One company alias: (alias, company slug, language or None for every language)."""

_POSSESSIVE = r"(?:'s|'|s)?"
_NAME_END = r"(?![\w'])"
"""A name ends a word; "dell'OpenAI" is an elided article, not the name "Dell"."""


class CompanyMention(msgspec.Struct, frozen=True):
    """A company named at ``text[start:end]``."""

    company: str
    start: int
    end: int


@cache
def _fold_char(char: str) -> str:
    plain = unicodedata.normalize("NFD", char.replace("’", "'").replace("‘", "'"))
    return "".join(piece for piece in plain.casefold() if not unicodedata.combining(piece))


def fold(text: str) -> tuple[str, list[int]]:
    """Lower-cased, accent-free ``text`` and, per folded character, its offset in ``text``."""
    pieces = [_fold_char(char) for char in text]
    folded = "".join(pieces)
    if len(folded) == len(text):
        return folded, list(range(len(text)))
    origins = [index for index, piece in enumerate(pieces) for _ in piece]
    return folded, origins


def slugify(name: str) -> str:
    """Lower-case ASCII words joined by hyphens: "Mistral AI" -> "mistral-ai"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_name.lower()))


class Gazetteer:
    """Finds mentions of known companies, from rows of the ``company_aliases`` table."""

    def __init__(self, rows: Iterable[AliasRow], names: dict[str, str] | None = None) -> None:
        """Index ``rows``; ``names`` gives display names (default: each company's first alias)."""
        self._rows: list[AliasRow] = []
        self._names: dict[str, str] = dict(names or {})
        self._patterns: dict[str | None, re.Pattern[str] | None] = {}
        self._by_alias: dict[str | None, dict[str, str]] = {}
        self._add(rows)

    @classmethod
    def from_reference_data(cls) -> Gazetteer:
        """The companies and aliases of the bundled reference data."""
        raw = resources.files("service.reference").joinpath("reference_data.json").read_bytes()
        data = msgspec.json.decode(raw, type=ReferenceData)
        rows = [
            (alias.alias, company.slug, alias.language)
            for company in data.companies
            for alias in company.aliases
        ]
        return cls(rows, {company.slug: company.name for company in data.companies})

    def extend(self, companies: Iterable[NewCompany]) -> None:
        """Add new companies with their names and aliases."""
        rows: list[AliasRow] = []
        for company in companies:
            self._names.setdefault(company.slug, company.name)
            rows.extend((alias, company.slug, None) for alias in [company.name, *company.aliases])
        if rows:
            self._add(rows)

    def copy(self) -> Gazetteer:
        """An independent gazetteer with the same aliases.

        Until aliases are added to one of them, both share the alias tables and compiled
        patterns (adding replaces them, never changes them): compiling the pattern of
        thousands of aliases again for each article cost more than the rest of its extraction.
        """
        twin = Gazetteer((), self._names)
        twin._rows = list(self._rows)
        twin._patterns = self._patterns
        twin._by_alias = self._by_alias
        return twin

    def knows(self, slug: str) -> bool:
        """Whether ``slug`` is a known company."""
        return slug in self._names

    def name_of(self, slug: str) -> str:
        """The display name of a company."""
        return self._names.get(slug, slug)

    def find(
        self, text: str, language: str | None = None, start: int = 0, end: int | None = None
    ) -> list[CompanyMention]:
        """Companies named in ``text[start:end]``, with offsets in ``text``, in order.

        An alias that is also an ordinary word ("Arm", "Orange") counts only capitalised.
        """
        span_end = len(text) if end is None else end
        pattern = self._pattern(language)
        if pattern is None:
            return []
        folded, origins = fold(text[start:span_end])
        aliases = self._aliases(language)
        mentions = []
        for match in pattern.finditer(folded):
            alias = re.sub(r"\s+", " ", match.group(1))
            first = start + origins[match.start(1)]
            last = start + origins[match.end(1) - 1] + 1
            if not text[first].isupper() and is_common(alias, language or "en"):
                continue
            mentions.append(CompanyMention(company=aliases[alias], start=first, end=last))
        return mentions

    def _add(self, rows: Iterable[AliasRow]) -> None:
        for alias, slug, language in rows:
            if alias.strip():
                self._rows.append((alias, slug, language))
                self._names.setdefault(slug, alias)
        self._patterns = {}
        self._by_alias = {}

    def _aliases(self, language: str | None) -> dict[str, str]:
        if language not in self._by_alias:
            table: dict[str, str] = {}
            for alias, slug, alias_language in self._rows:
                if alias_language is None or language is None or alias_language == language:
                    key = re.sub(r"\s+", " ", fold(alias)[0].strip())
                    table.setdefault(key, slug)
            self._by_alias[language] = table
        return self._by_alias[language]

    def _pattern(self, language: str | None) -> re.Pattern[str] | None:
        if language not in self._patterns:
            keys = sorted(self._aliases(language), key=lambda key: (-len(key), key))
            alternatives = "|".join(re.escape(key).replace(r"\ ", r"\s+") for key in keys)
            self._patterns[language] = (
                re.compile(rf"(?<![\w])({alternatives}){_POSSESSIVE}{_NAME_END}") if keys else None
            )
        return self._patterns[language]
