"""Public entry points: find every quantity in a text, or parse one value string."""

from datetime import date

from service.normalize.currencies import CODES
from service.normalize.finder import scan
from service.normalize.types import (
    LANGUAGES,
    NormalizeError,
    NotAQuantityError,
    Quantity,
    UnknownCurrencyError,
)

_SURROUNDING = " \t\r\n\u00a0\u202f.,;:!?()[]\"'«»“”"


def _check(lang: str, default_currency: str | None) -> None:
    if lang not in LANGUAGES:
        raise NormalizeError(
            f"Unsupported language {lang!r}; expected one of {', '.join(LANGUAGES)}."
        )
    if default_currency is not None and default_currency not in CODES:
        raise NormalizeError(f"Unknown default currency {default_currency!r}.")


def find_quantities(
    text: str,
    lang: str,
    ref_date: date,
    *,
    default_currency: str | None = None,
    comma_groups: bool = False,
) -> list[Quantity]:
    """All quantities in ``text``, in order of appearance, non-overlapping.

    Money is converted to US dollars with the ECB rate of ``ref_date``. An amount
    in a currency without an ECB rate at that date (e.g. roubles after March 2022)
    is skipped rather than guessed; ``parse_quantity`` reports it as an error.
    ``default_currency`` makes a bare scaled amount ("5 milliards") money.
    ``comma_groups`` says the whole document groups thousands with a comma (see
    ``groups_with_comma``), which ``text`` alone, one sentence of it, may not show.
    """
    _check(lang, default_currency)
    return [
        found
        for found in scan(text, lang, ref_date, default_currency, comma_groups=comma_groups)
        if isinstance(found, Quantity)
    ]


def parse_quantity(
    text: str, lang: str, ref_date: date, *, default_currency: str | None = None
) -> Quantity:
    """Exactly one quantity written as a value string ("€3.5bn", "38 milliards de dollars").

    Raises ``NotAQuantityError`` when the text is not one whole quantity and
    ``UnknownCurrencyError`` when its currency has no ECB rate at ``ref_date``.
    """
    _check(lang, default_currency)
    found = list(scan(text, lang, ref_date, default_currency))
    if len(found) == 1:
        only = found[0]
        if isinstance(only, UnknownCurrencyError):
            raise only
        whole = not text[: only.start].strip(_SURROUNDING)
        if whole and not text[only.end :].strip(_SURROUNDING):
            return only
    raise NotAQuantityError(f"{text.strip()!r} is not a single quantity.")
