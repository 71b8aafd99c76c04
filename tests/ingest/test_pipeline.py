from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.ingest.gazetteer import Gazetteer
from service.ingest.pipeline import extract
from service.ingest.types import Extraction, NewCompany

PUBLISHED = date(2025, 8, 21)


def _facts(extraction: Extraction) -> list[tuple[str, str, Decimal]]:
    return [(f.company, f.metric, f.quantity.value) for f in extraction.figures]


def test_anaphora_resolve_to_the_last_subject_company(gazetteer: Gazetteer) -> None:
    text = (
        "Oracle a publié ses comptes. "
        "L'entreprise a réalisé un chiffre d'affaires de 5 milliards de dollars."
    )
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="fr")
    assert _facts(extraction) == [("oracle", "revenue", Decimal(5000000000))]


def test_each_quantity_goes_to_the_nearest_company_before_it(gazetteer: Gazetteer) -> None:
    text = "Microsoft spent $80 billion on data centres, while Alphabet spent $52 billion."
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="en")
    assert _facts(extraction) == [
        ("microsoft", "capex", Decimal(80000000000)),
        ("alphabet", "capex", Decimal(52000000000)),
    ]


def test_a_company_after_with_is_not_the_subject(gazetteer: Gazetteer) -> None:
    text = "OpenAI a signé un accord avec Oracle d'une valeur de 30 milliards de dollars."
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="fr")
    assert _facts(extraction) == [("openai", "contract_value", Decimal(30000000000))]


def test_a_stated_currency_carries_to_later_bare_amounts(gazetteer: Gazetteer) -> None:
    text = (
        "Oracle a réalisé un chiffre d'affaires de 2 milliards d'euros en 2024. "
        "Cette année, ses dépenses atteindront 3 milliards."
    )
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="fr")
    originals = [(f.quantity.original.unit, f.quantity.original.value) for f in extraction.figures]
    assert originals == [("EUR", Decimal(2000000000)), ("EUR", Decimal(3000000000))]


def test_a_fact_in_title_and_body_is_kept_once_citing_the_body(gazetteer: Gazetteer) -> None:
    text = "Nvidia reports $44 billion in revenue\nNvidia said its revenue reached $44 billion."
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="en")
    (figure,) = extraction.figures
    assert figure.mention.quote == "Nvidia said its revenue reached $44 billion."


def test_an_organisation_named_with_a_cue_becomes_a_new_company(gazetteer: Gazetteer) -> None:
    text = "La start-up Verano AI a levé 600 millions d'euros. Verano AI emploie 700 salariés."
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="fr")
    assert [(c.slug, c.name) for c in extraction.new_companies] == [("verano-ai", "Verano AI")]
    assert {f.company for f in extraction.figures} == {"verano-ai"}


def test_legal_suffix_names_a_new_company_with_its_full_form_as_alias(
    gazetteer: Gazetteer,
) -> None:
    text = "Die Quellwerk Analytik GmbH sammelte 500 Millionen Euro ein."
    (company,) = extract(text, published_on=PUBLISHED, gazetteer=gazetteer).new_companies
    assert (company.slug, company.name, company.aliases) == (
        "quellwerk-analytik",
        "Quellwerk Analytik",
        ["Quellwerk Analytik GmbH"],
    )


def test_the_language_is_detected_when_not_given(gazetteer: Gazetteer) -> None:
    text = "L'azienda ha registrato un fatturato di 2 miliardi di euro nel secondo trimestre."
    assert extract(text, published_on=PUBLISHED, gazetteer=gazetteer).language == "it"


def test_the_same_input_gives_the_same_output_sorted_by_offset(gazetteer: Gazetteer) -> None:
    text = "Nvidia's revenue was $30 billion. Oracle's sales reached $15 billion in July."
    first = extract(text, published_on=PUBLISHED, gazetteer=gazetteer)
    assert first == extract(text, published_on=PUBLISHED, gazetteer=gazetteer)
    starts = [figure.mention.start for figure in first.figures]
    assert starts == sorted(starts)


def test_extraction_does_not_change_the_callers_gazetteer(gazetteer: Gazetteer) -> None:
    extract(
        "La start-up Brumaire SAS a levé 300 millions d'euros.",
        published_on=PUBLISHED,
        gazetteer=gazetteer,
    )
    assert not gazetteer.knows("brumaire")


_PIECES = [
    *"abcdefghijklmnopqrstuvwxyzAEIOUéèàüß0123456789 .,;:%$€£¥'’-—()\n«»",
    "OpenAI ",
    "Nvidia ",
    "milliards ",
    "billion ",
    "Mrd. ",
    "l'entreprise ",
    "accord ",
    "revenue ",
    "GPU ",
]
_NEWSY = st.lists(st.sampled_from(_PIECES), max_size=120).map("".join)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=_NEWSY, language=st.sampled_from(["en", "fr", "it", "de", "es", None]))
def test_every_mention_lies_in_its_quote_which_lies_in_the_text(
    gazetteer: Gazetteer, text: str, language: str | None
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    mentions = [f.mention for f in extraction.figures] + [d.mention for d in extraction.deals]
    for mention in mentions:
        assert text.find(mention.quote) >= 0
        assert text[mention.start : mention.end] in mention.quote
        quote_start = text.find(mention.quote, max(0, mention.end - len(mention.quote)))
        assert quote_start <= mention.start < mention.end <= quote_start + len(mention.quote)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "fr",
            "Microsoft publie ses comptes. Sur le trimestre, la firme de Redmond réalise "
            "un chiffre d'affaires de 70 milliards de dollars.",
        ),
        (
            "it",
            "Microsoft pubblica i conti. Nel trimestre il colosso di Redmond ha registrato "
            "un fatturato di 70 miliardi di dollari.",
        ),
        (
            "es",
            "Microsoft presenta sus cuentas. En el trimestre la compañía de Redmond registró "
            "unos ingresos de 70.000 millones de dólares.",
        ),
    ],
)
def test_an_epithet_of_place_is_the_company_named_before_not_a_new_one(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert extraction.new_companies == []
    assert [figure.company for figure in extraction.figures] == ["microsoft"]


@pytest.fixture(scope="module")
def invented() -> Gazetteer:
    known = Gazetteer.from_reference_data()
    known.extend(
        NewCompany(slug=slug, name=name, aliases=[])
        for slug, name in [("varda", "Varda"), ("osprey", "Osprey")]
    )
    return known


def _who(text: str, language: str, gazetteer: Gazetteer) -> list[tuple[str, str, Decimal]]:
    return _facts(extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language))


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "en",
            "Varda is valued at $5 billion, a rival to Osprey, which is valued at $9 billion.",
            [("varda", "valuation", 5_000_000_000), ("osprey", "valuation", 9_000_000_000)],
        ),
        (
            "es",
            "Varda está valorada en 5.000 millones de dólares, frente a Osprey que está "
            "valorada en 9.000 millones de dólares.",
            [("varda", "valuation", 5_000_000_000), ("osprey", "valuation", 9_000_000_000)],
        ),
        (
            "en",
            "Varda has outgrown rivals including Osprey ($3 billion valuation).",
            [("osprey", "valuation", 3_000_000_000)],
        ),
        (
            "it",
            "I ricavi di Varda sono cresciuti del 30%, superando la crescita del 12% di Osprey.",
            [("varda", "revenue_growth", 0.3), ("osprey", "revenue_growth", 0.12)],
        ),
        (
            "fr",
            "Varda compte 40 millions d'utilisateurs mensuels, loin des 900 millions "
            "d'utilisateurs mensuels d'Osprey.",
            [("varda", "monthly_users", 40_000_000), ("osprey", "monthly_users", 900_000_000)],
        ),
    ],
)
def test_a_company_named_in_a_comparison_or_an_aside_owns_the_figure_said_of_it(
    invented: Gazetteer, language: str, text: str, expected: list[tuple[str, str, float]]
) -> None:
    assert _who(text, language, invented) == [(c, m, Decimal(str(v))) for c, m, v in expected]


@pytest.mark.parametrize(
    "text",
    [
        "Varda signed a cloud contract with Osprey. "
        "This Osprey contract makes Varda less dependent on one buyer. "
        "The company is valued at $8 billion.",
        "Osprey makes drones. "
        "Varda raised $1 billion last year, and the company is now valued at $8 billion.",
    ],
)
def test_the_company_refers_back_to_the_subject_not_to_a_company_naming_a_deal(
    invented: Gazetteer, text: str
) -> None:
    """ "The Osprey contract" names a counterparty; "the company" after "Varda raised" is Varda."""
    assert _who(text, "en", invented)[-1] == ("varda", "valuation", Decimal(8_000_000_000))


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "fr",
            "Varda publie ses comptes. L'entreprise dirigée par Paul Ferrand prévoit "
            "4 milliards de dollars de dépenses d'investissement.",
        ),
        (
            "en",
            "Varda reported its results. The company led by Jane Holloway expects capital "
            "expenditure of $4 billion.",
        ),
        (
            "es",
            "Varda presentó sus cuentas. La empresa dirigida por Lucía Ortega prevé "
            "4.000 millones de dólares de inversiones de capital.",
        ),
    ],
)
def test_the_person_who_runs_a_company_is_no_company(
    invented: Gazetteer, language: str, text: str
) -> None:
    """ "The company led by <person>" refers back to the company; the person is not one."""
    extraction = extract(text, published_on=PUBLISHED, gazetteer=invented, language=language)
    assert extraction.new_companies == []
    assert [figure.company for figure in extraction.figures] == ["varda"]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "fr",
            "Varda prépare un tour de table qui pourrait attirer des investisseurs tels que "
            "Osprey et Nvidia pour un financement de 300 millions de dollars.",
        ),
        (
            "en",
            "Varda is raising a round that could draw investors such as Osprey and Nvidia, "
            "for funding of $300 million.",
        ),
        (
            "es",
            "Varda prepara una ronda que podría atraer a inversores como Osprey y Nvidia "
            "por 300 millones de dólares.",
        ),
    ],
)
def test_every_name_of_a_list_of_investors_stays_a_complement(
    invented: Gazetteer, language: str, text: str
) -> None:
    """ "Investors such as X and Y": Y is as little the subject as X is."""
    assert [c for c, _, _ in _who(text, language, invented)] == ["varda"]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Collectively, Varda, Osprey and Nvidia posted $90 billion in net income."),
        (
            "fr",
            "Ensemble, Varda et Osprey ont réalisé un chiffre d'affaires de 12 milliards d'euros.",
        ),
        ("de", "Varda und Osprey erzielten zusammen einen Umsatz von 12 Milliarden Euro."),
        ("es", "En conjunto, Varda y Osprey ingresaron 12.000 millones de euros."),
    ],
)
def test_a_sum_over_several_companies_is_no_one_companys_figure(
    invented: Gazetteer, language: str, text: str
) -> None:
    assert _who(text, language, invented) == []


def test_a_single_company_total_stays_its_own(invented: Gazetteer) -> None:
    text = "In total, Varda has raised $3 billion since its founding."
    assert [c for c, _, _ in _who(text, "en", invented)] == ["varda"]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Anthropic is in talks over a share sale that would value it at $90 billion.",
            "en",
        ),
        (
            "Anthropic prépare une vente d'actions qui valoriserait la société à 90 milliards "
            "de dollars.",
            "fr",
        ),
    ],
)
def test_a_valuation_stated_beside_a_share_sale_is_no_value_of_the_deal(
    gazetteer: Gazetteer, text: str, language: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert all(deal.amount is None for deal in extraction.deals)
    assert [f.metric for f in extraction.figures] == ["valuation"]


def test_a_vague_amount_gives_way_to_the_number_the_sentence_states(
    gazetteer: Gazetteer,
) -> None:
    text = (
        "OpenAI has been spending tens of billions on data centres, with capital expenditure "
        "expected between $40 billion and $44 billion in 2031."
    )
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="en")
    amounts = [(f.metric, f.quantity.vague) for f in extraction.figures]
    assert ("capex", False) in amounts
    assert all(not vague for _, vague in amounts)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "Les actions d'Oracle ont grimpé de 3 %, ajoutant 20 milliards de dollars à sa "
            "valeur marchande.",
            "fr",
        ),
        (
            "Le azioni di Oracle sono salite del 3%, aggiungendo 20 miliardi di dollari al suo "
            "valore di mercato.",
            "it",
        ),
        (
            "Las acciones de Oracle subieron un 3%, añadiendo 20.000 millones de dólares a su "
            "valor de mercado.",
            "es",
        ),
        (
            "Die Oracle-Aktie stieg um 3 Prozent und fügte dem Börsenwert 20 Milliarden Dollar "
            "hinzu.",
            "de",
        ),
    ],
)
def test_an_amount_added_to_a_market_value_is_its_change_not_its_level(
    gazetteer: Gazetteer, text: str, language: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert ("market_value_change", "20000000000") in {
        (f.metric, f"{f.quantity.value:f}") for f in extraction.figures
    }
