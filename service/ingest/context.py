"""What is known of one sentence when reading its figures and deals."""

from __future__ import annotations

from datetime import date

import msgspec

from service.ingest.linking import Entity
from service.ingest.periods import PeriodMention
from service.ingest.sentences import Sentence
from service.normalize import Quantity


class SentenceContext(msgspec.Struct, frozen=True):
    """What is known of a sentence when reading its figures (offsets within the sentence)."""

    sentence: Sentence
    language: str
    published_on: date
    quantities: list[Quantity]
    entities: list[Entity]
    leading_end: int
    topic: str | None
    previous_text: str
    reporting: PeriodMention | None = None
    """The reporting period (quarter, half-year) named by the sentences before."""
    earlier: PeriodMention | None = None
    """The last period named by the sentences before."""
