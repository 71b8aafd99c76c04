"""Amounts next to each other: a bare part borrows its whole's scale, units never mix."""

from datetime import date
from decimal import Decimal

import pytest

from service.normalize import find_quantities

REF_DATE = date(2025, 3, 14)
# (language, sentence, [(text, value in the original unit, original unit, bound)])
NEIGHBOURS = [
    ("fr", "Elle a déjà versé 2,4 des 6 milliards de dollars promis.",
     [("2,4", "2.4e9", "USD", "exact"), ("6 milliards de dollars", "6e9", "USD", "exact")]),
    ("fr", "Le groupe a investi environ 1,1 sur les 3 milliards d'euros prévus.",
     [("environ 1,1", "1.1e9", "EUR", "approximate"),
      ("3 milliards d'euros", "3e9", "EUR", "exact")]),
    ("en", "The lab has spent 1.8 of the 4 billion dollars it raised.",
     [("1.8", "1.8e9", "USD", "exact"), ("4 billion dollars", "4e9", "USD", "exact")]),
    ("en", "Only $0.7 of the $2 billion was paid in cash.",
     [("$0.7", "7e8", "USD", "exact"), ("$2 billion", "2e9", "USD", "exact")]),
    ("de", "Davon flossen 1,5 der 4 Milliarden Euro in neue Chips.",
     [("1,5", "1.5e9", "EUR", "exact"), ("4 Milliarden Euro", "4e9", "EUR", "exact")]),
    ("it", "Ha già speso 1,2 dei 3 miliardi di euro stanziati.",
     [("1,2", "1.2e9", "EUR", "exact"), ("3 miliardi di euro", "3e9", "EUR", "exact")]),
    ("es", "Ya invirtió 2.500 de los 7.000 millones de dólares anunciados.",
     [("2.500", "2.5e9", "USD", "exact"), ("7.000 millones de dólares", "7e9", "USD", "exact")]),
    ("en", "Bookings climbed 45% to $96 billion in the quarter.",
     [("45%", "45", "%", "exact"), ("$96 billion", "9.6e10", "USD", "exact")]),
    ("fr", "Le carnet a bondi de 4 % à 9 milliards d'euros.",
     [("4 %", "4", "%", "exact"), ("9 milliards d'euros", "9e9", "EUR", "exact")]),
    ("de", "Der Umsatz stieg 2023 von 5 Milliarden auf 8 Milliarden Euro.",
     [("5 Milliarden", "5e9", "", "exact"), ("8 Milliarden Euro", "8e9", "EUR", "exact")]),
    ("en", "The contract is worth $2bn or $3bn depending on options.",
     [("$2bn", "2e9", "USD", "exact"), ("$3bn", "3e9", "USD", "exact")]),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "sentence", "expected"), NEIGHBOURS, ids=lambda v: str(v)[:40])
def test_neighbouring_amounts_keep_their_own_value_and_borrow_only_scale_and_unit(
    lang: str, sentence: str, expected: list[tuple[str, str, str, str]]
) -> None:
    found = find_quantities(sentence, lang, REF_DATE)
    assert [(q.text, q.original.value, q.original.unit, q.bound) for q in found] == [
        (text, Decimal(value), unit, bound) for text, value, unit, bound in expected
    ]
