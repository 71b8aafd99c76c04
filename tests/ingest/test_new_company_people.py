"""People and common nouns that a company cue points at are no new companies."""

from datetime import date

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from service.ingest.frequency import NOUN_ZIPF, is_common, is_common_compound, lemma_zipf, zipf
from service.ingest.gazetteer import Gazetteer, slugify
from service.ingest.persons import is_person, looks_like_person
from service.ingest.pipeline import extract
from tests.ingest.finding import new_slugs

PUBLISHED = date(2025, 6, 3)


@pytest.mark.parametrize(
    ("title", "language"),
    [
        ("Julia Brandner and Corvana seek fresh funds", "en"),
        ("Pierre Lavergne et Lumora cherchent des fonds", "fr"),
        ("Giorgia Ferretti e Veltra cercano nuovi capitali", "it"),
        ("Stefan Kollmer und Nordwerk suchen frisches Geld", "de"),
        ("Pedro Almagro y Lumbre buscan financiación", "es"),
    ],
)
def test_a_person_opening_a_title_is_no_company(
    gazetteer: Gazetteer, title: str, language: str
) -> None:
    person = "-".join(title.split()[:2]).casefold()
    assert not [slug for slug in new_slugs("", language, gazetteer, title) if person in slug]


@pytest.mark.parametrize(
    ("text", "language", "person"),
    [
        (
            "Le PDG de Lumora, Idriss Kanté, a précisé que la société compte 3 000 clients.",
            "fr",
            "idriss-kante",
        ),
        ("Il fondatore Ottavio Renzi ha firmato un accordo da 40 milioni.", "it", "ottavio-renzi"),
        (
            "Firmengründer Jasko Wendt meldete einen Gewinn von 5 Millionen Euro.",
            "de",
            "jasko-wendt",
        ),
        ("El multimillonario Ulises Quiroga compró 3.000 chips.", "es", "ulises-quiroga"),
        ("Founder Tarek Olund raised $20 million in May.", "en", "tarek-olund"),
        (
            "Tech-Milliardär Julia Brandner, die ein eigenes Unternehmen gegründet hat, sprach.",
            "de",
            "julia-brandner",
        ),
    ],
)
def test_a_name_beside_a_persons_role_is_no_company(
    gazetteer: Gazetteer, text: str, language: str, person: str
) -> None:
    assert not [slug for slug in new_slugs(text, language, gazetteer) if person in slug]


@pytest.mark.parametrize(
    ("text", "language", "slug"),
    [
        ("Jasper Robotics raised $30 million in May.", "en", "jasper-robotics"),
        ("Gavin Analytics raised $12 million in May.", "en", "gavin-analytics"),
        ("Corvana raised $2 billion in May.", "en", "corvana"),
    ],
)
def test_a_firm_named_after_a_given_name_stays_a_company(
    gazetteer: Gazetteer, text: str, language: str, slug: str
) -> None:
    assert slug in new_slugs(text, language, gazetteer)


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("Satya Nadella", True),
        ("Jean-Pierre Morel", True),
        ("María José", False),
        ("Sam Okoro Adeyemi", True),
        ("Mark Cloud", False),
        ("Harvey AI", False),
        ("Claude", False),
        ("Tim Cook", True),
    ],
)
def test_a_given_name_and_a_surname_look_like_a_person(name: str, person: bool) -> None:
    assert looks_like_person(name) is person


def test_a_persons_role_after_the_name_marks_a_person() -> None:
    assert is_person("Ilario Bassi", "", ", amministratore delegato di Veltra,", "it")
    assert is_person("Odile Brun", "", ", la fondatrice de Lumora", "fr")
    assert not is_person("Veltra", "", " ha raccolto 12 milioni", "it")


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        ("Im abgelaufenen Quartal meldete Nordwerk einen Umsatz von 2 Milliarden Euro.", "quartal"),
        ("Für das vergangene Geschäftsjahr meldete Nordwerk 40 Millionen Euro.", "geschaftsjahr"),
        ("Der Markt wuchs auf zwei Billionen US-Dollar, die Anbieter profitierten.", "dollar"),
        ("Im dritten Halbjahr erzielte Nordwerk einen Gewinn.", "halbjahr"),
    ],
)
def test_a_german_noun_after_an_article_or_numeral_is_no_company(
    gazetteer: Gazetteer, text: str, noun: str
) -> None:
    assert not [slug for slug in new_slugs(text, "de", gazetteer) if noun in slug]


def test_a_german_plural_organisation_noun_opening_a_title_is_no_company(
    gazetteer: Gazetteer,
) -> None:
    title = "KI-Konzerne melden Rekordgewinne im Cloudgeschäft"
    assert new_slugs("", "de", gazetteer, title) == []


def test_a_rare_german_name_after_an_article_stays_a_company(gazetteer: Gazetteer) -> None:
    assert "quorvex" in new_slugs("Im Mai meldete die Quorvex GmbH einen Verlust.", "de", gazetteer)
    assert "zyntral" in new_slugs(
        "Das junge Zyntral meldete 9 Millionen Euro Umsatz.", "de", gazetteer
    )


@pytest.mark.parametrize(
    ("word", "base"),
    [("Quartals", "Quartal"), ("Geschäftsjahres", "Geschäftsjahr"), ("Geringeres", "geringer")],
)
def test_an_inflected_german_word_is_as_common_as_its_base_form(word: str, base: str) -> None:
    assert zipf(word, "de") < zipf(base, "de") == lemma_zipf(word, "de")
    assert is_common(word, "de", NOUN_ZIPF)


def test_a_figure_said_of_a_persons_company_goes_to_the_company(gazetteer: Gazetteer) -> None:
    text = (
        "Julia Brandner and Cohere seek new funds\n\n"
        "Julia Brandner's startup, Cohere, plans to raise $500 million this year."
    )
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="en")
    owners = {figure.company for figure in extraction.figures}
    assert owners == {"cohere"}
    assert not extraction.new_companies


@pytest.mark.parametrize(
    ("text", "language", "company"),
    [
        (
            "La startup de Pedro Almagro, Cohere, planea recaudar 300 millones de dólares.",
            "es",
            "cohere",
        ),
        (
            "La société de Pierre Lavergne, Mistral AI, a levé 600 millions d'euros.",
            "fr",
            "mistral-ai",
        ),
        (
            "L'azienda di Giorgia Ferretti, Cohere, ha raccolto 200 milioni di dollari.",
            "it",
            "cohere",
        ),
        (
            "Das Start-up von Stefan Kollmer, Aleph Alpha, sammelte 500 Millionen Euro ein.",
            "de",
            "aleph-alpha",
        ),
        ("Julia Brandner's xAI raised $6 billion in May.", "en", "xai"),
    ],
)
def test_a_figure_of_a_company_tied_to_a_person_is_the_companys(
    gazetteer: Gazetteer, text: str, language: str, company: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert {figure.company for figure in extraction.figures} == {company}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Mistral AI captó 600 millones de euros. Pedro Almagro, dueño de Cohere, habló el "
            "lunes. Su compañía ha recaudado 300 millones de dólares.",
            "es",
        ),
        (
            "Mistral AI a levé 600 millions d'euros. Le fondateur de Cohere, Pierre Lavergne, "
            "s'est exprimé lundi. Sa société a levé 500 millions de dollars.",
            "fr",
        ),
        (
            "Mistral AI sammelte 600 Millionen Euro ein. Cohere-Gründer Stefan Kollmer sprach "
            "am Montag. Seine Firma hat 500 Millionen Dollar eingesammelt.",
            "de",
        ),
    ],
)
def test_a_persons_company_referred_back_to_is_the_one_their_role_names(
    gazetteer: Gazetteer, text: str, language: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    owners = [(figure.company, figure.metric) for figure in extraction.figures]
    assert owners == [("mistral-ai", "funding_raised"), ("cohere", "funding_raised")]


def test_a_known_company_named_after_its_founder_stays_that_company(
    gazetteer: Gazetteer,
) -> None:
    text = "Robert Bosch meldete einen Umsatz von 90 Milliarden Euro."
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="de")
    assert [figure.company for figure in extraction.figures] == ["bosch"]
    assert not extraction.new_companies


@pytest.mark.parametrize(
    ("text", "language", "company"),
    [
        ("Julia Brandner runs Cohere.\n\nBrandner raised $500 million in May.", "en", "cohere"),
        (
            "Pierre Lavergne dirige Mistral AI.\n\nLavergne a levé 600 millions d'euros.",
            "fr",
            "mistral-ai",
        ),
        (
            "Pedro Almagro dirige Cohere.\n\nAlmagro recaudó 300 millones de dólares.",
            "es",
            "cohere",
        ),
        (
            "Stefan Kollmer leitet Aleph Alpha.\n\nKollmer sammelte 500 Millionen Euro ein.",
            "de",
            "aleph-alpha",
        ),
        (
            "Giorgia Ferretti guida Cohere.\n\nFerretti ha raccolto 200 milioni di dollari.",
            "it",
            "cohere",
        ),
    ],
)
def test_a_person_named_again_by_surname_is_no_company(
    gazetteer: Gazetteer, text: str, language: str, company: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert not extraction.new_companies
    assert [figure.company for figure in extraction.figures] == [company]


@pytest.mark.parametrize(
    ("text", "language", "surname"),
    [
        (
            "Le PDG de Lumora, Idriss Kanté, parle.\n\nKanté a levé 30 millions d'euros.",
            "fr",
            "kante",
        ),
        ("Quorvex-Chef Idris Kanu sprach.\n\nKanu meldete einen Gewinn.", "de", "kanu"),
    ],
)
def test_a_person_first_named_beside_a_role_is_no_company_by_surname(
    gazetteer: Gazetteer, text: str, language: str, surname: str
) -> None:
    assert surname not in new_slugs(text, language, gazetteer)


@pytest.mark.parametrize(
    ("text", "noun"),
    [
        ("Im Rekordquartal meldete Nordwerk 30 Millionen Euro.", "rekordquartal"),
        ("Für das abgelaufene Rekordquartal meldete die Firma Gewinne.", "rekordquartal"),
        ("Die KI-Rechenzentren meldeten einen Rekord.", "rechenzentren"),
        ("Des Quartals Umsatz steigerte sich auf 4 Millionen Euro.", "umsatz"),
    ],
)
def test_a_german_compound_of_ordinary_words_after_an_article_is_no_company(
    gazetteer: Gazetteer, text: str, noun: str
) -> None:
    assert not [slug for slug in new_slugs(text, "de", gazetteer) if noun in slug]


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Nordwerk meldete 3 Millionen Euro Umsatz.", "nordwerk"),
        ("Die Quellwerk Analytik meldete 3 Millionen Euro Umsatz.", "quellwerk-analytik"),
    ],
)
def test_a_compound_fantasy_name_stays_a_company_where_a_name_may_stand(
    gazetteer: Gazetteer, text: str, slug: str
) -> None:
    assert slug in new_slugs(text, "de", gazetteer)


@pytest.mark.parametrize(
    ("title", "text", "language"),
    [
        ("Trimestrale record per Veltra", "Il fatturato trimestrale sale.", "it"),
        ("Semestral récord para Lumbre", "El resultado semestral mejora.", "es"),
        ("Shareholders raise concerns", "The shareholders of Corvana met.", "en"),
    ],
)
def test_a_word_the_text_writes_in_lower_case_is_no_company(
    gazetteer: Gazetteer, title: str, text: str, language: str
) -> None:
    word = title.split(maxsplit=1)[0].casefold()
    assert word not in new_slugs(text, language, gazetteer, title)


@pytest.mark.parametrize(
    ("word", "compound"),
    [
        ("Rekordquartal", True),
        ("Jahresumsatz", True),
        ("KI-Rechenzentren", True),
        ("Quorvex", False),
    ],
)
def test_a_german_compound_of_common_words_is_recognised(word: str, compound: bool) -> None:
    assert is_common_compound(word, "de", NOUN_ZIPF) is compound
    assert not is_common_compound(word, "en", NOUN_ZIPF)


@pytest.mark.parametrize(
    "title",
    [
        "Rekordquartal: Nvidia steigert den Umsatz deutlich",
        "Milliardenumsatz für Nvidia im Rechenzentrumsgeschäft",
    ],
)
def test_a_german_headline_word_about_a_known_company_is_no_company(
    gazetteer: Gazetteer, title: str
) -> None:
    assert new_slugs("", "de", gazetteer, title) == []


def test_a_compound_fantasy_name_before_a_verb_and_a_known_company_stays_a_company(
    gazetteer: Gazetteer,
) -> None:
    assert new_slugs("", "de", gazetteer, "Nordwerk überholt Nvidia beim Umsatz") == ["nordwerk"]


def test_a_name_written_in_lower_case_only_in_an_address_stays_a_company(
    gazetteer: Gazetteer,
) -> None:
    text = "Corvana raised $2 billion in May. More at corvana.ai or press@corvana.com."
    assert new_slugs(text, "en", gazetteer) == ["corvana"]


_GIVEN = ["Julia", "Pierre", "Giorgia", "Stefan", "Pedro", "Satya", "Jean-Pierre"]


@settings(max_examples=60, deadline=None)
@given(
    given_name=st.sampled_from(_GIVEN),
    surname=st.from_regex(r"[A-Z][a-zäöüéè]{3,10}", fullmatch=True),
    language=st.sampled_from(["en", "fr", "it", "de", "es"]),
)
def test_a_given_name_and_any_surname_opening_a_title_is_never_a_company(
    given_name: str, surname: str, language: str
) -> None:
    assume(looks_like_person(f"{given_name} {surname}"))  # not a firm word ("Labs")
    gazetteer = Gazetteer.from_reference_data()
    verbs = {"en": "raised", "fr": "a levé", "it": "ha raccolto", "de": "sammelte", "es": "recaudó"}
    title = f"{given_name} {surname} {verbs[language]} 5 millions"
    slugs = new_slugs(f"{given_name} {surname} {verbs[language]} 5.", language, gazetteer, title)
    assert not [slug for slug in slugs if slugify(surname) in slug]
