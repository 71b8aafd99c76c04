from datetime import date
from decimal import Decimal

import pytest

from service.normalize import (
    LANGUAGES,
    NormalizeError,
    detect_language,
    find_quantities,
    parse_quantity,
)

REF_DATE = date(2024, 6, 3)


def test_sentence_quantities_come_in_order_with_offsets() -> None:
    text = "OpenAI raised $6.6 billion at about $157bn and has 800 million weekly users."
    found = find_quantities(text, "en", REF_DATE)
    assert [q.text for q in found] == [
        "$6.6 billion", "about $157bn", "800 million weekly users",
    ]  # fmt: skip
    assert all(text[q.start : q.end] == q.text for q in found)
    assert [q.bound for q in found] == ["exact", "approximate", "exact"]


def test_years_dates_and_model_names_in_a_sentence_are_skipped() -> None:
    text = "En 2027, le 3 juillet, GPT-4 et 4o: Mistral vise 38 milliards de dollars."
    found = find_quantities(text, "fr", REF_DATE)
    assert [q.text for q in found] == ["38 milliards de dollars"]


def test_bare_scaled_amount_uses_default_currency() -> None:
    found = find_quantities("les 5 milliards dépensés", "fr", REF_DATE, default_currency="EUR")
    assert found[0].kind == "money"
    assert found[0].original.unit == "EUR"
    assert found[0].original.value == Decimal(5000000000)


def test_bare_scaled_amount_without_default_currency_is_a_number() -> None:
    found = find_quantities("5 miliardi spesi", "it", REF_DATE)
    assert (found[0].kind, found[0].unit, found[0].value) == ("number", "1", Decimal("5e9"))


def test_plain_bare_numbers_are_not_returned() -> None:
    assert find_quantities("Il y a 36 raisons et 2030 objectifs.", "fr", REF_DATE) == []


def test_french_billion_is_long_scale_1e12() -> None:
    assert parse_quantity("1 billion", "fr", REF_DATE).value == Decimal("1e12")


def test_german_billion_is_long_scale_1e12() -> None:
    assert parse_quantity("1 Billion", "de", REF_DATE).value == Decimal("1e12")


def test_english_billion_is_short_scale_1e9() -> None:
    assert parse_quantity("1 billion", "en", REF_DATE).value == Decimal("1e9")


def test_german_point_decimal_is_not_read_as_thousands() -> None:
    assert parse_quantity("3.5 Mrd.", "de", REF_DATE).value == Decimal("3.5e9")


def test_usd_amount_is_never_converted() -> None:
    quantity = parse_quantity("$5 billion", "en", REF_DATE)
    assert quantity.fx is None
    assert quantity.value == quantity.original.value


def test_range_unit_written_after_second_number_applies_to_both() -> None:
    quantity = parse_quantity("entre 3 et 5 milliards d'euros", "fr", REF_DATE)
    assert quantity.original.unit == "EUR"
    assert quantity.fx is not None
    assert quantity.low == (Decimal("3e9") * quantity.fx.rate).quantize(Decimal("0.01"))


def test_vague_amount_is_flagged_and_has_no_false_precision() -> None:
    quantity = parse_quantity("tens of billions of dollars", "en", REF_DATE)
    assert quantity.vague
    assert (quantity.low, quantity.high) == (Decimal("1e10"), Decimal("1e11"))


def test_hedge_must_be_directly_before_the_number() -> None:
    found = find_quantities("about the deal, $5 billion", "en", REF_DATE)
    assert found[0].bound == "exact"


def test_two_amounts_joined_by_and_without_between_are_not_a_range() -> None:
    found = find_quantities("$3 billion and $5 billion", "en", REF_DATE)
    assert [q.bound for q in found] == ["exact", "exact"]


def test_unknown_language_is_refused() -> None:
    with pytest.raises(NormalizeError):
        find_quantities("5 GW", "pt", REF_DATE)


def test_unknown_default_currency_is_refused() -> None:
    with pytest.raises(NormalizeError):
        find_quantities("5 milliards", "fr", REF_DATE, default_currency="ABC")


def test_two_quantities_are_not_one_value_string() -> None:
    with pytest.raises(NormalizeError):
        parse_quantity("5 GW and 3 GW", "en", REF_DATE)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The company raised five billion dollars to build new data centers.", "en"),
        ("L'entreprise a levé cinq milliards de dollars pour ses centres de données.", "fr"),
        ("L'azienda ha raccolto cinque miliardi di dollari per i suoi centri dati.", "it"),
        ("Das Unternehmen sammelte fünf Milliarden Dollar für neue Rechenzentren ein.", "de"),
        ("La empresa recaudó cinco mil millones de dólares para centros de datos.", "es"),
    ],
)
def test_detect_language_returns_the_language_of_a_sentence(text: str, lang: str) -> None:
    assert lang in LANGUAGES
    assert detect_language(text) == lang


def test_detect_language_is_undecidable_for_digits() -> None:
    assert detect_language("12345") is None
