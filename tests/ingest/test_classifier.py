from datetime import date
from functools import partial

import pytest

from service.ingest.changes import signed
from service.ingest.classifier import classify, recounted
from service.ingest.gazetteer import Gazetteer
from service.ingest.pipeline import extract
from service.ingest.types import Extraction
from service.normalize import find_quantities
from tests.ingest.finding import metric_of

PUBLISHED = date(2025, 8, 21)


_metric = partial(metric_of, published=PUBLISHED)


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "metric"),
    [
        ("en", "Revenue reached $44 billion.", "44", "revenue"),
        ("fr", "Un chiffre d'affaires de 3 milliards d'euros.", "3", "revenue"),
        ("it", "Il fatturato è di 2 miliardi di euro.", "2", "revenue"),
        ("de", "Der Umsatz lag bei 29 Mrd. Euro.", "29", "revenue"),
        ("es", "Los ingresos fueron de 500 millones de euros.", "500", "revenue"),
        ("en", "The startup is valued at $10 billion.", "10", "valuation"),
        ("fr", "Une valorisation de 300 milliards de dollars.", "300", "valuation"),
        ("de", "Die Bewertung liegt bei 1 Mrd. Euro.", "1", "valuation"),
        ("it", "L'azienda ha raccolto 600 milioni di euro.", "600", "funding_raised"),
        ("es", "La empresa recaudó 100 millones de euros.", "100", "funding_raised"),
        ("fr", "OpenAI prévoit des dépenses de 20 milliards de dollars.", "20", "spending"),
        ("en", "To build data centres, Meta will spend $60 billion.", "60", "capex"),
        ("de", "Die Aktie stieg um 2,5 Prozent.", "2,5", "share_price_change"),
        ("fr", "75% de la puissance de calcul viendra de Stargate.", "75", "compute_share"),
        ("fr", "Des dépenses, soit quatre fois plus qu'avant.", "quatre", "cost_multiple"),
        ("en", "It has 800 million users per week.", "800", "weekly_users"),
        ("en", "It bought 100,000 GPUs.", "100,000", "gpus"),
        ("en", "The site draws 5 gigawatts.", "5", "power_capacity"),
    ],
)
def test_cue_words_and_units_name_the_metric(
    language: str, sentence: str, amount: str, metric: str
) -> None:
    assert _metric(sentence, language, amount) == metric


def test_money_is_never_a_count_metric() -> None:
    assert _metric("It needs GPUs worth $3 billion.", "en", "3") != "gpus"


def test_a_percentage_is_not_a_cost_multiple() -> None:
    assert _metric("Costs rose 20% this year.", "en", "20") is None


def test_a_cue_in_the_same_clause_beats_a_nearer_one_across_a_comma() -> None:
    sentence = (
        "Sa valorisation divulguée de 300 milliards de dollars, lors d'un tour de financement."
    )
    assert _metric(sentence, "fr", "300") == "valuation"


def test_a_quantity_without_cue_has_no_metric() -> None:
    assert _metric("Il y a 300 milliards de dollars en jeu.", "fr", "300") is None


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "metric"),
    [
        ("en", "Zentrix posted a net profit of $1.2 billion.", "1.2", "net_income"),
        ("fr", "Le bénéfice net de Zentrix atteint 800 millions d'euros.", "800", "net_income"),
        ("it", "L'utile netto è salito a 90 milioni di euro.", "90", "net_income"),
        ("de", "Der Nettogewinn lag bei 2 Milliarden Euro.", "2", "net_income"),
        ("es", "El beneficio neto fue de 300 millones de euros.", "300", "net_income"),
        ("en", "Its remaining performance obligations reached $90 billion.", "90", "backlog"),
        ("fr", "Son carnet de commandes s'élève à 12 milliards d'euros.", "12", "backlog"),
        ("de", "Der Auftragsbestand liegt bei 40 Milliarden Euro.", "40", "backlog"),
        ("de", "Zentrix hat einen Börsenwert von 3 Billionen Dollar.", "3", "market_cap"),
        ("it", "Una capitalizzazione di 80 miliardi di euro.", "80", "market_cap"),
        ("es", "Su valor de mercado es de 500.000 millones de dólares.", "500.000", "market_cap"),
        ("fr", "La start-up a brûlé 2 milliards de dollars en six mois.", "2", "cash_burn"),
        ("en", "R&D expenses came to $4 billion.", "4", "rd_spending"),
        ("fr", "Elle dispose de 9 milliards de dollars de liquidités.", "9", "cash_and_securities"),
        ("en", "It booked a tax charge of $3 billion.", "3", "tax_charge"),
        ("en", "Its stake is valued at $20 billion.", "20", "stake_value"),
        ("en", "Adjusted earnings per share were $2.10.", "2.10", "eps"),
        ("en", "Its funding to date stands at $900 million.", "900", "cumulative_funding"),
        ("es", "Zentrix invertirá 2.000 millones de euros en la región.", "2.000", "investment"),
        ("fr", "La série C de 400 millions d'euros est bouclée.", "400", "funding_raised"),
    ],
)
def test_result_cues_name_the_money_metric(
    language: str, sentence: str, amount: str, metric: str
) -> None:
    assert _metric(sentence, language, amount) == metric


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "metric"),
    [
        ("en", "Revenue climbed 31% from a year earlier.", "31", "revenue_growth_yoy"),
        ("en", "Sales rose 6% from the previous quarter.", "6", "revenue_growth_qoq"),
        ("fr", "Le chiffre d'affaires est en hausse de 9 % sur un an.", "9", "revenue_growth_yoy"),
        (
            "it",
            "Ricavi in aumento del 12% rispetto al trimestre precedente.",
            "12",
            "revenue_growth_qoq",
        ),
        ("de", "Der Umsatz stieg um 22 Prozent gegenüber dem Vorjahr.", "22", "revenue_growth_yoy"),
        ("es", "La facturación creció un 26% interanual.", "26", "revenue_growth_yoy"),
        ("en", "Net income jumped 40% year-on-year.", "40", "net_income_growth_yoy"),
        ("fr", "Le carnet de commandes bondit de 30 % sur un an.", "30", "backlog_growth_yoy"),
        ("it", "Le vendite sono salite del 7%.", "7", "revenue_growth"),
        ("en", "The cloud unit grew 35% year over year.", "35", "revenue_growth_yoy"),
        ("en", "A single client accounted for 60% of revenue.", "60", "revenue_share"),
        ("en", "Zentrix owns 15% of the venture.", "15", "stake"),
        ("fr", "Il détiendra environ 8 % du capital.", "8", "stake"),
        ("es", "La empresa conjunta estará controlada al 30%.", "30", "stake"),
        ("de", "Die Beteiligung liegt bei 12 Prozent.", "12", "stake"),
        ("es", "Las acciones subieron un 3% tras el anuncio.", "3", "share_price_change"),
    ],
)
def test_a_percentage_is_a_growth_a_share_or_a_stake(
    language: str, sentence: str, amount: str, metric: str
) -> None:
    assert _metric(sentence, language, amount) == metric


def test_a_change_that_names_no_level_nor_comparison_has_no_metric() -> None:
    assert _metric("The figure grew 35% after the launch.", "en", "35") is None


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "metric"),
    [
        ("en", "Its market value rose by $80 billion.", "80", "market_value_change"),
        ("en", "Its market value rose to $2 trillion.", "2", "market_cap"),
        ("es", "Su capitalización bursátil ha aumentado en 90.000 millones de dólares.", "90.000",
         "market_value_change"),
        ("en", "Net income fell 20% to $3 billion.", "3", "net_income"),
    ],
)  # fmt: skip
def test_a_level_said_to_change_by_an_amount_is_the_change(
    language: str, sentence: str, amount: str, metric: str
) -> None:
    assert _metric(sentence, language, amount) == metric


def _signed(sentence: str, language: str, amount: str) -> float:
    quantity = next(q for q in find_quantities(sentence, language, PUBLISHED) if amount in q.text)
    metric = classify(sentence, language, quantity)
    assert metric is not None
    return float(signed(metric, sentence, language, quantity).value)


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "value"),
    [
        ("en", "Zentrix shares fell 3.2% on Friday.", "3.2", -0.032),
        ("en", "Zentrix shares gained 3.2% on Friday.", "3.2", 0.032),
        ("fr", "L'action Zentrix a reculé de 1,8 %.", "1,8", -0.018),
        ("it", "Le vendite sono calate del 5%.", "5", -0.05),
        ("de", "Die Aktie verlor 6 Prozent.", "6", -0.06),
        ("de", "Der Umsatz sank um 9 Prozent gegenüber dem Vorjahr.", "9", -0.09),
        ("es", "El beneficio neto ha caído un 40% interanual.", "40", -0.4),
        ("es", "Las acciones bajaron un 2%.", "2", -0.02),
        ("en", "It lost $50 billion in market value.", "50", -5e10),
    ],
)
def test_a_decline_is_negative(language: str, sentence: str, amount: str, value: float) -> None:
    assert _signed(sentence, language, amount) == pytest.approx(value)


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "metric"),
    [
        ("en", "Zentrix will cut 450 jobs.", "450", "job_cuts"),
        ("es", "Zentrix recortará 200 puestos de trabajo.", "200", "job_cuts"),
        ("en", "Zentrix will create 450 jobs.", "450", None),
        ("fr", "Elle compte plus de 50 000 clients payants.", "50 000", "customers"),
        ("en", "About 40 million people use its app daily.", "40", "daily_users"),
        ("fr", "Plus de 2 000 entreprises clientes utilisent l'outil.", "2 000", "customers"),
        ("it", "Conta 4 milioni di utenti paganti.", "4", "paying_users"),
        ("es", "Tiene 9 millones de usuarios diarios.", "9", "daily_users"),
    ],
)
def test_counts_of_customers_users_and_job_cuts(
    language: str, sentence: str, amount: str, metric: str | None
) -> None:
    quantity = next(q for q in find_quantities(sentence, language, PUBLISHED) if amount in q.text)
    assert classify(sentence, language, recounted(sentence, language, quantity)) == metric


@pytest.mark.parametrize(
    ("language", "sentence", "amount"),
    [
        ("en", "It will invest $2 billion in a new data centre.", "2"),
        ("de", "Rund 4 Milliarden Euro will sie in ihr neues Rechenzentrum investieren.", "4"),
    ],
)
def test_an_investment_in_infrastructure_stays_an_investment(
    language: str, sentence: str, amount: str
) -> None:
    assert _metric(sentence, language, amount) == "investment"


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "metric"),
    [
        ("de", "Quantix erhielt eine Finanzierung in Höhe von 2 Mrd. Euro mit einer Bewertung "
         "von 40 Mrd. Euro.", "2", "funding_raised"),
        ("de", "Quantix erhielt eine Finanzierung in Höhe von 2 Mrd. Euro mit einer Bewertung "
         "von 40 Mrd. Euro.", "40", "valuation"),
        ("en", "Novacorp reported $5 billion in revenue and a $2 billion net loss.", "5",
         "revenue"),
        ("fr", "Le groupe a dégagé 3 milliards d'euros de chiffre d'affaires, un record.", "3",
         "revenue"),
    ],
)  # fmt: skip
def test_a_cue_tied_to_the_amount_by_a_link_word_beats_a_nearer_one(
    language: str, sentence: str, amount: str, metric: str
) -> None:
    assert _metric(sentence, language, amount) == metric


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "metric"),
    [
        ("de", "Das Paket umfasst 80 Millionen Euro als Eigenkapital, 150 Millionen Euro als "
         "Forschungsfinanzierung und 40 Millionen Euro in Form von Auftragszusagen.", "80",
         "equity_raised"),
        ("de", "Das Paket umfasst 80 Millionen Euro als Eigenkapital, 150 Millionen Euro als "
         "Forschungsfinanzierung und 40 Millionen Euro in Form von Auftragszusagen.", "150",
         "research_funding"),
        ("de", "Das Paket umfasst 80 Millionen Euro als Eigenkapital, 150 Millionen Euro als "
         "Forschungsfinanzierung und 40 Millionen Euro in Form von Auftragszusagen.", "40",
         "order_commitments"),
        ("fr", "La levée comprend 200 millions d'euros de capitaux propres.", "200",
         "equity_raised"),
        ("en", "A minimum investment of $50,000 was required.", "50,000", "minimum_investment"),
    ],
)  # fmt: skip
def test_the_parts_of_a_financing_package(
    language: str, sentence: str, amount: str, metric: str
) -> None:
    assert _metric(sentence, language, amount) == metric


def test_an_amount_in_parentheses_takes_the_cue_before_them() -> None:
    sentence = (
        "Le vendite di Zetacorp sono scese a 3 miliardi di dollari (erano 4 miliardi di dollari un "
        "anno fa), ma l'utile netto è salito a 1 miliardo di dollari."
    )
    assert _metric(sentence, "it", "4") == "revenue"


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "metric"),
    [
        ("it", "Prevede vendite per 6 miliardi di dollari, il 30% in più rispetto alle stime.",
         "30", None),
        ("en", "Revenue came in 8% above analysts' expectations.", "8", None),
        ("en", "Revenue rose 12% year over year, beating estimates.", "12", "revenue_growth_yoy"),
        ("de", "Die Cloud-Erlöse, bei denen Analysten 25 Prozent erwartet hatten.", "25", None),
        ("de", "Ein Kunde stand für 40 Prozent des Umsatzes.", "40", "revenue_share"),
    ],
)  # fmt: skip
def test_a_percentage_against_estimates_or_before_its_level_is_no_growth_nor_share(
    language: str, sentence: str, amount: str, metric: str | None
) -> None:
    assert _metric(sentence, language, amount) == metric


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "metric"),
    [
        ("de", "Der Umsatz war fünfmal so hoch wie im Vorjahresquartal.", "fünfmal",
         "revenue_multiple_yoy"),
        ("en", "Sales were three times as high as a year earlier.", "three",
         "revenue_multiple_yoy"),
        ("en", "The app counts 90 million weekly users, three times as many as a year ago.",
         "three", "users_multiple_yoy"),
        ("en", "It now has 5x more compute.", "5x", None),
    ],
)  # fmt: skip
def test_a_multiple_of_a_level_is_its_multiple_metric(
    language: str, sentence: str, amount: str, metric: str | None
) -> None:
    assert _metric(sentence, language, amount) == metric


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "metric"),
    [
        ("de", "Ein Weiterbildungsprogramm soll 300.000 Menschen erreichen.", "300.000",
         "people_trained"),
        ("en", "Novacorp will train 2 million people in AI skills.", "2", "people_trained"),
        ("es", "La valoración de Quantix ronda los 40.000 millones de dólares.", "40.000",
         "valuation"),
        ("es", "La ronda valorará a Quantix en 30.000 millones de dólares.", "30.000",
         "valuation"),
        ("es", "Zentrix firmó un acuerdo con Orbis, valorado en 5.000 millones de dólares.",
         "5.000", "contract_value"),
        ("it", "La somma, utile solo al progetto, può raggiungere i 20 miliardi di dollari.",
         "20", None),
        ("it", "Zeta ha ricevuto 2 miliardi di dollari da un gruppo di investitori.", "2",
         "funding_raised"),
        ("fr", "Helvion engage 2 milliards d'euros dans la start-up.", "2", "investment"),
    ],
)  # fmt: skip
def test_more_metric_cues(language: str, sentence: str, amount: str, metric: str | None) -> None:
    quantity = next(q for q in find_quantities(sentence, language, PUBLISHED) if amount in q.text)
    assert classify(sentence, language, recounted(sentence, language, quantity)) == metric


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "value"),
    [
        ("en", "Zentrix offset a 3% dip in phone sales.", "3", -0.03),
        ("de", "Die Aktie gab im frühen Handel um 4 Prozent nach.", "4", -0.04),
    ],
)
def test_more_declines(language: str, sentence: str, amount: str, value: float) -> None:
    assert _signed(sentence, language, amount) == pytest.approx(value)


def _extracted(text: str, language: str) -> Extraction:
    return extract(
        text, published_on=PUBLISHED, gazetteer=Gazetteer.from_reference_data(), language=language
    )


def _figures(text: str, language: str) -> list[tuple[str, float, str]]:
    extraction = _extracted(text, language)
    return [
        (f.metric, float(f.quantity.original.value), f.quantity.bound) for f in extraction.figures
    ]


@pytest.mark.parametrize(
    ("language", "text", "figure"),
    [
        ("fr", "La start-up Zentrix a levé 2 milliards de dollars en juin, soit environ 1,8 "
         "milliard d'euros, et sa valorisation atteint 20 milliards de dollars.",
         ("funding_raised", 1.8e9, "approximate")),
        ("de", "Das Unternehmen Zentrix will 3 Milliarden Euro investieren (rund 3,4 Milliarden "
         "Dollar).",
         ("investment", 3.4e9, "approximate")),
    ],
)  # fmt: skip
def test_a_conversion_into_another_currency_keeps_the_metric_it_converts(
    language: str, text: str, figure: tuple[str, float, str]
) -> None:
    assert figure in _figures(text, language)


@pytest.mark.parametrize(
    ("language", "text", "figure"),
    [
        ("en", "The startup Zentrix said its revenue quadrupled from a year earlier.",
         ("revenue_multiple_yoy", 4, "exact")),
        ("it", "La start-up Zeta ha visto i ricavi più che triplicati rispetto a un anno fa.",
         ("revenue_multiple_yoy", 3, "at_least")),
        ("de", "Das Start-up Zentrix meldete, der Umsatz habe sich verdoppelt.",
         ("revenue_multiple", 2, "exact")),
    ],
)  # fmt: skip
def test_a_multiplying_verb_states_a_multiple(
    language: str, text: str, figure: tuple[str, float, str]
) -> None:
    assert figure in _figures(text, language)


def test_a_bare_number_after_a_count_counts_the_same_thing() -> None:
    text = (
        "La startup Zeta conta 80 milioni di utenti ogni settimana, rispetto ai 50 milioni di "
        "maggio."
    )
    assert ("weekly_users", 5e7, "exact") in _figures(text, "it")


def test_a_comparison_base_is_not_the_period_of_the_figure() -> None:
    text = (
        "Nel 2023 la startup Zeta ha fatturato 9 milioni di euro, un giro d'affari quasi "
        "triplicato rispetto all'anno precedente."
    )
    extraction = _extracted(text, "it")
    assert [(f.metric, f.period_start.year) for f in extraction.figures] == [
        ("revenue", 2023),
        ("revenue_multiple_yoy", 2023),
    ]


def _figure_of(text: str, language: str, amount: str) -> tuple[str, str, str]:
    extraction = _extracted(text, language)
    figure = next(f for f in extraction.figures if amount in f.quantity.text)
    return figure.metric, figure.quantity.bound, figure.basis


@pytest.mark.parametrize(
    ("language", "text", "amount", "expected"),
    [
        ("es", "La ronda valorará a la startup Quantix en 30.000 millones de dólares después de "
         "la inversión.", "30.000", ("valuation", "exact", "total")),
        ("es", "El contrato de la startup Quantix supera sus ingresos actuales (US$2.000 millones "
         "anuales).", "2.000", ("revenue", "exact", "run_rate")),
        ("fr", "La start-up Lumex a réalisé un chiffre d'affaires de 4 millions d'euros l'an "
         "dernier.", "4", ("revenue", "exact", "total")),
        ("es", "La startup Quantix gastará US$5.000 millones anuales, mientras su socio comprará "
         "chips.", "5.000", ("spending", "exact", "total")),
    ],
)  # fmt: skip
def test_valuation_after_investment_yearly_revenue_and_spending_outside_capex_clauses(
    language: str, text: str, amount: str, expected: tuple[str, str, str]
) -> None:
    assert _figure_of(text, language, amount) == expected


def test_a_bare_number_of_a_noun_is_no_amount_of_money() -> None:
    text = (
        "La startup Quantix factura US$3.000 millones, el consumo de dos millones de hogares "
        "según sus ingresos."
    )
    extraction = _extracted(text, "es")
    assert [float(f.quantity.original.value) for f in extraction.figures] == [3e9]


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "metric"),
    [
        (
            "en",
            "It lifts capex to $40 billion after spending $30 billion last year.",
            "30",
            "capex",
        ),
        (
            "fr",
            "Ses dépenses d'investissement iront à 9 milliards d'euros, après des dépenses "
            "de 7 milliards d'euros.",
            "7",
            "capex",
        ),
        (
            "de",
            "Geplant ist eine Investition von rund 2 Milliarden Euro in ein Rechenzentrum.",
            "2",
            "investment",
        ),
    ],
)
def test_spending_said_beside_capex_is_capex_and_an_investment_of_an_amount_is_one(
    language: str, sentence: str, amount: str, metric: str
) -> None:
    assert _metric(sentence, language, amount) == metric


@pytest.mark.parametrize(
    ("language", "sentence", "amount"),
    [
        ("en", "Capital expenditure rose 40% to $12 billion.", "40"),
        ("de", "Die Kosten für neue Rechenzentren stiegen um 65 Prozent auf 8 Mrd. Euro.", "65"),
        ("it", "Gli investimenti in conto capitale sono cresciuti del 30%.", "30"),
        ("de", "Die Kosten für Rechenzentren schnellten um 50 Prozent auf 9 Mrd. Euro hoch.", "50"),
    ],
)
def test_a_rise_of_capex_is_capex_growth(language: str, sentence: str, amount: str) -> None:
    assert _metric(sentence, language, amount) == "capex_growth"


@pytest.mark.parametrize(
    ("language", "sentence", "amount", "metric"),
    [
        ("en", "The warrant lets the buyer purchase stock at $0.05 per share.", "0.05", None),
        ("fr", "Le bon permet d'acheter des titres à 2 euros par action.", "2", None),
        ("en", "Earnings per share came in at $1.20.", "1.20", "eps"),
        ("de", "Das Ergebnis je Aktie lag bei 2,10 Euro.", "2,10", "eps"),
    ],
)
def test_a_price_per_share_is_no_earnings_per_share(
    language: str, sentence: str, amount: str, metric: str | None
) -> None:
    assert _metric(sentence, language, amount) == metric
