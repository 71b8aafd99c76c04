"""Figures a careful reader would not file under a company: unnamed subjects, stray numbers."""

from datetime import date
from decimal import Decimal

import pytest

from service.ingest.gazetteer import Gazetteer
from service.ingest.pipeline import extract
from service.ingest.types import Extraction

PUBLISHED = date(2025, 6, 12)


def _facts(extraction: Extraction) -> list[tuple[str, str, Decimal]]:
    return [(f.company, f.metric, f.quantity.value) for f in extraction.figures]


def _values(extraction: Extraction) -> list[Decimal]:
    return [f.quantity.value for f in extraction.figures]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Anthropic weighs a new round\n"
            "European AI startups have raised $3.4 billion since January, a tracker shows.",
        ),
        (
            "fr",
            "Anthropic prépare une levée\n"
            "Les jeunes pousses européennes de l'IA ont levé 3,4 milliards de dollars "
            "depuis janvier.",
        ),
        (
            "it",
            "Anthropic prepara un round\n"
            "Le startup europee dell'IA hanno raccolto 3,4 miliardi di dollari da gennaio.",
        ),
        (
            "de",
            "Anthropic plant eine Runde\n"
            "Europäische KI-Firmen haben seit Januar 3,4 Milliarden Dollar eingesammelt.",
        ),
        (
            "es",
            "Anthropic prepara una ronda\n"
            "Las empresas europeas de IA han recaudado 3.400 millones de dólares desde enero.",
        ),
    ],
)
def test_money_raised_by_unnamed_companies_is_not_the_topic_companys(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert Decimal(3400000000) not in _values(extraction)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Mistral AI grows fast\nThe EU will fund five plants with $2 billion each."),
        ("fr", "Mistral AI accélère\nL'UE financera cinq usines avec 2 milliards d'euros chacune."),
        ("de", "Mistral AI wächst\nDie EU will fünf Werke mit je 2 Milliarden Euro fördern."),
        ("es", "Mistral AI crece\nLa UE financiará cinco plantas con 2.000 millones cada una."),
    ],
)
def test_a_public_programme_is_not_the_topic_companys(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert Decimal(2000000000) not in _values(extraction)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Anthropic grows\nEach co-founder keeps more than 3% of the shares of Anthropic."),
        (
            "fr",
            "Anthropic grandit\n"
            "Les cofondateurs gardent chacun plus de 3 % du capital d'Anthropic.",
        ),
        (
            "it",
            "Anthropic cresce\n"
            "I cofondatori conservano ciascuno oltre il 3% del capitale di Anthropic.",
        ),
        (
            "es",
            "Anthropic crece\n"
            "Sus siete cofundadores conservan más del 3% del capital de Anthropic.",
        ),
    ],
)
def test_a_stake_held_by_people_is_no_company_stake(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert [f for f in extraction.figures if f.metric == "stake"] == []


def test_a_sentence_about_global_spending_names_no_company(gazetteer: Gazetteer) -> None:
    text = (
        "Microsoft accelera sui data center\n"
        "Entro il 2030 le spese globali per i data center potrebbero toccare 2 trilioni di dollari."
    )
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="it")
    assert Decimal(2000000000000) not in _values(extraction)


def test_the_topic_company_keeps_figures_of_sentences_naming_no_one(gazetteer: Gazetteer) -> None:
    text = "Anthropic lève des fonds\nLa levée atteint 3 milliards de dollars, selon le communiqué."
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="fr")
    assert ("anthropic", "funding_raised", Decimal(3000000000)) in _facts(extraction)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Oracle signed a cloud contract worth $12 billion. "
            "The site will draw as much power as three million homes.",
        ),
        (
            "es",
            "Oracle firmó un contrato de 12.000 millones de dólares. "
            "El centro consumirá tanta energía como tres millones de hogares.",
        ),
        (
            "fr",
            "Oracle a signé un contrat de 12 milliards de dollars. "
            "Le site consommera autant que trois millions de foyers.",
        ),
    ],
)
def test_a_number_counting_a_noun_takes_no_carried_currency(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert Decimal(3000000) not in _values(extraction)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Anthropic widens its lead\nOpenAI follows another path. "
            "So, having raised $6 billion in the spring, the company is now valued higher.",
        ),
        (
            "fr",
            "Anthropic creuse l'écart\nOpenAI suit une autre voie. "
            "Ainsi après avoir levé 6 milliards de dollars au printemps, "
            "la société vaut davantage.",
        ),
        (
            "it",
            "Anthropic allunga il passo\nOpenAI segue un'altra strada. "
            "Così, dopo aver raccolto 6 miliardi di dollari in primavera, la società vale di più.",
        ),
        (
            "es",
            "Anthropic amplía su ventaja\nOpenAI sigue otro camino. "
            "Así, tras recaudar 6.000 millones de dólares en primavera, la empresa vale más.",
        ),
    ],
)
def test_a_figure_before_the_company_referred_back_to_is_that_companys(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert ("openai", "funding_raised", Decimal(6000000000)) in _facts(extraction)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "es",
            "Oracle amplía su nube\nEl pacto prevé instalar 3.000 GPU en las salas de la compañía.",
        ),
        ("fr", "Oracle étend son cloud\nL'accord prévoit 3 000 GPU dans les salles de la société."),
    ],
)
def test_a_company_referred_back_to_in_a_complement_is_no_subject(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert [(f.company, f.quantity.value) for f in extraction.figures] == [
        ("oracle", Decimal(3000))
    ]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Microsoft and Nvidia will own 30% and 70% of the venture, respectively."),
        ("fr", "Microsoft et Nvidia détiendront respectivement 30 % et 70 % du capital."),
        ("it", "Microsoft e Nvidia deterranno rispettivamente il 30% e il 70% del capitale."),
        ("de", "Microsoft und Nvidia halten 30 Prozent beziehungsweise 70 Prozent des Kapitals."),
        ("es", "Microsoft y Nvidia tendrán una participación del 30% y el 70%, respectivamente."),
    ],
)
def test_respectively_pairs_each_figure_with_its_company(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    stakes = [(f.company, f.quantity.value) for f in extraction.figures if f.metric == "stake"]
    assert stakes == [("microsoft", Decimal("0.3")), ("nvidia", Decimal("0.7"))]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "OpenAI's deals with Nvidia and AMD provide 8 GW and 3 GW of capacity, respectively.",
        ),
        ("fr", "Les contrats d'OpenAI avec Nvidia et AMD portent respectivement sur 8 GW et 3 GW."),
    ],
)
def test_respectively_never_pairs_figures_with_companies_of_a_complement(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert {f.company for f in extraction.figures} <= {"openai"}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Mistral AI raised its round; the smallest ticket in the round was $41,250."),
        (
            "fr",
            "Mistral AI a bouclé son tour ; le plus petit chèque du tour était de 41 250 dollars.",
        ),
        (
            "de",
            "Mistral AI schloss die Runde ab; der kleinste Beitrag der Runde lag bei 41.250 Euro.",
        ),
    ],
)
def test_a_money_amount_too_small_for_a_company_figure_is_a_stray_number(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert [f for f in extraction.figures if f.quantity.value < 1_000_000] == []


def test_a_small_amount_per_share_stays(gazetteer: Gazetteer) -> None:
    text = "Oracle reported earnings per share of $1.47 for the quarter."
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="en")
    assert ("oracle", "eps", Decimal("1.47")) in _facts(extraction)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Mistral AI grew while Europe saw fewer funding rounds of $200 million or more."),
        (
            "fr",
            "Mistral AI a grandi alors que les tours de 200 millions d'euros et plus ont reculé.",
        ),
        ("it", "Mistral AI è cresciuta mentre calavano i round da 200 milioni di euro o più."),
        ("de", "Mistral AI wuchs, während Runden von 200 Millionen Euro und mehr seltener wurden."),
        ("es", "Mistral AI creció mientras caían las rondas de 200 millones de euros o más."),
    ],
)
def test_an_amount_that_is_a_class_threshold_is_no_figure(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert Decimal(200000000) not in _values(extraction)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Each founder keeps 2% of Anthropic, so each has a net worth of $1.5 billion."),
        (
            "fr",
            "Chaque fondateur gardera 2 % du capital d'Anthropic, si bien que sa fortune "
            "atteindra 1,5 milliard de dollars.",
        ),
        (
            "it",
            "Ogni fondatore terrà il 2% del capitale di Anthropic, quindi il suo patrimonio "
            "sarà di almeno 1,5 miliardi di dollari.",
        ),
        (
            "de",
            "Jeder Gründer behält 2 Prozent des Kapitals von Anthropic, womit sein Vermögen "
            "bei 1,5 Milliarden Dollar liegt.",
        ),
        (
            "es",
            "Cada fundador conservará el 2% del capital de Anthropic, por lo que su patrimonio "
            "neto será de al menos 1.500 millones de dólares.",
        ),
    ],
)
def test_a_founders_stake_and_fortune_are_no_company_figures(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert _facts(extraction) == []


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "OpenAI backs a new campus\nThe project of $80 billion aims at 4 gigawatts."),
        ("fr", "OpenAI soutient un campus\nLe projet de 80 milliards de dollars vise 4 gigawatts."),
        (
            "it",
            "OpenAI sostiene un campus\nIl progetto da 80 miliardi di dollari punta a 4 gigawatt.",
        ),
        (
            "de",
            "OpenAI stützt einen Campus\n"
            "Das Projekt über 80 Milliarden Dollar soll 4 Gigawatt liefern.",
        ),
        (
            "es",
            "OpenAI respalda un campus\n"
            "El proyecto de 80.000 millones de dólares busca 4 gigavatios.",
        ),
    ],
)
def test_a_projects_figures_are_not_the_topic_companys(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert _facts(extraction) == []


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Nvidia's revenue rose 20% year over year to $30 billion. "
            "Net income jumped 15% to $12 billion.",
        ),
        (
            "fr",
            "Le chiffre d'affaires de Nvidia progresse de 20 % sur un an. "
            "Le bénéfice net bondit de 15 % à 12 milliards de dollars.",
        ),
        (
            "it",
            "I ricavi di Nvidia crescono del 20% su base annua. "
            "L'utile netto sale del 15% a 12 miliardi di dollari.",
        ),
        (
            "de",
            "Der Umsatz von Nvidia stieg im Jahresvergleich um 20 Prozent. "
            "Der Nettogewinn legte um 15 Prozent auf 12 Milliarden Dollar zu.",
        ),
        (
            "es",
            "Los ingresos de Nvidia crecieron un 20% interanual. "
            "El beneficio neto subió un 15% hasta 12.000 millones de dólares.",
        ),
    ],
)
def test_a_growth_after_a_year_over_year_comparison_keeps_that_base(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert ("nvidia", "net_income_growth_yoy", Decimal("0.15")) in _facts(extraction)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Nvidia expects revenue growth of 30% in 2026."),
        ("fr", "Nvidia prévoit une croissance du chiffre d'affaires de 30 % en 2026."),
        ("es", "Nvidia prevé un crecimiento de los ingresos del 30% en 2026."),
    ],
)
def test_a_growth_over_a_stated_year_is_year_over_year(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert ("nvidia", "revenue_growth_yoy", Decimal("0.3")) in _facts(extraction)


def test_a_growth_after_a_sentence_without_comparison_keeps_no_base(gazetteer: Gazetteer) -> None:
    text = "Nvidia's revenue reached $30 billion. Net income jumped 15% to $12 billion."
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="en")
    assert ("nvidia", "net_income_growth", Decimal("0.15")) in _facts(extraction)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "Los ingresos de Nvidia subieron un 10% hasta 5.000 millones de dólares."),
        ("it", "I ricavi di Nvidia sono saliti del 10% fino a 5 miliardi di dollari."),
        ("fr", "Le chiffre d'affaires de Nvidia a grimpé de 10 % jusqu'à 5 milliards de dollars."),
    ],
)
def test_up_to_after_a_change_verb_is_the_level_reached(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    bounds = [(f.metric, f.quantity.bound) for f in extraction.figures]
    assert ("revenue", "exact") in bounds


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "Nvidia invertirá hasta 5.000 millones de dólares en la planta."),
        ("it", "Nvidia investirà fino a 5 miliardi di dollari nell'impianto."),
        ("fr", "Nvidia investira jusqu'à 5 milliards de dollars dans l'usine."),
    ],
)
def test_up_to_without_a_change_verb_stays_an_upper_bound(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert [f.quantity.bound for f in extraction.figures] == ["at_most"]


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        (
            "Meta's data centre push goes on, with 2026 expenses expected between "
            "$120 billion and $125 billion.",
            "operating_costs",
        ),
        ("Meta's total expenses reached $25 billion in the quarter.", "operating_costs"),
        ("Meta expects capital expenditures of $70 billion on AI infrastructure.", "capex"),
        ("Meta spent $20 billion on data centers last year.", "capex"),
    ],
)
def test_expenses_are_operating_costs_even_beside_infrastructure(
    gazetteer: Gazetteer, text: str, metric: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="en")
    assert [f.metric for f in extraction.figures] == [metric]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Mistral AI closes its round\nFor their part, Nvidia and Salesforce agreed to "
            "contribute a further €100 million as convertible debt.",
        ),
        (
            "fr",
            "Mistral AI boucle son tour\nDe leur côté, Nvidia et Salesforce apporteront "
            "100 millions d'euros de plus sous forme de dette convertible.",
        ),
        (
            "it",
            "Mistral AI chiude il round\nDa parte loro, Nvidia e Salesforce contribuiranno "
            "con altri 100 milioni di euro di debito convertibile.",
        ),
        (
            "de",
            "Mistral AI schließt die Runde\nNvidia und Salesforce steuern zusätzlich "
            "100 Millionen Euro als Wandeldarlehen bei.",
        ),
        (
            "es",
            "Mistral AI cierra su ronda\nPor su parte, Nvidia y Salesforce aportarán otros "
            "100 millones de euros en deuda convertible.",
        ),
        ("en", "Nvidia and Salesforce will contribute $100 million in debt to Mistral AI."),
    ],
)
def test_money_contributors_put_in_is_raised_by_the_company_they_fund(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert [(f.company, f.metric) for f in extraction.figures] == [("mistral-ai", "debt_raised")]


def test_a_company_raising_money_itself_keeps_it(gazetteer: Gazetteer) -> None:
    text = "Nvidia fait un point\nMistral AI a emprunté 100 millions d'euros auprès des banques."
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="fr")
    assert [(f.company, f.metric) for f in extraction.figures] == [("mistral-ai", "debt_raised")]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "es",
            "OpenAI obtuvo 5.000 millones de inversión en marzo y cuenta con Microsoft como socio.",
        ),
        (
            "en",
            "OpenAI got an investment of $5 billion in March and counts Microsoft as a partner.",
        ),
        (
            "it",
            "OpenAI ha ottenuto un investimento di 5 miliardi nel 2024 e ha Microsoft come socio.",
        ),
        (
            "de",
            "OpenAI bekam 5 Milliarden investiert in März und nennt Microsoft Partner.",
        ),
    ],
)
def test_in_before_a_date_names_no_investee(gazetteer: Gazetteer, language: str, text: str) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    investees = [
        party.company
        for deal in extraction.deals
        if deal.kind == "investment"
        for party in deal.parties
        if party.role == "investee"
    ]
    assert "microsoft" not in investees


@pytest.mark.parametrize(
    ("language", "text", "bound"),
    [
        ("it", "Le azioni di Nvidia hanno segnato un rialzo superiore al 30%.", "at_least"),
        ("fr", "Les actions de Nvidia affichent une hausse supérieure à 30 %.", "at_least"),
        ("es", "Las acciones de Nvidia registran una subida superior al 30%.", "at_least"),
        ("en", "Nvidia's market cap is approaching $4 trillion.", "approximate"),
        ("it", "La capitalizzazione di Nvidia si avvicina a 4 trilioni di dollari.", "approximate"),
        ("es", "La capitalización de Nvidia roza los 4 billones de dólares.", "approximate"),
    ],
)
def test_comparatives_and_approach_verbs_bound_the_value(
    gazetteer: Gazetteer, language: str, text: str, bound: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert [f.quantity.bound for f in extraction.figures] == [bound]


@pytest.mark.parametrize(
    ("language", "text", "bounds"),
    [
        (
            "fr",
            "Oracle a généré environ 2,2 milliards de dollars (1,9 milliard d'euros) de revenus.",
            ["approximate", "approximate"],
        ),
        (
            "en",
            "Oracle generated about €2.2 billion ($2.5 billion) in revenue.",
            ["approximate", "approximate"],
        ),
        (
            "es",
            "Oracle invertirá 2.200 millones de dólares (1.900 millones de euros "
            "aproximadamente) en la planta.",
            ["exact", "approximate"],
        ),
    ],
)
def test_a_conversion_of_a_rounded_amount_is_approximate(
    gazetteer: Gazetteer, language: str, text: str, bounds: list[str]
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert [f.quantity.bound for f in extraction.figures] == bounds


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Meta said it will sharply ramp up its bets on artificial intelligence and models, "
            "with capital expenditures reaching $70 billion this year.",
        ),
        (
            "fr",
            "Meta va nettement accélérer ses paris sur l'intelligence artificielle et ses modèles, "
            "avec des dépenses d'investissement de 70 milliards de dollars cette année.",
        ),
        (
            "es",
            "Meta acelerará con fuerza sus apuestas por la inteligencia artificial y sus modelos, "
            "con gastos de capital de 70.000 millones de dólares este año.",
        ),
    ],
)
def test_a_figure_for_the_running_year_in_a_sentence_looking_ahead_is_no_actual(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert [f.status for f in extraction.figures if f.metric == "capex"] in (
        ["forecast"],
        ["plan"],
    )


def test_a_figure_for_the_running_year_said_in_the_past_stays_actual(gazetteer: Gazetteer) -> None:
    text = "Meta's profit plunged after a one-off tax charge of $15 billion earlier this year."
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="en")
    assert [f.status for f in extraction.figures] == ["actual"]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "Après avoir levé 6 milliards de dollars en mars, OpenAI vaut davantage."),
        ("es", "Tras haber recaudado 6.000 millones de dólares en marzo, OpenAI vale más."),
        ("it", "Dopo aver raccolto 6 miliardi di dollari a marzo, OpenAI vale di più."),
        ("fr", "OpenAI atteint 2 milliards de dollars de revenus annualisés."),
        ("es", "OpenAI alcanza 2.000 millones de dólares de ingresos anualizados."),
    ],
)
def test_perfect_infinitives_and_reached_in_the_present_are_actual(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert [f.status for f in extraction.figures] == ["actual"]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "According to Bloomberg, SoftBank could invest $20 billion in OpenAI."),
        ("fr", "Selon Bloomberg, SoftBank pourrait investir 20 milliards de dollars dans OpenAI."),
        (
            "it",
            "Secondo fonti del FT, SoftBank investirà fino a 20 miliardi di dollari.",
        ),
        (
            "es",
            "SoftBank invertirá 20.000 millones de dólares en OpenAI, según fuentes cercanas "
            "a la operación.",
        ),
        ("de", "Laut Insidern will SoftBank 20 Milliarden Dollar in OpenAI investieren."),
    ],
)
def test_an_intention_credited_to_the_press_or_to_sources_is_a_rumor(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert [f.status for f in extraction.figures] == ["rumor"]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "According to the company, SoftBank will invest $20 billion in OpenAI."),
        ("fr", "Selon le communiqué, SoftBank investira 20 milliards de dollars dans OpenAI."),
    ],
)
def test_an_intention_credited_to_the_company_stays_a_plan(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert [f.status for f in extraction.figures] == ["plan"]


def test_a_projection_reported_by_the_press_stays_a_forecast(gazetteer: Gazetteer) -> None:
    text = "Selon The Information, OpenAI prévoit des dépenses de 30 milliards de dollars en 2028."
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="fr")
    assert [f.status for f in extraction.figures] == ["forecast"]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Meta's capex rose by $30 billion from the year before."),
        (
            "fr",
            "Meta prévoit 70 milliards de dollars de dépenses d'investissement, "
            "soit une hausse d'environ 30 milliards de dollars.",
        ),
        ("it", "Le spese in conto capitale di Meta sono cresciute di 30 miliardi di dollari."),
        ("de", "Die Bewertung von OpenAI ist um mehr als 30 Milliarden Dollar gewachsen."),
        ("es", "Los gastos de capital de Meta aumentaron en 30.000 millones de dólares."),
    ],
)
def test_the_size_of_a_change_is_no_level(gazetteer: Gazetteer, language: str, text: str) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert Decimal(30000000000) not in _values(extraction)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Meta's capex rose to $30 billion."),
        ("de", "Die Investitionsausgaben von Meta stiegen auf 30 Milliarden Dollar."),
    ],
)
def test_the_level_a_change_reaches_stays(gazetteer: Gazetteer, language: str, text: str) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert ("meta", "capex", Decimal(30000000000)) in _facts(extraction)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Anthropic keeps growing. The startup behind Claude, the rival of OpenAI's chatbot, "
            "is raising $2 billion, sources told Forbes.",
        ),
        (
            "fr",
            "Anthropic grandit. La startup derrière Claude, le rival du robot d'OpenAI, est en "
            "train de lever 2 milliards de dollars, ont indiqué des sources.",
        ),
        (
            "it",
            "Anthropic cresce. La startup dietro Claude, rivale del chatbot di OpenAI, sta "
            "raccogliendo 2 miliardi di dollari, secondo fonti vicine.",
        ),
        (
            "es",
            "Anthropic sigue creciendo. La startup detrás de Claude, el rival del producto de "
            "OpenAI, está recaudando 2.000 millones de dólares, confirmaron fuentes a Forbes.",
        ),
    ],
)
def test_a_company_in_an_aside_is_not_the_subject_and_a_sourced_raise_is_a_rumor(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert [(f.company, f.metric, f.status) for f in extraction.figures] == [
        ("anthropic", "funding_raised", "rumor")
    ]


def test_a_company_listed_after_a_comma_stays_the_subject(gazetteer: Gazetteer) -> None:
    text = "Microsoft, Google and Meta each spent money; Meta, for its part, spent $5 billion."
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="en")
    assert [f.company for f in extraction.figures] == ["meta"]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "OpenAI, Oracle and SoftBank announced plans to build five new data centers."),
        ("es", "OpenAI, Oracle y SoftBank anunciaron que construirán cinco centros de datos."),
        ("fr", "OpenAI, Oracle et SoftBank vont construire cinq centres de données."),
        ("de", "OpenAI, Oracle und SoftBank wollen fünf Rechenzentren bauen."),
        ("it", "OpenAI, Oracle e SoftBank costruiranno cinque data center."),
    ],
)
def test_a_figure_of_companies_listed_as_one_subject_is_no_ones(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert extraction.figures == []


def test_a_source_named_before_the_subject_is_no_partner_of_it(gazetteer: Gazetteer) -> None:
    text = "Según la consultora Omdia, Microsoft compró unos 300.000 chips el año pasado."
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="es")
    assert [(f.company, f.metric) for f in extraction.figures] == [("microsoft", "chips")]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "Les accords d'OpenAI prévoient le déploiement de 6 GW de capacité."),
        ("en", "OpenAI expects to deploy 6 GW of capacity."),
        ("es", "OpenAI prevé desplegar 6 GW de capacidad."),
    ],
)
def test_what_a_company_foresees_doing_is_a_plan(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert [f.status for f in extraction.figures] == ["plan"]


def test_guidance_of_an_outcome_stays_a_forecast(gazetteer: Gazetteer) -> None:
    text = "Meta expects capital expenditures of $70 billion this year."
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="en")
    assert [f.status for f in extraction.figures] == ["forecast"]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "OpenAI denied a report that it had raised $5 billion from SoftBank."),
        ("fr", "OpenAI a démenti avoir levé 5 milliards de dollars auprès de SoftBank."),
        ("it", "OpenAI ha smentito di aver raccolto 5 miliardi di dollari."),
        (
            "de",
            "OpenAI dementierte einen Bericht, wonach es 5 Milliarden Dollar eingesammelt habe.",
        ),
        ("es", "OpenAI desmintió haber recaudado 5.000 millones de dólares."),
    ],
)
def test_a_denied_report_is_no_actual(gazetteer: Gazetteer, language: str, text: str) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert [f.status for f in extraction.figures] == ["rumor"]
    assert all(deal.status == "rumored" for deal in extraction.deals)


def test_money_a_company_invested_in_another_is_its_actual_investment(
    gazetteer: Gazetteer,
) -> None:
    text = "Nvidia invested $2 billion in xAI's latest round."
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="en")
    assert [(f.company, f.metric, f.status) for f in extraction.figures] == [
        ("nvidia", "investment", "actual")
    ]


def test_money_a_company_will_have_invested_is_no_actual(gazetteer: Gazetteer) -> None:
    text = "Nvidia will have invested $2 billion in xAI by 2027."
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="en")
    assert [f.status for f in extraction.figures] != ["actual"]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("es", "Nvidia invirtió 2.000 millones de dólares en la última ronda de xAI."),
        ("en", "Nvidia invested $2 billion in xAI's latest funding round."),
        ("fr", "Nvidia a investi 2 milliards de dollars dans le dernier tour de table de xAI."),
    ],
)
def test_a_company_investing_in_anothers_round_is_its_investor(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    roles = {(party.company, party.role) for deal in extraction.deals for party in deal.parties}
    assert roles == {("nvidia", "investor"), ("xai", "investee")}
    assert [(f.company, f.metric) for f in extraction.figures] == [("nvidia", "investment")]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Alphabet plans to boost capex to $80 billion in 2025, after spending $50 billion "
            "last year.",
        ),
        (
            "fr",
            "Meta prévoit 80 milliards de dollars de dépenses d'investissement en 2025, contre "
            "50 milliards de dollars en 2024.",
        ),
        (
            "es",
            "Meta prevé gastos de capital de 80.000 millones de dólares en 2025, frente a "
            "50.000 millones en 2024.",
        ),
        (
            "it",
            "Meta prevede spese in conto capitale per 80 miliardi di dollari nel 2025, dopo "
            "50 miliardi di dollari nel 2024.",
        ),
    ],
)
def test_the_year_in_an_amounts_own_clause_is_its_period(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    years = {f.quantity.original.value: f.period_start.year for f in extraction.figures}
    assert years == {Decimal(80000000000): 2025, Decimal(50000000000): 2024}


def test_a_year_after_than_is_a_comparison_base_not_the_period(gazetteer: Gazetteer) -> None:
    text = (
        "OpenAI a généré 4 milliards de dollars de revenus au premier semestre 2025, "
        "soit 20 % de plus que l'année dernière."
    )
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="fr")
    assert {f.period_start.year for f in extraction.figures} == {2025}


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "OpenAI denied a report that it had raised $5 billion from SoftBank."),
        ("fr", "OpenAI a démenti avoir levé 5 milliards de dollars auprès de SoftBank."),
    ],
)
def test_a_denied_figure_is_trusted_less_and_says_why(
    gazetteer: Gazetteer, language: str, text: str
) -> None:
    stated = text.replace("denied a report that it had", "said it had").replace(
        "a démenti avoir", "a annoncé avoir"
    )
    denied = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    plain = extract(stated, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert denied.figures[0].signals["denied"] is True
    assert denied.figures[0].confidence < plain.figures[0].confidence


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "The warrants vest once all 6 gigawatts of capacity have been deployed by OpenAI."),
        (
            "fr",
            "Les bons seront exercés une fois que les 6 gigawatts de capacité seront déployés "
            "par OpenAI.",
        ),
        (
            "de",
            "Die Optionen werden fällig, sobald 6 Gigawatt Kapazität von OpenAI installiert sind.",
        ),
        (
            "it",
            "Le opzioni maturano una volta che i 6 gigawatt di capacità saranno installati "
            "da OpenAI.",
        ),
        (
            "es",
            "Las opciones se ejercen una vez que los 6 gigavatios de capacidad estén instalados "
            "por OpenAI.",
        ),
    ],
)
def test_a_figure_in_a_condition_is_no_fact(gazetteer: Gazetteer, language: str, text: str) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert extraction.figures == []


def test_a_figure_outside_a_condition_stays(gazetteer: Gazetteer) -> None:
    text = "OpenAI has deployed 6 gigawatts of capacity, once a distant goal."
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language="en")
    assert [(f.company, f.metric) for f in extraction.figures] == [("openai", "power_capacity")]


@pytest.mark.parametrize(
    ("language", "text"),
    [
        (
            "en",
            "Despite losses of $4.5 billion at its headset unit, "
            "Meta's revenue reached $40 billion.",
        ),
        (
            "fr",
            "Malgré des pertes de 4,5 milliards de dollars dans sa branche casque, Meta a vu "
            "son chiffre d'affaires atteindre 40 milliards.",
        ),
        (
            "es",
            "Pese a pérdidas de 4.500 millones de dólares en su división de cascos, los "
            "ingresos de Meta alcanzaron 40.000 millones.",
        ),
    ],
)
def test_a_loss_is_never_revenue(gazetteer: Gazetteer, language: str, text: str) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert ("meta", "revenue", Decimal(4500000000)) not in _facts(extraction)
    assert ("meta", "revenue", Decimal(40000000000)) in _facts(extraction)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "OpenAI posted a net loss of $5 billion."),
        ("fr", "OpenAI a enregistré une perte nette de 5 milliards de dollars."),
        ("it", "OpenAI ha registrato una perdita netta di 5 miliardi di dollari."),
        ("es", "OpenAI registró pérdidas netas de 5.000 millones de dólares."),
    ],
)
def test_a_net_loss_is_negative_net_income(gazetteer: Gazetteer, language: str, text: str) -> None:
    extraction = extract(text, published_on=PUBLISHED, gazetteer=gazetteer, language=language)
    assert _facts(extraction) == [("openai", "net_income", Decimal(-5000000000))]
