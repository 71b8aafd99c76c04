"""Organisations the gazetteer does not know, recognised by how the text names them.

The cues: a legal suffix ("X GmbH"), an organisation noun beside the name ("la start-up
X", "X, a software company"), a takeover cue ("rachète X"), a corporate verb after the
name ("X raised") or the title's subject. Leading ordinary words are dropped ("In July
X raised") and, but for a legal suffix, a name of ordinary words only is none (German
capitalises every noun): the word frequency lists tell which words are ordinary.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from service.ingest.frequency import is_common
from service.ingest.gazetteer import Gazetteer, slugify
from service.ingest.lexicon import NAME_PATTERN, LanguageCues, cues_for, prepared, shared
from service.ingest.types import NewCompany

_DETERMINER_WORDS = """
the a an this that le la les l un une ce cette der die das den dem des ein eine einer
il lo gli i una el los las según selon laut secondo after après nach dopo tras
"""
_LEADING_WORDS = frozenset(_DETERMINER_WORDS.split())
_MIN_NAME = 2
_REACH = 80
"""How far before a name its organisation noun and participle may stand."""


def new_companies(
    text: str, language: str, gazetteer: Gazetteer, title: str = ""
) -> list[NewCompany]:
    """Organisations that ``text`` (or its ``title``) names with a cue, unknown to ``gazetteer``."""
    cues = cues_for(language)
    found: dict[str, NewCompany] = {}
    for written, suffix, strong in _candidates(prepared(text), prepared(title), cues, language):
        name = _name(written, cues, language, strong=strong)
        if name is None or not _acceptable(name, written, gazetteer, language):
            continue
        _add(found, name, f"{name}{suffix}" if suffix else None)
    return sorted(found.values(), key=lambda company: company.slug)


def _candidates(
    text: str, title: str, cues: LanguageCues, language: str
) -> Iterator[tuple[str, str, bool]]:
    """Each (name as written, its legal suffix or "", whether the cue vouches for any name)."""
    suffix = re.compile(rf"[ ,]+(?:{shared().org_suffixes})$")
    for match in cues.new_company_suffix.finditer(text):
        yield match.group("name"), text[match.end("name") : match.end("suffix")], True
    organisations = cues.organisations
    named = (
        cues.new_company_before,
        organisations.after_noun,
        organisations.before_noun,
        organisations.after_target_cue,
    )
    for pattern in (*named, organisations.before_verb):
        for match in pattern.finditer(text):
            before = text[max(0, match.start("name") - _REACH) : match.start("name")]
            if not (_epithet_place(before, cues) or _led_by(before, cues) or _indefinite(before)):
                yield suffix.sub("", match.group("name")), "", False
    subject = _title_subject(title, cues, language) if title else None
    if subject is not None:
        yield suffix.sub("", subject), "", False


_INDEFINITE = re.compile(
    r"(?<!\w)(?:ein|eine|einem|einen|einer|eines|an?|une?|uno|una)\s+$", re.IGNORECASE
)
"""An indefinite article: what follows is a common noun ("bei einem Jahresumsatz, den das
Unternehmen..."), capitalised in German, never a company's name."""


def _indefinite(before: str) -> bool:
    return _INDEFINITE.search(before) is not None


def _epithet_place(before: str, cues: LanguageCues) -> bool:
    """Whether a name follows "organisation noun + de/di": "la firme de Redmond" is a place."""
    return cues.organisations.place_after_noun.search(before) is not None


def _led_by(before: str, cues: LanguageCues) -> bool:
    """Whether a name is the agent after an organisation noun: "la firme dirigée par X"."""
    return cues.organisations.agent_after_noun.search(before) is not None


def _title_subject(title: str, cues: LanguageCues, language: str) -> str | None:
    """The name a title opens with ("Corvana raises...", "Der Konzern X steigert...")."""
    names = re.compile(NAME_PATTERN)
    first = names.search(title)
    while first is not None and not _after_org_noun(_trimmed(first.group()), cues, language):
        first = names.search(title, first.end())
    if first is None or not title[first.end() :].strip():
        return None
    words = _before_verb(_after_org_noun(first.group(), cues, language), cues).split()
    if _title_cased(title):
        rare = [index for index, word in enumerate(words) if not is_common(word, language)]
        words = words[: rare[0] + 1] if rare else []
    return " ".join(words) or None


def _title_cased(title: str) -> bool:
    long_words = re.findall(r"[^\W\d_]{4,}", title)
    return bool(long_words) and all(word[0].isupper() for word in long_words)


def _name(written: str, cues: LanguageCues, language: str, *, strong: bool) -> str | None:
    """The organisation's name in a matched span, without what only precedes it."""
    words = _before_verb(_after_org_noun(_trimmed(written), cues, language), cues).split()
    plain = words
    while words and (is_common(words[0], language) or words[0].isdigit()):
        words = words[1:]
    if not words and strong:
        words = plain
    if not strong and len(words) == 1 < len(plain) and is_common(words[0], "en"):
        return None  # the tail of a borrowed phrase ("Big Tech"), no name
    name = " ".join(words).strip(" .,-")
    return name or None


def _after_org_noun(written: str, cues: LanguageCues, language: str) -> str:
    """What follows the last organisation noun: "Schweizer Start-up Lakeside" -> "Lakeside".

    In English a noun that ends the name is part of it ("Zentor Labs", "Halden Group"); in
    German the same shape is an epithet ("der Walldorfer Konzern"), and the other languages
    put the noun first.
    """
    words = written.split()
    last = len(words) - 1 if language == "en" else len(words)
    nouns = [
        index for index, word in enumerate(words[:last]) if cues.organisations.noun.fullmatch(word)
    ]
    return " ".join(words[nouns[-1] + 1 :] if nouns else words)


def _before_verb(written: str, cues: LanguageCues) -> str:
    """What precedes a corporate verb written in Title Case: "Corvana Raises" -> "Corvana"."""
    verb = _verb_word(cues.raw.corporate_verbs)
    words = written.split()
    cut = next((index for index, word in enumerate(words) if verb.fullmatch(word)), len(words))
    return " ".join(words[:cut])


@cache
def _verb_word(verbs: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{verbs})", re.IGNORECASE)


def _trimmed(name: str) -> str:
    words = name.split()
    while words and words[0].casefold().strip("'") in _LEADING_WORDS:
        words = words[1:]
    return " ".join(words).strip(" .,-")


def _acceptable(name: str, written: str, gazetteer: Gazetteer, language: str) -> bool:
    """Long enough, no news outlet, naming no known company (nor containing one: Google Cloud)."""
    slug = slugify(name)
    if len(slug) < _MIN_NAME or not name[0].isalpha() or gazetteer.knows(slug):
        return False
    if slug in shared().news_outlets:
        return False
    return not gazetteer.find(written, language)


def _add(found: dict[str, NewCompany], name: str, alias: str | None) -> None:
    slug = slugify(name)
    company = found.get(slug)
    aliases = [alias] if alias else []
    if company is None:
        found[slug] = NewCompany(slug=slug, name=name, aliases=aliases)
    else:
        merged = sorted({*company.aliases, *aliases})
        found[slug] = NewCompany(company.slug, company.name, merged)
