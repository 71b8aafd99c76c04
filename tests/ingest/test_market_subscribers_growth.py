"""Market share, subscribers and operating-income growth, in the five languages (own sentences)."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.ingest.classifier import catalogue, classify, recounted
from service.ingest.gazetteer import Gazetteer
from service.ingest.losses import paying_counted
from service.ingest.pipeline import extract
from tests.ingest.finding import quantity_in

PUBLISHED = date(2025, 3, 14)


def _metric(sentence: str, language: str, amount: str) -> str | None:
    quantity = quantity_in(sentence, language, amount, published=PUBLISHED)
    quantity = paying_counted(sentence, language, recounted(sentence, language, quantity))
    return classify(sentence, language, quantity)


def test_the_new_metrics_are_in_the_catalogue_with_their_units() -> None:
    units = {slug: (unit.kind, unit.unit) for slug, unit in catalogue().items()}
    assert units["market_share"] == ("ratio", "ratio")
    assert units["subscribers"] == ("count", "subscriber")
    assert units["subscribers_growth"] == ("ratio", "ratio")
    for slug in ("operating_income_growth", "operating_income_growth_yoy"):
        assert units[slug] == ("ratio", "ratio")
    assert units["operating_income_growth_qoq"] == ("ratio", "ratio")


@pytest.mark.parametrize(
    ("language", "sentence", "amount"),
    [
        ("en", "Its market share in data-centre chips edged up to 17% last quarter.", "17"),
        ("en", "The group now holds 28% of the worldwide smartphone market.", "28"),
        ("en", "Analysts say it controls about 64 percent of the search market.", "64"),
        ("fr", "Sa part de marché dans les serveurs est passée à 19 %.", "19"),
        ("fr", "Le groupe détient 33 % du marché européen des paiements.", "33"),
        ("de", "Der Marktanteil des Konzerns bei Servern liegt bei 21 Prozent.", "21"),
        ("de", "Der Konzern hält rund 42 Prozent des Smartphone-Marktes.", "42"),
        ("de", "Sein Weltmarktanteil sank auf 9 Prozent.", "9"),
        ("it", "La sua quota di mercato negli smartphone è scesa al 14%.", "14"),
        ("it", "Il gruppo controlla il 37% del mercato europeo dei pagamenti.", "37"),
        ("es", "Su cuota de mercado en servidores subió al 26%.", "26"),
        ("es", "El grupo controla el 44% del mercado de buscadores.", "44"),
    ],
)  # fmt: skip
def test_a_share_of_a_market_is_market_share_not_a_stake(
    language: str, sentence: str, amount: str
) -> None:
    assert _metric(sentence, language, amount) == "market_share"


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "metric"),
    [
        ("en", "The fund holds 12% of the startup.", "12", "stake"),
        ("fr", "Le fonds détient 12 % du capital de la start-up.", "12", "stake"),
        ("de", "Der Fonds hält 12 Prozent an dem Start-up.", "12", "stake"),
    ],
)  # fmt: skip
def test_a_holding_of_a_company_stays_a_stake(
    language: str, sentence: str, amount: str, metric: str
) -> None:
    assert _metric(sentence, language, amount) == metric


@settings(max_examples=40, deadline=None)
@given(
    share=st.integers(min_value=1, max_value=99),
    market=st.sampled_from(["cloud", "smartphone", "search", "AI chip", "payments"]),
)
def test_any_percentage_of_a_named_market_is_a_market_share(share: int, market: str) -> None:
    sentence = f"The company holds {share}% of the {market} market."
    assert _metric(sentence, "en", str(share)) == "market_share"


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("en", "Microsoft now counts 82 million subscribers to its consumer suite.", 82e6),
        ("fr", "Microsoft revendique 82 millions d'abonnés à sa suite grand public.", 82e6),
        ("de", "Microsoft zählt inzwischen 82 Millionen Abonnenten seiner Bürosoftware.", 82e6),
        ("it", "Microsoft ha raggiunto 82 milioni di abbonati alla sua suite.", 82e6),
        ("es", "Microsoft alcanzó 82 millones de suscriptores de su paquete de oficina.", 82e6),
    ],
)  # fmt: skip
def test_a_count_of_subscribers_is_subscribers_of_the_company(
    gazetteer: Gazetteer, language: str, text: str, value: float
) -> None:
    found = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    figures = [(f.company, f.metric, float(f.quantity.value)) for f in found.figures]
    assert figures == [("microsoft", "subscribers", value)]
    assert found.figures[0].period_start == found.figures[0].period_end


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "metric"),
    [
        ("en", "It serves 9,000 customers in banking.", "9,000", "customers"),
        ("fr", "Elle sert 9 000 clients dans la banque.", "9 000", "customers"),
        ("de", "Sie hat 9.000 Kunden im Bankwesen.", "9.000", "customers"),
        ("en", "It has 3 million subscribers paying for the premium tier.", "3", "paying_users"),
        ("es", "Tiene 3 millones de usuarios de pago.", "3", "paying_users"),
    ],
)  # fmt: skip
def test_customers_and_paying_users_keep_their_own_metrics(
    language: str, sentence: str, amount: str, metric: str
) -> None:
    assert _metric(sentence, language, amount) == metric


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "metric"),
    [
        ("en", "Operating income climbed 23% from a year earlier to $4 billion.", "23",
         "operating_income_growth_yoy"),
        ("en", "Operating income climbed 23% to $4 billion.", "23", "operating_income_growth"),
        ("fr", "Le résultat d'exploitation a progressé de 11 % sur un an.", "11",
         "operating_income_growth_yoy"),
        ("fr", "Le résultat d'exploitation a bondi de 11 %.", "11", "operating_income_growth"),
        ("de", "Das Betriebsergebnis stieg im Jahresvergleich um 8 Prozent.", "8",
         "operating_income_growth_yoy"),
        ("it", "L'utile operativo è salito del 6% rispetto al trimestre precedente.", "6",
         "operating_income_growth_qoq"),
        ("es", "El beneficio operativo cayó un 5% interanual.", "5",
         "operating_income_growth_yoy"),
        ("es", "El beneficio operativo creció un 5%.", "5", "operating_income_growth"),
    ],
)  # fmt: skip
def test_a_change_of_operating_income_is_its_growth_with_the_base_stated(
    language: str, sentence: str, amount: str, metric: str
) -> None:
    assert _metric(sentence, language, amount) == metric
