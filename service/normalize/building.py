"""Turning a read amount into a canonical ``Quantity`` (bounds, midpoint, US dollars)."""

from datetime import date
from decimal import Decimal

from service.normalize.fx import usd_rate
from service.normalize.reading import Amount, Unit
from service.normalize.types import Bound, Fx, Original, Quantity

_ONE = Decimal(1)
_CENT = Decimal("0.01")
_TWO = Decimal(2)
_MAX_PLAIN_DIGITS = 27


def tidy(value: Decimal) -> Decimal:
    """Shortest exact form: integers without exponent ("38000000000"), no trailing zeros."""
    value = value.normalize()
    if value == value.to_integral_value() and value.adjusted() < _MAX_PLAIN_DIGITS:
        return value.quantize(_ONE)
    return value


class _Converter:
    """Maps values in the original unit to the canonical unit."""

    def __init__(self, unit: Unit, ref_date: date) -> None:
        self.unit = unit
        self.fx: Fx | None = None
        if unit.kind == "money" and unit.original != "USD":
            self.fx = usd_rate(unit.original, ref_date)

    def __call__(self, value: Decimal) -> Decimal:
        if self.fx is not None:
            return tidy((value * self.fx.rate).quantize(_CENT))
        return tidy(value * self.unit.factor)

    def optional(self, value: Decimal | None) -> Decimal | None:
        return None if value is None else self(value)


def _bounds(
    amount: Amount, bound: Bound, capped: bool
) -> tuple[Decimal, Decimal | None, Decimal | None]:
    """Value, low and high in the original unit; a capped value is also the upper limit."""
    low, high = amount.low_value, amount.high_value
    if bound == "range":
        return (low + high) / _TWO, low, high
    if bound == "at_least":
        return low, low, None
    if bound == "at_most" or capped:
        return low, None, low
    return low, None, None


def build_quantity(
    text: str,
    amount: Amount,
    unit: Unit,
    bound: Bound,
    ref_date: date,
    *,
    vague: bool,
    capped: bool = False,
) -> Quantity:
    """The ``Quantity`` of ``amount`` measured in ``unit``; may raise UnknownCurrencyError.

    ``capped`` marks an approximate amount that means "just under" ("nearly", "knapp"):
    its bound stays ``approximate`` and its value is also its ``high``.
    """
    convert = _Converter(unit, ref_date)
    value, low, high = _bounds(amount, bound, capped)
    return Quantity(
        value=convert(value),
        unit=unit.canonical,
        kind=unit.kind,
        bound=bound,
        low=convert.optional(low),
        high=convert.optional(high),
        original=Original(value=tidy(value), unit=unit.original),
        fx=convert.fx,
        start=amount.start,
        end=amount.end,
        text=text[amount.start : amount.end],
        vague=vague,
        per=amount.per,
    )
