"""One figure from one quantity of a sentence: metric, company, period and status."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

import msgspec

from service.ingest.classifier import catalogue, classify, recounted, restates, signed
from service.ingest.confidence import assess_figure, company_signals
from service.ingest.coverage import figure_period
from service.ingest.lexicon import cues_for, prepared, shared
from service.ingest.linking import Entity, company_for
from service.ingest.periods import PeriodMention, find_periods
from service.ingest.sentences import Sentence
from service.ingest.status import (
    cue_status,
    denied,
    distance,
    exceeds,
    figure_status,
    is_future,
    looks_ahead,
)
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
    quantity = recounted(text, context.language, quantity)
    converted = _converted(context, quantity)
    metric = classify(
        text,
        context.language,
        quantity if converted is None else converted,
        context=context.previous_text,
    )
    if metric is None:
        return None
    quantity = signed(metric, text, context.language, quantity)
    company = company_for(
        context.entities,
        quantity.start,
        quantity.end,
        leading_end=context.leading_end,
        topic=None if _market_wide(context) else context.topic,
        words=prepared(text),
        language=context.language,
    )
    company = _respective(context, quantity) or company
    if company is not None and metric in shared().raised_metrics:
        company = _raiser(context, quantity, company)
    elif company is not None and _joint_subjects(context, quantity, company):
        return None
    if (
        company is None
        or _summed_over_companies(context, quantity)
        or _said_of_unnamed(context, quantity)
        or _not_a_company_amount(context, quantity, metric)
        or _change_of_a_level(context, quantity, metric)
    ):
        return None
    cue = cue_status(text, context.language, quantity.start, quantity.end)
    period = _period(context, quantity, metric, future=is_future(cue))
    metric = _with_base(context, metric, period)
    offset = context.sentence.start
    located = msgspec.structs.replace(
        _restated_bound(context, _bounded(context, quantity), converted),
        start=quantity.start + offset,
        end=quantity.end + offset,
    )
    trust = assess_figure(
        located,
        company_signals(company, context.entities, quantity),
        status_cue=cue is not None,
        period_stated=period.end > 0,
        headline=context.sentence.headline,
        denied=denied(text, context.language, quantity.start),
    )
    return ExtractedFigure(
        company=company,
        metric=metric,
        quantity=located,
        period_start=period.first,
        period_end=period.last,
        precision=period.precision,
        status=figure_status(
            cue,
            period,
            context.published_on,
            metric,
            outlook=looks_ahead(text, context.language),
        ),
        mention=Mention(quote=text, start=located.start, end=located.end),
        basis=_basis(context, quantity, metric),
        confidence=trust.confidence,
        signals=trust.signals,
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


def _raiser(context: SentenceContext, quantity: Quantity, company: str) -> str | None:
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


def _with_base(context: SentenceContext, metric: str, period: PeriodMention) -> str:
    """A growth without a stated base, made year over year where the text implies it.

    Growth over a stated year ("growth of 70% this fiscal year", "in 2026") compares it
    with the year before; a growth right after a sentence comparing with a year earlier
    ("revenue rose 18% year over year. Net income jumped 12%") keeps that base.
    """
    yearly = f"{metric}_yoy"
    if not metric.endswith("_growth") or yearly not in catalogue():
        return metric
    if period.end > 0 and period.precision == "year":
        return yearly
    cues = cues_for(context.language)
    text = prepared(context.sentence.text)
    stated = any(pattern.search(text) for pattern, _ in cues.comparisons)
    before = any(
        pattern.search(prepared(context.previous_text))
        for pattern, base in cues.comparisons
        if base == "yoy"
    )
    return yearly if before and not stated else metric


def _respective(context: SentenceContext, quantity: Quantity) -> str | None:
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


_SMALLEST_AMOUNT = 1_000_000
"""A company's money figure below this (not per share or ticket) is a stray number."""
_WEALTH_REACH = 40
"""How far before an amount a person's fortune may be named."""


def _not_a_company_amount(context: SentenceContext, quantity: Quantity, metric: str) -> bool:
    """An amount that is no company's figure though a money metric's cue stands near.

    A stray number ("$77,593" for a round), a class threshold ("rounds of $100M or more")
    or a person's fortune ("a net worth of $1.2 billion").
    """
    if quantity.kind != "money":
        return False
    if metric not in shared().small_money_metrics and quantity.value < _SMALLEST_AMOUNT:
        return True
    text = prepared(context.sentence.text)
    cues = cues_for(context.language)
    if cues.threshold_after.match(text, quantity.end) is not None:
        return True
    before = text[max(0, quantity.start - _WEALTH_REACH) : quantity.start]
    wealth = list(cues.personal_wealth.finditer(before))
    return bool(wealth) and not re.search(r"[,;.]\s", before[wealth[-1].end() :])


_BY_AMOUNT = {
    "en": r"by|of",
    "fr": r"de|d'",
    "it": r"di|del|dei|degli",
    "de": r"um",
    "es": r"en|de",
}
"""The word that joins a change to its size: "rose by $3 billion", "um 70 Mrd. gewachsen"."""


def _change_of_a_level(context: SentenceContext, quantity: Quantity, metric: str) -> bool:
    """Whether a money amount is how much a level changed, not the level.

    "Capex rose by $30 billion", "une hausse d'environ 30 milliards", "um mehr als 70 Mrd.
    gewachsen": a money metric with no change metric of its own has no figure there.
    """
    if quantity.kind != "money" or "_change" in metric or "_growth" in metric:
        return False
    text = prepared(context.sentence.text)
    joined = re.search(
        rf"(?<!\w)(?:{_BY_AMOUNT[context.language]})(?:(?<=')|\s+)$",
        text[: quantity.start],
        re.IGNORECASE,
    )
    if joined is None:
        return False
    changes = [
        match
        for pattern, _ in cues_for(context.language).changes
        for match in pattern.finditer(text)
    ]
    if any(
        not text[m.end() : joined.start()].strip() for m in changes if m.end() <= joined.start()
    ):
        return True
    after = re.split(r"[,;:](?!\d)|\.\s", text[quantity.end :])[0]
    return context.language == "de" and any(
        m.start() >= quantity.end and m.end() <= quantity.end + len(after) for m in changes
    )


_LIST_END = r"(?:,?\s+(?:and|et|e|ed|und|y|sowie))"
_LIST_JOINT = (
    re.compile(rf"\s*{_LIST_END}\s+(?:(?:la|le|il|el|die|the)\s+[\w-]+\s+)?$"),
    re.compile(rf"\s*(?:,|{_LIST_END})\s+(?:(?:la|le|il|el|die|the)\s+[\w-]+\s+)?$"),
)
"""What joins the last two companies listed as one subject (" and ", " y la japonesa "),
and any two before them (", ")."""


def _joint_subjects(context: SentenceContext, quantity: Quantity, company: str) -> bool:
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


def _said_of_unnamed(context: SentenceContext, quantity: Quantity) -> bool:
    """A figure whose subject is no named company: "AI startups raised $X", "die EU will ...".

    Only when no company (nor "the company") is named before the figure: such a figure is
    the market's, a public body's or some people's, not the article's topic company.
    """
    if any(entity.end <= quantity.start for entity in context.entities):
        return False
    before = prepared(context.sentence.text[: quantity.start])
    return cues_for(context.language).unnamed_subject.search(before) is not None


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
    if quantity.bound == "at_most" and _reached(context, quantity):
        return msgspec.structs.replace(quantity, bound="exact", low=None, high=None)
    return quantity


_TRAILING_APPROXIMATE = re.compile(
    r"\s*(?:aproximadamente|approximately|approx\.|environ|circa|ungefähr)\s*\)", re.IGNORECASE
)
"""An approximation word closing the brackets after an amount: "(€518 million approx.)"."""


def _restated_bound(
    context: SentenceContext, quantity: Quantity, converted: Quantity | None
) -> Quantity:
    """An exact amount is approximate when it converts an approximate one or says so after.

    "about $4.3 billion (€3.6 billion)": the conversion of a rounded amount is rounded too.
    """
    if quantity.bound != "exact":
        return quantity
    trailing = _TRAILING_APPROXIMATE.match(prepared(context.sentence.text), quantity.end)
    if trailing is None and (converted is None or converted.bound != "approximate"):
        return quantity
    return msgspec.structs.replace(quantity, bound="approximate")


_REACHED_TO = re.compile(r"(?:hasta|fino a[il]?|fino agli|jusqu'(?:à|au|aux))\s", re.IGNORECASE)
""""Up to" words that, after a verb of change, say the level reached: "subió hasta X"."""


def _reached(context: SentenceContext, quantity: Quantity) -> bool:
    """Whether an "up to" amount is the level a rise or fall reached ("rose 15% to $X").

    "El beneficio subió un 15% hasta 12.000 millones", "è salito fino a 12 miliardi": the
    change verb before it in the clause makes "hasta" / "fino a" / "jusqu'à" mean "to".
    """
    text = prepared(context.sentence.text)
    if _REACHED_TO.match(text, quantity.start) is None:
        return False
    clause = re.split(r"[,;:.](?!\d)", text[: quantity.start])[-1]
    return any(pattern.search(clause) for pattern, _ in cues_for(context.language).changes)


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
