from datetime import date

import pytest

from service.ingest.periods import PeriodMention
from service.ingest.status import cue_status, deal_status, exceeds, figure_status

PUBLISHED = date(2025, 8, 21)
THIS_YEAR = PeriodMention(0, 0, date(2025, 1, 1), date(2025, 12, 31), "year")


def _status(sentence: str, language: str, amount: str) -> str | None:
    start = sentence.index(amount)
    return cue_status(sentence, language, start, start + len(amount))


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "status"),
    [
        ("fr", "OpenAI prévoit des dépenses de 20 milliards.", "20 milliards", "forecast"),
        ("fr", "Cela pourrait coûter 3 billions de dollars.", "3 billions", "future"),
        ("en", "The company will spend $5bn.", "$5bn", "plan"),
        ("it", "Il gruppo dovrebbe incassare 2 miliardi.", "2 miliardi", "future"),
        ("de", "Der Konzern wird 3 Mrd. Euro ausgeben.", "3 Mrd. Euro", "future"),
        ("es", "La empresa prevé gastar 4.000 millones.", "4.000 millones", "forecast"),
        ("fr", "Une valorisation estimée à 500 milliards.", "500 milliards", "estimate"),
        ("en", "Revenue, estimated at $3bn, grew.", "$3bn", "estimate"),
        ("it", "Una valutazione stimata di 500 miliardi.", "500 miliardi", "estimate"),
        ("de", "Der Umsatz wird auf 3 Mrd. Euro geschätzt.", "3 Mrd. Euro", "estimate"),
        ("es", "Unos ingresos estimados de 300 millones.", "300 millones", "estimate"),
        ("fr", "Son objectif initial de 40 milliards.", "40 milliards", "target"),
        ("en", "Its goal is $10bn in sales.", "$10bn", "target"),
        ("it", "L'obiettivo è 1 miliardo.", "1 miliardo", "target"),
        ("de", "Das Ziel sind 2 Mrd. Euro.", "2 Mrd. Euro", "target"),
        ("es", "El objetivo es 1.000 millones.", "1.000 millones", "target"),
        ("fr", "Sa dernière valorisation divulguée de 300 milliards.", "300 milliards", "actual"),
        ("en", "Nvidia reported revenue of $44bn.", "$44bn", "actual"),
        ("en", "Zentrix plans to deploy 4 GW of capacity.", "4 GW", "plan"),
        ("en", "Zentrix will invest up to $2bn in Brakka.", "$2bn", "plan"),
        ("fr", "Norvane prévoit d'investir jusqu'à 2 milliards d'euros.", "2 milliards", "plan"),
        ("it", "Lumora investirà fino a 5 miliardi di euro.", "5 miliardi", "plan"),
        ("de", "Kestrel will rund 3 Milliarden Euro investieren.", "3 Milliarden", "plan"),
        ("es", "Tavira invertirá 900 millones de euros.", "900 millones", "plan"),
        ("en", "Zentrix has a reported valuation of $9 billion.", "$9 billion", "rumor"),
        ("fr", "Norvane serait en discussions pour lever 300 millions.", "300 millions", "rumor"),
        ("it", "Secondo indiscrezioni Lumora vale 2 miliardi.", "2 miliardi", "rumor"),
        ("de", "Kestrel hat angeblich 80 Millionen Euro erhalten.", "80 Millionen", "rumor"),
        ("es", "Tavira estaría en conversaciones para captar 50 millones.", "50 millones", "rumor"),
        ("en", "Zentrix, whose shares have risen 60% this year, guides higher.", "60%", "actual"),
        ("it", "La divisione ha superato le stime di 2,1 miliardi.", "2,1 miliardi", "expected"),
        ("en", "Quillon will own 30% of Brakka, and its stake is worth $4bn.", "$4bn", None),
        ("en", "Capex hit $9bn this year and more is planned for 2027.", "$9bn", None),
        (
            "fr",
            "Brakka est en discussions : on la valoriserait à 9 milliards.",
            "9 milliards",
            "rumor",
        ),
        ("en", "Quillon is in talks over a deal that would value it at $3bn.", "$3bn", "rumor"),
        ("de", "Das entspräche einer Bewertung von 400 Millionen Euro.", "400 Millionen", "rumor"),
        ("de", "Sie hätten 15 Prozent für 60 Millionen Euro erhalten.", "60 Millionen", "rumor"),
        ("de", "Den Gründern sollen 70 Millionen Euro zugeflossen sein.", "70 Millionen", "rumor"),
        ("fr", "Ventes de 4 milliards, battant les attentes des analystes.", "4 milliards", None),
        (
            "fr",
            "Battant les attentes des analystes qui visaient 3 milliards.",
            "3 milliards",
            "expected",
        ),
        ("es", "Sus ventas actuales (90 millones) llegarán a más en 2027.", "90 millones", None),
    ],
)
def test_the_nearest_cue_word_gives_the_status(
    language: str, sentence: str, amount: str, status: str | None
) -> None:
    assert _status(sentence, language, amount) == status


def test_a_deadline_period_makes_a_target_of_an_outcome_and_a_plan_of_an_action() -> None:
    deadline = PeriodMention(0, 0, date(2030, 1, 1), date(2030, 12, 31), "year", deadline=True)
    assert figure_status("forecast", deadline, PUBLISHED, "revenue") == "target"
    assert figure_status(None, deadline, PUBLISHED, "gpus") == "plan"
    assert figure_status("actual", deadline, PUBLISHED, "contract_value") == "actual"


def test_a_forecast_cue_about_a_finished_period_is_an_actual() -> None:
    past = PeriodMention(0, 0, date(2024, 1, 1), date(2024, 12, 31), "year")
    assert figure_status("forecast", past, PUBLISHED, "revenue") == "actual"


def test_no_cue_means_actual_now_and_forecast_for_a_future_period() -> None:
    future = PeriodMention(0, 0, date(2027, 1, 1), date(2027, 12, 31), "year")
    assert figure_status(None, THIS_YEAR, PUBLISHED, "revenue") == "actual"
    assert figure_status(None, future, PUBLISHED, "revenue") == "forecast"
    assert figure_status(None, future, PUBLISHED, "power_capacity") == "plan"


def test_a_future_tense_is_a_plan_for_what_a_company_does_and_a_forecast_for_outcomes() -> None:
    assert figure_status("future", THIS_YEAR, PUBLISHED, "investment") == "plan"
    assert figure_status("future", THIS_YEAR, PUBLISHED, "revenue") == "forecast"
    assert figure_status("target", THIS_YEAR, PUBLISHED, "gpus") == "plan"


def test_a_cue_far_from_the_quantity_does_not_qualify_it() -> None:
    sentence = (
        "Zentrix said on Monday that it expects its order book to grow strongly, helped by "
        "demand for its cheaper hosting services and sending its shares up 12% after hours."
    )
    assert _status(sentence, "en", "12%") is None


@pytest.mark.parametrize(
    ("language", "sentence", "status"),
    [
        ("fr", "OpenAI a signé un accord avec AWS.", "signed"),
        ("en", "Oracle signed a deal with OpenAI.", "signed"),
        ("it", "Il gruppo ha firmato un contratto.", "signed"),
        ("de", "Die Firmen haben einen Vertrag unterzeichnet.", "signed"),
        ("es", "Telefónica firmó un acuerdo.", "signed"),
        ("fr", "OpenAI se préparerait à une vente d'actions.", "rumored"),
        ("en", "Apple is reportedly in talks to buy it.", "rumored"),
        ("it", "OpenAI starebbe preparando una vendita di azioni.", "rumored"),
        ("de", "Die Firma soll übernommen werden.", "rumored"),
        ("es", "La empresa estaría negociando una compra.", "rumored"),
        ("fr", "Le groupe prévoit de racheter la start-up.", "planned"),
        ("en", "Microsoft plans to acquire the firm.", "planned"),
        ("en", "The two firms announced a partnership.", "announced"),
    ],
)
def test_deal_status_follows_its_cue_words(language: str, sentence: str, status: str) -> None:
    assert deal_status(sentence, language) == status


def test_a_finite_exceed_verb_before_the_amount_makes_a_lower_bound() -> None:
    sentence = "L'entreprise a dépassé pour la première fois un revenu d'un milliard."
    assert exceeds(sentence, "fr", sentence.index("un milliard"))


def test_a_participle_of_exceed_is_not_a_lower_bound() -> None:
    sentence = "OpenAI a obtenu 41 milliards, dépassant son objectif de 40 milliards."
    assert not exceeds(sentence, "fr", sentence.index("40 milliards"))


def test_what_analysts_expected_of_a_finished_period_stays_a_forecast() -> None:
    last_quarter = PeriodMention(0, 0, date(2025, 4, 1), date(2025, 6, 30), "quarter")
    assert figure_status("expected", last_quarter, PUBLISHED, "revenue") == "forecast"
    assert figure_status("forecast", last_quarter, PUBLISHED, "revenue") == "actual"


def test_money_committed_without_cue_is_a_plan_unless_dated_to_a_period_over() -> None:
    unstated = PeriodMention(0, 0, date(2025, 1, 1), date(2025, 12, 31), "year")
    stated_past = PeriodMention(10, 14, date(2019, 1, 1), date(2019, 12, 31), "year")
    assert figure_status(None, unstated, PUBLISHED, "investment") == "plan"
    assert figure_status(None, stated_past, PUBLISHED, "investment") == "actual"
    assert figure_status(None, unstated, PUBLISHED, "contract_value") == "actual"


@pytest.mark.parametrize(
    ("language", "sentence", "amount"),
    [
        ("en", "Quillon had invested $2bn in Brakka.", "$2bn"),
        ("it", "Lumora aveva investito 3 miliardi in Vantro.", "3 miliardi"),
        ("es", "Tavira había invertido 400 millones en Lumeria.", "400 millones"),
    ],
)
def test_an_investment_made_is_actual(language: str, sentence: str, amount: str) -> None:
    assert _status(sentence, language, amount) == "actual"


def test_an_italian_forecast_named_previsione_is_a_forecast() -> None:
    """'la previsione di spesa ... a 40 miliardi' states guidance, not a realised figure."""
    sentence = "Il gruppo ha alzato la previsione di spesa per il 2026 a 40 miliardi di dollari."
    start = sentence.index("40")
    assert cue_status(sentence, "it", start, start + len("40 miliardi di dollari")) == "forecast"
