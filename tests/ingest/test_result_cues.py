"""Results read as a careful reader reads them: net income called "ingresos netos", a loss
named only once before a dash, a fall told in the subjunctive."""

from datetime import date
from decimal import Decimal

import pytest

from service.ingest.gazetteer import Gazetteer
from service.ingest.pipeline import extract
from service.ingest.types import Extraction

PUBLISHED = date(2025, 10, 30)


def _metrics(extraction: Extraction) -> dict[Decimal, tuple[str, Decimal]]:
    """Each figure's absolute value -> its metric and signed value."""
    return {abs(f.quantity.value): (f.metric, f.quantity.value) for f in extraction.figures}


@pytest.mark.parametrize(
    "text",
    [
        "Los ingresos netos de Oracle crecieron un 9 por ciento, hasta 3.100 millones de "
        "dólares, en el trimestre.",
        "Oracle elevó su ingreso neto a 3.100 millones de dólares en el trimestre, con un "
        "aumento del 9 por ciento.",
    ],
)
def test_spanish_ingresos_netos_is_net_income_not_revenue(gazetteer: Gazetteer, text: str) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="es")
    found = _metrics(extraction)
    assert found[Decimal("3.1e9")][0] == "net_income"
    assert found[Decimal("0.09")][0] == "net_income_growth"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Oracle said the operating loss of its hardware unit narrowed - from $1.4 billion a "
            "year ago to $0.9 billion now.",
        ),
        (
            "fr",
            "Chez Oracle, la perte opérationnelle de la division matériel s'est réduite - de 1,4 "
            "milliard de dollars il y a un an à 0,9 milliard aujourd'hui.",
        ),
        (
            "it",
            "Per Oracle la perdita operativa della divisione hardware si è ridotta - da 1,4 "
            "miliardi di dollari un anno fa a 0,9 miliardi oggi.",
        ),
        (
            "de",
            "Bei Oracle schrumpfte der operative Verlust der Hardware-Sparte - von 1,4 Milliarden "
            "Dollar vor einem Jahr auf nun 0,9 Milliarden Dollar.",
        ),
        (
            "es",
            "En Oracle, la pérdida operativa de la división de hardware se redujo - de 1.400 "
            "millones de dólares hace un año a 900 millones ahora.",
        ),
    ],
)
def test_a_result_named_only_as_a_loss_is_negative_beyond_a_dash(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    found = _metrics(extraction)
    assert found[Decimal("1.4e9")] == ("operating_income", Decimal("-1.4e9"))
    assert found[Decimal("0.9e9")] == ("operating_income", Decimal("-0.9e9"))


def test_a_result_named_as_a_profit_beside_a_loss_keeps_its_sign(gazetteer: Gazetteer) -> None:
    text = (
        "Oracle's operating profit rose to $2 billion - while the operating loss of its "
        "hardware unit was $0.3 billion."
    )
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="en")
    found = _metrics(extraction)
    assert found[Decimal("2e9")] == ("operating_income", Decimal("2e9"))


@pytest.mark.parametrize("verb", ["cayeran", "cayesen", "caigan"])
def test_spanish_subjunctive_fall_is_a_decline(gazetteer: Gazetteer, verb: str) -> None:
    text = f"Las cifras de Oracle hicieron que sus acciones {verb} un 4% tras el cierre."
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="es")
    changes = [f for f in extraction.figures if f.metric == "share_price_change"]
    assert [f.quantity.value for f in changes] == [Decimal("-0.04")]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Oracle puts its revenue for 2025 at about $60 billion."),
        ("fr", "Oracle estime son chiffre d'affaires pour 2025 à environ 60 milliards de dollars."),
        ("it", "Oracle stima i ricavi del 2025 in circa 60 miliardi di dollari."),
        ("de", "Oracle beziffert seinen Umsatz für 2025 auf rund 60 Milliarden Dollar."),
        ("es", "Oracle cifra sus ingresos de 2025 en unos 60.000 millones de dólares."),
    ],
)
def test_a_result_for_a_year_not_over_is_not_yet_earned(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    revenue = [f for f in extraction.figures if f.metric == "revenue"]
    assert revenue
    assert {f.status for f in revenue} <= {"forecast", "estimate", "target"}


def test_a_result_for_a_year_already_over_is_actual(gazetteer: Gazetteer) -> None:
    text = "Oracle said its revenue for 2024 was $53 billion."
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="en")
    revenue = [f for f in extraction.figures if f.metric == "revenue"]
    assert [f.status for f in revenue] == ["actual"]
