"""Row factories of the synthetic data set: companies, sources, figures, deals and citations.

Everything is drawn from one seeded `random.Random`, so a seed and a scale always give the
same rows. Companies are picked with a Zipf-like skew: a few giants have most of the facts.
"""

from __future__ import annotations

import hashlib
import itertools
import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

from service.models import CompanyAlias
from service.models.base import DEAL_KINDS

Row = tuple[Any, ...]

FIRST = ("Neur", "Quant", "Hel", "Vect", "Cort", "Lum", "Tens", "Aur", "Nimb", "Atl", "Phot",
         "Sigm", "Orb", "Vert", "Nov", "Pix", "Syn", "Cob", "Zen", "Kepl", "Arg", "Bor", "Cyg",
         "Dray", "Elar", "Fulg", "Gal", "Hyp", "Ion", "Jov")  # fmt: skip
SECOND = ("ara", "ex", "ion", "ium", "os", "ica", "yx", "on", "eon", "ix", "ora", "ant", "et",
          "ia", "oid", "is", "ar", "um", "ys", "ent")  # fmt: skip
SUFFIX = ("AI", "Labs", "Compute", "Systems", "Robotics", "Semiconductor", "Cloud", "Networks",
          "Dynamics", "Energy", "Data", "Technologies", "Capital", "Ventures", "Power")  # fmt: skip
LEGAL = {"en": "Inc.", "fr": "SAS", "de": "GmbH", "it": "S.p.A.", "es": "S.L."}
COUNTRIES = (("US", 40), ("CN", 15), ("GB", 7), ("FR", 7), ("DE", 7), ("JP", 5), ("KR", 4),
             ("CA", 4), ("IN", 4), ("IT", 3), ("ES", 2), ("NL", 2))  # fmt: skip
LANGUAGES = (("en", 70), ("fr", 8), ("de", 8), ("it", 7), ("es", 7))
PUBLISHERS = ("Reuters", "Bloomberg", "Financial Times", "Le Monde", "Les Echos", "Handelsblatt",
              "Il Sole 24 Ore", "El País", "TechCrunch", "The Information",
              "Nikkei Asia")  # fmt: skip
CURRENCIES = (("USD", "$", Decimal(1), 75), ("EUR", "€", Decimal("1.0842"), 15),
              ("GBP", "£", Decimal("1.2671"), 6), ("JPY", "¥", Decimal("0.00642"), 4))  # fmt: skip
SCALES = {
    "W": ((9, "GW"), (6, "MW"), (0, "W")),
    "Wh": ((12, "TWh"), (9, "GWh"), (6, "MWh"), (0, "Wh")),
    "": ((12, "trillion"), (9, "billion"), (6, "million"), (3, "thousand"), (0, "")),
}
COUNTED = {"user", "gpu", "chip", "fab", "data_center", "employee"}
METRIC_WEIGHTS = {"revenue": 14, "valuation": 10, "funding_raised": 10, "capex": 8, "users": 6,
                  "weekly_users": 4, "monthly_users": 4, "employees": 8, "gpus": 5,
                  "power_capacity": 5, "energy_consumption": 3, "data_centers": 3,
                  "investment": 6, "contract_value": 4, "spending": 3}  # fmt: skip
# Decimal exponents (low, high) of a canonical value, by unit; ratios are drawn apart.
MAGNITUDES = {"USD": (5.0, 11.5), "user": (3.0, 9.0), "gpu": (2.0, 6.0), "chip": (3.0, 7.0),
              "fab": (0.0, 1.3), "data_center": (0.0, 2.3), "employee": (1.0, 5.5),
              "W": (6.0, 10.3), "Wh": (9.0, 13.0)}  # fmt: skip
BOUNDS = (("exact", 55), ("approximate", 25), ("at_least", 10), ("at_most", 5), ("range", 5))
BOUND_WORDS = {"exact": "", "approximate": "about ", "at_least": "more than ", "at_most": "up to "}
PRECISIONS = (("year", 50), ("quarter", 30), ("month", 15), ("day", 5))
DEAL_STATUSES = (("announced", 40), ("signed", 20), ("completed", 25), ("planned", 8),
                 ("rumored", 5), ("cancelled", 2))  # fmt: skip
DEAL_ROLES = {"cloud_contract": ("customer", "provider"), "funding_round": ("investee", "investor"),
              "joint_venture": ("partner", "partner"), "investment": ("investee", "investor"),
              "share_sale": ("seller", "buyer"), "acquisition": ("target", "acquirer"),
              "supply_agreement": ("customer", "supplier"),
              "partnership": ("partner", "partner")}  # fmt: skip
FX_DATE = date(2024, 6, 3)
FIRST_YEAR, LAST_YEAR = 2016, 2027


class Company(NamedTuple):
    """What facts need to know of a generated company."""

    slug: str
    name: str


def weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...], k: int) -> list[str]:
    """`k` values drawn with the weights of `pairs`."""
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights, k=k)


def zipf_weights(count: int, exponent: float = 1.1) -> list[float]:
    """Cumulative Zipf weights of ranks 1..count."""
    return list(itertools.accumulate(1 / rank**exponent for rank in range(1, count + 1)))


def companies(rng: random.Random, count: int) -> tuple[list[Row], list[Row], list[Company]]:
    """Company rows, alias rows and the (slug, name) of each company, most prominent first."""
    names = [f"{a}{b} {c}" for a in FIRST for b in SECOND for c in SUFFIX]
    if count > len(names):
        raise ValueError(f"at most {len(names)} companies can be named")
    chosen = rng.sample(names, count)
    countries = weighted(rng, COUNTRIES, count)
    rows: list[Row] = []
    alias_rows: list[Row] = []
    catalogue: list[Company] = []
    for index, (name, country) in enumerate(zip(chosen, countries, strict=True)):
        slug = name.lower().replace(" ", "-")
        kind = "joint_venture" if rng.random() < 0.05 else "company"
        parent = catalogue[rng.randrange(index)].slug if index and rng.random() < 0.05 else None
        rows.append((slug, name, kind, parent, country, f"https://{slug}.example",
                     f"Q{rng.randrange(10**5, 10**8)}" if rng.random() < 0.6 else None,
                     f"{rng.getrandbits(80):020X}" if rng.random() < 0.2 else None,
                     name[:4].upper() if rng.random() < 0.15 else None))  # fmt: skip
        catalogue.append(Company(slug, name))
        stem = name.split(" ")[0]
        language = rng.choice(tuple(LEGAL))
        for alias, lang in ((stem, None), (f"{name} {LEGAL[language]}", language)):
            alias_rows.append((len(alias_rows) + 1, slug, alias, CompanyAlias.key_of(alias), lang))
    return rows, alias_rows, catalogue


def sources(rng: random.Random, count: int) -> list[Row]:
    """Source rows with ids 1..count: news articles of a few paragraphs."""
    languages = weighted(rng, LANGUAGES, count)
    rows: list[Row] = []
    start = date(FIRST_YEAR, 1, 1)
    for source_id, language in enumerate(languages, start=1):
        published = start + timedelta(days=rng.randrange(3650))
        title = f"{rng.choice(FIRST)}{rng.choice(SECOND)} {rng.choice(SUFFIX)} results, {published}"
        text = " ".join(
            f"Paragraph {n} of report {source_id} on {title}, published by the newsroom."
            for n in range(rng.randint(4, 8))
        )
        rows.append((source_id, f"https://news.example/{published:%Y/%m}/{source_id}", title,
                     rng.choice(PUBLISHERS), language, published,
                     datetime.combine(published, datetime.min.time(), UTC),
                     hashlib.sha256(text.encode()).hexdigest(), text))  # fmt: skip
    return rows


def _spelled(value: Decimal, symbol: str, unit: str) -> str:
    """How a source writes `value`: `$2.4 billion`, `5.3 GW`, `800 million users`."""
    scales = SCALES.get(unit, SCALES[""])
    exponent, word = next((e, w) for e, w in scales if value >= Decimal(10) ** e or e == 0)
    scaled = f"{(value / Decimal(10) ** exponent).normalize():f} {word}".strip()
    if symbol:
        return f"{symbol}{scaled}"
    return scaled if unit in SCALES else f"{scaled} {unit.replace('_', ' ')}s"


class Amount(NamedTuple):
    """A canonical value with its bounds, as-written original and FX (the MoneyLike columns)."""

    value: Decimal
    unit: str
    bound: str
    low: Decimal | None
    high: Decimal | None
    original_text: str
    original_value: Decimal
    original_unit: str
    fx_rate: Decimal | None
    fx_date: date | None
    fx_source: str | None


def amount(rng: random.Random, unit: str, bound: str) -> Amount:
    """A plausible amount in `unit` (USD amounts sometimes written in another currency)."""
    if unit == "ratio":
        original = Decimal(rng.randint(1, 300))
        value, written, symbol, rate = original / 100, "%", "", Decimal(1)
        text = f"{original} per cent"
    else:
        low, high = MAGNITUDES.get(unit, (0.0, 6.0))
        exponent = rng.uniform(low, high)
        original = Decimal(f"{10 ** (exponent % 1):.1f}") * Decimal(10) ** int(exponent)
        if unit in COUNTED:
            original = max(Decimal(1), original.quantize(Decimal(1)))
        written, symbol, rate = unit, "", Decimal(1)
        if unit == "USD":
            written, symbol, rate, _ = rng.choices(CURRENCIES, weights=[c[3] for c in CURRENCIES])[
                0
            ]
        value = (original * rate).quantize(Decimal(1)) if rate != 1 else original
        text = _spelled(original, symbol, unit)
    fx = rate != 1
    spread = (value * Decimal("0.2")).quantize(Decimal(1)) if bound == "range" else None
    return Amount(
        value=value,
        unit=unit,
        bound=bound,
        low=value - spread if spread is not None else None,
        high=value + spread if spread is not None else None,
        original_text=BOUND_WORDS.get(bound, "roughly ") + text,
        original_value=original,
        original_unit=written,
        fx_rate=rate if fx else None,
        fx_date=FX_DATE if fx else None,
        fx_source="ECB" if fx else None,
    )


def period(rng: random.Random, precision: str) -> tuple[date, date]:
    """A period of the given precision between FIRST_YEAR and LAST_YEAR."""
    year = rng.randint(FIRST_YEAR, LAST_YEAR)
    if precision == "year":
        return date(year, 1, 1), date(year, 12, 31)
    if precision == "quarter":
        quarter = rng.randrange(4)
        end = date(year + quarter // 3, (quarter * 3 + 3) % 12 + 1, 1) - timedelta(days=1)
        return date(year, quarter * 3 + 1, 1), end
    month = rng.randint(1, 12)
    if precision == "month":
        return date(year, month, 1), date(year + month // 12, month % 12 + 1, 1) - timedelta(1)
    day = date(year, month, rng.randint(1, 28))
    return day, day


def figures(
    rng: random.Random, count: int, catalogue: list[Company], metrics: dict[str, str]
) -> Iterator[Row]:
    """Figure rows with ids 1..count, companies drawn with a Zipf skew."""
    cumulative = zipf_weights(len(catalogue))
    owners = rng.choices(catalogue, cum_weights=cumulative, k=count)
    slugs = rng.choices(list(METRIC_WEIGHTS), weights=list(METRIC_WEIGHTS.values()), k=count)
    bounds = weighted(rng, BOUNDS, count)
    precisions = weighted(rng, PRECISIONS, count)
    for figure_id, owner, metric, bound, precision in zip(
        range(1, count + 1), owners, slugs, bounds, precisions, strict=True
    ):
        start, end = period(rng, precision)
        status = rng.choice(("forecast", "target")) if start.year >= 2026 else "actual"
        if status == "actual" and rng.random() < 0.1:
            status = "estimate"
        deprecated = rng.random() < 0.005
        yield (figure_id, owner.slug, metric, start, end, precision, status,
               *amount(rng, metrics[metric], bound),
               datetime(2025, 1, 2, tzinfo=UTC) if deprecated else None,
               "superseded by a later report" if deprecated else None)  # fmt: skip


def deals(rng: random.Random, count: int, catalogue: list[Company]) -> tuple[list[Row], list[Row]]:
    """Deal rows with ids 1..count and their 2 to 4 parties each."""
    cumulative = zipf_weights(len(catalogue))
    kinds = rng.choices(DEAL_KINDS, k=count)
    statuses = weighted(rng, DEAL_STATUSES, count)
    rows: list[Row] = []
    parties: list[Row] = []
    for deal_id, kind, status in zip(range(1, count + 1), kinds, statuses, strict=True):
        members: dict[str, Company] = {}
        wanted = rng.choice((2, 2, 2, 3, 4))
        while len(members) < wanted:
            company = rng.choices(catalogue, cum_weights=cumulative)[0]
            members[company.slug] = company
        first, *others = members.values()
        lead_role, other_role = DEAL_ROLES[kind]
        parties.append((deal_id, first.slug, lead_role))
        parties.extend((deal_id, other.slug, other_role) for other in others)
        priced = rng.random() < 0.75
        bound = weighted(rng, BOUNDS, 1)[0]
        money: tuple[Any, ...] = amount(rng, "USD", bound) if priced else (None,) * 11
        duration = (
            f"P{rng.randint(1, 10)}Y" if kind in {"cloud_contract", "supply_agreement"} else None
        )
        announced = date(FIRST_YEAR, 1, 1) + timedelta(days=rng.randrange(3800))
        title = f"{first.name} {kind.replace('_', ' ')} with {others[0].name}"
        rows.append((deal_id, kind, title, duration, announced, status, *money, None, None))
    return rows, parties


def citations(
    rng: random.Random, facts: list[tuple[int, str]], sources_count: int, *, deals: bool
) -> Iterator[Row]:
    """One citation per fact (two for a sixth of them), each from a different source.

    `facts` are (id, original text or title); the quote is a sentence stating it and the
    offsets place its quantity in the source.
    """
    for fact_id, stated in facts:
        cited = rng.sample(range(1, sources_count + 1), 2 if rng.random() < 1 / 6 else 1)
        for source_id in cited:
            lead = "The deal, " if deals else "The company said the figure stood at "
            quote = f"{lead}{stated}, was confirmed in filings."
            start = rng.randrange(0, 400) + len(lead)
            yield (source_id, None if deals else fact_id, fact_id if deals else None,
                   quote, start, start + len(stated))  # fmt: skip
