"""Per-language cue tables (``cues.json``), decoded and compiled once.

Every pattern is a case-insensitive regular expression that must start at a word
boundary; its end is left open so that a stem ("dépens") covers its inflections.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import msgspec

from service.ingest.types import CueStatus, DealKind, DealStatus

Pattern = re.Pattern[str]


class _RawShared(msgspec.Struct, frozen=True):
    org_suffixes: str
    percent_units: list[str]
    multiple_only_metrics: list[str]
    multiple_units: list[str]
    multiple_metrics: dict[str, str]
    rate_metrics: list[str]
    unit_metrics: dict[str, list[str]]
    per_metrics: dict[str, str]
    recounted_units: dict[str, list[str]]
    change_metrics: dict[str, list[str]]
    share_metrics: dict[str, str]
    cue_only_metrics: list[str]
    quarter_pattern: str
    half_pattern: str
    year_pattern: str
    raised_metrics: frozenset[str]
    """Money a company takes in: a contributor named as subject is not the one raising it."""
    small_money_metrics: frozenset[str]
    """Money metrics stated per share or per ticket: small amounts are no stray numbers."""
    plan_metrics: frozenset[str]
    """Metrics of what a company does (invest, deploy, hire): intended, they are a `plan`."""
    commitment_metrics: frozenset[str]
    """Metrics of money committed over time: an end or a duration bounds their period."""
    stock_metrics: frozenset[str]
    """Metrics of a level held at an instant (valuation, users): stated as of a day."""
    daily_metrics: frozenset[str]
    """Market moves: without a stated period, the move of the day of the news."""
    cloud_providers: frozenset[str]
    """Companies that sell compute: in a cloud contract whose wording leaves the direction
    open, the provider."""
    news_outlets: frozenset[str]
    """Slugs of news agencies and publishers: a source of the facts ("selon Reuters"), never
    a company they are about."""


class _RawLanguage(msgspec.Struct, frozen=True):
    metric_cues: list[tuple[str, list[str]]]
    capex_context: str
    rise: str
    decline: str
    change_to: str
    year_on_year: str
    quarter_on_quarter: str
    versus_estimates: str
    loss: str
    multiplying_verbs: list[tuple[str, int]]
    more_than_verb: str
    attached_before: str
    attached_after: str
    restated: str
    count_link: str
    exceed_verbs: str
    status_cues: list[tuple[str, CueStatus]]
    anaphora: str
    market_scope: str
    unnamed_subject: str
    respectively: str
    attribution: str
    denial: str
    conditional: str
    loss_noun: str
    personal_wealth: str
    threshold_after: str
    aggregate: str
    run_rate: str
    org_before: str
    person_roles: str
    org_nouns: str
    adjectives_follow: bool
    corporate_verbs: str
    target_cues: str
    anaphora_epithet: str
    demoting: str
    results_at: str
    genitive: str
    demonstrative: str
    leading_adverbial: str
    agent: str
    months: dict[str, int]
    month_preps: str
    month_end: str
    """Prepositions naming a month's last day ("end of March")."""
    year_end: str
    """A deadline at the end of the current year ("by year-end")."""
    month_quarter: str
    """The word after a month naming the quarter ending with it ("the June quarter"), or empty."""
    quarter_ordinals: dict[str, int]
    quarter_word: str
    half_word: str
    year_preps: str
    deadline_preps: str
    relative_years: list[tuple[str, int]]
    annual: str
    today: str
    weekdays: dict[str, int]
    year_to_date: str
    back_reference: str
    """Words pointing back to the time named before ("alors", "damals", "at the time")."""
    quarter_ended: str
    durations: str
    duration_units: dict[str, str]
    deal_cues: list[tuple[str, str, str, str]]
    cloud_context: str
    supply_context: str
    deal_status: list[tuple[str, DealStatus]]
    clause_break: str
    contribution: str
    relative_pronouns: str
    comparison: str
    modified_nouns: str


class _RawCues(msgspec.Struct, frozen=True):
    shared: _RawShared
    en: _RawLanguage
    fr: _RawLanguage
    it: _RawLanguage
    de: _RawLanguage
    es: _RawLanguage


class DealCue(msgspec.Struct, frozen=True):
    """A word announcing a deal, its kind ("contract" until refined) and the parties' roles."""

    pattern: Pattern
    kind: DealKind | str
    subject_role: str
    other_role: str


class OrganisationCues(msgspec.Struct, frozen=True):
    """Where an unknown capitalised name is an organisation (each pattern has a ``name`` group).

    Beside an organisation noun ("la start-up X", "X, a software company"), before a
    corporate verb ("X raised") or after a takeover cue ("rachète X").
    """

    noun: Pattern
    after_noun: Pattern
    before_noun: Pattern
    before_verb: Pattern
    after_target_cue: Pattern
    place_after_noun: Pattern
    """Text ending with an organisation noun and "de"/"di": the name next is a place."""
    agent_after_noun: Pattern
    """Text ending with an organisation noun, a participle and its agent preposition
    ("l'entreprise dirigée par", "the company led by"): the name next is the one who runs
    or founded it, a person, not the organisation."""


class LanguageCues(msgspec.Struct, frozen=True):
    """The compiled cue tables of one language."""

    metric_cues: list[tuple[Pattern, tuple[str, ...]]]
    capex_context: Pattern
    changes: list[tuple[Pattern, int]]
    change_to: Pattern
    comparisons: list[tuple[Pattern, str]]
    versus_estimates: Pattern
    multiplying_verbs: list[tuple[Pattern, int]]
    more_than_verb: Pattern
    attached_before: Pattern
    attached_after: Pattern
    restated: Pattern
    counted_noun: Pattern
    exceed_verbs: Pattern
    status_cues: list[tuple[Pattern, CueStatus]]
    anaphora: Pattern
    market_scope: Pattern
    unnamed_subject: Pattern
    """Subjects that are no named company: "AI companies", "les investisseurs", "die EU"."""
    respectively: Pattern
    """A word pairing a list of figures with a list of companies in order."""
    attribution: Pattern
    """Who a statement is credited to ("according to <source>", "selon <source>")."""
    denial: Pattern
    """A denial or dispute ("denied a report that"): what it is about is no fact."""
    conditional: Pattern
    """What opens a condition ("once 6 GW has been deployed"): a figure in it is no fact."""
    loss_noun: Pattern
    """A loss named beside its amount ("a net loss of", "des pertes de"): a result, never
    revenue or spending."""
    personal_wealth: Pattern
    """A person's fortune ("net worth of"): the amount after it is no company's."""
    threshold_after: Pattern
    """After an amount, makes it a class threshold ("rounds of $100M or more")."""
    aggregate: Pattern
    """A word saying several companies' figures are summed ("collectively", "insgesamt")."""
    run_rate: Pattern
    loss: Pattern
    """Words that make a net result a loss ("net loss", "pérdidas", "Verlust")."""
    new_company_before: Pattern
    new_company_suffix: Pattern
    person_roles: str
    """Words that name a person's role ("CEO", "fondateur", "Gründer"), as alternatives."""
    organisations: OrganisationCues
    demoting_before: Pattern
    results_at_before: Pattern
    genitive_before: Pattern
    demonstrative: Pattern
    """A demonstrative word ("ces", "those", "diese")."""
    """What makes the company after it the owner of the noun before ("von", "de", "di")."""
    """What names the company whose results a sentence reports though not as its subject
    ("also at X", "auch bei X", "chez X"): a sentence naming only X in this way turns to X."""
    leading_adverbial: Pattern
    agent_before: Pattern
    raw: _RawLanguage
    durations: Pattern
    deal_cues: list[DealCue]
    cloud_context: Pattern
    supply_context: Pattern
    deal_status: list[tuple[Pattern, DealStatus]]
    clause_break: Pattern
    """Where a new clause (and maybe a new deal) begins: "; ", ", while", ", mentre"."""
    contribution: Pattern
    """A company putting in an amount ("contribuirà con"), repeating a deal just stated."""
    relative_opening: Pattern
    """What opens a company's relative clause or brackets: ", which", " que", " (" ."""
    comparison: Pattern
    """Words after which a figure may be another company's: "behind", "superando"."""
    modified_noun: Pattern
    """A noun right after a company name that makes it a modifier ("the Meta deal")."""


_UPPER = "A-ZÀ-ÖØ-ÞŒ"
_NAME = rf"[{_UPPER}0-9][\w&+.-]*[\w+]|[{_UPPER}]"
NAME_PATTERN = rf"(?:{_NAME})(?:[ -](?:{_NAME}))*"
"""One to several capitalised words, as a company name is written."""


def cue(expression: str) -> Pattern:
    """A case-insensitive pattern starting at a word boundary."""
    return re.compile(rf"(?<!\w)(?:{expression})", re.IGNORECASE)


def _before(expression: str) -> Pattern:
    """Matches text ending with one of the words (the words right before a mention)."""
    return re.compile(rf"(?<!\w)(?:{expression})\s*$", re.IGNORECASE)


@cache
def _raw() -> _RawCues:
    data = resources.files("service.ingest").joinpath("cues.json").read_bytes()
    return msgspec.json.decode(data, type=_RawCues)


def shared() -> _RawShared:
    """The language-independent tables."""
    return _raw().shared


@cache
def cues_for(language: str) -> LanguageCues:
    """The compiled tables of ``language`` (one of the five supported)."""
    raw: _RawLanguage = getattr(_raw(), language)
    suffixes = shared().org_suffixes
    return LanguageCues(
        metric_cues=[(cue(pattern), tuple(metrics)) for pattern, metrics in raw.metric_cues],
        capex_context=cue(raw.capex_context),
        changes=[(cue(raw.rise), 1), (cue(raw.decline), -1)],
        change_to=_before(raw.change_to),
        comparisons=[(cue(raw.year_on_year), "yoy"), (cue(raw.quarter_on_quarter), "qoq")],
        versus_estimates=cue(raw.versus_estimates),
        multiplying_verbs=[
            (cue(rf"(?:{verb})(?!\w)"), factor) for verb, factor in raw.multiplying_verbs
        ],
        more_than_verb=_before(raw.more_than_verb),
        attached_before=re.compile(rf"^\s*(?:(?:{raw.attached_before})\s*)?$", re.IGNORECASE),
        attached_after=re.compile(
            rf"^\s*(?:{raw.attached_after})(?:(?<=')|\s+)(?:[\w'-]+\s+)?$", re.IGNORECASE
        ),
        restated=re.compile(
            rf"^[^;:.()]{{0,30}}?[,(]?\s*(?:(?:{raw.restated})\s*)?$", re.IGNORECASE
        ),
        counted_noun=re.compile(
            rf"\s*(?:{raw.count_link})(?:(?<=')|\s+)(?-i:[a-zà-öø-ÿ])", re.IGNORECASE
        ),
        exceed_verbs=cue(raw.exceed_verbs),
        status_cues=[(cue(pattern), status) for pattern, status in raw.status_cues],
        anaphora=cue(f"{raw.anaphora}|{raw.anaphora_epithet}"),
        market_scope=cue(raw.market_scope),
        unnamed_subject=cue(raw.unnamed_subject),
        respectively=cue(rf"(?:{raw.respectively})(?!\w)"),
        attribution=cue(raw.attribution),
        denial=cue(raw.denial),
        conditional=cue(rf"(?:{raw.conditional})(?!\w)"),
        loss_noun=cue(rf"(?:{raw.loss_noun})(?!\w)"),
        personal_wealth=cue(rf"(?:{raw.personal_wealth})(?!\w)"),
        threshold_after=re.compile(rf"\s*(?:{raw.threshold_after})(?!\w)", re.IGNORECASE),
        aggregate=cue(rf"(?:{raw.aggregate})(?!\w)"),
        run_rate=cue(raw.run_rate),
        loss=cue(raw.loss),
        new_company_before=re.compile(
            rf"(?<!\w)(?i:{raw.org_before})(?P<name>{NAME_PATTERN})(?=$|[\s,;:.)»”\"'])"
        ),
        new_company_suffix=re.compile(
            rf"(?<![\w-])(?P<name>{NAME_PATTERN}),? (?P<suffix>{suffixes})(?=$|[\s,;:.)»”\"'])"
        ),
        person_roles=raw.person_roles,
        organisations=_organisation_cues(raw),
        demoting_before=_before(raw.demoting),
        results_at_before=_before(raw.results_at),
        genitive_before=_before(raw.genitive),
        demonstrative=cue(rf"(?:{raw.demonstrative})(?!\w)"),
        leading_adverbial=re.compile(rf"^\W*(?:{raw.leading_adverbial})(?!\w)", re.IGNORECASE),
        agent_before=_before(raw.agent),
        raw=raw,
        durations=cue(raw.durations),
        deal_cues=[
            DealCue(pattern=cue(pattern), kind=kind, subject_role=subject, other_role=other)
            for pattern, kind, subject, other in raw.deal_cues
        ],
        cloud_context=cue(raw.cloud_context),
        supply_context=cue(raw.supply_context),
        deal_status=[(cue(pattern), status) for pattern, status in raw.deal_status],
        clause_break=re.compile(raw.clause_break, re.IGNORECASE),
        contribution=cue(raw.contribution),
        relative_opening=re.compile(
            rf"\s*(?:\(|,?\s*(?:{raw.relative_pronouns})(?!\w))", re.IGNORECASE
        ),
        comparison=cue(raw.comparison),
        modified_noun=re.compile(rf"[\s-](?:{raw.modified_nouns})(?!\w)", re.IGNORECASE),
    )


_DETERMINERS = (
    "the|an?|l'|les?|la|une?|il|lo|gli|i|el|los|las|der|die|das|dem|den|des|ein|eine[nmr]?"
)
_NAME_END = r"(?=$|[\s,;:.)»”\"'])"
_LOWER_WORD = r"[a-zà-öø-ÿœ'][\w'-]*"
_PLACE_PREPOSITIONS = r"(?:de|di|del|da|d')(?![\w'])"
"""After an organisation noun they name a place: "le géant de Redmond" is no company "Redmond"."""
_RELATION_PREPOSITIONS = (
    r"(?:dietro|derrière|detrás|tras|behind|hinter|contro|contre|contra|against|gegen|"
    r"con|avec|with|mit|per|pour|para|for|für|senza|sans|sin|without|ohne)(?![\w'])"
)
"""After an organisation noun they relate it to another name: "la startup dietro Claude"
names the product or partner, not the startup."""


def _organisation_cues(raw: _RawLanguage) -> OrganisationCues:
    nouns = raw.org_nouns
    adjectives = (
        rf"(?:(?!{_PLACE_PREPOSITIONS}|{_RELATION_PREPOSITIONS}){_LOWER_WORD}\s+){{0,3}}?"
        if raw.adjectives_follow
        else ""
    )
    place = rf"(?<![\w-])(?i:{nouns})\s+(?:{_LOWER_WORD}\s+){{0,2}}?{_PLACE_PREPOSITIONS}\s*$"
    return OrganisationCues(
        noun=re.compile(rf"(?i:{nouns})"),
        after_noun=re.compile(
            rf"(?<![\w-])(?i:{nouns})\s+{adjectives}(?P<name>{NAME_PATTERN}){_NAME_END}"
        ),
        before_noun=re.compile(
            rf"(?<![\w-])(?P<name>{NAME_PATTERN}),\s+(?i:{_DETERMINERS})\s*"
            rf"(?:[\w'-]+\s+){{0,5}}?(?i:{nouns})(?!\w)"
        ),
        before_verb=re.compile(
            rf"(?<![\w-])(?P<name>{NAME_PATTERN})\s+(?i:{raw.corporate_verbs})(?!\w)"
        ),
        after_target_cue=re.compile(
            rf"(?<!\w)(?i:{raw.target_cues})\s+(?:(?i:{_DETERMINERS})\s*)?"
            rf"(?P<name>{NAME_PATTERN}){_NAME_END}"
        ),
        place_after_noun=re.compile(place),
        agent_after_noun=re.compile(
            rf"(?<![\w-])(?i:{nouns})\s+(?:{_LOWER_WORD}\s+){{1,2}}?(?i:{raw.agent})\s*$"
        ),
    )


def prepared(text: str) -> str:
    """``text`` with typographic apostrophes made plain, offsets unchanged."""
    return text.replace("’", "'").replace("‘", "'").replace("ʼ", "'")
