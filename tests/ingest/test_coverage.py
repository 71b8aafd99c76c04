from datetime import date

import pytest

from service.ingest.coverage import figure_period

PUBLISHED = date(2025, 8, 21)


def _period(sentence: str, language: str, metric: str, amount: str) -> tuple[date, date]:
    start = sentence.index(amount)
    mention = figure_period(
        sentence,
        language,
        PUBLISHED,
        metric=metric,
        span=(start, start + len(amount)),
        others=[],
        future=False,
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
