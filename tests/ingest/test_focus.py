"""A sentence that names no company speaks of the subject its paragraph last named.

Articles about one company often turn to another for a few sentences ("Anthropic, for its
part, raised ... It is now valued at ..."): the figures of the sentences that follow, without
a name of their own, are that company's, not the article's main company's.
"""

from datetime import date
from decimal import Decimal

import pytest

from service.ingest.gazetteer import Gazetteer
from service.ingest.pipeline import extract

PUBLISHED = date(2025, 6, 12)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_reference_data()


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Cohere raised $250 million on Wednesday, a round that values Cohere at $2 billion.\n"
            "Anthropic, founded by former OpenAI staff, raised $300 million in March. "
            "It is now valued at $4.1 billion.",
        ),
        (
            "fr",
            "Cohere a levé 250 millions de dollars mercredi, ce qui valorise Cohere à 2 milliards "
            "de dollars.\nAnthropic, fondée par d'anciens salariés d'OpenAI, a levé 300 millions "
            "de dollars en mars. Elle est désormais valorisée à 4,1 milliards de dollars.",
        ),
        (
            "it",
            "Cohere ha raccolto 250 milioni di dollari mercoledì, un round che valuta Cohere 2 "
            "miliardi di dollari.\nAnthropic, fondata da ex dipendenti di OpenAI, ha raccolto 300 "
            "milioni di dollari a marzo. Oggi è valutata 4,1 miliardi di dollari.",
        ),
        (
            "de",
            "Cohere hat am Mittwoch 250 Millionen Dollar eingesammelt und wird damit mit 2 "
            "Milliarden Dollar bewertet.\nAnthropic, von früheren OpenAI-Mitarbeitern gegründet, "
            "sammelte im März 300 Millionen Dollar ein. Inzwischen wird sie mit 4,1 Milliarden "
            "Dollar bewertet.",
        ),
        (
            "es",
            "Cohere recaudó 250 millones de dólares el miércoles, lo que valora a Cohere en 2.000 "
            "millones de dólares.\nAnthropic, fundada por antiguos empleados de OpenAI, recaudó "
            "300 millones de dólares en marzo. Ahora está valorada en 4.100 millones de dólares.",
        ),
    ],
)
def test_a_sentence_without_a_name_keeps_the_company_its_paragraph_turned_to(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    valuations = {
        f.quantity.value: f.company for f in extraction.figures if f.metric == "valuation"
    }
    assert valuations.get(Decimal("4.1e9")) == "anthropic"
    assert valuations.get(Decimal("2e9")) == "cohere"
