from datetime import date

import pytest

from service.ingest.coverage import duration
from service.ingest.gazetteer import Gazetteer
from service.ingest.pipeline import extract

PUBLISHED = date(2025, 11, 3)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.from_reference_data()


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
