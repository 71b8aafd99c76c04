"""Whose figure it is when the sentence's subject is not simply the company before it.

Money contributors fund another company; "respectively" pairs lists; companies listed as
one subject share a figure; an unnamed subject ("AI startups", "the EU") is no company.
"""

from __future__ import annotations

import re

from service.ingest.changes import CLAUSE_BREAK
from service.ingest.context import SentenceContext
from service.ingest.lexicon import cues_for, prepared
from service.normalize import Quantity


def raiser(context: SentenceContext, quantity: Quantity, company: str) -> str | None:
    """Who raises money a subject is said to contribute ("X and Y contribute $Z in debt").

    The company named after the amount other than the contributors, else the article's
    topic when it is none of them, else no one: the contributors are investors.
    """
    text = prepared(context.sentence.text)
    contributors = {
        entity.company
        for entity in context.entities
        if entity.end <= quantity.start and not entity.demoted
    }
    last = max((e.end for e in context.entities if e.company == company), default=0)
    between = text[last : quantity.start]
    if company not in contributors or re.search(r"[;.]\s", between):
        return company
    clause_end = re.search(r"[;.](?!\d)|$", text[quantity.end :])
    rest = text[last : quantity.end + (clause_end.start() if clause_end else 0)]
    found = cues_for(context.language).contribution.search(rest)
    if found is None or found.start() > quantity.start - last:
        return company
    after = [e.company for e in context.entities if e.start >= quantity.end]
    receiver = next((name for name in after if name not in contributors), None)
    if receiver is None and context.topic not in contributors:
        receiver = context.topic
    return receiver


def respective(context: SentenceContext, quantity: Quantity) -> str | None:
    """The company a "respectively" pairs the figure with, in the order both lists are given.

    "X and Y hold 20% and 80% respectively", "... hold respectively 20% and 80%", "20 bzw.
    80 Prozent": the figures of the kind after the last subject company named before the
    cue go, in order, to as many subject companies named last before them (not to the
    companies of a complement: "the deals with X and Y provide 10 and 4 GW respectively"
    are the subject's).
    """
    found = cues_for(context.language).respectively.search(prepared(context.sentence.text))
    if found is None:
        return None
    named = [e for e in context.entities if e.end <= found.start() and not e.demoted]
    if not named:
        return None
    listed = [
        (other.start, other.end)
        for other in context.quantities
        if other.kind == quantity.kind and other.start >= named[-1].end
    ]
    companies: list[str] = []
    for entity in reversed(named):
        if entity.company not in companies and len(companies) < len(listed):
            companies.insert(0, entity.company)
    span = (quantity.start, quantity.end)
    if len(listed) < 2 or len(companies) < len(listed) or span not in listed:
        return None
    return companies[listed.index(span)]


_LIST_END = r"(?:,?\s+(?:and|et|e|ed|und|y|sowie))"
_LIST_JOINT = (
    re.compile(rf"\s*{_LIST_END}\s+(?:(?:la|le|il|el|die|the)\s+[\w-]+\s+)?$"),
    re.compile(rf"\s*(?:,|{_LIST_END})\s+(?:(?:la|le|il|el|die|the)\s+[\w-]+\s+)?$"),
)
"""What joins the last two companies listed as one subject (" and ", " y la japonesa "),
and any two before them (", ")."""


def joint_subjects(context: SentenceContext, quantity: Quantity, company: str) -> bool:
    """Whether the figure's company ends a list of companies that do it together.

    "A, B and C announced plans to build five data centres": the five are the three's
    joint project, no one company's (a "respectively" pairs them instead).
    """
    if cues_for(context.language).respectively.search(prepared(context.sentence.text)):
        return False
    text = prepared(context.sentence.text)
    subjects = [e for e in context.entities if e.end <= quantity.start and not e.demoted]
    if not subjects or subjects[-1].company != company:
        return False
    listed = {company}
    for previous, entity in zip(reversed(subjects[:-1]), reversed(subjects[1:]), strict=True):
        joint = _LIST_JOINT[0 if len(listed) == 1 else 1]
        if not joint.fullmatch(text[previous.end : entity.start] + " "):
            break
        listed.add(previous.company)
    return len(listed) > 1


_DEMONSTRATIVE_REACH = 15
"""How far before an unnamed subject its demonstrative may stand ("those large startups")."""


def said_of_unnamed(context: SentenceContext, quantity: Quantity) -> bool:
    """A figure whose subject is no named company: "AI startups raised $X", "die EU will ...".

    When no company (nor "the company") is named before the figure, or when an unnamed
    subject with a demonstrative opens a later clause ("X joins the unicorns, those startups
    valued at over $1 billion"; not "..., both companies planning 10 GW"): such a figure
    is the market's, a public body's or some people's, not a company's.
    """
    before = prepared(context.sentence.text[: quantity.start])
    cues = cues_for(context.language)
    named = [entity.end for entity in context.entities if entity.end <= quantity.start]
    if not named:
        return cues.unnamed_subject.search(before) is not None
    return any(
        CLAUSE_BREAK.search(before, max(named), found.start()) is not None
        and CLAUSE_BREAK.search(before, found.end()) is None
        and cues.demonstrative.search(
            before, max(0, found.start() - _DEMONSTRATIVE_REACH), found.end()
        )
        is not None
        for found in cues.unnamed_subject.finditer(before, max(named))
    )
