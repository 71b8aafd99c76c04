import contextlib
import itertools
import time
from datetime import date
from decimal import Decimal

from babel.numbers import format_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from service.normalize import NormalizeError, find_quantities, parse_quantity

REF_DATE = date(2024, 6, 3)
LOCALES = {"en": "en_US", "fr": "fr_FR", "it": "it_IT", "de": "de_DE", "es": "es_ES"}
SCALE_WORDS = {
    "en": ("million", Decimal("1e6")), "fr": ("milliards", Decimal("1e9")),
    "it": ("milioni", Decimal("1e6")), "de": ("Milliarden", Decimal("1e9")),
    "es": ("millones", Decimal("1e6")),
}  # fmt: skip
USERS = {"en": "users", "fr": "utilisateurs", "it": "utenti", "de": "Nutzer", "es": "usuarios"}
JUST_UNDER = {"en": "nearly", "fr": "presque", "it": "quasi", "de": "knapp", "es": "casi"}
HEDGES = {"en": "about", "fr": "environ", "it": "circa", "de": "rund", "es": "unos"}
# Locales whose whole numbers each language must read: groups by ',', '.', spaces, apostrophes.
GROUPING_LOCALES = {
    "en": ("en_US",), "fr": ("fr_FR", "fr_CH"), "it": ("it_IT", "it_CH"),
    "de": ("de_DE", "de_AT", "de_CH"), "es": ("es_ES", "es_AR"),
}  # fmt: skip
amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(999_999), places=2)
langs = st.sampled_from(sorted(LOCALES))


def _written(amount: Decimal, lang: str) -> str:
    formatted = format_decimal(amount, locale=LOCALES[lang], decimal_quantization=False)
    return f"{formatted} {SCALE_WORDS[lang][0]}"


@given(amount=amounts, lang=langs)
def test_babel_formatted_number_with_scale_word_parses_back(amount: Decimal, lang: str) -> None:
    quantity = parse_quantity(_written(amount, lang), lang, REF_DATE)
    assert quantity.value == amount * SCALE_WORDS[lang][1]


@given(whole=st.integers(min_value=1000, max_value=999_999_999), lang=langs, data=st.data())
def test_grouped_whole_number_reads_as_thousands_in_its_locales(
    whole: int, lang: str, data: st.DataObject
) -> None:
    locale = data.draw(st.sampled_from(GROUPING_LOCALES[lang]))
    quantity = parse_quantity(f"{format_decimal(whole, locale=locale)} MW", lang, REF_DATE)
    assert quantity.value == whole * Decimal("1e6")


@given(whole=st.integers(min_value=1000, max_value=999_999), lang=langs, mark=st.sampled_from(".,"))
def test_thousands_shaped_count_is_whole_in_every_language(
    whole: int, lang: str, mark: str
) -> None:
    written = f"{whole // 1000}{mark}{whole % 1000:03d} {USERS[lang]}"
    assert parse_quantity(written, lang, REF_DATE).value == whole


@given(amount=amounts, lang=langs)
def test_hedge_word_changes_only_the_bound(amount: Decimal, lang: str) -> None:
    plain = parse_quantity(_written(amount, lang), lang, REF_DATE)
    hedged = parse_quantity(f"{HEDGES[lang]} {_written(amount, lang)}", lang, REF_DATE)
    assert hedged.bound == "approximate"
    assert (hedged.value, hedged.unit, hedged.original) == (
        plain.value, plain.unit, plain.original,
    )  # fmt: skip


@given(amount=amounts, lang=langs)
def test_just_under_hedge_keeps_the_value_as_upper_limit(amount: Decimal, lang: str) -> None:
    plain = parse_quantity(_written(amount, lang), lang, REF_DATE)
    capped = parse_quantity(f"{JUST_UNDER[lang]} {_written(amount, lang)}", lang, REF_DATE)
    assert (capped.bound, capped.low, capped.high) == ("approximate", None, plain.value)
    assert capped.value == plain.value


@given(amount=amounts, lang=langs, sign=st.sampled_from(["-", "\u2212"]))
def test_minus_sign_before_a_percentage_negates_it(amount: Decimal, lang: str, sign: str) -> None:
    formatted = format_decimal(amount, locale=LOCALES[lang], decimal_quantization=False)
    plain = parse_quantity(f"{formatted} %", lang, REF_DATE)
    signed = parse_quantity(f"{sign}{formatted} %", lang, REF_DATE)
    assert (signed.value, signed.unit) == (-plain.value, plain.unit)


@settings(max_examples=300)
@given(text=st.text(alphabet=st.sampled_from("0123456789 .,'-–$€%kmMbnGWx\u00a0aedi"),
                    max_size=200), lang=langs)  # fmt: skip
def test_random_text_never_raises_unexpectedly_and_stays_fast(text: str, lang: str) -> None:
    started = time.perf_counter()
    try:
        found = find_quantities(text, lang, REF_DATE)
    except NormalizeError:
        return
    assert time.perf_counter() - started < 0.05
    assert all(text[q.start : q.end] == q.text for q in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


@given(text=st.text(max_size=300), lang=langs)
def test_arbitrary_unicode_text_never_raises_unexpectedly(text: str, lang: str) -> None:
    with contextlib.suppress(NormalizeError):
        find_quantities(text, lang, REF_DATE)


def test_adversarial_digit_runs_take_under_100_ms() -> None:
    for chunk in ("1 000 000 000 ", "1.1.", "1,1,", "1 ", "1\u00a0000 "):
        text = (chunk * (100_000 // len(chunk) + 1))[:100_000]
        for lang in LOCALES:
            started = time.perf_counter()
            find_quantities(text, lang, REF_DATE)
            assert time.perf_counter() - started < 0.1, (chunk, lang)
