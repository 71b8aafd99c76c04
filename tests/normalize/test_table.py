from datetime import date
from decimal import Decimal

import pytest

from service.normalize import NotAQuantityError, Quantity, parse_quantity
from tests.normalize.cases import ALL_CASES, CENT, NOT_QUANTITIES, PERIODS, Case

REF_DATE = date(2024, 6, 3)


def _canonical(expected: str | None, quantity: Quantity) -> Decimal | None:
    if expected is None:
        return None
    value = Decimal(expected)
    if quantity.fx is not None:
        return (value * quantity.fx.rate).quantize(CENT)
    return value


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda case: f"{case.lang}:{case.text}")
def test_value_string_normalises_to_expected_table_row(case: Case) -> None:
    quantity = parse_quantity(case.text, case.lang, REF_DATE)
    assert (quantity.unit, quantity.original.unit) == (case.unit, case.original_unit)
    assert quantity.bound == case.bound
    assert quantity.value == _canonical(case.value, quantity)
    assert quantity.low == _canonical(case.low, quantity)
    assert quantity.high == _canonical(case.high, quantity)
    assert quantity.text == case.text
    if case.original_unit not in ("USD", case.unit) and case.unit == "USD":
        assert quantity.fx is not None
        assert quantity.original.value == Decimal(case.value)
    if case.original_unit == "USD":
        assert quantity.fx is None


@pytest.mark.parametrize(("case", "period"), PERIODS, ids=str)
def test_rate_expression_sets_its_period(case: Case, period: str) -> None:
    assert parse_quantity(case.text, case.lang, REF_DATE).per == period


@pytest.mark.parametrize(("lang", "text"), NOT_QUANTITIES)
def test_text_that_is_not_a_quantity_is_refused(lang: str, text: str) -> None:
    with pytest.raises(NotAQuantityError):
        parse_quantity(text, lang, REF_DATE)
