"""What kind of money a raise is: the noun tied to the amount, not the raising verb; and
valuation verbs with an object pronoun attached ("valutarla", "valorarla")."""

from datetime import date
from decimal import Decimal

import pytest

from service.ingest.gazetteer import Gazetteer
from service.ingest.pipeline import extract

PUBLISHED = date(2024, 9, 12)


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


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Anthropic raised $2 billion in March. In the agent segment, revenues should climb "
            "from $2.5bn in 2024 to $40bn in 2030, a CAGR of 59%.",
        ),
        (
            "fr",
            "Anthropic a levé 2 milliards de dollars en mars. Dans le segment des agents, les "
            "revenus devraient passer de 2,5 milliards de dollars en 2024 à 40 milliards en "
            "2030, soit un TCAC de 59 %.",
        ),
        (
            "it",
            "Anthropic ha raccolto 2 miliardi di dollari a marzo. Nel segmento degli agenti i "
            "ricavi dovrebbero salire da 2,5 miliardi di dollari nel 2024 a 40 miliardi nel "
            "2030, con un CAGR del 59%.",
        ),
        (
            "de",
            "Anthropic sammelte im März 2 Milliarden Dollar ein. Im Segment der Agenten sollen "
            "die Erlöse von 2,5 Milliarden Dollar 2024 auf 40 Milliarden Dollar 2030 steigen, "
            "eine durchschnittliche jährliche Wachstumsrate von 59 Prozent.",
        ),
        (
            "es",
            "Anthropic recaudó 2.000 millones de dólares en marzo. En el segmento de agentes, "
            "los ingresos pasarían de 2.500 millones de dólares en 2024 a 40.000 millones en "
            "2030, una tasa de crecimiento anual compuesta del 59%.",
        ),
    ],
)
def test_a_projection_with_a_compound_growth_rate_is_the_markets(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    values = {f.quantity.original.value for f in extraction.figures}
    assert Decimal("2e9") in values
    assert not values & {Decimal("2.5e9"), Decimal("40e9"), Decimal("0.59")}


@pytest.mark.parametrize(
    "text",
    [
        "Anthropic cresce. Amazon si è detta pronta a finanziarla con 4 miliardi di dollari.",
        "Anthropic cresce. Amazon ha promesso di finanziarla con 4 miliardi di dollari.",
    ],
)
def test_italian_offers_to_fund_a_company_are_investments(gazetteer: Gazetteer, text: str) -> None:
    assert _metrics(text, "it", gazetteer)[Decimal("4e9")] == "investment"


def test_an_italian_pledge_to_buy_compute_is_no_investment(gazetteer: Gazetteer) -> None:
    text = "Anthropic si è impegnata ad acquistare 9 miliardi di dollari di calcolo da Oracle."
    assert _metrics(text, "it", gazetteer).get(Decimal("9e9")) != "investment"
