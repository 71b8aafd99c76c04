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

from service.ingest.lexicon import cues_for

_MAX_PERSON_WORDS = 3


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
    before = re.compile(
        rf"(?<![\w])(?:[\w.]+-)?{compound}(?i:{roles})(?:\s+{link}\s*[\w.&'-]+(?:\s+[A-Z][\w.&'-]*)?)?"
        r"[\s,:]*$"
    )
    after = re.compile(
        r"^\s*(?:,|\(|\s-)\s*(?i:(?:the|its|le|la|l'|son|sa|il|lo|la|suo|sua|el|su|der|die|"
        rf"sein|seine|ihr|ihre)\s*)?(?:[\w-]+\s+)?(?i:{roles})(?![\w])"
    )
    return before, after


def in_person_context(before: str, after: str, language: str) -> bool:
    """Whether the text ``before`` a name ends with, or ``after`` it opens with, a role."""
    before_role, after_role = _role_patterns(language)
    return bool(before_role.search(before[-60:]) or after_role.search(after[:60]))


def is_person(name: str, before: str, after: str, language: str) -> bool:
    """Whether ``name``, between ``before`` and ``after``, names a person.

    A role may be written into the name's span: "Technologie-Milliardär Elon Musk".
    """
    words = name.split()
    for size in range(2, _MAX_PERSON_WORDS + 1):
        head, tail = " ".join(words[:-size]), words[-size:]
        role = bool(head) and in_person_context(f"{before} {head} ", "", language)
        if looks_like_person(" ".join(tail)) and (role or not head):
            return True
        if role and all(_SURNAME.fullmatch(word) for word in tail):
            return True
    return len(words) <= _MAX_PERSON_WORDS and in_person_context(before, after, language)
