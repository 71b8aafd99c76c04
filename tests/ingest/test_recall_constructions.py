"""Constructions of real news that the classifier must read (own sentences, own numbers)."""

from datetime import date
from functools import partial

import pytest

from service.ingest.changes import signed
from service.ingest.classifier import classify, recounted
from service.ingest.gazetteer import Gazetteer
from service.ingest.losses import as_loss, paying_counted
from service.ingest.pipeline import extract
from service.normalize import find_quantities
from tests.ingest.finding import metric_of, quantity_in

PUBLISHED = date(2025, 8, 21)


_quantity = partial(quantity_in, published=PUBLISHED)
_metric = partial(metric_of, published=PUBLISHED)


def _figures(text: str, language: str) -> list[tuple[str, str, float]]:
    found = extract(
        text, published_on=PUBLISHED, gazetteer=Gazetteer.from_reference_data(), language=language
    )
    return [(f.company, f.metric, float(f.quantity.original.value)) for f in found.figures]


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "metric"),
    [
        ("es", "Los ingresos de Zentor sumaron 800 millones de euros (+12%).", "12",
         "revenue_growth"),
        ("fr", "Le chiffre d'affaires atteint 2 milliards d'euros (+8 % sur un an).", "8",
         "revenue_growth_yoy"),
        ("it", "Il fatturato è salito a 3 miliardi di euro (+9% sul trimestre precedente).", "9",
         "revenue_growth_qoq"),
        ("en", "Cloud revenue came to $4 billion (+31% year over year).", "31",
         "revenue_growth_yoy"),
        ("de", "Der Nettogewinn lag bei 900 Millionen Euro (−4 Prozent).", "4",
         "net_income_growth"),
    ],
)  # fmt: skip
def test_a_signed_percentage_beside_a_level_is_its_change(
    language: str, sentence: str, amount: str, metric: str
) -> None:
    assert _metric(sentence, language, amount) == metric


def test_a_minus_before_a_percentage_makes_the_change_negative() -> None:
    sentence = "Der Nettogewinn lag bei 900 Millionen Euro (−4 Prozent)."
    quantity = next(q for q in find_quantities(sentence, "de", PUBLISHED) if "4" in q.text)
    assert signed("net_income_growth", sentence, "de", quantity).value < 0


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "metric"),
    [
        ("it", "Ricavi per 5 miliardi (+20% sul trimestre precedente, +70% anno su anno).", "20",
         "revenue_growth_qoq"),
        ("it", "Ricavi per 5 miliardi (+20% sul trimestre precedente, +70% anno su anno).", "70",
         "revenue_growth_yoy"),
        ("en", "Sales rose 5% from the prior quarter and 40% year over year.", "40",
         "revenue_growth_yoy"),
        ("en", "Sales rose 5% from the prior quarter and 40% year over year.", "5",
         "revenue_growth_qoq"),
    ],
)  # fmt: skip
def test_each_percentage_takes_its_nearest_comparison_base(
    language: str, sentence: str, amount: str, metric: str
) -> None:
    assert _metric(sentence, language, amount) == metric


@pytest.mark.parametrize(
    ("language", "sentence", "amount"),
    [
        ("it", "Le vendite crescono del 18% rispetto allo stesso periodo del 2024.", "18"),
        ("es", "Los ingresos aumentaron un 22% frente al mismo trimestre de 2024.", "22"),
        ("fr", "Les ventes progressent de 7 % par rapport à la même période de 2024.", "7"),
        ("en", "Revenue grew 15% from the same quarter of 2024.", "15"),
        ("de", "Der Umsatz stieg um 11 Prozent gegenüber dem gleichen Quartal 2024.", "11"),
        ("it", "I ricavi salgono del 6% su base tendenziale.", "6"),
    ],
)  # fmt: skip
def test_a_change_against_the_same_period_of_a_named_year_is_year_over_year(
    language: str, sentence: str, amount: str
) -> None:
    assert _metric(sentence, language, amount) == "revenue_growth_yoy"


@pytest.mark.parametrize(
    ("language", "sentence", "amount"),
    [
        ("en", "Anthropic reported sales of $3 billion and a net loss of $1.2 billion.", "1.2"),
        (
            "es",
            "Anthropic prevé pérdidas por 2.000 millones de euros.",
            "2.000",
        ),
        ("it", "Anthropic ha chiuso l'anno con una perdita di 400 milioni di euro.", "400"),
        ("de", "Anthropic meldete einen Quartalsverlust von 250 Millionen Euro.", "250"),
        ("fr", "Anthropic a essuyé une perte nette de 70 millions d'euros.", "70"),
    ],
)
def test_a_loss_is_a_negative_net_income(language: str, sentence: str, amount: str) -> None:
    quantity = _quantity(sentence, language, amount)
    assert classify(sentence, language, quantity) == "net_income"
    assert as_loss("net_income", sentence, language, quantity).value < 0


@pytest.mark.parametrize(
    ("language", "sentence", "amount"),
    [
        ("en", "Anthropic posted net income of $3 billion after a loss a year earlier.", "3"),
        ("es", "Anthropic ganó 500 millones de euros, frente a las pérdidas de 2023.", "500"),
        ("de", "Der Gewinn von Anthropic lag bei 2 Milliarden Euro.", "2"),
    ],
)
def test_a_profit_stays_positive_beside_a_loss_word_about_something_else(
    language: str, sentence: str, amount: str
) -> None:
    quantity = _quantity(sentence, language, amount)
    assert as_loss("net_income", sentence, language, quantity).value > 0


@pytest.mark.parametrize(
    ("sentence", "amount", "metric"),
    [
        ("Der Quartalsgewinn kletterte auf 3 Milliarden Euro.", "3", "net_income"),
        ("Der Jahresumsatz erreichte 12 Milliarden Euro.", "12", "revenue"),
        ("Der Konzernüberschuss betrug 800 Millionen Euro.", "800", "net_income"),
        ("Der Rechenzentrumsumsatz lag bei 4 Milliarden Dollar.", "4", "revenue"),
    ],
)
def test_german_compounds_of_profit_and_revenue_name_their_metric(
    sentence: str, amount: str, metric: str
) -> None:
    assert _metric(sentence, "de", amount) == metric


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "metric"),
    [
        ("es", "Unos 40 millones de personas usan la aplicación mensualmente.", "40",
         "monthly_users"),
        ("it", "Circa 40 milioni di persone usano l'app ogni mese.", "40", "monthly_users"),
        ("fr", "Quelque 40 millions de personnes utilisent l'application chaque mois.", "40",
         "monthly_users"),
        ("en", "Some 40 million people use the app every month.", "40", "monthly_users"),
        ("es", "Unos 2 millones de usuarios pagan una suscripción.", "2", "paying_users"),
        ("it", "Circa 2 milioni di utenti pagano un abbonamento.", "2", "paying_users"),
        ("es", "Según el diario, 9 millones de personas usan la app cada semana.", "9",
         "weekly_users"),
    ],
)  # fmt: skip
def test_users_per_month_and_paying_users_are_named_in_each_language(
    language: str, sentence: str, amount: str, metric: str
) -> None:
    quantity = _quantity(sentence, language, amount)
    assert classify(sentence, language, recounted(sentence, language, quantity)) == metric


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "Anthropic plant viel, bei einem Jahresumsatz, den das Unternehmen hoch schätzt."),
        ("de", "Anthropic meldete einen Rekordgewinn, den der Konzern nicht erwartet hatte."),
    ],
)
def test_a_noun_after_an_indefinite_article_is_no_new_company(language: str, text: str) -> None:
    found = extract(
        text, published_on=PUBLISHED, gazetteer=Gazetteer.from_reference_data(), language=language
    )
    assert [company.slug for company in found.new_companies] == []


@pytest.mark.parametrize(
    ("language", "sentence", "amount"),
    [
        ("de", "Die Zusagen summieren sich auf 2 Billionen Dollar – bei einem Umsatz von 9 "
         "Milliarden Dollar.", "2 Billionen"),
        ("en", "Its pledges top $2 trillion; revenue was $9 billion.", "2 trillion"),
    ],
)  # fmt: skip
def test_a_cue_beyond_a_dash_or_semicolon_names_what_follows_it(
    language: str, sentence: str, amount: str
) -> None:
    assert _metric(sentence, language, amount) != "revenue"
    assert _metric(sentence, language, "9") == "revenue"


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "metric", "value"),
    [
        ("es", "Amazon opera ocho edificios repartidos en cuatro emplazamientos.", "ocho",
         "data_center_buildings", 8),
        ("es", "Amazon opera ocho edificios repartidos en cuatro emplazamientos.", "cuatro",
         "data_centers", 4),
        ("es", "Oracle abrirá cinco nuevos centros en Texas.", "cinco", "data_centers", 5),
        ("it", "Microsoft costruirà 3 nuovi edifici in due siti lombardi.", "3",
         "data_center_buildings", 3),
        ("de", "Google baut vier Gebäude an zwei Standorten in Hessen.", "zwei", "data_centers",
         2),
        ("fr", "Amazon exploite 12 bâtiments sur trois sites.", "trois", "data_centers", 3),
        ("en", "Meta is adding 5 buildings at two campuses.", "5", "data_center_buildings", 5),
    ],
)  # fmt: skip
def test_buildings_and_sites_count_data_centre_buildings_and_data_centres(
    language: str, sentence: str, amount: str, metric: str, value: int
) -> None:
    quantity = _quantity(sentence, language, amount)
    assert quantity.value == value
    assert _metric(sentence, language, amount) == metric


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "metric"),
    [
        ("fr", "Le groupe veut accroître sa capacité totale en IA de 60 % cette année.", "60",
         "compute_capacity_growth"),
        ("en", "The company plans to grow its total AI capacity by 60% this year.", "60",
         "compute_capacity_growth"),
        ("es", "La empresa aumentará su capacidad de cómputo un 60% este año.", "60",
         "compute_capacity_growth"),
        ("fr", "75 % de la puissance de calcul viendra de ce campus.", "75", "compute_share"),
    ],
)  # fmt: skip
def test_a_rise_of_compute_capacity_is_its_growth(
    language: str, sentence: str, amount: str, metric: str
) -> None:
    assert _metric(sentence, language, amount) == metric


@pytest.mark.parametrize(
    ("language", "text", "metric"),
    [
        ("fr", "Les ventes d'Anthropic progressent de 20 % sur un an. Le bénéfice net bondit "
         "de 9 % à 2 milliards de dollars.", "net_income_growth_yoy"),
        ("en", "Anthropic's sales rose 20% year over year. Net income jumped 9%.",
         "net_income_growth_yoy"),
        ("en", "Sales rose 20% year over year across the sector. Anthropic saw a 9% lift in "
         "net income.", "net_income_growth"),
    ],
)  # fmt: skip
def test_a_change_without_base_keeps_the_base_of_the_sentence_before_unless_a_company_opens_it(
    language: str, text: str, metric: str
) -> None:
    assert ("anthropic", metric, 9.0) in _figures(text, language)


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "metric"),
    [
        ("fr", "La start-up a réussi à lever 90 millions d'euros.", "90", "funding_raised"),
        ("es", "La empresa busca levantar 90 millones de dólares.", "90", "funding_raised"),
        ("it", "SoftBank potrebbe investire tra 10 e 20 miliardi di dollari.", "10",
         "investment"),
        ("es", "Amazon ha invertido 900 millones de euros en Aragón.", "900", "investment"),
        ("de", "Der Konzern steckt 3 Milliarden Euro in neue Rechenzentren.", "3", "investment"),
        ("de", "Gegenüber der gleichen Vorjahresperiode stieg der Umsatz um 9 Prozent.", "9",
         "revenue_growth_yoy"),
        ("es", "Los ingresos se elevaron un 14% interanual.", "14", "revenue_growth_yoy"),
        ("it", "I ricavi registrano un incremento del 14% su base annua.", "14",
         "revenue_growth_yoy"),
    ],
)  # fmt: skip
def test_verb_forms_and_comparison_words_missing_in_some_languages(
    language: str, sentence: str, amount: str, metric: str
) -> None:
    assert _metric(sentence, language, amount) == metric


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "Anthropic alcanza 4.000 millones de dólares en ingresos anuales recurrentes."),
        ("fr", "Anthropic atteint 4 milliards de dollars de revenus annuels récurrents."),
        ("it", "Anthropic raggiunge 4 miliardi di dollari di ricavi annui ricorrenti."),
    ],
)
def test_recurring_annual_revenue_in_either_word_order_is_a_run_rate(
    language: str, text: str
) -> None:
    found = extract(
        text, published_on=PUBLISHED, gazetteer=Gazetteer.from_reference_data(), language=language
    )
    assert [(f.metric, f.basis) for f in found.figures] == [("revenue", "run_rate")]


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "metric"),
    [
        ("de", "Dabei stiegen die Kosten für den Bau neuer Rechenzentren in den USA um gut 50 "
         "Prozent deutlich an.", "50", "capex_growth"),
        ("en", "A later round reportedly valued it at about $9 billion.", "9", "valuation"),
        ("fr", "Elle est désormais évaluée à 6 milliards de dollars.", "6", "valuation"),
        ("en", "Lead investor Keystone Capital put in $900 million.", "900", "investment"),
        ("de", "Der Konzern hat 20.000 Halbleiter bestellt.", "20.000", "chips"),
        ("es", "La empresa comprará 20.000 semiconductores.", "20.000", "chips"),
    ],
)  # fmt: skip
def test_far_german_verbs_valuation_and_contribution_forms_and_semiconductors(
    language: str, sentence: str, amount: str, metric: str
) -> None:
    assert _metric(sentence, language, amount) == metric


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "metric"),
    [
        ("it", "Cohere ha chiuso un round che la valuta 7 miliardi di dollari.", "7",
         "valuation"),
        ("fr", "Ce tour de table valorise Cohere 7 milliards de dollars.", "7", "valuation"),
        ("es", "Google destinará 2.000 millones de euros a Portugal.", "2.000", "investment"),
        ("it", "Microsoft stanzierà 2 miliardi di euro per l'Italia.", "2", "investment"),
        ("fr", "Amazon consacrera 2 milliards d'euros à ses sites français.", "2", "investment"),
        ("en", "Oracle has earmarked $2 billion for Germany.", "2", "investment"),
        ("es", "La facturación creció un 30% más que un año antes.", "30",
         "revenue_growth_yoy"),
        ("es", "Prevé que sus ventas crezcan un 25% el próximo año.", "25", "revenue_growth"),
        ("es", "Amazon empleará a 900 personas en Aragón.", "900", "employees"),
    ],
)  # fmt: skip
def test_present_valuation_verbs_allocation_verbs_and_spanish_rises(
    language: str, sentence: str, amount: str, metric: str
) -> None:
    quantity = recounted(sentence, language, _quantity(sentence, language, amount))
    assert classify(sentence, language, quantity) == metric


@pytest.mark.parametrize(
    ("language", "sentence", "amount"),
    [
        ("it", "Anthropic ha perso 3 miliardi di dollari nel 2024.", "3"),
        ("es", "Anthropic perdió 3.000 millones de dólares en 2024.", "3.000"),
        ("fr", "Anthropic a perdu 3 milliards de dollars en 2024.", "3"),
        ("en", "Anthropic lost $3 billion in 2024.", "3"),
    ],
)
def test_a_company_that_lost_money_has_a_negative_net_income(
    language: str, sentence: str, amount: str
) -> None:
    quantity = _quantity(sentence, language, amount)
    assert classify(sentence, language, quantity) == "net_income"
    assert as_loss("net_income", sentence, language, quantity).value < 0


def test_shares_that_lost_market_value_are_no_loss_of_profit() -> None:
    sentence = "Nvidia lost $200 billion in market value."
    assert _metric(sentence, "en", "200") == "market_value_change"


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "metric"),
    [
        ("es", "Cuenta con 2 millones de empresas suscritas a sus planes de pago.", "2",
         "paying_users"),
        ("en", "It has 2 million subscribers paying for the Pro plan.", "2", "paying_users"),
        ("it", "Conta 2 milioni di aziende abbonati a pagamento.", "2", "paying_users"),
        ("fr", "Elle compte 40 000 entreprises clientes.", "40 000", "customers"),
    ],
)  # fmt: skip
def test_companies_or_subscribers_said_to_pay_are_paying_users(
    language: str, sentence: str, amount: str, metric: str
) -> None:
    quantity = _quantity(sentence, language, amount)
    quantity = paying_counted(sentence, language, recounted(sentence, language, quantity))
    assert classify(sentence, language, quantity) == metric


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "metric", "negative"),
    [
        ("en", "Its operating income rose to $9 billion.", "9", "operating_income", False),
        ("en", "The unit posted an operating loss of $2 billion.", "2", "operating_income", True),
        ("it", "L'utile operativo è salito a 2 miliardi di euro.", "2", "operating_income",
         False),
        ("de", "Das operative Ergebnis stieg auf 2 Milliarden Euro.", "2", "operating_income",
         False),
        ("de", "Der Betriebsgewinn lag bei 2 Milliarden Euro.", "2", "operating_income", False),
        ("es", "El beneficio operativo alcanzó 2.000 millones de euros.", "2.000",
         "operating_income", False),
        ("fr", "Une perte d'exploitation de 2 milliards de dollars.", "2", "operating_income",
         True),
        ("it", "L'utile netto è salito a 2 miliardi di euro.", "2", "net_income", False),
    ],
)  # fmt: skip
def test_operating_income_is_not_net_income_and_an_operating_loss_is_negative(
    language: str, sentence: str, amount: str, metric: str, negative: bool
) -> None:
    quantity = _quantity(sentence, language, amount)
    assert classify(sentence, language, quantity) == metric
    assert (as_loss(metric, sentence, language, quantity).value < 0) is negative


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "metric"),
    [
        ("it", "Prevede una spesa in conto capitale di 40 miliardi di dollari.", "40", "capex"),
        ("es", "Prevé un gasto de capital de 40.000 millones de dólares.", "40.000", "capex"),
        ("fr", "Des dépenses en capital de 40 milliards de dollars.", "40", "capex"),
        ("it", "Il gruppo vale in Borsa oltre 900 miliardi di dollari.", "900", "market_cap"),
        ("es", "El grupo vale en bolsa más de 900.000 millones de dólares.", "900.000",
         "market_cap"),
        ("fr", "Le groupe vaut en Bourse plus de 900 milliards de dollars.", "900",
         "market_cap"),
    ],
)  # fmt: skip
def test_singular_capex_forms_and_worth_on_the_stock_market(
    language: str, sentence: str, amount: str, metric: str
) -> None:
    assert _metric(sentence, language, amount) == metric


@pytest.mark.parametrize(
    ("language", "sentence", "amount"),
    [
        ("es", "Amazon financiará el proyecto de 9.000 millones de dólares en Aragón.", "9.000"),
        ("it", "OpenAI guida un progetto da 90 miliardi di dollari.", "90"),
        ("fr", "Le groupe pilote un projet de 90 milliards de dollars.", "90"),
        ("de", "Der Konzern plant ein Projekt im Wert von 90 Milliarden Dollar.", "90"),
        ("en", "It is a $90 billion project in Texas.", "90"),
    ],
)
def test_a_project_of_an_amount_is_an_investment(language: str, sentence: str, amount: str) -> None:
    assert _metric(sentence, language, amount) == "investment"


def test_generating_power_is_no_revenue() -> None:
    sentence = "El plan de 90.000 millones de dólares busca generar 5 gigavatios."
    assert _metric(sentence, "es", "90.000") != "revenue"
