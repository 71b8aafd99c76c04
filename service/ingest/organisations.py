"""Organisations the gazetteer does not know, named with a cue ("la startup X", "X GmbH")."""

from __future__ import annotations

import re

from service.ingest.gazetteer import Gazetteer, slugify
from service.ingest.lexicon import cues_for, prepared, shared
from service.ingest.types import NewCompany

_DETERMINER_WORDS = """
the a an this that le la les l un une ce cette der die das den dem des ein eine einer
il lo gli i una el los las según selon laut secondo after après nach dopo tras
"""
_LEADING_WORDS = frozenset(_DETERMINER_WORDS.split())
_MIN_NAME = 2


def new_companies(text: str, language: str, gazetteer: Gazetteer) -> list[NewCompany]:
    """Organisations named in ``text`` with an organisation cue, unknown to ``gazetteer``."""
    cues = cues_for(language)
    words = prepared(text)
    found: dict[str, NewCompany] = {}
    suffix_pattern = re.compile(rf"[ ,]+(?:{shared().org_suffixes})$")
    for pattern in (cues.new_company_suffix, cues.new_company_before):
        for match in pattern.finditer(words):
            written = text[match.start("name") : match.end("name")]
            name = _trimmed(suffix_pattern.sub("", written))
            if not _acceptable(name, gazetteer, language):
                continue
            full = _full_form(text, match, name)
            company = found.get(slugify(name))
            aliases = [alias for alias in {name, full} if alias != name]
            if company is None:
                found[slugify(name)] = NewCompany(slug=slugify(name), name=name, aliases=aliases)
            else:
                merged = sorted({*company.aliases, *aliases})
                found[company.slug] = NewCompany(company.slug, company.name, merged)
    return sorted(found.values(), key=lambda company: company.slug)


def _full_form(text: str, match: re.Match[str], name: str) -> str:
    if "suffix" in match.re.groupindex and match.group("suffix"):
        start = match.start("name") + text[match.start("name") :].find(name)
        return text[start : match.end("suffix")]
    return name


def _trimmed(name: str) -> str:
    words = name.split()
    while words and words[0].casefold().strip("'") in _LEADING_WORDS:
        words = words[1:]
    return " ".join(words).strip(" .,-")


def _acceptable(name: str, gazetteer: Gazetteer, language: str) -> bool:
    slug = slugify(name)
    if len(slug) < _MIN_NAME or gazetteer.knows(slug):
        return False
    known = gazetteer.find(name, language)
    return not (known and known[0].start == 0 and known[0].end == len(name))
