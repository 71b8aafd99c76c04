"""One figure from one quantity of a sentence: metric, company, period and status."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import msgspec

from service.ingest.changes import signed
from service.ingest.classifier import classify, recounted, restates
from service.ingest.confidence import assess_figure, company_signals
from service.ingest.coverage import figure_period
from service.ingest.lexicon import cues_for, prepared, shared
from service.ingest.linking import Entity, company_for
from service.ingest.losses import as_loss, paying_counted
from service.ingest.periods import PeriodMention, find_periods
from service.ingest.sentences import Sentence
from service.ingest.status import cue_status, distance, exceeds, figure_status, is_future
from service.ingest.types import Basis, ExtractedFigure, Mention
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


def read_figure(context: SentenceContext, quantity: Quantity) -> ExtractedFigure | None:
    """The figure a quantity states, or None without a metric or a company."""
    text = context.sentence.text
    quantity = paying_counted(text, context.language, recounted(text, context.language, quantity))
    converted = _converted(context, quantity)
    metric = classify(
        text,
        context.language,
        quantity if converted is None else converted,
        context=context.previous_text,
        carry_base=not _names_a_company_before(context, quantity),
    )
    if metric is None:
        return None
    quantity = as_loss(
        metric, text, context.language, signed(metric, text, context.language, quantity)
    )
    company = company_for(
        context.entities,
        quantity.start,
        quantity.end,
        leading_end=context.leading_end,
        topic=None if _market_wide(context) else context.topic,
        words=prepared(text),
        language=context.language,
    )
    if company is None or _summed_over_companies(context, quantity):
        return None
    cue = cue_status(text, context.language, quantity.start, quantity.end)
    period = _period(context, quantity, metric, future=is_future(cue))
    offset = context.sentence.start
    located = msgspec.structs.replace(
        _bounded(context, quantity), start=quantity.start + offset, end=quantity.end + offset
    )
    trust = assess_figure(
        located,
        company_signals(company, context.entities, quantity),
        status_cue=cue is not None,
        period_stated=period.end > 0,
        headline=context.sentence.headline,
    )
    return ExtractedFigure(
        company=company,
        metric=metric,
        quantity=located,
        period_start=period.first,
        period_end=period.last,
        precision=period.precision,
        status=figure_status(cue, period, context.published_on, metric),
        mention=Mention(quote=text, start=located.start, end=located.end),
        basis=_basis(context, quantity, metric),
        confidence=trust.confidence,
        signals=trust.signals,
    )


def _names_a_company_before(context: SentenceContext, quantity: Quantity) -> bool:
    """Whether the sentence names a company (not "the company") before the quantity.

    Such a sentence starts its own statement: it does not carry on comparing results on the
    base of the sentence before ("... up 18% year over year. Meta saw a 51% lift in profit").
    """
    text = prepared(context.sentence.text)
    anaphora = cues_for(context.language).anaphora
    return any(
        entity.end <= quantity.start and anaphora.match(text, entity.start) is None
        for entity in context.entities
    )


def _converted(context: SentenceContext, quantity: Quantity) -> Quantity | None:
    """The amount this one converts into another currency ("$13bn, soit 12 Md€"), if any."""
    before = [other for other in context.quantities if other.end <= quantity.start]
    if not before:
        return None
    earlier = max(before, key=lambda other: other.end)
    return earlier if restates(context.sentence.text, context.language, quantity, earlier) else None


RUN_RATE_REACH = 60
"""How many characters from the amount a run-rate cue may stand."""


def _basis(context: SentenceContext, quantity: Quantity, metric: str) -> Basis:
    """`run_rate` when a run-rate cue ("annualized", "run rate", ARR) stands near a money amount.

    Revenue stated as a yearly rate ("$10 billion a year", "10.000 millones anuales") is a
    run rate too: a year's revenue is stated for the year, not per year.
    """
    if quantity.kind != "money":
        return "total"
    if metric in shared().rate_metrics and _yearly_rate(context, quantity):
        return "run_rate"
    text = prepared(context.sentence.text)
    for match in cues_for(context.language).run_rate.finditer(text):
        if distance(match.span(), quantity.start, quantity.end) <= RUN_RATE_REACH:
            return "run_rate"
    return "total"


def _yearly_rate(context: SentenceContext, quantity: Quantity) -> bool:
    """Whether the amount is said per year, its "per year" not part of a date ("l'an dernier")."""
    if quantity.per != "year":
        return False
    mentions = find_periods(
        context.sentence.text, context.language, context.published_on, future=False
    )
    return not any(
        quantity.start < mention.start < quantity.end < mention.end for mention in mentions
    )


def _summed_over_companies(context: SentenceContext, quantity: Quantity) -> bool:
    """A figure several subject companies state together is their sum, no one's.

    "Collectively, A, B and C posted $X in net income": an aggregate cue before the
    quantity and more than one company in subject position.
    """
    before = prepared(context.sentence.text[: quantity.start])
    subjects = {
        entity.company
        for entity in context.entities
        if entity.end <= quantity.start and not entity.demoted
    }
    return len(subjects) > 1 and cues_for(context.language).aggregate.search(before) is not None


def _market_wide(context: SentenceContext) -> bool:
    """A sentence about a whole market ("le marché mondial") is about no single company."""
    return (
        cues_for(context.language).market_scope.search(prepared(context.sentence.text)) is not None
    )


def _period(
    context: SentenceContext, quantity: Quantity, metric: str, *, future: bool
) -> PeriodMention:
    spans = [(other.start, other.end) for other in context.quantities]
    span = (quantity.start, quantity.end)
    others = [other for other in spans if other != span]
    text, language = context.sentence.text, context.language
    return figure_period(
        text,
        language,
        context.published_on,
        metric=metric,
        span=span,
        others=others,
        future=future,
        reporting=context.reporting,
        earlier=context.earlier,
    )


def _bounded(context: SentenceContext, quantity: Quantity) -> Quantity:
    """An exact value said to have been exceeded ("a dépassé 1 milliard") is a lower bound.

    Not an amount in parentheses after a verb outside them ("exceeds its revenue ($5bn)"):
    what is exceeded is the noun the parentheses gloss, by an unstated margin.
    """
    text = context.sentence.text
    aside = text.rfind("(", 0, quantity.start)
    start = aside + 1 if aside > text.rfind(")", 0, quantity.start) else 0
    if quantity.bound == "exact" and exceeds(
        text[start:], context.language, quantity.start - start
    ):
        return msgspec.structs.replace(quantity, bound="at_least", low=quantity.value)
    return quantity


def same_fact_key(figure: ExtractedFigure) -> tuple[str, str, date, date, str, str]:
    """Figures with this key state the same fact."""
    quantity = figure.quantity
    return (
        figure.company,
        figure.metric,
        figure.period_start,
        figure.period_end,
        quantity.unit,
        f"{quantity.value.normalize():f}",
    )


def deduplicated(figures: Sequence[ExtractedFigure], title_end: int) -> list[ExtractedFigure]:
    """One figure per fact: the body's first statement, the title's only when alone."""
    body = [figure for figure in figures if figure.mention.start >= title_end]
    stated_in_body = {
        (figure.company, figure.quantity.unit, figure.quantity.value) for figure in body
    }
    title = [
        figure
        for figure in figures
        if figure.mention.start < title_end
        and (figure.company, figure.quantity.unit, figure.quantity.value) not in stated_in_body
    ]
    kept: dict[tuple[str, str, date, date, str, str], ExtractedFigure] = {}
    for figure in [*body, *title]:
        kept.setdefault(same_fact_key(figure), figure)
    return sorted(kept.values(), key=lambda figure: (figure.mention.start, figure.metric))
