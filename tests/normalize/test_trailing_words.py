"""What follows an amount (a dash clause, a preposition) never changes or hides it."""

from datetime import date
from decimal import Decimal

import pytest

from service.normalize import find_quantities

REF_DATE = date(2025, 8, 21)
DASHES = {"spaced em dash": " — ", "em dash": "—", "spaced en dash": " – ", "en dash": "–",
          "spaced hyphen": " - "}  # fmt: skip
DASH_CLAUSES = [
    ("en", "In July revenue passed $1 billion{dash}driven by global demand.", "$1 billion"),
    (
        "fr",
        "En juillet, l'entreprise a dépassé pour la première fois un revenu mensuel "
        "d'un milliard de dollars{dash}soutenu par la demande mondiale.",
        "un milliard de dollars",
    ),
    (
        "it",
        "A luglio i ricavi hanno superato un miliardo di dollari{dash}sostenuti dalla domanda.",
        "un miliardo di dollari",
    ),
    (
        "de",
        "Im Juli überstieg der Umsatz 1 Milliarde Dollar{dash}getragen von der Nachfrage.",
        "1 Milliarde Dollar",
    ),
    (
        "es",
        "En julio los ingresos superaron 1.000 millones de dólares{dash}impulsados por la demanda.",
        "1.000 millones de dólares",
    ),
]
PREPOSITIONS = [
    ("fr", "Il a investi 2 milliards dans des centres de données.", "2 milliards", "2e9"),
    ("fr", "Elle prévoit 5 milliards pour ses nouveaux serveurs.", "5 milliards", "5e9"),
    ("it", "Servono decine di miliardi per chip avanzati.", "decine di miliardi", "5.5e10"),
    ("it", "Investirà 4 miliardi in centri dati.", "4 miliardi", "4e9"),
    ("en", "It spent 80 billion last year on data centres.", "80 billion", "8e10"),
    ("en", "Microsoft To Spend 80 Billion On AI Data Centers", "80 Billion", "8e10"),
    ("de", "Das Unternehmen steckt 5 Milliarden für Rechenzentren ein.", "5 Milliarden", "5e9"),
    ("de", "Der Konzern investiert 3 Milliarden in neue Rechenzentren.", "3 Milliarden", "3e9"),
    ("es", "La empresa invirtió 3.000 millones en centros de datos.", "3.000 millones", "3e9"),
    ("es", "Destinará 500 millones para nuevos servidores.", "500 millones", "5e8"),
]
RANGES_BEFORE_PREPOSITION = [
    ("en", "It will spend between $80 billion and $85 billion on data centres."),
    ("fr", "Il dépensera entre 80 et 85 milliards de dollars dans des centres de données."),
    ("it", "Spenderà tra 80 e 85 miliardi di dollari per i centri dati."),
    ("de", "Er gibt zwischen 80 und 85 Milliarden Dollar für Rechenzentren aus."),
    ("es", "Gastará entre 80.000 y 85.000 millones de dólares en centros de datos."),
]


@pytest.mark.parametrize("dash", DASHES.values(), ids=DASHES.keys())
@pytest.mark.parametrize(
    ("lang", "sentence", "amount"), DASH_CLAUSES, ids=[lang for lang, _, _ in DASH_CLAUSES]
)
def test_dash_before_a_clause_keeps_the_amount_before_it(
    lang: str, sentence: str, amount: str, dash: str
) -> None:
    found = find_quantities(sentence.format(dash=dash), lang, REF_DATE)
    assert [(q.text, q.kind, q.original.unit, q.value) for q in found] == [
        (amount, "money", "USD", Decimal("1e9")),
    ]  # fmt: skip


@pytest.mark.parametrize(("lang", "sentence", "amount", "value"), PREPOSITIONS)
def test_amount_before_a_preposition_is_not_a_count_of_the_noun_after_it(
    lang: str, sentence: str, amount: str, value: str
) -> None:
    found = find_quantities(sentence, lang, REF_DATE)
    assert [(q.text, q.kind, q.value) for q in found] == [(amount, "number", Decimal(value))]


@pytest.mark.parametrize(
    ("lang", "text", "amount"),
    [
        ("en", "$85 billion last year on data centres", "$85 billion"),
        ("en", "a $500 million chips deal", "$500 million"),
        ("it", "€ 500 milioni di chip", "€ 500 milioni"),
        ("es", "US$ 300 millones en chips", "US$ 300 millones"),
    ],
)
def test_amount_with_a_currency_before_it_is_money_never_a_count(
    lang: str, text: str, amount: str
) -> None:
    found = find_quantities(text, lang, REF_DATE)
    assert [(q.text, q.kind) for q in found] == [(amount, "money")]


@pytest.mark.parametrize(("lang", "sentence"), RANGES_BEFORE_PREPOSITION)
def test_range_before_a_preposition_is_one_money_range(lang: str, sentence: str) -> None:
    found = find_quantities(sentence, lang, REF_DATE)
    assert [(q.kind, q.original.unit, q.bound, q.low, q.high) for q in found] == [
        ("money", "USD", "range", Decimal("8e10"), Decimal("8.5e10")),
    ]  # fmt: skip
