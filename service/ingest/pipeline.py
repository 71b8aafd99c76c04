"""Article text in, facts out: deterministic and explainable, no I/O."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import msgspec

from service.ingest.amounts import sentence_quantities
from service.ingest.context import SentenceContext
from service.ingest.coverage import last_named, reporting_period
from service.ingest.deals import FoundDeal, announced_on, deal_title, find_deals
from service.ingest.figures import deduplicated, read_figure
from service.ingest.gazetteer import Gazetteer
from service.ingest.lexicon import cues_for, prepared
from service.ingest.linking import (
    Entity,
    leading_clause_end,
    sentence_entities,
    subject_of,
    topic_company,
)
from service.ingest.organisations import new_companies
from service.ingest.sentences import Sentence, split_sentences
from service.ingest.types import ExtractedDeal, ExtractedFigure, Extraction, Mention
from service.normalize import LANGUAGES, Quantity, detect_language
from service.normalize.language import fallback_needed, load_fallback

_LEAD_SENTENCES = 2
_NO_DEAL_VALUE_METRICS = frozenset({"valuation", "market_cap", "stake_value"})
"""Levels a deal sentence may state that are not what the deal is worth."""
DETECTION_SAMPLE = 1500
"""Characters enough to tell the language, keeping detection fast on long articles."""


def extract(
    text: str,
    *,
    published_on: date,
    gazetteer: Gazetteer,
    language: str | None = None,
    title: str | None = None,
) -> Extraction:
    """The figures, deals and new companies stated in an article.

    ``published_on`` anchors relative dates and the FX rates; ``title`` (when the
    text does not start with it, it only helps to find the article's topic).
    """
    lang = _language(text, language)
    sentences = split_sentences(text)
    title_end = _title_end(text, sentences, title)
    found = new_companies(text, lang, gazetteer, title or text[:title_end])
    known = gazetteer.copy()
    known.extend(found)
    topic = topic_company(text, lang, known, title or text[:title_end])
    quantities = sentence_quantities(sentences, lang, published_on)
    figures: list[ExtractedFigure] = []
    deals: list[ExtractedDeal] = []
    last_subject = focus = topic
    reporting = earlier = None
    for index, sentence in enumerate(sentences):
        if index and sentence.paragraph != sentences[index - 1].paragraph:
            # A sentence naming no company speaks of the subject its paragraph last named
            # ("Anthropic raised ... It is now valued at ..."); a new paragraph starts
            # from the article's topic again.
            focus = topic
        entities = sentence_entities(text, sentence, lang, known, last_subject)
        context = SentenceContext(
            sentence=sentence,
            language=lang,
            published_on=published_on,
            quantities=quantities[index],
            entities=entities,
            leading_end=leading_clause_end(sentence.text, lang),
            topic=focus,
            previous_text=_previous_text(sentences, index),
            reporting=reporting,
            earlier=earlier,
        )
        stated = _precise_first(
            [
                figure
                for quantity in quantities[index]
                if (figure := read_figure(context, quantity)) is not None
            ]
        )
        figures.extend(stated)
        is_lead = _is_lead(sentences, index, title_end)
        levels = {_span(f.quantity) for f in stated if f.metric in _NO_DEAL_VALUE_METRICS}
        deals.extend(
            _deal(context, found, known, is_lead=is_lead, levels=levels)
            for found in find_deals(context, context.previous_text)
        )
        last_subject = subject_of(entities) or last_subject
        focus = subject_of(entities) or _results_at(entities, sentence.text, lang) or focus
        reporting = reporting_period(sentence.text, lang, published_on, reporting)
        earlier = last_named(sentence.text, lang, published_on, earlier)
    return Extraction(
        language=lang,
        figures=deduplicated(figures, title_end),
        deals=_unique_deals(deals, title_end),
        new_companies=found,
    )


def prepare_detection(text: str, language: str | None) -> None:
    """Load lingua's models now if ``extract`` would need them to tell the language of ``text``.

    Our lexicon decides nearly every article; loading the models takes a second or more,
    which a caller keeps out of the extraction's time budget by calling this first.
    """
    if language not in LANGUAGES and fallback_needed(text[:DETECTION_SAMPLE]):
        load_fallback()


def _results_at(entities: Sequence[Entity], sentence: str, language: str) -> str | None:
    """The one company a sentence names as the place of the results it reports.

    "Growth was as strong at X", "Auch bei X lief es gut": X is not the subject, yet the
    sentences after it speak of X.
    """
    named = {entity.company for entity in entities if not entity.anaphor}
    if len(named) != 1:
        return None
    words = prepared(sentence)
    before = cues_for(language).results_at_before
    at = [entity for entity in entities if before.search(words, 0, entity.start) is not None]
    return at[0].company if at else None


def _language(text: str, language: str | None) -> str:
    if language in LANGUAGES:
        return language
    detected = detect_language(text[:DETECTION_SAMPLE])
    return detected if detected in LANGUAGES else "en"


def _title_end(text: str, sentences: Sequence[Sentence], title: str | None) -> int:
    """End offset of the title when the text starts with it (or with a headline line)."""
    if not sentences:
        return 0
    first = sentences[0]
    if title and title.strip() and text.lstrip().startswith(title.strip()):
        return text.find(title.strip()) + len(title.strip())
    if first.headline and first.paragraph == 0 and len(sentences) > 1:
        return first.end
    return 0


def _is_lead(sentences: Sequence[Sentence], index: int, title_end: int) -> bool:
    body_before = sum(1 for sentence in sentences[:index] if sentence.start >= title_end)
    return sentences[index].start < title_end or body_before < _LEAD_SENTENCES


def _previous_text(sentences: Sequence[Sentence], index: int) -> str:
    return sentences[index - 1].text if index else ""


def _precise_first(figures: list[ExtractedFigure]) -> list[ExtractedFigure]:
    """A sentence's figures, less the vague ones it also states with a number.

    "Tens of billions ..., with $114 to $118 billion expected this year": the number stands.
    """
    stated = {(f.company, f.metric) for f in figures if not f.quantity.vague}
    return [f for f in figures if not (f.quantity.vague and (f.company, f.metric) in stated)]


def _span(quantity: Quantity) -> tuple[int, int]:
    return quantity.start, quantity.end


def _deal(
    context: SentenceContext,
    found: FoundDeal,
    gazetteer: Gazetteer,
    *,
    is_lead: bool,
    levels: set[tuple[int, int]],
) -> ExtractedDeal:
    """The deal found in a sentence, its amount in article offsets.

    An amount the sentence states as a valuation ("a share sale that would value it at
    $500 billion") is no value of the deal.
    """
    offset = context.sentence.start
    amount = (
        None
        if found.amount is None
        else msgspec.structs.replace(
            found.amount, start=found.amount.start + offset, end=found.amount.end + offset
        )
    )
    if amount is not None and _span(amount) in levels:
        amount = None
    start, end = (
        (amount.start, amount.end)
        if amount is not None
        else (found.cue_start + offset, found.cue_end + offset)
    )
    return ExtractedDeal(
        kind=found.kind,
        title=deal_title(found.kind, [gazetteer.name_of(party.company) for party in found.parties]),
        parties=found.parties,
        amount=amount,
        duration=found.duration,
        announced_on=announced_on(is_lead, found.status, context.published_on),
        status=found.status,
        mention=Mention(quote=context.sentence.text, start=start, end=end),
    )


def _unique_deals(deals: Sequence[ExtractedDeal], title_end: int) -> list[ExtractedDeal]:
    """One deal per kind, set of parties and amount; the title's only when the body has none alike.

    A deal named without its amount ("X began investing in Y") gives way to the same deal
    stated with one; two amounts of the same parties (two tranches) stay two deals.
    """
    body = [deal for deal in deals if deal.mention.start >= title_end]
    kept: dict[tuple[str, frozenset[str], str | None], ExtractedDeal] = {}
    for deal in body:
        kept.setdefault(_deal_key(deal), deal)
    for deal in deals:
        if deal.mention.start < title_end and not any(
            _companies(deal) & _companies(other) for other in body
        ):
            kept.setdefault(_deal_key(deal), deal)
    priced = {(kind, companies) for kind, companies, amount in kept if amount is not None}
    unique = [
        deal
        for (kind, companies, amount), deal in kept.items()
        if amount is not None or (kind, companies) not in priced
    ]
    return sorted(unique, key=lambda deal: deal.mention.start)


def _deal_key(deal: ExtractedDeal) -> tuple[str, frozenset[str], str | None]:
    amount = None if deal.amount is None else f"{deal.amount.value.normalize():f}"
    return deal.kind, _companies(deal), amount


def _companies(deal: ExtractedDeal) -> frozenset[str]:
    return frozenset(party.company for party in deal.parties)
