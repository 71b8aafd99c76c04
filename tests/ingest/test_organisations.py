"""Unknown organisations recognised by how an article names them, and who owns its figures."""

from datetime import date

import pytest

from service.ingest.gazetteer import Gazetteer
from service.ingest.pipeline import extract
from service.ingest.types import Extraction
from tests.ingest.finding import new_slugs

PUBLISHED = date(2025, 6, 3)


def _owners(extraction: Extraction) -> list[tuple[str, str]]:
    return [(figure.company, figure.metric) for figure in extraction.figures]


@pytest.mark.parametrize(
    ("title", "language", "slug"),
    [
        ("Corvana raises $2 billion from investors", "en", "corvana"),
        ("Corvana Raises $2 Billion From Investors", "en", "corvana"),
        ("Lumora lève 400 millions d'euros", "fr", "lumora"),
        ("Veltra raccoglie 150 milioni di euro", "it", "veltra"),
        ("Brenner Software steigert Umsatz auf 1,4 Milliarden Euro", "de", "brenner-software"),
        (
            "Schweizer Start-up Tessiner Robotik sammelt 120 Millionen Franken",
            "de",
            "tessiner-robotik",
        ),
        ("Lumbre recauda 80 millones de euros", "es", "lumbre"),
    ],
)
def test_unknown_title_subject_becomes_a_new_company(
    gazetteer: Gazetteer, title: str, language: str, slug: str
) -> None:
    assert new_slugs("", language, gazetteer, title) == [slug]


@pytest.mark.parametrize(
    ("text", "language", "slug"),
    [
        ("Halden Telecom posted revenue of $9 billion.", "en", "halden-telecom"),
        ("L'an dernier, Orvane a réalisé 640 millions d'euros de ventes.", "fr", "orvane"),
        ("Nel 2024 Fenice Digitale ha registrato ricavi record.", "it", "fenice-digitale"),
        ("Nordwerk AI meldete im Jahr 2024 einen Rekordumsatz.", "de", "nordwerk-ai"),
        ("Ese año Celtia facturó 1.900 millones de euros.", "es", "celtia"),
    ],
)
def test_a_name_before_a_corporate_verb_becomes_a_new_company(
    gazetteer: Gazetteer, text: str, language: str, slug: str
) -> None:
    assert new_slugs(text, language, gazetteer) == [slug]


@pytest.mark.parametrize(
    ("text", "language", "slug"),
    [
        ("Corvana, the San Francisco-based AI startup, is hiring.", "en", "corvana"),
        ("La jeune pousse parisienne Lumora recrute.", "fr", "lumora"),
        ("Secondo la startup torinese Veltra il mercato cresce.", "it", "veltra"),
        ("Laut dem Softwarekonzern Brenner Software wächst der Markt.", "de", "brenner-software"),
        ("Según la operadora gallega Celtia el mercado crece.", "es", "celtia"),
    ],
)
def test_an_appositive_organisation_noun_names_a_new_company(
    gazetteer: Gazetteer, text: str, language: str, slug: str
) -> None:
    assert new_slugs(text, language, gazetteer) == [slug]


def test_a_takeover_cue_names_its_target_as_a_new_company(gazetteer: Gazetteer) -> None:
    text = "Capgemini a annoncé le rachat de Kelvio pour 300 millions d'euros."
    assert new_slugs(text, "fr", gazetteer) == ["kelvio"]


def test_german_capitalised_nouns_before_a_verb_are_not_companies(gazetteer: Gazetteer) -> None:
    text = (
        "Das Unternehmen beschäftigt 5.200 Mitarbeiter. "
        "Zudem meldete der Konzern einen Rekordumsatz."
    )
    assert new_slugs(text, "de", gazetteer) == []


def test_a_number_after_an_organisation_noun_is_not_a_company(gazetteer: Gazetteer) -> None:
    text = "La compañía también prevé invertir 75.000 millones de dólares."
    assert new_slugs(text, "es", gazetteer) == []


def test_investor_after_led_by_does_not_take_the_funding_figure(gazetteer: Gazetteer) -> None:
    text = "Corvana raises $2 billion\nCorvana raised $2 billion in a round led by Nvidia."
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer)
    assert _owners(extraction) == [("corvana", "funding_raised")]
    (deal,) = extraction.deals
    assert (deal.kind, {(p.company, p.role) for p in deal.parties}) == (
        "funding_round",
        {("corvana", "investee"), ("nvidia", "investor")},
    )


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Lumora lève des fonds\nLumora a levé des fonds. "
            "Grâce au soutien de Microsoft, la société dépensera 200 millions d'euros en serveurs.",
            "fr",
        ),
        (
            "Veltra raccoglie fondi\nVeltra ha raccolto fondi. "
            "Insieme a Nvidia, l'azienda investirà 80 milioni di euro in data center.",
            "it",
        ),
        (
            "Lumbre recauda fondos\nLumbre recaudó fondos. "
            "De la mano de Nvidia, la empresa invertirá 30 millones de euros en centros de datos.",
            "es",
        ),
    ],
)
def test_a_partner_in_an_opening_clause_does_not_take_the_subjects_figure(
    gazetteer: Gazetteer, text: str, language: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert {company for company, _ in _owners(extraction)} == {text.split(maxsplit=1)[0].casefold()}


def test_an_epithet_refers_back_to_the_subject(gazetteer: Gazetteer) -> None:
    text = (
        "Corvana raises funds\nCorvana raised funds from Nvidia. "
        "The chatbot maker reported revenue of $400 million."
    )
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer)
    assert _owners(extraction) == [("corvana", "revenue")]


def test_a_count_of_people_employed_is_a_headcount(gazetteer: Gazetteer) -> None:
    text = "Corvana posted revenue. Corvana employs about 350 people in London."
    (figure,) = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="en").figures
    assert (figure.metric, figure.quantity.unit, figure.quantity.bound) == (
        "employees",
        "employee",
        "approximate",
    )


def test_the_acquirer_is_the_subject_and_the_target_the_object(gazetteer: Gazetteer) -> None:
    text = "Celtia adquiere Ondara\nLa operadora Celtia adquiere Ondara por 250 millones de euros."
    (deal,) = extract(text, published_on=PUBLISHED, gazetteer=gazetteer).deals
    assert [(p.company, p.role) for p in deal.parties] == [
        ("celtia", "acquirer"),
        ("ondara", "target"),
    ]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Reuters reported that Zentor Labs raised $2 billion.", "en"),
        ("Bloomberg a rapporté que Zentor Labs a levé 2 milliards de dollars.", "fr"),
        ("Secondo l'agenzia Ansa, Zentor Labs ha raccolto 2 miliardi.", "it"),
        ("Die Nachrichtenagentur dpa meldete, Zentor Labs habe 2 Milliarden eingesammelt.", "de"),
        ("Europa Press informó de que Zentor Labs recaudó 2.000 millones.", "es"),
    ],
)
def test_a_news_outlet_reporting_a_fact_is_no_company(
    gazetteer: Gazetteer, text: str, language: str
) -> None:
    slugs = new_slugs(text, language, gazetteer)
    assert not {"reuters", "bloomberg", "ansa", "dpa", "europa-press"} & set(slugs)


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Zentor Labs raised $2 billion in a funding round led by Nvidia.", "zentor-labs"),
        ("Halden Group secured a $300 million loan.", "halden-group"),
    ],
)
def test_an_organisation_noun_ending_a_name_is_part_of_it(
    gazetteer: Gazetteer, text: str, slug: str
) -> None:
    assert new_slugs(text, "en", gazetteer) == [slug]
