from datetime import date

import pytest

from service.ingest.gazetteer import Gazetteer
from service.ingest.pipeline import extract

PUBLISHED = date(2025, 8, 21)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Anthropic's annualized revenue run rate reached $5 billion in August."),
        ("en", "Anthropic now has $5 billion in ARR, up from $1 billion in January."),
        ("fr", "Anthropic affiche un chiffre d'affaires annualisé de 5 milliards de dollars."),
        ("it", "Anthropic ha raggiunto ricavi annualizzati per 5 miliardi di dollari."),
        ("de", "Anthropic erreicht einen annualisierten Umsatz von 5 Milliarden Dollar."),
        ("es", "Anthropic alcanzó unos ingresos anualizados de 5.000 millones de dólares."),
    ],
)
def test_an_annualised_run_rate_is_labelled_run_rate(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    first = extraction.figures[0]
    assert (first.company, first.metric, first.basis) == ("anthropic", "revenue", "run_rate")


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Anthropic reported revenue of $5 billion for 2024."),
        ("fr", "Anthropic a réalisé un chiffre d'affaires de 5 milliards de dollars en 2024."),
        ("de", "Anthropic erzielte 2024 einen Umsatz von 5 Milliarden Dollar."),
    ],
)
def test_a_reported_total_is_labelled_total(gazetteer: Gazetteer, language: str, text: str) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert [f.basis for f in extraction.figures] == ["total"]
