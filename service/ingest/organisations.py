"""Organisations the gazetteer does not know, recognised by how the text names them.

The cues: a legal suffix ("X GmbH"), an organisation noun beside the name ("la start-up
X", "X, a software company"), a takeover cue ("rachète X"), a corporate verb after the
name ("X raised") or the title's subject. Leading ordinary words are dropped ("In July
X raised") and, but for a legal suffix, a name of ordinary words only is none (German
capitalises every noun): the word frequency lists tell which words are ordinary, and
where German expects a noun (after an article: "im vergangenen Quartal") a rarer word or
a compound of ordinary ones is one too. A word the text also writes in lower case is no
name, nor is a person ("Elon Musk", "le PDG de X, <name>", and the surname alone after).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from service.ingest.frequency import NOUN_ZIPF, is_common, is_common_compound
from service.ingest.gazetteer import Gazetteer, slugify
from service.ingest.lexicon import NAME_PATTERN, LanguageCues, cues_for, prepared, shared
from service.ingest.persons import is_person, looks_like_person, surnames_named
from service.ingest.types import NewCompany
from service.normalize.currencies import CODES, WORDS

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
    surnames = surnames_named(f"{title}\n{prepared(text)}", language)
    lowercase = _lowercase_words(f"{title}\n{text}", language)
    for candidate in _candidates(prepared(text), prepared(title), cues, language):
        written, suffix, strong, before, after = candidate
        noun = not strong and _noun_context(before, language)
        name = _name(written, cues, language, strong=strong, noun_context=noun)
        if name is None or not _acceptable(name, written, gazetteer, language):
            continue
        if not strong and (name in surnames or _person(name, written, before, after, language)):
            continue  # "Elon Musk", "le PDG de X, Satya Nadella": a person, never a company
        if not strong and name.casefold() in lowercase:
            continue  # "Shareholders raised...": the text writes the word in lower case too
        if not strong and _said_of_known(name, after, gazetteer, language):
            continue  # "Rekordquartal: Nvidia steigert...", "Milliardenumsatz für Nvidia"
        _add(found, name, f"{name}{suffix}" if suffix else None)
    return sorted(found.values(), key=lambda company: company.slug)


_LOWERCASE_WORD = re.compile(r"(?<![\w@/.-])[a-zà-öø-ÿ][\w-]{3,}(?![\w@-]|\.\w)")
"""A word in lower case, not part of an address ("corvana.ai", "@corvana")."""


def _lowercase_words(text: str, language: str) -> frozenset[str]:
    """The words ``text`` writes in lower case (none in German, which capitalises nouns)."""
    if language == "de":
        return frozenset()
    return frozenset(_LOWERCASE_WORD.findall(text))


_SAID_OF = re.compile(r"\s*(?::|–|-|(?i:für|bei|von|vom|mit|im|am|an|auf|in)\s)")
"""What joins a headline's topic word to the company it is about: "Rekordquartal: X"."""


def _said_of_known(name: str, after: str, gazetteer: Gazetteer, language: str) -> bool:
    """Whether ``name`` is a German compound of ordinary words said of a known company next.

    Such a word is the news about the company ("Milliardenumsatz für Nvidia"), not a name;
    a fantasy compound ("Nordwerk") followed by a verb stays a name.
    """
    if " " in name or not is_common_compound(name, language, NOUN_ZIPF):
        return False
    joint = _SAID_OF.match(after)
    return joint is not None and bool(gazetteer.find(after[joint.end() : joint.end() + 40]))


def _person(name: str, written: str, before: str, after: str, language: str) -> bool:
    """Whether ``name``, cut from ``written``, is a person's.

    The words cut before it may be a role ("Founder Tarek Olund") or a given name too
    common to be kept ("Julia Brandner").
    """
    lead = written[: max(written.find(name), 0)]
    given = lead.split()[-1:]
    if given and looks_like_person(f"{given[0]} {name}"):
        return True
    return is_person(name, before + lead, after, language)


_Candidate = tuple[str, str, bool, str, str]
"""A name as written, its legal suffix or "", whether the cue vouches for any name, and the
text before and after it."""


def _candidates(text: str, title: str, cues: LanguageCues, language: str) -> Iterator[_Candidate]:
    """Each name a cue points at, with its suffix, strength and surroundings."""
    suffix = re.compile(rf"[ ,]+(?:{shared().org_suffixes})$")
    for match in cues.new_company_suffix.finditer(text):
        written = match.group("name")
        end = match.end("suffix")
        yield written, text[match.end("name") : end], True, "", text[end : end + _REACH]
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
            after = text[match.end("name") : match.end("name") + _REACH]
            if not (_epithet_place(before, cues) or _led_by(before, cues) or _indefinite(before)):
                yield suffix.sub("", match.group("name")), "", False, before, after
    subject = _title_subject(title, cues, language) if title else None
    if subject is not None:
        start = max(title.find(subject), 0)
        after = title[start + len(subject) : start + len(subject) + _REACH]
        yield suffix.sub("", subject), "", False, title[:start], after


_GERMAN_NOUN_CONTEXT = re.compile(
    r"(?<![\w-])(?i:der|die|das|dem|den|des|im|am|vom|zum|zur|beim|ins|ans|eines|einem|einer|"
    r"dies(?:e|er|es|em|en)|jede[rsmn]?|unser\w*|sein\w*|ihr\w*|\d[\d.,]*|zwei|drei|vier|"
    r"fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|hundert|tausend|mehrere|einige|viele|wenige)"
    r"\s+(?:[a-zäöüß][\w-]*\s+){0,2}$"
)
"""In German an article, a possessive or a numeral (and lowercase adjectives) opens a noun
phrase: the capitalised word next is a common noun ("das vergangene Quartal meldete", "fünf
Billionen"), unless it is rare enough to be a name."""


def _noun_context(before: str, language: str) -> bool:
    return language == "de" and _GERMAN_NOUN_CONTEXT.search(before) is not None


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
        if _trimmed(first.group()):
            return None  # an organisation noun opens the title: "Tech-Konzerne werden..."
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


def _name(
    written: str, cues: LanguageCues, language: str, *, strong: bool, noun_context: bool = False
) -> str | None:
    """The organisation's name in a matched span, without what only precedes it.

    In a noun phrase (``noun_context``, or after an article the span opens with: "Im
    Rekordquartal", "Des Quartals Umsatz") a name of less frequent words only is a common
    noun; a rare word in it keeps it a name ("Die Quellwerk Analytik").
    """
    trimmed = _trimmed(written)
    removed = written.split()[: len(written.split()) - len(trimmed.split())]
    if not strong and removed and _noun_context(f"{removed[-1]} ", language):
        noun_context = True
    words = _before_verb(_after_org_noun(trimmed, cues, language), cues).split()
    while not strong and len(words) > 1 and _noun_context(f"{words[0]} ", language):
        words, noun_context = words[1:], True  # "Im Rekordquartal"
    if noun_context and _common_noun(words, language):
        return None
    plain = words
    while words and (is_common(words[0], language) or words[0].isdigit()):
        words = words[1:]
    if not words and strong:
        words = plain
    if not strong and len(words) == 1 < len(plain) and is_common(words[0], "en"):
        return None  # the tail of a borrowed phrase ("Big Tech"), no name
    name = " ".join(words).strip(" .,-")
    return name or None


def _common_noun(words: list[str], language: str) -> bool:
    """Whether ``words``, where a noun phrase is expected, are ordinary words.

    Each fairly frequent ("Quartals Umsatz"), or one compound of such words ("Rekordquartal").
    """
    if len(words) == 1 and is_common_compound(words[0], language, NOUN_ZIPF):
        return True
    return all(is_common(word, language, NOUN_ZIPF) for word in words)


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
    if slug in shared().news_outlets or _currency(name, language):
        return False
    return not gazetteer.find(written, language)


def _currency(name: str, language: str) -> bool:
    """Whether ``name`` is or ends with a currency ("fünf Billionen US-Dollar"): an amount."""
    words = {word.casefold() for word in WORDS.get(language, {})}
    last = name.rsplit(maxsplit=1)[-1]
    return last in CODES or last.casefold() in words or name.casefold() in words


def _add(found: dict[str, NewCompany], name: str, alias: str | None) -> None:
    slug = slugify(name)
    company = found.get(slug)
    aliases = [alias] if alias else []
    if company is None:
        found[slug] = NewCompany(slug=slug, name=name, aliases=aliases)
    else:
        merged = sorted({*company.aliases, *aliases})
        found[slug] = NewCompany(company.slug, company.name, merged)
