"""Thousands marks read from the document's own habits, and scale words joined by a hyphen."""

from datetime import date

import pytest

from service.normalize import find_quantities

DAY = date(2025, 3, 14)


def _values(text: str, lang: str, *, comma_groups: bool = False) -> list[str]:
    found = find_quantities(text, lang, DAY, comma_groups=comma_groups)
    return [f"{q.original.value.normalize():f}" for q in found]


@pytest.mark.parametrize(
    ("lang", "text", "values"),
    [
        # The sentence shows comma grouping ("9,000"), so "4,300" groups thousands too.
        ("es", "Prevé ingresos de 4,300 millones y gastos de 9,000 millones.", ["4.3E+9", "9E+9"]),
        ("it", "Ricavi per 2,150 milioni, costi per 1,000 milioni.", ["2.15E+9", "1E+9"]),
        ("fr", "Un budget de 3,000 euros et une aide de 2,500 euros.", ["3000", "2500"]),
    ],
)
def test_a_comma_that_groups_thousands_elsewhere_groups_them_everywhere(
    lang: str, text: str, values: list[str]
) -> None:
    assert [float(v) for v in _values(text, lang)] == [float(v) for v in values]


@pytest.mark.parametrize(
    ("lang", "text", "grouped", "decimal"),
    [
        ("es", "Unas ventas de 4,300 millones de dólares.", 4.3e9, 4.3e6),
        ("it", "Un utile di 1,250 milioni di euro.", 1.25e9, 1.25e6),
    ],
)
def test_the_document_decides_what_an_ambiguous_comma_means(
    lang: str, text: str, grouped: float, decimal: float
) -> None:
    """Alone, "4,300" keeps the language's decimal comma; in a comma-grouping document it groups."""
    assert float(_values(text, lang)[0]) == decimal
    assert float(_values(text, lang, comma_groups=True)[0]) == grouped


def test_english_is_unchanged_by_the_comma_hint() -> None:
    assert _values("Sales of 4,300 million and 2.5 billion.", "en", comma_groups=True) == [
        "4300000000",
        "2500000000",
    ]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a $157-billion valuation", "157000000000"),
        ("the €40-million round", "40000000"),
        ("a 3-trillion market", "3000000000000"),
    ],
)
def test_a_scale_word_joined_by_a_hyphen_scales_the_number(text: str, value: str) -> None:
    assert _values(text, "en") == [value]


def test_half_a_trillion_with_hyphens_is_not_a_whole_trillion() -> None:
    assert "1000000000000" not in _values("RPO may exceed half-a-trillion dollars.", "en")


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("Una inversión de 750 mdd en Querétaro.", "750000000", "USD"),
        ("Unos 3.5 mmdd para centros de datos.", "3500000000", "USD"),
        ("Ventas por 2,400 mdp en el trimestre.", "2400000000", "MXN"),
        ("Un fondo de 200 mde.", "200000000", "EUR"),
    ],
)
def test_mexican_scale_and_currency_abbreviations(text: str, value: str, currency: str) -> None:
    found = find_quantities(text, "es", DAY)
    assert [(f"{q.original.value.normalize():f}", q.original.unit) for q in found] == [
        (value, currency)
    ]
