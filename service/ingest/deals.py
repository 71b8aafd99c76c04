"""Deals stated in a sentence: kind, parties with roles, amount, duration and status."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import pairwise
from typing import cast

import msgspec

from service.ingest.context import SentenceContext
from service.ingest.coverage import duration
from service.ingest.lexicon import DealCue, LanguageCues, cues_for, prepared, shared
from service.ingest.linking import Entity, subject_of
from service.ingest.status import deal_status, distance
from service.ingest.types import DealKind, DealParty, DealStatus
from service.normalize import Quantity

_SINGLE_PARTY_KINDS = frozenset({"funding_round", "share_sale", "joint_venture"})
_ACTIVE_ROLES: dict[str, str] = {
    "funding_round": "investor",
    "investment": "investor",
    "acquisition": "acquirer",
    "share_sale": "buyer",
    "supply_agreement": "supplier",
    "cloud_contract": "provider",
    "partnership": "partner",
}
"""The role of a party named as the agent of a passive ("financé par X", "led by X")."""
_DIRECTED_KINDS = frozenset({"purchase", "sale"})
"""Cue kinds that say who buys ("contracted to purchase ... from X") or who sells ("X lands
a deal with Y"): a cloud contract or a supply agreement by what is sold."""
PROVISIONAL_KINDS = _DIRECTED_KINDS | {"contract"}
"""Cue kinds no deal keeps: the sentence settles them into a kind of the vocabulary."""
_SUPPLY_ROLES = {"provider": "supplier"}
_COUNTERPART_REACH = 60
_TRANCHE_REACH = 25
"""A repeated deal cue states a tranche of its own when an amount stands this close."""
"""An investment or acquisition names its investee or target this close after the cue."""
_NAMED_AFTER_KINDS = frozenset({"investment", "acquisition"})


class FoundDeal(msgspec.Struct, frozen=True):
    """A deal found in one sentence; offsets relative to that sentence."""

    kind: DealKind
    parties: list[DealParty]
    amount: Quantity | None
    duration: str | None
    status: DealStatus
    cue_start: int
    cue_end: int


def find_deals(context: SentenceContext, previous_text: str) -> list[FoundDeal]:
    """The deals of a sentence: one per clause that announces one.

    "A will invest in B, while C will supply D" states two deals; each takes its parties and
    its amount from its own clause. A clause without a deal cue whose company contributes an
    amount ("..., mentre C contribuirà con 5 miliardi") repeats the previous deal with that
    company in the first one's role. A generic "contract" is told apart (cloud, supply) with
    the previous sentence's help.
    """
    text = prepared(context.sentence.text)
    cues = cues_for(context.language)
    found: list[FoundDeal] = []
    for start, words, end in _clauses(text, context.entities, cues):
        context = _opening_subject(context, words)
        deals = _clause_deals(context, previous_text, start, end)
        if not deals and found:
            deals = _contributed(context, found[-1], start, end)
        found.extend(deals)
    return found or _clause_deals(context, previous_text, 0, len(text))


def _clauses(
    text: str, entities: Sequence[Entity], cues: LanguageCues
) -> list[tuple[int, int, int]]:
    """The clauses of a sentence: (start, where its words begin, end).

    A clause begins where a contrast or a new coordinated clause does; a comma and "and"
    between two company names only lists them ("A, B, and C signed").
    """
    starts = {entity.start for entity in entities}
    ends = {entity.end for entity in entities}
    cuts = [(0, 0)]
    for match in cues.clause_break.finditer(text):
        listed = (
            match.group("and") is not None
            and match.start() in ends
            and _next_word(text, match.end()) in starts
        )
        if not listed:
            cuts.append((match.start(), _next_word(text, match.end())))
    bounds = [*cuts, (len(text), len(text))]
    return [(start, words, end) for (start, words), (end, _) in pairwise(bounds) if end > start]


def _opening_subject(context: SentenceContext, words: int) -> SentenceContext:
    """The company a clause opens with is its subject ("..., tandis que X investira")."""
    entities = [
        msgspec.structs.replace(entity, demoted=False)
        if entity.start == words and words
        else entity
        for entity in context.entities
    ]
    return msgspec.structs.replace(context, entities=entities)


def _next_word(text: str, at: int) -> int:
    return at + len(text[at:]) - len(text[at:].lstrip())


def _clause_deals(
    context: SentenceContext, previous_text: str, start: int, end: int
) -> list[FoundDeal]:
    """The deal announced by the first (most specific) deal cue of ``text[start:end]``.

    The same cue said again beside an amount of its own ("invested $13bn in Y, starting
    with a $10bn investment") states another tranche of it: one more deal, same parties.
    """
    sentence, language = context.sentence.text, context.language
    cues = cues_for(language)
    text = prepared(sentence)
    in_clause = [entity for entity in context.entities if start <= entity.start < end]
    matched = [
        (match, deal_cue)
        for deal_cue in cues.deal_cues
        if (match := deal_cue.pattern.search(text, start, end)) is not None
    ]
    invested = [pair for pair in matched if pair[1].kind == "investment"]
    if (
        invested
        and matched[0][1].kind == "funding_round"
        and invested[0][0].start() < matched[0][0].start()
    ):
        matched.insert(0, invested[0])  # "X invested $Y in Z's round": X invests
    for match, deal_cue in matched:
        kind = _refined_kind(deal_cue, f"{prepared(previous_text)} {text}", cues)
        taking_part = [
            entity for entity in in_clause if not entity.opening or entity.start >= match.start()
        ]
        if kind in _NAMED_AFTER_KINDS and not _counterpart_named(taking_part, match.end()):
            return []
        subject = subject_of(taking_part) or (
            subject_of(context.entities) if start else context.topic
        )
        parties = _parties(kind, deal_cue, taking_part, match.start(), subject)
        companies = {party.company for party in parties}
        if len(companies) < 2 and not (companies and kind in _SINGLE_PARTY_KINDS):
            return []
        first = FoundDeal(
            kind=kind,
            parties=parties,
            amount=_amount(context.quantities, match.start(), match.end(), start, end),
            duration=duration(sentence, language),
            status=deal_status(sentence, language),
            cue_start=match.start(),
            cue_end=match.end(),
        )
        return [first, *_tranches(context, first, deal_cue, end)]
    return []


def _tranches(
    context: SentenceContext, first: FoundDeal, deal_cue: DealCue, end: int
) -> list[FoundDeal]:
    """The same deal cue repeated later in the clause right beside another amount."""
    text = prepared(context.sentence.text)
    used = [] if first.amount is None else [first.amount]
    more: list[FoundDeal] = []
    for match in deal_cue.pattern.finditer(text, first.cue_end, end):
        beside = [
            quantity
            for quantity in context.quantities
            if quantity.kind == "money"
            and quantity not in used
            and distance((quantity.start, quantity.end), *match.span()) <= _TRANCHE_REACH
        ]
        if beside:
            used.append(beside[0])
            more.append(
                msgspec.structs.replace(
                    first, amount=beside[0], cue_start=match.start(), cue_end=match.end()
                )
            )
    return more


def _contributed(
    context: SentenceContext, previous: FoundDeal, start: int, end: int
) -> list[FoundDeal]:
    """The previous deal again, for a new company contributing an amount of its own."""
    text = prepared(context.sentence.text)
    contribution = cues_for(context.language).contribution.search(text, start, end)
    in_clause = [entity for entity in context.entities if start <= entity.start < end]
    company = subject_of(in_clause)
    amount = _amount(context.quantities, start, end, start, end)
    if contribution is None or company is None or amount is None or not previous.parties:
        return []
    first = previous.parties[0]
    others = [party for party in previous.parties[1:] if party.company != company]
    if not others:
        return []
    return [
        msgspec.structs.replace(
            previous,
            parties=[DealParty(company=company, role=first.role), *others],
            amount=amount,
            cue_start=contribution.start(),
            cue_end=contribution.end(),
        )
    ]


def _counterpart_named(entities: Sequence[Entity], cue_end: int) -> bool:
    return any(
        entity.agent or 0 <= entity.start - cue_end <= _COUNTERPART_REACH for entity in entities
    )


def _refined_kind(deal_cue: DealCue, text: str, cues: LanguageCues) -> DealKind:
    """A contract or a sale by what is sold: compute (cloud) or goods (supply)."""
    if deal_cue.kind not in _DIRECTED_KINDS and deal_cue.kind != "contract":
        return cast(DealKind, deal_cue.kind)
    if cues.cloud_context.search(text):
        return "cloud_contract"
    if cues.supply_context.search(text) or deal_cue.kind in _DIRECTED_KINDS:
        return "supply_agreement"
    return "partnership"


def _parties(
    kind: DealKind,
    deal_cue: DealCue,
    entities: Sequence[Entity],
    cue_start: int,
    subject: str | None,
) -> list[DealParty]:
    subject_role, other_role = deal_cue.subject_role, deal_cue.other_role
    if deal_cue.kind == "contract" and kind == "partnership":
        subject_role = other_role = "partner"
    if kind == "joint_venture":
        return _venture_parties(entities, cue_start)
    if kind == "supply_agreement":
        subject_role, other_role = (_SUPPLY_ROLES.get(r, r) for r in (subject_role, other_role))
    agents = {entity.company for entity in entities if entity.agent}
    active = _ACTIVE_ROLES[kind]
    passive = subject_role if subject_role != active else other_role
    roles: dict[str, str] = {}
    if subject is not None and subject not in agents:
        roles[subject] = passive if agents else subject_role
    for entity in entities:
        roles.setdefault(entity.company, active if entity.company in agents else other_role)
    if kind == "cloud_contract" and deal_cue.kind not in _DIRECTED_KINDS:
        roles = _known_providers(roles)
    return [DealParty(company=company, role=role) for company, role in roles.items()]


def _known_providers(roles: dict[str, str]) -> dict[str, str]:
    """Roles of a cloud contract whose wording does not tell who sells: the cloud provider sells.

    "CoreWeave signs an agreement with Meta" leaves the direction open; when exactly the
    companies of one side are known compute providers, they are the providers.
    """
    providers = {company for company in roles if company in shared().cloud_providers}
    if not providers or len(providers) == len(roles):
        return roles
    return {company: "provider" if company in providers else "customer" for company in roles}


def _venture_parties(entities: Sequence[Entity], cue_start: int) -> list[DealParty]:
    if not entities:
        return []
    venture = min(entities, key=lambda entity: abs(entity.end - cue_start)).company
    members = [entity.company for entity in entities if entity.company != venture]
    return [
        *(DealParty(company=member, role="member") for member in dict.fromkeys(members)),
        DealParty(company=venture, role="venture"),
    ]


def _amount(
    quantities: Sequence[Quantity], start: int, end: int, clause_start: int, clause_end: int
) -> Quantity | None:
    """The money amount of the clause nearest the cue at ``[start, end)``.

    A vague amount ("tens of billions") states no deal's value.
    """
    money = [
        quantity
        for quantity in quantities
        if quantity.kind == "money"
        and not quantity.vague
        and clause_start <= quantity.start < clause_end
    ]
    return min(money, key=lambda q: distance((q.start, q.end), start, end), default=None)


def deal_title(kind: DealKind, names: Sequence[str]) -> str:
    """A short human title: "OpenAI–Amazon cloud contract"."""
    return f"{'–'.join(names)} {kind.replace('_', ' ')}"


def announced_on(is_lead: bool, status: DealStatus, published_on: date) -> date | None:
    """The publication date when the article breaks the deal in its title or lead."""
    if is_lead and status in ("announced", "signed", "completed"):
        return published_on
    return None
