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


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Microsoft said its revenue rose 13% to $56.5 billion. Microsoft also beat "
            "forecasts. Business was just as brisk over at Alphabet. Quarterly revenue "
            "climbed 11% to $76.7 billion.",
        ),
        (
            "fr",
            "Microsoft a vu son chiffre d'affaires progresser de 13 % à 56,5 milliards de "
            "dollars. Microsoft a battu les prévisions. L'activité a été tout aussi soutenue "
            "chez Alphabet. Le chiffre d'affaires trimestriel a grimpé de 11 % à 76,7 milliards "
            "de dollars.",
        ),
        (
            "it",
            "Microsoft ha visto i ricavi salire del 13% a 56,5 miliardi di dollari. Microsoft "
            "ha battuto le stime. Trimestre altrettanto vivace in casa Alphabet. I ricavi "
            "trimestrali sono saliti dell'11% a 76,7 miliardi di dollari.",
        ),
        (
            "de",
            "Microsoft steigerte den Umsatz um 13 Prozent auf 56,5 Milliarden Dollar. Microsoft "
            "übertraf die Erwartungen. Ähnlich gut lief das Quartal auch bei Alphabet. Der "
            "Quartalsumsatz stieg um elf Prozent auf 76,7 Milliarden Dollar.",
        ),
        (
            "es",
            "Microsoft elevó sus ingresos un 13% hasta 56.500 millones de dólares. Microsoft "
            "superó las previsiones. El trimestre fue igual de bueno en Alphabet. La facturación "
            "trimestral subió un 11% hasta 76.700 millones de dólares.",
        ),
    ],
)
def test_a_sentence_about_results_at_another_company_turns_the_paragraph_to_it(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    revenue = {f.quantity.value: f.company for f in extraction.figures if f.metric == "revenue"}
    assert revenue.get(Decimal("76.7e9")) == "alphabet"
    assert revenue.get(Decimal("56.5e9")) == "microsoft"


def test_a_company_named_in_a_complement_does_not_take_over(gazetteer: Gazetteer) -> None:
    text = (
        "OpenAI wants to depend less on Microsoft. OpenAI said its revenue reached $10 "
        "billion. The goal is to rely less on Microsoft. Annualized revenue could double "
        "to $20 billion next year."
    )
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="en")
    companies = {f.company for f in extraction.figures if f.quantity.value == Decimal("20e9")}
    assert companies == {"openai"}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Last month Nvidia pledged up to $100 billion to OpenAI. The pledges of OpenAI now "
            "exceed $1 trillion - against yearly revenue that the company puts at about $13 "
            "billion.",
        ),
        (
            "fr",
            "Le mois dernier, Nvidia a promis jusqu'à 100 milliards de dollars à OpenAI. Les "
            "engagements d'OpenAI dépassent 1 000 milliards de dollars - pour un chiffre "
            "d'affaires annuel que l'entreprise estime à environ 13 milliards de dollars.",
        ),
        (
            "it",
            "Il mese scorso Nvidia ha promesso fino a 100 miliardi di dollari a OpenAI. Gli "
            "impegni di OpenAI superano i 1.000 miliardi di dollari - a fronte di un fatturato "
            "annuo che l'azienda stima in circa 13 miliardi di dollari.",
        ),
        (
            "de",
            "Im Vormonat sagte Nvidia OpenAI bis zu 100 Milliarden Dollar zu. Die Zusagen von "
            "OpenAI übersteigen 1 Billion Dollar - bei einem Jahresumsatz, den das Unternehmen "
            "auf rund 13 Milliarden Dollar beziffert.",
        ),
        (
            "es",
            "El mes pasado Nvidia prometió hasta 100.000 millones de dólares a OpenAI. Los "
            "compromisos de OpenAI superan el billón de dólares - frente a unos ingresos anuales "
            "que la empresa cifra en unos 13.000 millones de dólares.",
        ),
    ],
)
def test_the_company_refers_to_the_owner_named_in_an_earlier_clause(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    revenue = [f for f in extraction.figures if f.metric == "revenue"]
    assert [(f.company, f.quantity.value) for f in revenue] == [("openai", Decimal("13e9"))]


def test_a_supplier_named_in_the_same_clause_is_not_the_company(gazetteer: Gazetteer) -> None:
    text = (
        "Mistral AI hat 50 Millionen Euro eingesammelt. Mit Rechenleistung von Nvidia "
        "erzielte das Unternehmen im vergangenen Jahr einen Umsatz von 20 Millionen Euro."
    )
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="de")
    revenue = [f for f in extraction.figures if f.metric == "revenue"]
    assert [f.company for f in revenue] == ["mistral-ai"]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "xAI keeps growing. The earlier $6 billion Series B round drew support from "
            "well-known investors such as Andreessen Horowitz, Sequoia Capital, and Fidelity.",
        ),
        (
            "fr",
            "xAI continue de grandir. Son dernier tour de 6 milliards de dollars a séduit des "
            "fonds comme Andreessen Horowitz, Sequoia Capital, et Fidelity.",
        ),
        (
            "de",
            "xAI wächst weiter. Die letzte Runde über 6 Milliarden Dollar fand Unterstützung bei "
            "Geldgebern wie Andreessen Horowitz, Sequoia Capital, und Fidelity.",
        ),
    ],
)
def test_names_listed_with_commas_after_a_complement_share_its_place(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    investees = {
        party.company
        for deal in extraction.deals
        for party in deal.parties
        if party.role == "investee"
    }
    assert "sequoia-capital" not in investees
    assert {f.company for f in extraction.figures} <= {"xai"}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "„Big Tech“ steckt Milliarden in Rechenzentren\nMicrosoft baut in Portugal."),
        ("fr", "« Big Tech » injecte des milliards dans l'IA\nMicrosoft construit au Portugal."),
        ("it", "«Big Tech» investe miliardi nell'IA\nMicrosoft costruisce in Portogallo."),
    ],
)
def test_a_borrowed_english_phrase_in_a_title_is_no_new_company(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert "tech" not in {company.slug for company in extraction.new_companies}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Mistral AI raised €600 million, joining the unicorns, those startups valued at "
            "more than $1 billion.",
        ),
        (
            "fr",
            "Mistral AI a levé 600 millions d'euros, ce qui la fait entrer parmi les licornes, "
            "ces sociétés valorisées à plus d'un milliard de dollars.",
        ),
        (
            "it",
            "Mistral AI ha raccolto 600 milioni di euro ed entra tra gli unicorni, quelle "
            "aziende valutate oltre 1 miliardo di dollari.",
        ),
        (
            "es",
            "Mistral AI recaudó 600 millones de euros y entra entre los unicornios, esas "
            "empresas valoradas en más de 1.000 millones de dólares.",
        ),
    ],
)
def test_a_threshold_said_of_a_class_of_companies_is_no_companys_figure(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert {(f.metric, f.quantity.original.value) for f in extraction.figures} == {
        ("funding_raised", Decimal("6e8"))
    }


def test_both_named_companies_keep_a_figure_after_a_comma(gazetteer: Gazetteer) -> None:
    text = (
        "Nvidia will invest up to $100 billion in OpenAI, the two companies having also "
        "signed a letter of intent to deploy at least 10 gigawatts."
    )
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="en")
    assert Decimal("1e10") in {f.quantity.value for f in extraction.figures}
