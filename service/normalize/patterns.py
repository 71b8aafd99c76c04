"""Per-language regular expressions, compiled once per language on first use."""

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from service.normalize import currencies, hedges, scales, units
from service.normalize.lexicon import SPACE, alternation, folded_lookup
from service.normalize.numbers import digits_pattern
from service.normalize.spelled import spelled_pattern
from service.normalize.types import Bound, Period

_GAP = SPACE + "*+"
_HEDGE_WINDOW = 40


def _links(forms: tuple[str, ...]) -> str:
    """Optional linking word ("de", "d'", "of") before a unit or thing."""
    if not forms:
        return ""
    apostrophes = [form for form in forms if form.endswith("'")]
    words = [form for form in forms if not form.endswith("'")]
    parts = [f"{alternation(words)}{SPACE}+"] if words else []
    parts += [alternation(apostrophes)] if apostrophes else []
    return "(?i:" + "|".join(parts) + ")?"


@dataclass(frozen=True)
class Grammar:
    """Compiled patterns and folded lookup tables of one language."""

    lang: str
    anchor: re.Pattern[str]
    number: re.Pattern[str]
    scale: re.Pattern[str]
    currency_prefix: re.Pattern[str]
    currency_suffix: re.Pattern[str]
    physical: re.Pattern[str]
    percent: re.Pattern[str]
    times: re.Pattern[str]
    count: re.Pattern[str]
    post_adjective: re.Pattern[str]
    period: re.Pattern[str]
    hedge: re.Pattern[str]
    range_opener: re.Pattern[str]
    range_link: re.Pattern[str]
    partitive: re.Pattern[str]
    scales: dict[str, scales.Scale]
    vague_multipliers: dict[str, tuple[int, int]]
    vague_plurals: dict[str, Decimal]
    multiples: dict[str, int]
    currency_words: dict[str, str]
    count_nouns: dict[str, str]
    adjectives: dict[str, Period | None]
    post_adjectives: dict[str, Period | None]
    periods: dict[str, Period]
    hedges: dict[str, Bound]
    just_under: frozenset[str]
    openers: dict[str, tuple[str, ...]]
    bare_connectors: frozenset[str]
    alternatives: frozenset[str]
    hedge_window: int = _HEDGE_WINDOW
    comma_groups: bool = False
    """Whether the text at hand groups thousands with a comma (see ``finder.scan``)."""


def _scale_pattern(lang: str) -> str:
    words = alternation(scales.SCALE_WORDS[lang])
    abbreviations = scales.SCALE_ABBREVIATIONS[lang]
    dotted = alternation(form for form in abbreviations if len(form) >= 3)
    short = alternation(form for form in abbreviations if len(form) < 3)
    priced = alternation(scales.CURRENCY_SCALE_ABBREVIATIONS[lang]) + r"(?=[ \u00a0]?[$€£])"
    return (
        rf"(?:(?<=\d)-(?=[^\W\d_])|{_GAP})(?:(?P<word>(?i:{words}))\b"
        rf"|(?P<abbr>{dotted}\.?|{short}|{priced})(?![^\W\d_]))"
    )


def _vague_pattern(lang: str) -> str:
    multipliers = alternation(scales.VAGUE_MULTIPLIERS[lang])
    plurals = alternation(scales.VAGUE_PLURALS[lang])
    link = _links(scales.VAGUE_LINKS[lang])
    return (
        rf"(?P<vague>(?i:\b(?:(?P<vmult>{multipliers}){SPACE}+{link})?"
        rf"(?P<vplural>{plurals})\b))"
    )


def _multiple_pattern(lang: str) -> str:
    return rf"(?P<multiple>(?i:\b{alternation(units.MULTIPLE_WORDS[lang])}\b))"


def _anchor_pattern(lang: str) -> str:
    scale_words = "(?:" + alternation(scales.SCALE_WORDS[lang]) + ")"
    not_after = r"(?<![\w#@])(?<![\w+]\+)(?<!\d[-./:,])(?<![^\W\d_]-)(?<!\d[ \u00a0\u202f])"
    digits = not_after + digits_pattern(lang)
    unit_words = rf"(?:{alternation(units.PREFIX_WORDS)})?[ -]?{alternation(units.WATT_WORDS)}"
    spelled = spelled_pattern(lang, scale_words, unit_words)
    words = (_vague_pattern(lang), _multiple_pattern(lang), spelled)
    return rf"{digits}|(?=\b[^\W\d_])(?:{'|'.join(words)})"


def _currency_symbols() -> str:
    return alternation(currencies.SYMBOLS)


def _currency_codes() -> str:
    return alternation((*currencies.CODES, *currencies.ALIASES))


def _currency_prefix_pattern() -> str:
    return rf"(?:(?P<sym>{_currency_symbols()})|\b(?P<code>{_currency_codes()}))[ \u00a0]?$"


def _currency_suffix_pattern(lang: str) -> str:
    words = alternation(currencies.WORDS[lang])
    link = _links(currencies.CURRENCY_LINKS[lang])
    return (
        rf"{_GAP}(?:(?P<sym>{_currency_symbols()})|(?P<code>{_currency_codes()})\b"
        rf"|{link}(?P<word>(?i:{words}))(?![\w-]))"
    )


def _physical_pattern() -> str:
    prefixes = alternation(units.PREFIX_WORDS)
    watts = alternation(units.WATT_WORDS)
    hours = alternation(units.HOUR_WORDS)
    symbol = r"(?P<prefix>[kKMGTP])(?P<base>Wh|W)\b"
    word = rf"(?i:(?P<wprefix>{prefixes})?[ -]?{watts}(?P<hours>[ -]?{hours})?)\b"
    return rf"{_GAP}(?:{symbol}|(?P<word>{word}))"


def _count_pattern(lang: str) -> str:
    """A counted thing after an amount, past at most three adjectives or model names.

    Model names are capitalised ("Nvidia H100 GPUs"): matched case-sensitively so that
    no ordinary word is skipped; a barrier word (preposition, time word) stops the search.
    """
    model = r"[A-Z][\w.]*\d[\w.]*" if lang == "de" else r"[A-Z][\w.]*"
    adjectives = units.COUNT_ADJECTIVES[lang]
    word = f"(?:(?i:{alternation(adjectives)})|{model})" if adjectives else model
    barrier = alternation(units.COUNT_BARRIERS[lang])
    nouns = alternation(units.COUNT_NOUNS[lang])
    link = _links(units.COUNT_LINKS[lang])
    return (
        rf"{_GAP}{link}(?P<skipped>(?:(?!(?i:{barrier})\b){word}{SPACE}+){{0,3}}?)"
        rf"(?:[\w.]+-)?(?P<noun>(?i:{nouns}))\b"
    )


def _period_pattern(lang: str) -> str:
    phrases = dict(units.PERIOD_PHRASES[lang])
    if lang == "en":
        phrases |= {"/year": "year", "/yr": "year", "/month": "month", "/mo": "month"}
    return rf"{_GAP},?{_GAP}(?P<period>(?i:{alternation(phrases)}))(?![\w])"


def _range_link_pattern(lang: str) -> str:
    words = [word for connectors in hedges.RANGE_OPENERS[lang].values() for word in connectors]
    words += hedges.BARE_RANGE_CONNECTORS[lang]
    words += hedges.ALTERNATIVE_CONNECTORS[lang]
    dashes = "[" + re.escape("".join(hedges.DASHES)) + "]"
    return rf"{_GAP}(?:(?P<dash>{dashes})|(?P<word>(?i:{alternation(words)}))\b){_GAP}"


@cache
def grammar(lang: str) -> Grammar:
    """Compiled grammar of ``lang`` (one of ``LANGUAGES``), built once."""
    openers = hedges.RANGE_OPENERS[lang]
    hedge_forms = alternation(hedges.HEDGES[lang])
    post = units.POST_ADJECTIVES[lang]
    post_pattern = rf"{_GAP}(?P<adj>(?i:{alternation(post)}))\b" if post else r"(?!)"
    return Grammar(
        lang=lang,
        anchor=re.compile(_anchor_pattern(lang)),
        number=re.compile(digits_pattern(lang) + "|" + spelled_pattern(lang, "(?!)")),
        scale=re.compile(_scale_pattern(lang)),
        currency_prefix=re.compile(_currency_prefix_pattern()),
        currency_suffix=re.compile(_currency_suffix_pattern(lang)),
        physical=re.compile(_physical_pattern()),
        percent=re.compile(rf"{_GAP}(?:%|(?i:{alternation(units.PERCENT_WORDS[lang])})\b)"),
        times=re.compile(
            rf"(?:[xX×](?![\w.,]\d)(?!\w)|{_GAP}-?(?i:{alternation(units.TIMES_WORDS[lang])})\b)"
        ),
        count=re.compile(_count_pattern(lang)),
        post_adjective=re.compile(post_pattern),
        period=re.compile(_period_pattern(lang)),
        hedge=re.compile(rf"(?i:(?<![\w])(?P<hedge>{hedge_forms}))[ \u00a0]*$"),
        range_opener=re.compile(rf"(?i:\b(?P<opener>{alternation(openers)}))[ \u00a0]*$"),
        range_link=re.compile(_range_link_pattern(lang)),
        partitive=re.compile(
            rf"{_GAP}(?i:{alternation(hedges.PARTITIVE_LINKS[lang])}){SPACE}+(?=\S)"
        ),
        scales=folded_lookup(
            scales.SCALE_WORDS[lang]
            | scales.SCALE_ABBREVIATIONS[lang]
            | scales.CURRENCY_SCALE_ABBREVIATIONS[lang]
        ),
        vague_multipliers=folded_lookup(scales.VAGUE_MULTIPLIERS[lang]),
        vague_plurals=folded_lookup(scales.VAGUE_PLURALS[lang]),
        multiples=folded_lookup(units.MULTIPLE_WORDS[lang]),
        currency_words=folded_lookup(currencies.WORDS[lang]),
        count_nouns=folded_lookup(units.COUNT_NOUNS[lang]),
        adjectives=folded_lookup(units.COUNT_ADJECTIVES[lang]),
        post_adjectives=folded_lookup(post),
        periods=folded_lookup(units.PERIOD_PHRASES[lang])
        | {"/year": "year", "/yr": "year", "/month": "month", "/mo": "month"},
        hedges=folded_lookup(hedges.HEDGES[lang]),
        just_under=frozenset(folded_lookup(dict.fromkeys(hedges.JUST_UNDER[lang]))),
        openers=folded_lookup(openers),
        bare_connectors=frozenset(hedges.BARE_RANGE_CONNECTORS[lang]),
        alternatives=frozenset(hedges.ALTERNATIVE_CONNECTORS[lang]),
    )
