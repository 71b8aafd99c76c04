"""What kind of money a raise is: the noun tied to the amount, not the raising verb; and
valuation verbs with an object pronoun attached ("valutarla", "valorarla")."""

from datetime import date
from decimal import Decimal

import pytest

from service.ingest.gazetteer import Gazetteer
from service.ingest.pipeline import extract

PUBLISHED = date(2024, 9, 12)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_reference_data()


def _metrics(text: str, language: str, gazetteer: Gazetteer) -> dict[Decimal, str]:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    return {f.quantity.original.value: f.metric for f in extraction.figures}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Anthropic hopes to raise $3 billion in debt from a group of lenders."),
        ("fr", "Anthropic espère lever 3 milliards de dollars de dette auprès de banques."),
        ("it", "Anthropic punta a raccogliere 3 miliardi di dollari di debito presso le banche."),
        ("es", "Anthropic busca recaudar 3.000 millones de dólares en deuda con varios bancos."),
    ],
)
def test_money_raised_as_debt_is_debt_not_equity_funding(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    assert _metrics(text, language, gazetteer)[Decimal("3e9")] == "debt_raised"


def test_money_raised_in_funding_stays_funding(gazetteer: Gazetteer) -> None:
    text = "Anthropic hopes to raise $3 billion in new funding from investors."
    assert _metrics(text, "en", gazetteer)[Decimal("3e9")] == "funding_raised"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "it",
            "Mistral AI tratta un round da 600 milioni di euro, che potrebbe valutarla "
            "intorno ai 6 miliardi.",
        ),
        (
            "it",
            "Mistral AI ha chiuso un round da 600 milioni di euro, valutandola 6 miliardi.",
        ),
        (
            "es",
            "Mistral AI negocia una ronda de 600 millones de euros que podría valorarla en "
            "unos 6.000 millones.",
        ),
    ],
)
def test_a_valuation_verb_with_its_object_pronoun_is_a_valuation(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    found = _metrics(text, language, gazetteer)
    assert found[Decimal("6e9")] == "valuation"
    assert found[Decimal("6e8")] == "funding_raised"
