"""Scale words per language (long and short scales) and vague-amount words.

Vague amounts partition the decades of their scale word S, so that none overlaps
another: a bare plural ("billions", "des milliards", "Milliarden") is [1·S, 10·S),
"tens of S" [10·S, 100·S) and "hundreds of S" [100·S, 1000·S); "several S" is
[2·S, 10·S). The value of a vague amount is the midpoint of its interval.
"""

from decimal import Decimal
from typing import NamedTuple

THOUSAND = Decimal("1e3")
MILLION = Decimal("1e6")
BILLION = Decimal("1e9")
TRILLION = Decimal("1e12")


class Scale(NamedTuple):
    """A multiplier word; ``needs_unit`` marks one-letter abbreviations ("5m", "3 M")."""

    factor: Decimal
    needs_unit: bool = False


_K = Scale(THOUSAND, needs_unit=True)
_M = Scale(MILLION, needs_unit=True)
_MN = Scale(MILLION)
_BN = Scale(BILLION)
_B = Scale(BILLION, needs_unit=True)
_TN = Scale(TRILLION)

# Scale words matched case-insensitively.
SCALE_WORDS: dict[str, dict[str, Scale]] = {
    "en": {
        "thousand": Scale(THOUSAND), "thousands": Scale(THOUSAND), "million": _MN,
        "millions": _MN, "billion": _BN, "billions": _BN, "trillion": _TN, "trillions": _TN,
    },
    "fr": {
        "mille": Scale(THOUSAND), "million": _MN, "millions": _MN, "milliard": _BN,
        "milliards": _BN, "billion": _TN, "billions": _TN, "mille milliards": _TN,
    },
    "it": {
        "mila": Scale(THOUSAND), "mille": Scale(THOUSAND), "milione": _MN, "milioni": _MN,
        "miliardo": _BN, "miliardi": _BN, "mila miliardi": _TN, "trilione": _TN,
        "trilioni": _TN, "bilione": _TN, "bilioni": _TN,
    },
    "de": {
        "Tausend": Scale(THOUSAND), "Million": _MN, "Millionen": _MN, "Milliarde": _BN,
        "Milliarden": _BN, "Billion": _TN, "Billionen": _TN,
    },
    "es": {
        "mil": Scale(THOUSAND), "millón": _MN, "millon": _MN, "millones": _MN,
        "mil millones": _BN, "millardo": _BN, "millardos": _BN, "billón": _TN,
        "billon": _TN, "billones": _TN, "millón de millones": _TN,
        "millones de millones": _TN,
    },
}  # fmt: skip

# Abbreviations matched case-sensitively; they may be glued to the number ("2.4bn").
SCALE_ABBREVIATIONS: dict[str, dict[str, Scale]] = {
    "en": {
        "k": _K, "K": _K, "m": _M, "M": _M, "mn": _MN, "mln": _MN, "MM": _MN, "b": _B,
        "B": _B, "bn": _BN, "bln": _BN, "tn": _TN, "trn": _TN, "T": Scale(TRILLION, True),
    },
    "fr": {
        "k": _K, "K": _K, "M": _M, "Md": _BN, "Mds": _BN, "Mrd": _BN, "Mrds": _BN,
        "md": _BN, "mds": _BN, "mrd": _BN, "mrds": _BN,
    },
    "it": {"k": _K, "K": _K, "M": _M, "mln": _MN, "mld": _BN, "mrd": _BN, "Mld": _BN},
    "de": {
        "Tsd": Scale(THOUSAND), "Mio": _MN, "Mrd": _BN, "Md": _BN, "Mia": _BN, "Bio": _TN,
        "k": _K, "M": _M,
    },
    "es": {"k": _K, "K": _K, "M": _M, "mill": _MN, "MM": Scale(BILLION, needs_unit=True)},
}  # fmt: skip

# Abbreviations that scale only a currency symbol glued after them: "5 G$" (Quebec French).
CURRENCY_SCALE_ABBREVIATIONS: dict[str, dict[str, Scale]] = {
    "en": {}, "fr": {"G": _B}, "it": {}, "de": {}, "es": {},
}  # fmt: skip

# Vague multipliers: "tens of billions" = [10, 100) x 1e9.
VAGUE_MULTIPLIERS: dict[str, dict[str, tuple[int, int]]] = {
    "en": {"tens": (10, 100), "dozens": (10, 100), "hundreds": (100, 1000), "several": (2, 10)},
    "fr": {
        "des dizaines": (10, 100), "dizaines": (10, 100), "des centaines": (100, 1000),
        "centaines": (100, 1000), "plusieurs": (2, 10), "quelques": (2, 10),
    },
    "it": {
        "decine": (10, 100), "centinaia": (100, 1000), "diversi": (2, 10), "diverse": (2, 10),
        "alcuni": (2, 10), "alcune": (2, 10), "parecchi": (2, 10),
    },
    "de": {
        "Dutzende": (10, 100), "Dutzenden": (10, 100), "Hunderte": (100, 1000),
        "Hunderten": (100, 1000), "mehrere": (2, 10), "einige": (2, 10),
        "mehreren": (2, 10),
    },
    "es": {
        "decenas": (10, 100), "cientos": (100, 1000), "centenares": (100, 1000),
        "varios": (2, 10), "varias": (2, 10), "unos cuantos": (2, 10),
    },
}  # fmt: skip

VAGUE_LINKS: dict[str, tuple[str, ...]] = {
    "en": ("of",),
    "fr": ("de", "d'"),
    "it": ("di",),
    "de": (),
    "es": ("de",),
}

# Plural scale words that stand alone as a vague amount: "des milliards" = [1e9, 1e10).
VAGUE_PLURALS: dict[str, dict[str, Decimal]] = {
    "en": {"thousands": THOUSAND, "millions": MILLION, "billions": BILLION,
           "trillions": TRILLION},
    "fr": {"milliers": THOUSAND, "millions": MILLION, "milliards": BILLION,
           "billions": TRILLION},
    "it": {"migliaia": THOUSAND, "milioni": MILLION, "miliardi": BILLION,
           "trilioni": TRILLION, "bilioni": TRILLION},
    "de": {"Tausende": THOUSAND, "Millionen": MILLION, "Milliarden": BILLION,
           "Billionen": TRILLION},
    "es": {"miles": THOUSAND, "millones": MILLION, "miles de millones": BILLION,
           "billones": TRILLION},
}  # fmt: skip
BARE_PLURAL_SPAN: tuple[int, int] = (1, 10)
"""Multiplier interval of a bare plural scale word: "billions" = [1, 10) x 1e9."""
