"""Deals stated in a sentence: kind, parties with roles, amount, duration and status."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import cast

import msgspec

from service.ingest.coverage import duration
from service.ingest.figures import SentenceContext
from service.ingest.lexicon import DealCue, LanguageCues, cues_for, prepared
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
_COUNTERPART_REACH = 60
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


def find_deal(context: SentenceContext, previous_text: str) -> FoundDeal | None:
    """The deal announced by the first (most specific) deal cue of the sentence, if any.

    A generic "contract" is told apart (cloud, supply) with the previous sentence's help.
    """
    sentence, language = context.sentence.text, context.language
    entities, quantities, topic = context.entities, context.quantities, context.topic
    cues = cues_for(language)
    text = prepared(sentence)
    for deal_cue in cues.deal_cues:
        match = deal_cue.pattern.search(text)
        if match is None:
            continue
        kind = _refined_kind(deal_cue, f"{prepared(previous_text)} {text}", cues)
        taking_part = [
            entity for entity in entities if not entity.opening or entity.start >= match.start()
        ]
        if kind in _NAMED_AFTER_KINDS and not _counterpart_named(taking_part, match.end()):
            return None
        parties = _parties(kind, deal_cue, taking_part, match.start(), topic)
        companies = {party.company for party in parties}
        if len(companies) < 2 and not (companies and kind in _SINGLE_PARTY_KINDS):
            return None
        return FoundDeal(
            kind=kind,
            parties=parties,
            amount=_amount(quantities, match.start(), match.end()),
            duration=duration(sentence, language),
            status=deal_status(sentence, language),
            cue_start=match.start(),
            cue_end=match.end(),
        )
    return None


def _counterpart_named(entities: Sequence[Entity], cue_end: int) -> bool:
    return any(
        entity.agent or 0 <= entity.start - cue_end <= _COUNTERPART_REACH for entity in entities
    )


def _refined_kind(deal_cue: DealCue, text: str, cues: LanguageCues) -> DealKind:
    if deal_cue.kind != "contract":
        return cast(DealKind, deal_cue.kind)
    if cues.cloud_context.search(text):
        return "cloud_contract"
    if cues.supply_context.search(text):
        return "supply_agreement"
    return "partnership"


def _parties(
    kind: DealKind, deal_cue: DealCue, entities: Sequence[Entity], cue_start: int, topic: str | None
) -> list[DealParty]:
    subject_role, other_role = deal_cue.subject_role, deal_cue.other_role
    if deal_cue.kind == "contract" and kind == "partnership":
        subject_role = other_role = "partner"
    if kind == "joint_venture":
        return _venture_parties(entities, cue_start)
    subject = subject_of(entities) or topic
    agents = {entity.company for entity in entities if entity.agent}
    active = _ACTIVE_ROLES[kind]
    passive = subject_role if subject_role != active else other_role
    roles: dict[str, str] = {}
    if subject is not None and subject not in agents:
        roles[subject] = passive if agents else subject_role
    for entity in entities:
        roles.setdefault(entity.company, active if entity.company in agents else other_role)
    return [DealParty(company=company, role=role) for company, role in roles.items()]


def _venture_parties(entities: Sequence[Entity], cue_start: int) -> list[DealParty]:
    if not entities:
        return []
    venture = min(entities, key=lambda entity: abs(entity.end - cue_start)).company
    members = [entity.company for entity in entities if entity.company != venture]
    return [
        *(DealParty(company=member, role="member") for member in dict.fromkeys(members)),
        DealParty(company=venture, role="venture"),
    ]


def _amount(quantities: Sequence[Quantity], start: int, end: int) -> Quantity | None:
    money = [quantity for quantity in quantities if quantity.kind == "money"]
    return min(money, key=lambda q: distance((q.start, q.end), start, end), default=None)


def deal_title(kind: DealKind, names: Sequence[str]) -> str:
    """A short human title: "OpenAI–Amazon cloud contract"."""
    return f"{'–'.join(names)} {kind.replace('_', ' ')}"


def announced_on(is_lead: bool, status: DealStatus, published_on: date) -> date | None:
    """The publication date when the article breaks the deal in its title or lead."""
    if is_lead and status in ("announced", "signed", "completed"):
        return published_on
    return None
