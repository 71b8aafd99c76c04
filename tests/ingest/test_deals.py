from datetime import date

import pytest

from service.ingest.coverage import duration
from service.ingest.gazetteer import Gazetteer
from service.ingest.pipeline import extract
from service.ingest.types import NewCompany

PUBLISHED = date(2025, 11, 3)


@pytest.mark.parametrize(
    ("language", "sentence", "iso"),
    [
        ("fr", "un accord s'étalant sur sept ans", "P7Y"),
        ("fr", "un contrat de 7 ans", "P7Y"),
        ("en", "a contract over five years", "P5Y"),
        ("en", "a seven-year deal", "P7Y"),
        ("it", "un contratto per tre anni", "P3Y"),
        ("de", "ein Vertrag über zehn Jahre", "P10Y"),
        ("de", "ein zehnjähriger Vertrag", "P10Y"),
        ("es", "un acuerdo durante cinco años", "P5Y"),
        ("es", "un contrato de 18 meses", "P18M"),
        ("en", "a contract over about five years", "P5Y"),
        ("fr", "un accord sur environ sept ans", "P7Y"),
        ("it", "un contratto per circa tre anni", "P3Y"),
        ("de", "ein Vertrag über rund zehn Jahre", "P10Y"),
        ("es", "un acuerdo durante unos cinco años", "P5Y"),
    ],
)
def test_durations_become_iso_8601(language: str, sentence: str, iso: str) -> None:
    assert duration(sentence, language) == iso


def test_a_sentence_without_duration_has_none() -> None:
    assert duration("un accord massif avec AWS", "fr") is None


def _deals(
    text: str, language: str, gazetteer: Gazetteer
) -> list[tuple[str, set[tuple[str, str]]]]:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    return [(d.kind, {(p.company, p.role) for p in d.parties}) for d in extraction.deals]


def test_cloud_contract_subject_is_customer_and_counterpart_provider(gazetteer: Gazetteer) -> None:
    text = (
        "OpenAI a signé un accord avec Amazon Web Services (AWS) d'une valeur de "
        "38 milliards de dollars sur sept ans pour de la capacité de calcul."
    )
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="fr")
    (deal,) = extraction.deals
    assert deal.kind == "cloud_contract"
    assert {(p.company, p.role) for p in deal.parties} == {
        ("openai", "customer"),
        ("amazon", "provider"),
    }
    assert deal.duration == "P7Y"
    assert deal.status == "signed"
    assert deal.amount is not None
    assert deal.amount.value == 38_000_000_000
    assert text[deal.mention.start : deal.mention.end] == "38 milliards de dollars"


def test_passive_agent_of_an_investment_is_the_investor(gazetteer: Gazetteer) -> None:
    text = "Le projet Stargate sera financé par SoftBank."
    assert _deals(text, "fr", gazetteer) == [
        ("investment", {("stargate", "investee"), ("softbank", "investor")})
    ]


def test_round_led_by_an_investor_makes_it_investor(gazetteer: Gazetteer) -> None:
    text = "OpenAI raised $40 billion in a funding round led by SoftBank."
    assert _deals(text, "en", gazetteer) == [
        ("funding_round", {("openai", "investee"), ("softbank", "investor")})
    ]


def test_acquirer_is_the_subject_and_target_the_object(gazetteer: Gazetteer) -> None:
    text = "Alphabet adquirió Oracle por 2.000 millones de dólares."
    assert _deals(text, "es", gazetteer) == [
        ("acquisition", {("alphabet", "acquirer"), ("oracle", "target")})
    ]


def test_supplier_is_the_subject_of_a_supply_verb(gazetteer: Gazetteer) -> None:
    text = "Nvidia liefert Chips an Microsoft."
    assert _deals(text, "de", gazetteer) == [
        ("supply_agreement", {("nvidia", "supplier"), ("microsoft", "customer")})
    ]


def test_joint_venture_names_members_and_the_venture(gazetteer: Gazetteer) -> None:
    text = "OpenAI, SoftBank and Oracle formed Stargate, a joint venture."
    assert _deals(text, "en", gazetteer) == [
        (
            "joint_venture",
            {
                ("openai", "member"),
                ("softbank", "member"),
                ("oracle", "member"),
                ("stargate", "venture"),
            },
        )
    ]


def test_partnership_parties_are_partners(gazetteer: Gazetteer) -> None:
    text = "Microsoft e Nvidia hanno annunciato una partnership."
    assert _deals(text, "it", gazetteer) == [
        ("partnership", {("microsoft", "partner"), ("nvidia", "partner")})
    ]


def test_a_contract_with_a_single_company_is_not_a_deal(gazetteer: Gazetteer) -> None:
    assert _deals("Oracle signed a contract last year.", "en", gazetteer) == []


def test_a_deal_in_the_lead_is_announced_on_the_publication_date(gazetteer: Gazetteer) -> None:
    text = "Oracle and Nvidia signed a partnership.\nMore details. Nothing else."
    (deal,) = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="en").deals
    assert deal.announced_on == PUBLISHED


@pytest.fixture(scope="module")
def invented() -> Gazetteer:
    known = Gazetteer.from_reference_data()
    known.extend(
        NewCompany(slug=slug, name=name, aliases=[])
        for slug, name in [
            ("brightloom", "Brightloom"),
            ("kestrel-labs", "Kestrel Labs"),
            ("varda", "Varda"),
            ("osprey", "Osprey"),
        ]
    )
    return known


def _priced(
    text: str, language: str, gazetteer: Gazetteer
) -> list[tuple[str, dict[str, str], int]]:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    return [
        (d.kind, {p.company: p.role for p in d.parties}, int(d.amount.value) if d.amount else 0)
        for d in extraction.deals
    ]


_SECOND_INVESTEE = ("investment", {"varda": "investor", "osprey": "investee"}, 2_000_000_000)
_SECOND_INVESTOR = ("investment", {"varda": "investor", "kestrel-labs": "investee"}, 1_000_000_000)


@pytest.mark.parametrize(
    ("language", "text", "second"),
    [
        (
            "en",
            "Brightloom will invest $4 billion in Kestrel Labs, while Varda will invest "
            "$2 billion in Osprey.",
            _SECOND_INVESTEE,
        ),
        (
            "it",
            "Brightloom investirà 4 miliardi di dollari in Kestrel Labs, mentre Varda "
            "investirà 2 miliardi di dollari in Osprey.",
            _SECOND_INVESTEE,
        ),
        (
            "fr",
            "Brightloom investira 4 milliards de dollars dans Kestrel Labs, tandis que Varda "
            "investira 2 milliards de dollars dans Osprey.",
            _SECOND_INVESTEE,
        ),
        (
            "it",
            "Brightloom investirà 4 miliardi di dollari in Kestrel Labs, mentre Varda "
            "contribuirà con 1 miliardo di dollari.",
            _SECOND_INVESTOR,
        ),
        (
            "en",
            "Brightloom will invest $4 billion in Kestrel Labs, while Varda will contribute "
            "$1 billion.",
            _SECOND_INVESTOR,
        ),
        (
            "es",
            "Brightloom invertirá 4.000 millones de dólares en Kestrel Labs, mientras Varda "
            "aportará 1.000 millones de dólares.",
            _SECOND_INVESTOR,
        ),
    ],
)
def test_two_deals_in_one_sentence_stay_two_with_their_own_parties_and_amounts(
    invented: Gazetteer, language: str, text: str, second: tuple[str, dict[str, str], int]
) -> None:
    """A second clause states a deal of its own, or names a co-investor contributing."""
    assert _priced(text, language, invented) == [
        ("investment", {"brightloom": "investor", "kestrel-labs": "investee"}, 4_000_000_000),
        second,
    ]


_AZURE = {"brightloom": "customer", "microsoft": "provider"}
_NEBIUS = {"nebius": "provider", "brightloom": "customer"}


@pytest.mark.parametrize(
    ("language", "text", "parties"),
    [
        ("en", "Brightloom has contracted to purchase $7 billion of Azure services.", _AZURE),
        (
            "en",
            "Brightloom signed a contract to buy $7 billion of computing power from Microsoft.",
            _AZURE,
        ),
        (
            "fr",
            "Brightloom s'est engagée à acheter 7 milliards de dollars de calcul à Microsoft.",
            _AZURE,
        ),
        (
            "it",
            "Brightloom si è impegnata ad acquistare 7 miliardi di dollari di calcolo da Azure.",
            _AZURE,
        ),
        (
            "es",
            "Brightloom se comprometió a comprar 7.000 millones de dólares de cómputo a Microsoft.",
            _AZURE,
        ),
        ("de", "Brightloom bezieht Rechenleistung für 7 Milliarden Dollar bei Microsoft.", _AZURE),
        ("en", "Nebius announced a $7 billion computing agreement with Brightloom.", _NEBIUS),
        ("en", "Brightloom expanded its Nebius contract for compute by $7 billion.", _NEBIUS),
        (
            "de",
            "Nebius hat mit Brightloom einen Vertrag über Rechenleistung für 7 Mrd. Dollar.",
            _NEBIUS,
        ),
    ],
)
def test_the_buyer_of_compute_is_the_customer_and_the_seller_the_provider(
    invented: Gazetteer, language: str, text: str, parties: dict[str, str]
) -> None:
    """Said by a purchase verb, by the service bought (Azure), or known of a cloud provider."""
    assert _priced(text, language, invented) == [("cloud_contract", parties, 7_000_000_000)]


def test_a_company_landing_a_deal_with_another_provides_it(invented: Gazetteer) -> None:
    text = "Varda lands a $3 billion contract with Osprey for accelerators."
    assert _priced(text, "en", invented) == [
        ("supply_agreement", {"varda": "supplier", "osprey": "customer"}, 3_000_000_000)
    ]


def test_a_deal_named_first_without_amount_gives_way_to_its_priced_statement(
    invented: Gazetteer,
) -> None:
    text = (
        "Varda began investing in Osprey in 2021. "
        "By now Varda has invested $6 billion in Osprey, starting with a $2 billion investment "
        "in 2021."
    )
    assert _priced(text, "en", invented) == [
        ("investment", {"varda": "investor", "osprey": "investee"}, 6_000_000_000),
        ("investment", {"varda": "investor", "osprey": "investee"}, 2_000_000_000),
    ]


def test_a_vague_amount_is_no_deal_value(invented: Gazetteer) -> None:
    text = "Our partnership with Osprey should bring tens of billions of dollars to Varda."
    assert [amount for _, _, amount in _priced(text, "en", invented)] == [0]
