from datetime import date

import pytest

from service.ingest.coverage import figure_period, reporting_period
from service.ingest.gazetteer import Gazetteer
from service.ingest.periods import PeriodMention
from service.ingest.pipeline import extract

PUBLISHED = date(2025, 8, 21)


def _period(
    sentence: str, language: str, metric: str, amount: str, **before: PeriodMention
) -> tuple[date, date]:
    """The period of ``amount``; ``before``: the reporting or earlier period of the article."""
    start = sentence.index(amount)
    mention = figure_period(
        sentence,
        language,
        PUBLISHED,
        metric=metric,
        span=(start, start + len(amount)),
        others=[],
        future=False,
        **before,
    )
    return mention.first, mention.last


@pytest.mark.parametrize(
    ("language", "sentence", "amount"),
    [
        ("en", "Brakka is now valued at $12 billion.", "$12 billion"),
        ("fr", "Norvane détient 15 % du capital.", "15 %"),
        ("de", "Kestrel ist mit 4 Milliarden Euro bewertet.", "4 Milliarden"),
    ],
)
def test_a_level_without_a_named_period_is_as_of_the_publication_day(
    language: str, sentence: str, amount: str
) -> None:
    assert _period(sentence, language, "valuation", amount) == (PUBLISHED, PUBLISHED)


def test_a_level_of_a_quarter_is_as_of_its_last_day() -> None:
    sentence = "Its backlog stood at $90bn in the quarter ended May 31."
    assert _period(sentence, "en", "backlog", "$90bn") == (date(2025, 5, 31), date(2025, 5, 31))


def test_a_level_of_this_year_is_not_dated_to_the_end_of_a_year_still_running() -> None:
    sentence = "After raising funds in 2025, Brakka is valued at $12 billion."
    assert _period(sentence, "en", "valuation", "$12 billion") == (PUBLISHED, PUBLISHED)


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "last"),
    [
        (
            "en",
            "Zentrix signed a $4bn compute contract over five years.",
            "$4bn",
            date(2030, 8, 20),
        ),
        ("fr", "Un contrat de 3 milliards d'euros sur sept ans.", "3 milliards", date(2032, 8, 20)),
        (
            "es",
            "Un acuerdo de 900 millones durante los próximos tres años.",
            "900 millones",
            date(2028, 8, 20),
        ),
        ("en", "A $7bn agreement running through December 2031.", "$7bn", date(2031, 12, 31)),
        (
            "de",
            "Kestrel will bis 2027 rund 2 Milliarden Euro investieren.",
            "2 Milliarden",
            date(2027, 12, 31),
        ),
    ],
)
def test_a_commitment_runs_from_publication_to_its_end_never_the_calendar_year(
    language: str, sentence: str, amount: str, last: date
) -> None:
    assert _period(sentence, language, "contract_value", amount) == (PUBLISHED, last)


def test_a_news_day_is_a_market_move_not_the_period_of_a_flow() -> None:
    sentence = "On Tuesday Zentrix said capital spending would reach $9bn this year."
    assert _period(sentence, "en", "capex", "$9bn") == (date(2025, 1, 1), date(2025, 12, 31))
    moved = "Zentrix shares jumped 9% on Tuesday."
    assert _period(moved, "en", "share_price_change", "9%") == (
        date(2025, 8, 19),
        date(2025, 8, 19),
    )


def test_a_market_move_without_a_period_is_the_move_of_the_news_day() -> None:
    sentence = "Zentrix stock rose 7% after the results."
    assert _period(sentence, "en", "share_price_change", "7%") == (PUBLISHED, PUBLISHED)


def test_a_market_move_this_year_runs_to_the_publication_day() -> None:
    sentence = "The 30% rise of Zentrix shares in 2025 leads the index."
    assert _period(sentence, "en", "share_price_change", "30%") == (date(2025, 1, 1), PUBLISHED)


_FIRST_HALF = PeriodMention(0, 0, date(2025, 1, 1), date(2025, 6, 30), "quarter")


def _carried(sentence: str, metric: str, amount: str, *, future: bool = False) -> tuple[date, date]:
    start = sentence.index(amount)
    mention = figure_period(
        sentence,
        "fr",
        PUBLISHED,
        metric=metric,
        span=(start, start + len(amount)),
        others=[],
        future=future,
        reporting=_FIRST_HALF,
    )
    return mention.first, mention.last


def test_a_sentence_naming_no_period_takes_the_reporting_period_before_it() -> None:
    flow = "Ses dépenses de marketing ont atteint 2 milliards d'euros."
    assert _carried(flow, "rd_spending", "2 milliards") == (date(2025, 1, 1), date(2025, 6, 30))
    level = "Brakka disposait de 9 milliards d'euros de trésorerie à la fin de la période."
    assert _carried(level, "cash_and_securities", "9 milliards") == (
        date(2025, 6, 30),
        date(2025, 6, 30),
    )


def test_a_period_named_in_the_sentence_beats_the_reporting_period() -> None:
    sentence = "En 2024, ses dépenses ont atteint 2 milliards d'euros."
    assert _carried(sentence, "rd_spending", "2 milliards") == (
        date(2024, 1, 1),
        date(2024, 12, 31),
    )


def test_no_reporting_period_for_a_market_move_an_event_or_what_is_to_come() -> None:
    move = "L'action a bondi de 8 %."
    assert _carried(move, "share_price_change", "8 %") == (PUBLISHED, PUBLISHED)
    raised = "Brakka a levé 300 millions d'euros."
    assert _carried(raised, "funding_raised", "300 millions") == (
        date(2025, 1, 1),
        date(2025, 12, 31),
    )
    planned = "Brakka prévoit des ventes de 5 milliards d'euros."
    assert _carried(planned, "revenue", "5 milliards", future=True) == (
        date(2025, 1, 1),
        date(2025, 12, 31),
    )


@pytest.mark.parametrize(
    ("language", "sentence", "last"),
    [
        ("fr", "Au premier semestre, Brakka a vendu plus.", date(2025, 6, 30)),
        ("en", "In the quarter ended July 31, Quillon grew.", date(2025, 7, 31)),
        ("de", "Im zweiten Quartal wuchs Kestrel.", date(2025, 6, 30)),
    ],
)
def test_a_finished_quarter_or_half_year_becomes_the_reporting_period(
    language: str, sentence: str, last: date
) -> None:
    reporting = reporting_period(sentence, language, PUBLISHED, None)
    assert reporting is not None
    assert reporting.last == last


@pytest.mark.parametrize(
    "sentence",
    [
        "Au quatrième trimestre 2025, Brakka vise 2 milliards.",
        "En 2024, Brakka a vendu plus.",
        "Les ventes ont doublé par rapport au même trimestre de l'année précédente.",
    ],
)
def test_a_period_to_come_a_year_or_a_comparison_base_keeps_the_reporting_period(
    sentence: str,
) -> None:
    assert reporting_period(sentence, "fr", PUBLISHED, _FIRST_HALF) == _FIRST_HALF


def test_results_sentences_after_the_quarter_share_its_period() -> None:
    text = (
        "Au deuxième trimestre, Ubisoft a réalisé un chiffre d'affaires "
        "de 900 millions d'euros.\n\n"
        "Son bénéfice net ressort à 120 millions d'euros."
    )
    extraction = extract(
        text, published_on=PUBLISHED, gazetteer=Gazetteer.from_reference_data(), language="fr"
    )
    periods = {(f.period_start, f.period_end) for f in extraction.figures}
    assert periods == {(date(2025, 4, 1), date(2025, 6, 30))}


def test_the_change_of_a_level_is_dated_like_the_level() -> None:
    sentence = "In the quarter ended May 31, its backlog rose 40%."
    assert _period(sentence, "en", "backlog_growth_yoy", "40%") == (
        date(2025, 5, 31),
        date(2025, 5, 31),
    )


def test_a_quarter_near_a_share_move_is_the_results_not_the_move() -> None:
    sentence = "After its second-quarter results, Brakka's shares jumped 9% on Tuesday."
    assert _period(sentence, "en", "share_price_change", "9%") == (
        date(2025, 8, 19),
        date(2025, 8, 19),
    )
    sentence = "Shares of Brakka rose 9% after the second quarter results."
    assert _period(sentence, "en", "share_price_change", "9%") == (PUBLISHED, PUBLISHED)


def test_an_amount_in_parentheses_takes_no_period_from_after_them() -> None:
    sentence = "Its current sales ($2bn) will triple in 2027."
    assert _period(sentence, "en", "revenue", "$2bn") == (date(2025, 1, 1), date(2025, 12, 31))


def test_a_back_reference_takes_the_period_named_before() -> None:
    march = PeriodMention(0, 0, date(2024, 3, 1), date(2024, 3, 31), "month")
    cases = [
        ("fr", "Sa valorisation atteignait alors 2 milliards d'euros.", "2 milliards"),
        ("de", "Damals war Kestrel 2 Milliarden Euro wert.", "2 Milliarden"),
        ("en", "At the time, Quillon was valued at $2 billion.", "$2 billion"),
    ]
    for language, sentence, amount in cases:
        assert _period(sentence, language, "valuation", amount, earlier=march) == (
            march.first,
            march.last,
        )


def test_the_last_period_named_is_what_a_back_reference_points_to() -> None:
    text = (
        "En mars 2024, Ubisoft a levé 300 millions d'euros. "
        "Elle était alors valorisée à 2 milliards d'euros."
    )
    extraction = extract(
        text, published_on=PUBLISHED, gazetteer=Gazetteer.from_reference_data(), language="fr"
    )
    assert {
        (f.period_start, f.period_end) for f in extraction.figures if f.metric == "valuation"
    } == {(date(2024, 3, 1), date(2024, 3, 31))}
