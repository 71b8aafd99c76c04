"""Persists an article's extraction: new companies, and facts corroborated across sources.

"The same fact" stated by another source (or another language version of one article)
gains a citation instead of a second row; a disagreeing value becomes a separate claim.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any, Final

import msgspec
from sqlalchemy import Text, bindparam, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from service.facts.citing import citing_upsert
from service.facts.claims import deal_claim, figure_claim, lock_claims
from service.facts.ranking import refresh_figure_ranks
from service.facts.rows import ComparableShape
from service.ingest.confidence import assess_deal, corroborated
from service.ingest.gazetteer import Gazetteer
from service.ingest.types import ExtractedDeal, ExtractedFigure, Extraction, Mention, NewCompany
from service.models import Company, CompanyAlias, Deal, DealParty, Figure
from service.normalize import Quantity

TOLERANCE: Final = Decimal("0.01")
"""Relative difference under which two values state the same fact."""


class StoreCounts(msgspec.Struct, frozen=True, kw_only=True):
    """What one extraction contributed: facts created or corroborated, companies created."""

    figures: int
    deals: int
    companies: int


class ClaimedValue(msgspec.Struct, frozen=True, kw_only=True):
    """A stored or extracted value with its uncertainty, for comparing claims."""

    value: Decimal
    unit: str
    low: Decimal | None
    high: Decimal | None
    vague: bool = False

    def agrees_with(self, other: ClaimedValue) -> bool:
        """Whether both state the same amount, so that one may cite the other.

        Same unit and the same precision: a vague amount ("tens of billions") only agrees
        with a vague amount of the same range, never with a stated number inside it (nor
        the reverse). Stated numbers agree within 1 % or when their stated bounds overlap.
        """
        if self.unit != other.unit or self.vague != other.vague:
            return False
        if self.vague:
            return _close(self.low, other.low) and _close(self.high, other.high)
        if _close(self.value, other.value):
            return True
        return self._floor() <= other._ceiling() and other._floor() <= self._ceiling()

    def _floor(self) -> Decimal:
        return self.value if self.low is None else min(self.low, self.value)

    def _ceiling(self) -> Decimal:
        return self.value if self.high is None else max(self.high, self.value)


def _close(a: Decimal | None, b: Decimal | None) -> bool:
    """Both missing, or within 1 % of the larger."""
    if a is None or b is None:
        return a is b
    return abs(a - b) <= max(abs(a), abs(b)) * TOLERANCE


def claimed_value(quantity: Quantity) -> ClaimedValue:
    """The comparable part of an extracted quantity."""
    return ClaimedValue(
        value=quantity.value,
        unit=quantity.unit,
        low=quantity.low,
        high=quantity.high,
        vague=quantity.vague,
    )


def amount_columns(quantity: Quantity) -> dict[str, Any]:
    """The value, original and FX columns of a figure or deal for `quantity`."""
    return {
        "value": quantity.value,
        "unit": quantity.unit,
        "bound": quantity.bound,
        "low": quantity.low,
        "high": quantity.high,
        "original_text": quantity.text,
        "original_value": quantity.original.value,
        "original_unit": quantity.original.unit,
        "fx_rate": quantity.fx.rate if quantity.fx else None,
        "fx_date": quantity.fx.date if quantity.fx else None,
        "fx_source": quantity.fx.source if quantity.fx else None,
        "vague": quantity.vague,
    }


async def load_gazetteer(session: AsyncSession) -> Gazetteer:
    """The companies known to the database and their aliases, for linking mentions in text."""
    aliases = await session.execute(
        select(CompanyAlias.alias, CompanyAlias.company_slug, CompanyAlias.language)
    )
    names = await session.execute(select(Company.slug, Company.name))
    return Gazetteer(
        [(row.alias, row.company_slug, row.language) for row in aliases],
        {row.slug: row.name for row in names},
    )


class GazetteerCache:
    """The gazetteer of the database, rebuilt only when its companies or aliases changed.

    Building it reads every company and alias; a job only checks a fingerprint (counts, the
    newest alias id, the latest company change) and reuses the last one when it is unchanged.
    """

    def __init__(self) -> None:
        self._fingerprint: tuple[Any, ...] | None = None
        self._gazetteer: Gazetteer | None = None

    async def get(self, session: AsyncSession) -> Gazetteer:
        """The gazetteer as the session sees the database now."""
        fingerprint = await _fingerprint(session)
        if self._gazetteer is None or fingerprint != self._fingerprint:
            self._gazetteer = await load_gazetteer(session)
            self._fingerprint = fingerprint
        return self._gazetteer


async def _fingerprint(session: AsyncSession) -> tuple[Any, ...]:
    row = await session.execute(
        select(
            select(func.count()).select_from(CompanyAlias).scalar_subquery(),
            select(func.max(CompanyAlias.id)).scalar_subquery(),
            select(func.count()).select_from(Company).scalar_subquery(),
            select(func.max(Company.updated_at)).scalar_subquery(),
        )
    )
    return tuple(row.one())


class FactStore:
    """Writes extractions into the caller's session; flushes, never commits."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session
        self._claimed: set[str] = set()
        """Claims this transaction holds the lock of (see `_lock_claims`)."""

    async def save(self, source_id: int, extraction: Extraction) -> StoreCounts:
        """Persist every company, figure and deal of `extraction`, cited to `source_id`."""
        companies = await self._create_companies(extraction.new_companies, extraction.language)
        await self._lock_claims(
            [
                figure_claim(f.company, f.metric, f.period_start, f.period_end)
                for f in extraction.figures
            ]
            + [deal_claim(d.kind, {party.company for party in d.parties}) for d in extraction.deals]
        )
        figures = {await self._save_figure(source_id, f) for f in extraction.figures}
        await refresh_figure_ranks(
            self.session,
            [(f.company, f.metric, f.period_start, f.period_end) for f in extraction.figures],
        )
        deals = {await self._save_deal(source_id, d) for d in extraction.deals}
        return StoreCounts(figures=len(figures), deals=len(deals), companies=companies)

    async def _create_companies(self, companies: list[NewCompany], language: str) -> int:
        """Add the companies the article named first, with their aliases.

        The name matches text of any language (alias language null); the other names it was
        written with (with its legal form: "Zentor GmbH") are aliases in the article's language.
        """
        created = 0
        for company in companies:
            inserted: Any = await self.session.execute(
                insert(Company)
                .values(slug=company.slug, name=company.name)
                .on_conflict_do_nothing(index_elements=[Company.slug])
                .returning(Company.slug)
            )
            created += inserted.scalar_one_or_none() is not None
            aliases = [
                {
                    "company_slug": company.slug,
                    "alias": name,
                    "alias_key": CompanyAlias.key_of(name),
                    "language": None if name == company.name else language,
                }
                for name in dict.fromkeys([company.name, *company.aliases])
            ]
            await self.session.execute(
                insert(CompanyAlias).values(aliases).on_conflict_do_nothing()
            )
        return created

    async def _save_figure(self, source_id: int, figure: ExtractedFigure) -> int:
        figure_id = await self.same_figure(
            figure.company, figure.metric, figure.period_start, figure.period_end, figure.quantity
        )
        if figure_id is None:
            figure_id = await self.insert_figure(
                figure.quantity,
                company_slug=figure.company,
                metric_slug=figure.metric,
                period_start=figure.period_start,
                period_end=figure.period_end,
                period_precision=figure.precision,
                status=figure.status,
                basis=figure.basis,
                confidence=figure.confidence,
                confidence_signals=figure.signals,
            )
            await self.cite(source_id, figure.mention, figure_id=figure_id)
        elif await self.cite(source_id, figure.mention, figure_id=figure_id):
            await self._corroborated(Figure, figure_id, figure.confidence)
        return figure_id

    async def _corroborated(self, model: type[Figure | Deal], fact_id: int, stated: float) -> None:
        """Raise a stored fact's confidence now that one more source states it."""
        row: Figure | Deal | None = await self.session.get(model, fact_id)
        if row is None or row.confidence >= 1:
            return
        signals = dict(row.confidence_signals)
        signals["sources"] = int(signals.get("sources", 1)) + 1
        row.confidence = corroborated(row.confidence, stated)
        row.confidence_signals = signals
        await self.session.flush()

    async def insert_figure(self, quantity: Quantity, **columns: Any) -> int:
        """Add a figure of these columns stating `quantity`; its id."""
        # One INSERT ... RETURNING, without the unit of work's flush machinery.
        inserted = await self.session.execute(
            insert(Figure).values(**columns, **amount_columns(quantity)).returning(Figure.id)
        )
        figure_id: int = inserted.scalar_one()
        return figure_id

    async def insert_deal(
        self, amount: Quantity | None, parties: set[tuple[str, str]], **columns: Any
    ) -> int:
        """Add a deal of these columns, amount and (company, role) parties; its id."""
        values = {**columns, **(amount_columns(amount) if amount is not None else {})}
        inserted = await self.session.execute(insert(Deal).values(values).returning(Deal.id))
        deal_id: int = inserted.scalar_one()
        if parties:
            await self.session.execute(
                insert(DealParty).values(
                    [
                        {"deal_id": deal_id, "company_slug": company, "role": role}
                        for company, role in sorted(parties)
                    ]
                )
            )
        return deal_id

    async def same_figure(
        self, company: str, metric: str, period_start: date, period_end: date, quantity: Quantity
    ) -> int | None:
        """The current (not deprecated) figure stating this value, locking the claim till commit."""
        await self._lock_claims([figure_claim(company, metric, period_start, period_end)])
        candidates = await self.session.execute(
            select(Figure.id, Figure.value, Figure.unit, Figure.low, Figure.high, Figure.vague)
            .where(
                Figure.company_slug == company,
                Figure.metric_slug == metric,
                Figure.period_start == period_start,
                Figure.period_end == period_end,
                Figure.unit == quantity.unit,
                Figure.deprecated_at.is_(None),
            )
            .order_by(Figure.id)
        )
        return _first_agreeing(candidates, claimed_value(quantity))

    async def _save_deal(self, source_id: int, deal: ExtractedDeal) -> int:
        deal_id = await self.same_deal(
            deal.kind, {party.company for party in deal.parties}, deal.amount
        )
        trust = assess_deal(len({party.company for party in deal.parties}), deal.amount)
        if deal_id is None:
            deal_id = await self.insert_deal(
                deal.amount,
                {(party.company, party.role) for party in deal.parties},
                kind=deal.kind,
                title=deal.title,
                duration=deal.duration,
                announced_on=deal.announced_on,
                status=deal.status,
                confidence=trust.confidence,
                confidence_signals=trust.signals,
            )
            await self.cite(source_id, deal.mention, deal_id=deal_id)
        elif await self.cite(source_id, deal.mention, deal_id=deal_id):
            await self._corroborated(Deal, deal_id, trust.confidence)
        return deal_id

    async def same_deal(
        self, kind: str, companies: set[str], amount: Quantity | None
    ) -> int | None:
        """The current (not deprecated) deal of these parties and value, locking the claim."""
        await self._lock_claims([deal_claim(kind, companies)])
        if not companies:
            return None
        # A deal of these parties has each of them, and no other. Each company is written
        # into the statement so that PostgreSQL plans it knowing which is the rarest one and
        # starts from its deals (a reused generic plan could start from a company with
        # 70,000 deals); grouping the parties of every deal read all 500,000 of them.
        has_each = (
            select(DealParty.deal_id)
            .where(
                DealParty.deal_id == Deal.id,
                DealParty.company_slug == bindparam(None, company, Text, literal_execute=True),
            )
            .exists()
            for company in sorted(companies)
        )
        has_another = (
            select(DealParty.deal_id)
            .where(DealParty.deal_id == Deal.id, DealParty.company_slug.not_in(companies))
            .exists()
        )
        candidates = await self.session.execute(
            select(Deal.id, Deal.value, Deal.unit, Deal.low, Deal.high, Deal.vague)
            .where(Deal.kind == kind, *has_each, ~has_another, Deal.deprecated_at.is_(None))
            .order_by(Deal.id)
        )
        if amount is None:
            return next((row.id for row in candidates if row.value is None), None)
        return _first_agreeing(candidates, claimed_value(amount))

    async def _lock_claims(self, claims: list[str]) -> None:
        """Serialise, until commit, concurrent jobs deciding whether these facts exist.

        One statement takes the locks this transaction does not hold yet, in a fixed order
        (so that two jobs claiming the same facts cannot deadlock).
        """
        todo = sorted(set(claims) - self._claimed)
        if not todo:
            return
        await lock_claims(self.session, todo)
        self._claimed.update(todo)

    async def cite(
        self,
        source_id: int,
        mention: Mention,
        *,
        figure_id: int | None = None,
        deal_id: int | None = None,
    ) -> bool:
        """Cite `mention` of `source_id` for the figure or deal: one citation per source.

        The first mention is the citation; a later one of the same source adds its offsets.
        The citation is of the source's current version (the text its offsets point into): a
        later version stating the fact again moves the citation to its own text.
        True when this source had not cited the fact before.
        """
        inserted = await self.session.execute(
            citing_upsert(figure_id is not None),
            {
                "cited_source": source_id,
                "cited_figure": figure_id,
                "cited_deal": deal_id,
                "cited_quote": mention.quote,
                "cited_start": mention.start,
                "cited_end": mention.end,
                "cited_span": json.dumps([[mention.start, mention.end]]),
            },
        )
        return bool(inserted.scalar_one())


def _first_agreeing(rows: Iterable[ComparableShape], amount: ClaimedValue) -> int | None:
    """The id of the first stored row whose value agrees with `amount`."""
    for row in rows:
        if row.value is None or row.unit is None:
            continue
        stored = ClaimedValue(
            value=row.value, unit=row.unit, low=row.low, high=row.high, vague=row.vague
        )
        if stored.agrees_with(amount):
            fact_id: int = row.id
            return fact_id
    return None
