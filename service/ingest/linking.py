"""Which company a sentence speaks of: names, anaphora, subject position and the topic."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import msgspec

from service.ingest.gazetteer import Gazetteer
from service.ingest.lexicon import LanguageCues, cues_for, prepared
from service.ingest.sentences import Sentence
from service.ingest.status import distance

_ANAPHOR_REACH = 30
"""An anaphor followed this closely by a name ("la startup Mistral") is that name."""
_LOOKBEHIND = 25
_COORDINATED = re.compile(r"\s*(?:&|and|et|e|ed|und|sowie|y|e)\s*", re.IGNORECASE)
"""What joins two names of one list ("avec Nvidia et Salesforce"): the second shares the
first's place in the sentence (both complements, both agents)."""


class Entity(msgspec.Struct, frozen=True):
    """A company named (or referred back to) at ``[start, end)`` of a sentence.

    ``demoted``: in a complement ("avec AWS", "selon X,") rather than subject position;
    ``agent``: introduced by a passive-agent preposition ("financé par SoftBank");
    ``opening``: inside an opening adverbial clause.
    """

    company: str
    start: int
    end: int
    demoted: bool
    agent: bool
    opening: bool
    anaphor: bool = False
    """Referred back to ("the company", "la société") rather than named."""


def sentence_entities(
    text: str, sentence: Sentence, language: str, gazetteer: Gazetteer, last_subject: str | None
) -> list[Entity]:
    """The companies of a sentence, in order, with anaphora resolved to ``last_subject``."""
    cues = cues_for(language)
    words = prepared(sentence.text)
    leading_end = leading_clause_end(sentence.text, language)
    spans = [
        (mention.company, mention.start - sentence.start, mention.end - sentence.start)
        for mention in gazetteer.find(text, language, sentence.start, sentence.end)
    ]
    named = [
        _entity(company, start, end, words=words, leading_end=leading_end, cues=cues)
        for company, start, end in spans
    ]
    spans += [
        (referent, *match.span())
        for match in cues.anaphora.finditer(words)
        if not _names_follow(match, spans, words)
        and (referent := _referent(named, match.start(), last_subject, words, cues)) is not None
    ]
    named_spans = {(start, end) for _, start, end in spans[: len(named)]}
    entities: list[Entity] = []
    for company, start, end in sorted(spans, key=lambda span: span[1]):
        entity = _entity(company, start, end, words=words, leading_end=leading_end, cues=cues)
        if (start, end) not in named_spans:
            entity = msgspec.structs.replace(entity, anaphor=True)
        previous = entities[-1] if entities else None
        if previous is not None and (
            _apposition(previous, entity, words) or _coordinated(previous, entity, words)
        ):
            entity = msgspec.structs.replace(entity, demoted=previous.demoted, agent=previous.agent)
        entities.append(entity)
    return entities


def _referent(
    named: Sequence[Entity], at: int, last_subject: str | None, words: str, cues: LanguageCues
) -> str | None:
    """What "the company" at ``at`` refers to.

    The subject named before it in the sentence ("X invested ..., meaning the company
    made ..."), else the owner of the sentence's subject, named before it in an earlier
    clause ("the pledges of X reach $1 trillion, against revenue the company puts at $13
    billion"; not "with chips from X, the company earned ..."), else the last sentence's
    subject.
    """
    before = [entity for entity in named if entity.end <= at]
    subject = subject_of(before)
    if subject is not None:
        return subject
    owners = [
        e
        for e in before
        if not e.opening
        and cues.genitive_before.search(words, 0, e.start) is not None
        and re.search(r"[,;:–—]|\s-\s", words[e.end : at]) is not None
    ]
    return owners[-1].company if owners else last_subject


def _apposition(previous: Entity, entity: Entity, words: str) -> bool:
    """The same company named again in brackets: "Amazon Web Services (AWS)"."""
    gap = words[previous.end : entity.start]
    return previous.company == entity.company and not gap.strip(" (")


def _coordinated(previous: Entity, entity: Entity, words: str) -> bool:
    """Whether a name is listed right after a complement, sharing its place.

    "Investors such as X and Y" demotes Y too, and so does a comma list ("partners such as
    X, Y, Z"), unless the complement opens the sentence ("According to X, Y raised ...").
    """
    if not previous.demoted:
        return False
    gap = words[previous.end : entity.start]
    return _COORDINATED.fullmatch(gap) is not None or (
        not previous.opening and re.fullmatch(r",\s*", gap) is not None
    )


def _names_follow(match: re.Match[str], spans: list[tuple[str, int, int]], words: str) -> bool:
    for _, start, _end in spans:
        gap = words[match.end() : start]
        if start >= match.start() and (
            start < match.end() or (len(gap) <= _ANAPHOR_REACH and not re.search(r"[,;:.]", gap))
        ):
            return True
    return False


def _entity(
    company: str, start: int, end: int, *, words: str, leading_end: int, cues: LanguageCues
) -> Entity:
    before = words[max(0, start - _LOOKBEHIND) : start]
    return Entity(
        company=company,
        start=start,
        end=end,
        demoted=end <= leading_end
        or cues.demoting_before.search(before) is not None
        or cues.modified_noun.match(words, end) is not None,
        agent=cues.agent_before.search(before) is not None,
        opening=end <= leading_end,
    )


def leading_clause_end(sentence: str, language: str) -> int:
    """End of an opening adverbial clause ("Selon X, ...", "After the deal, ..."), else 0."""
    if not cues_for(language).leading_adverbial.match(sentence):
        return 0
    comma = sentence.find(",")
    return max(comma, 0)


def subject_of(entities: Sequence[Entity]) -> str | None:
    """The company in subject position: the first one not in a complement."""
    return next((entity.company for entity in entities if not entity.demoted), None)


def company_for(
    entities: Sequence[Entity],
    start: int,
    end: int,
    *,
    leading_end: int,
    topic: str | None,
    words: str = "",
    language: str = "en",
) -> str | None:
    """The company a quantity at ``[start, end)`` of the sentence ``words`` belongs to.

    A company the quantity is attached to (in its relative clause or brackets, or named
    with it after a comparison); else the nearest subject-position company before it; for a
    quantity in an opening clause ("With 3 million users, X ..."), the first one after;
    else the company the sentence refers back to after it ("After raising $X, the company
    ..." is the company of the sentence before); else the article's topic; else the
    nearest company named at all.
    """
    attached = _attached(entities, start, end, words, cues_for(language)) if words else None
    if attached is not None:
        return attached
    before = [entity for entity in entities if entity.end <= start and not entity.demoted]
    before = [entity for entity in before if not _in_aside(entity, before, words, start)] or before
    if before:
        return before[-1].company
    after = [
        entity
        for entity in entities
        if entity.start >= end
        and not entity.demoted
        and (end <= leading_end or (entity.anaphor and _opens_clause(words, entity)))
    ]
    if after:
        return after[0].company
    if topic is not None:
        return topic
    if not entities:
        return None
    return min(entities, key=lambda entity: abs(entity.start - start)).company


def _in_aside(entity: Entity, subjects: Sequence[Entity], words: str, start: int) -> bool:
    """Whether a company is named in an aside between commas after the subject.

    "The startup behind X, the rival of Y's product, is raising $2 billion": Y stands in
    an apposition that closes before the figure; the subject is what the aside follows.
    """
    if not words:
        return False
    opening = words.rfind(",", 0, entity.start)
    closing = words.find(",", entity.end, start)
    lead = words[opening + 1 : entity.start]
    if opening < 0 or closing < 0 or not lead.strip() or _COORDINATED.fullmatch(lead):
        return False
    if re.search(r"[;:.]\s", lead):
        return False
    return any(other.end <= opening for other in subjects if other is not entity)


def _opens_clause(words: str, entity: Entity) -> bool:
    """Whether an entity begins its clause, as a subject does ("..., the company is")."""
    return re.search(r"(?:^|[,;:])\s*$", words[: entity.start]) is not None


def _attached(
    entities: Sequence[Entity], start: int, end: int, words: str, cues: LanguageCues
) -> str | None:
    """The company a quantity is said of though not the sentence's subject.

    "..., behind OpenAI, which is valued at $Y" and "Anthropic ($Y valuation)": the company
    whose relative clause or brackets hold the quantity; "surpassing the 17% growth of AWS",
    "loin des 2 milliards d'utilisateurs de Google": the company named with the quantity in
    the stretch a comparison opens (up to the next comma).
    """
    for entity in reversed([entity for entity in entities if entity.end <= start]):
        gap = words[entity.end : start]
        opening = cues.relative_opening.match(gap)
        if opening is not None and not re.search(r"[,;:)]", gap[opening.end() :]):
            return entity.company
    for match in cues.comparison.finditer(words, 0, start):
        stretch_end = _stretch_end(words, match.end())
        if end > stretch_end:
            continue
        inside = [e for e in entities if match.end() <= e.start and e.end <= stretch_end]
        if inside:
            return min(inside, key=lambda e: distance((e.start, e.end), start, end)).company
    return None


def _stretch_end(words: str, at: int) -> int:
    stop = re.compile(r"[,;:.](?!\d)|\s[–—-]\s").search(words, at)
    return len(words) if stop is None else stop.start()


def topic_company(text: str, language: str, gazetteer: Gazetteer, title: str) -> str | None:
    """The company the article is about: the first one its title names, else the most named."""
    in_title = gazetteer.find(title, language)
    if in_title:
        return in_title[0].company
    counts: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    for mention in gazetteer.find(text, language):
        counts[mention.company] += 1
        first_seen.setdefault(mention.company, mention.start)
    if not counts:
        return None
    return min(counts, key=lambda company: (-counts[company], first_seen[company]))
