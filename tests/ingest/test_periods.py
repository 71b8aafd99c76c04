from datetime import date

import pytest

from service.ingest.periods import choose_period, find_periods

PUBLISHED = date(2025, 8, 21)


@pytest.mark.parametrize(
    ("language", "sentence", "first", "last", "precision"),
    [
        ("fr", "En juillet, le chiffre a doublé.", date(2025, 7, 1), date(2025, 7, 31), "month"),
        ("it", "A luglio il fatturato è salito.", date(2025, 7, 1), date(2025, 7, 31), "month"),
        ("de", "Im Juli stieg der Umsatz.", date(2025, 7, 1), date(2025, 7, 31), "month"),
        ("es", "En julio subieron las ventas.", date(2025, 7, 1), date(2025, 7, 31), "month"),
        ("en", "In December sales fell.", date(2024, 12, 1), date(2024, 12, 31), "month"),
        ("fr", "Cette année, les ventes montent.", date(2025, 1, 1), date(2025, 12, 31), "year"),
        ("it", "Quest'anno le vendite salgono.", date(2025, 1, 1), date(2025, 12, 31), "year"),
        ("de", "Dieses Jahr steigt der Umsatz.", date(2025, 1, 1), date(2025, 12, 31), "year"),
        ("es", "Este año suben las ventas.", date(2025, 1, 1), date(2025, 12, 31), "year"),
        ("en", "Last year sales rose.", date(2024, 1, 1), date(2024, 12, 31), "year"),
        ("fr", "L'année dernière, il a perdu.", date(2024, 1, 1), date(2024, 12, 31), "year"),
        ("fr", "En 2027, il dépensera plus.", date(2027, 1, 1), date(2027, 12, 31), "year"),
        ("it", "Nel 2027 spenderà di più.", date(2027, 1, 1), date(2027, 12, 31), "year"),
        ("de", "Im Jahr 2027 steigen die Kosten.", date(2027, 1, 1), date(2027, 12, 31), "year"),
        ("en", "Q3 2025 was strong.", date(2025, 7, 1), date(2025, 9, 30), "quarter"),
        (
            "fr",
            "Au troisième trimestre, tout a monté.",
            date(2025, 7, 1),
            date(2025, 9, 30),
            "quarter",
        ),
        ("it", "Nel secondo trimestre è salito.", date(2025, 4, 1), date(2025, 6, 30), "quarter"),
        ("de", "Im dritten Quartal stieg er.", date(2025, 7, 1), date(2025, 9, 30), "quarter"),
        (
            "es",
            "En el tercer trimestre de 2024 subió.",
            date(2024, 7, 1),
            date(2024, 9, 30),
            "quarter",
        ),
        (
            "fr",
            "Elle génère annuellement des ventes.",
            date(2025, 1, 1),
            date(2025, 12, 31),
            "year",
        ),
        ("de", "Sie verdient jährlich mehr.", date(2025, 1, 1), date(2025, 12, 31), "year"),
        ("en", "Shares rose after the announcement.", PUBLISHED, PUBLISHED, "day"),
        ("it", "Erano 20 a fine marzo.", date(2025, 3, 31), date(2025, 3, 31), "day"),
        ("es", "A finales de marzo eran 20.", date(2025, 3, 31), date(2025, 3, 31), "day"),
        ("en", "20 at the end of March.", date(2025, 3, 31), date(2025, 3, 31), "day"),
        ("en", "Up in the June quarter.", date(2025, 4, 1), date(2025, 6, 30), "quarter"),
        ("fr", "Au premier semestre 2024.", date(2024, 1, 1), date(2024, 6, 30), "quarter"),
        ("en", "In the first half, it rose.", date(2025, 1, 1), date(2025, 6, 30), "quarter"),
        ("en", "Its H2 2024 sales fell.", date(2024, 7, 1), date(2024, 12, 31), "quarter"),
        ("de", "Im ersten Halbjahr.", date(2025, 1, 1), date(2025, 6, 30), "quarter"),
        ("it", "Nel secondo semestre 2024.", date(2024, 7, 1), date(2024, 12, 31), "quarter"),
        ("es", "En el primer semestre.", date(2025, 1, 1), date(2025, 6, 30), "quarter"),
        ("en", "Its second-quarter sales.", date(2025, 4, 1), date(2025, 6, 30), "quarter"),
        ("en", "Its first-half sales.", date(2025, 1, 1), date(2025, 6, 30), "quarter"),
    ],
)
def test_time_expressions_resolve_against_the_publication_date(
    language: str, sentence: str, first: date, last: date, precision: str
) -> None:
    (mention,) = find_periods(sentence, language, PUBLISHED, future=False)
    assert (mention.first, mention.last, mention.precision) == (first, last, precision)


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("fr", "D'ici 2030, elle vise la moitié."),
        ("it", "Entro il 2030 punta alla metà."),
        ("de", "Bis 2030 will sie die Hälfte."),
        ("es", "Para 2030 quiere la mitad."),
        ("en", "By 2030 it wants half."),
    ],
)
def test_a_deadline_year_is_marked_as_deadline(language: str, sentence: str) -> None:
    (mention,) = find_periods(sentence, language, PUBLISHED, future=False)
    assert mention.deadline
    assert mention.first == date(2030, 1, 1)


def test_a_future_month_without_year_is_the_coming_one() -> None:
    (mention,) = find_periods("En mars, il lancera le modèle.", "fr", PUBLISHED, future=True)
    assert mention.first == date(2026, 3, 1)


def test_each_quantity_takes_the_period_with_no_other_quantity_in_between() -> None:
    sentence = (
        "En 2027, il prévoit 20 milliards, soit quatre fois les 5 milliards dépensés en 2024."
    )
    mentions = find_periods(sentence, "fr", PUBLISHED, future=False)
    first = (sentence.index("20 milliards"), sentence.index("20 milliards") + 12)
    last = (sentence.index("5 milliards"), sentence.index("5 milliards") + 11)
    for span, other, year in ((first, last, 2027), (last, first, 2024)):
        chosen = choose_period(mentions, *span, [other])
        assert chosen is not None
        assert chosen.first.year == year


@pytest.mark.parametrize(
    ("language", "sentence", "first", "last"),
    [
        (
            "en",
            "Its order book hit $9bn in the quarter ended May 31.",
            date(2025, 3, 1),
            date(2025, 5, 31),
        ),
        (
            "fr",
            "Sur le trimestre clos fin juin, elle a gagné plus.",
            date(2025, 4, 1),
            date(2025, 6, 30),
        ),
        (
            "it",
            "Nel trimestre chiuso a fine luglio i ricavi salgono.",
            date(2025, 5, 1),
            date(2025, 7, 31),
        ),
        (
            "de",
            "Im Quartal, das Ende Juni endete, stieg der Umsatz.",
            date(2025, 4, 1),
            date(2025, 6, 30),
        ),
        (
            "es",
            "En el trimestre cerrado el 31 de julio ganó más.",
            date(2025, 5, 1),
            date(2025, 7, 31),
        ),
    ],
)
def test_a_quarter_ended_in_a_month_is_the_three_months_to_its_end(
    language: str, sentence: str, first: date, last: date
) -> None:
    (mention,) = find_periods(sentence, language, PUBLISHED, future=False)
    assert (mention.first, mention.last, mention.precision) == (first, last, "quarter")


@pytest.mark.parametrize(
    ("language", "sentence", "day"),
    [
        ("en", "Shares of Zentrix jumped 9% on Tuesday.", date(2025, 8, 19)),
        ("fr", "L'action a bondi de 9 % mardi.", date(2025, 8, 19)),
        ("it", "Il titolo è salito del 9% giovedì.", date(2025, 8, 21)),
        ("de", "Die Aktie stieg am Mittwoch um 9 Prozent.", date(2025, 8, 20)),
        ("es", "Las acciones subieron un 9% el lunes.", date(2025, 8, 18)),
    ],
)
def test_a_weekday_is_the_last_such_day_up_to_publication_and_a_news_event(
    language: str, sentence: str, day: date
) -> None:
    (mention,) = find_periods(sentence, language, PUBLISHED, future=False)
    assert (mention.first, mention.last, mention.event) == (day, day, True)


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "Its shares are up 40% so far this year."),
        ("fr", "Le titre a pris 40 % depuis le début de l'année."),
        ("it", "Il titolo è cresciuto del 40% da inizio anno."),
        ("de", "Die Aktie legte seit Jahresbeginn um 40 Prozent zu."),
        ("es", "La acción ha subido un 40% en lo que va del año."),
    ],
)
def test_so_far_this_year_runs_to_the_publication_day(language: str, sentence: str) -> None:
    (mention,) = find_periods(sentence, language, PUBLISHED, future=False)
    assert (mention.first, mention.last) == (date(2025, 1, 1), PUBLISHED)


def test_a_month_after_through_is_a_deadline() -> None:
    (mention,) = find_periods("a deal running through March 2030", "en", PUBLISHED, future=False)
    assert mention.deadline
    assert mention.last == date(2030, 3, 31)


def test_a_chip_name_is_no_half_year() -> None:
    assert find_periods("Zorvex bought 5,000 H100 chips.", "en", PUBLISHED, future=False) == []


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "Quillon aims to run 2,000 servers by year-end."),
        ("fr", "Zorvex vise 2 000 serveurs d'ici la fin de l'année."),
        ("de", "Brakel will bis Jahresende 2.000 Server betreiben."),
    ],
)
def test_the_end_of_this_year_is_a_deadline(language: str, sentence: str) -> None:
    (mention,) = find_periods(sentence, language, PUBLISHED, future=True)
    assert (mention.last, mention.deadline) == (date(2025, 12, 31), True)


def test_a_quarter_said_to_have_ended_is_past_even_among_forecasts() -> None:
    sentence = "Au trimestre clos fin juin, les analystes anticipaient 3 milliards."
    (mention,) = find_periods(sentence, "fr", PUBLISHED, future=True)
    assert (mention.first, mention.last) == (date(2025, 4, 1), date(2025, 6, 30))


def test_annualised_is_no_annual_period() -> None:
    sentence = "Its annualised revenue reached $40 million in July."
    (mention,) = find_periods(sentence, "en", PUBLISHED, future=False)
    assert (mention.first, mention.last) == (date(2025, 7, 1), date(2025, 7, 31))
