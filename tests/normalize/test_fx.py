from datetime import date
from decimal import Decimal

import pytest

from service.normalize import UnknownCurrencyError, find_quantities, parse_quantity


def test_weekend_date_takes_fridays_rate_and_says_so() -> None:
    saturday = date(2024, 1, 6)
    quantity = parse_quantity("1 milliard d'euros", "fr", saturday)
    assert quantity.fx is not None
    assert quantity.fx.date == date(2024, 1, 5)
    assert quantity.fx.rate == Decimal("1.0921")
    assert quantity.fx.source == "ECB"
    assert quantity.value == Decimal(1092100000)


def test_yen_rate_is_the_ecb_cross_rate_through_the_euro() -> None:
    quantity = parse_quantity("¥1 billion", "en", date(2024, 1, 5))
    assert quantity.fx is not None
    assert quantity.fx.rate == Decimal("0.0068871792")
    assert quantity.value == Decimal("6887179.20")


def test_date_after_bundled_history_uses_last_known_rate() -> None:
    quantity = parse_quantity("€1", "en", date(2100, 1, 1))
    assert quantity.fx is not None
    assert quantity.fx.date < date(2100, 1, 1)


def test_currency_without_rate_at_date_raises_from_parse_quantity() -> None:
    with pytest.raises(UnknownCurrencyError, match="RUB"):
        parse_quantity("1 million RUB", "en", date(2024, 1, 5))


def test_currency_without_rate_at_date_is_skipped_by_find_quantities() -> None:
    text = "They paid 1 million RUB and 2 million EUR."
    found = find_quantities(text, "en", date(2024, 1, 5))
    assert [q.text for q in found] == ["2 million EUR"]


def test_currency_with_rate_at_an_earlier_date_converts() -> None:
    quantity = parse_quantity("1 million RUB", "en", date(2021, 6, 1))
    assert quantity.fx is not None
    assert quantity.original.unit == "RUB"


def test_made_up_currency_code_is_not_a_quantity() -> None:
    assert find_quantities("500 XYZ", "en", date(2024, 1, 5)) == []
