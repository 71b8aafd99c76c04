"""People named in an article: never companies, whatever cue stands beside their name.

Two signs, either enough: the name opens with a common given name ("Elon Musk", "Satya
Nadella"; ``persons.json`` holds the given names of the five languages' news and of the
industry's founders) and the rest is a surname, not a company word ("Jasper AI", "Harvey
Capital" stay names of firms); or a person's role stands beside it ("le PDG de X, <name>",
"<name>, fundador de", "Nvidia-Chef <name>").
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import msgspec

from service.ingest.lexicon import NAME_PATTERN, cues_for

_MAX_PERSON_WORDS = 3
_CONTEXT = 60
"""How far before or after a name its role may stand."""


class _PersonData(msgspec.Struct, frozen=True):
    given_names: frozenset[str]
    company_words: frozenset[str]
    """Words that end firms' names after a given name ("Jasper AI", "Harvey Capital")."""


@cache
def _data() -> _PersonData:
    raw = resources.files("service.ingest").joinpath("persons.json").read_bytes()
    return msgspec.json.decode(raw, type=_PersonData)


_SURNAME = re.compile(r"(?:[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ']*[-' ]?)*[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+")
"""A surname as written: capitalised words, lower case after the first letter ("McLeod"
aside, acronyms such as "AI" are no surname)."""


def is_given_name(word: str) -> bool:
    """Whether ``word`` is a common given name ("Satya", "Jean-Pierre", "Giorgia")."""
    return word in _data().given_names


def looks_like_person(name: str) -> bool:
    """Whether ``name`` is a given name and one or two surnames ("Sundar Pichai")."""
    words = name.split()
    if not 2 <= len(words) <= _MAX_PERSON_WORDS or not is_given_name(words[0]):
        return False
    rest = words[1:]
    if any(word in _data().company_words for word in rest):
        return False
    return all(_SURNAME.fullmatch(word) for word in rest)


@cache
def _role_patterns(language: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    roles = cues_for(language).person_roles
    link = r"(?:of|at|de|du|des|d'|von|vom|der|bei|di|del|della|dello|dell'|de la|chez)"
    compound = r"\w*" if language == "de" else ""  # "Firmengründer", "Konzernchefin"
    employer = rf"\s+{link}\s*[\w.&'-]+(?:\s+[A-Z][\w.&'-]*)?"  # "de Microsoft", "of Acme Labs"
    before = re.compile(rf"(?<![\w])(?:[\w.]+-)?{compound}(?i:{roles})(?:{employer})?[\s,:]*$")
    after = re.compile(
        r"^\s*(?:,|\(|\s-)\s*(?i:(?:the|its|le|la|l'|son|sa|il|lo|la|suo|sua|el|su|der|die|"
        rf"sein|seine|ihr|ihre)\s*)?(?:[\w-]+\s+)?(?i:{roles})(?![\w])"
    )
    return before, after


def in_person_context(before: str, after: str, language: str) -> bool:
    """Whether the text ``before`` a name ends with, or ``after`` it opens with, a role."""
    before_role, after_role = _role_patterns(language)
    return bool(before_role.search(before[-_CONTEXT:]) or after_role.search(after[:_CONTEXT]))


def is_person(name: str, before: str, after: str, language: str) -> bool:
    """Whether ``name``, between ``before`` and ``after``, names a person.

    A role may be written into the name's span: "Technologie-Milliardär Elon Musk".
    """
    if _person_words(name.split(), before, language):
        return True
    return len(name.split()) <= _MAX_PERSON_WORDS and in_person_context(before, after, language)


def _person_words(words: list[str], before: str, language: str) -> list[str]:
    """The words that name a person at the end of ``words`` (after a role in them), or []."""
    for size in range(2, _MAX_PERSON_WORDS + 1):
        head, tail = " ".join(words[:-size]), words[-size:]
        if len(tail) < size:
            break
        role = bool(head) and in_person_context(f"{before} {head} ", "", language)
        if looks_like_person(" ".join(tail)) and (role or not head):
            return tail
        if role and all(_SURNAME.fullmatch(word) for word in tail):
            return tail
    return []


_NAMES = re.compile(NAME_PATTERN)


def surnames_named(text: str, language: str) -> frozenset[str]:
    """The surnames of the people ``text`` names in full ("Julia Brandner" -> "Brandner").

    Named once in full (with a given name, or beside a role), a person is often named
    again by the surname alone ("Brandner raised..."), no more a company than before.
    """
    found: set[str] = set()
    for match in _NAMES.finditer(text):
        words = match.group().split()
        before = text[max(0, match.start() - _CONTEXT) : match.start()]
        person = _person_words(words, before, language) or next(
            (tail for index in range(len(words)) if (tail := _given_first(words[index:]))), []
        )
        after = text[match.end() : match.end() + _CONTEXT]
        if not person and 2 <= len(words) <= _MAX_PERSON_WORDS:
            surnames = all(_SURNAME.fullmatch(word) for word in words)
            person = words if surnames and in_person_context(before, after, language) else []
        if person:
            found.update((" ".join(person[1:]), person[-1]))
    return frozenset(found)


def _given_first(words: list[str]) -> list[str]:
    """The longest run opening ``words`` that is a given name and surnames, or []."""
    for size in range(min(_MAX_PERSON_WORDS, len(words)), 1, -1):
        if looks_like_person(" ".join(words[:size])):
            return words[:size]
    return []
