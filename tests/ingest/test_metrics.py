from datetime import date

import pytest

from service.ingest.metrics import classify
from service.normalize import find_quantities

PUBLISHED = date(2025, 8, 21)


def _metric(sentence: str, language: str, amount: str) -> str | None:
    quantity = next(q for q in find_quantities(sentence, language, PUBLISHED) if amount in q.text)
    return classify(sentence, language, quantity)


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "metric"),
    [
        ("en", "Revenue reached $44 billion.", "44", "revenue"),
        ("fr", "Un chiffre d'affaires de 3 milliards d'euros.", "3", "revenue"),
        ("it", "Il fatturato è di 2 miliardi di euro.", "2", "revenue"),
        ("de", "Der Umsatz lag bei 29 Mrd. Euro.", "29", "revenue"),
        ("es", "Los ingresos fueron de 500 millones de euros.", "500", "revenue"),
        ("en", "The startup is valued at $10 billion.", "10", "valuation"),
        ("fr", "Une valorisation de 300 milliards de dollars.", "300", "valuation"),
        ("de", "Die Bewertung liegt bei 1 Mrd. Euro.", "1", "valuation"),
        ("it", "L'azienda ha raccolto 600 milioni di euro.", "600", "funding_raised"),
        ("es", "La empresa recaudó 100 millones de euros.", "100", "funding_raised"),
        ("fr", "OpenAI prévoit des dépenses de 20 milliards de dollars.", "20", "spending"),
        ("en", "To build data centres, Meta will spend $60 billion.", "60", "capex"),
        ("de", "Die Aktie stieg um 2,5 Prozent.", "2,5", "share_price_change"),
        ("fr", "75% de la puissance de calcul viendra de Stargate.", "75", "compute_share"),
        ("fr", "Des dépenses, soit quatre fois plus qu'avant.", "quatre", "cost_multiple"),
        ("en", "It has 800 million users per week.", "800", "weekly_users"),
        ("en", "It bought 100,000 GPUs.", "100,000", "gpus"),
        ("en", "The site draws 5 gigawatts.", "5", "power_capacity"),
    ],
)
def test_cue_words_and_units_name_the_metric(
    language: str, sentence: str, amount: str, metric: str
) -> None:
    assert _metric(sentence, language, amount) == metric


def test_money_is_never_a_count_metric() -> None:
    assert _metric("It needs GPUs worth $3 billion.", "en", "3") != "gpus"


def test_a_percentage_is_not_a_cost_multiple() -> None:
    assert _metric("Costs rose 20% this year.", "en", "20") is None


def test_a_cue_in_the_same_clause_beats_a_nearer_one_across_a_comma() -> None:
    sentence = (
        "Sa valorisation divulguée de 300 milliards de dollars, lors d'un tour de financement."
    )
    assert _metric(sentence, "fr", "300") == "valuation"


def test_a_quantity_without_cue_has_no_metric() -> None:
    assert _metric("Il y a 300 milliards de dollars en jeu.", "fr", "300") is None
