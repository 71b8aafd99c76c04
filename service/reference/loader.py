"""Loads the bundled reference data (companies, metrics, sources, facts) once per version."""

from __future__ import annotations

import hashlib
from importlib import resources
from typing import Any

import msgspec
from sqlalchemy import delete, select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.actor import REFERENCE_ACTOR, act_as
from service.facts.ranking import refresh_figure_ranks
from service.models import (
    Citation,
    Company,
    CompanyAlias,
    Deal,
    DealParty,
    Figure,
    Metric,
    ReferenceLoad,
    Source,
)
from service.reference.checks import reference_problems
from service.reference.known_since import backdate_reference_knowledge
from service.reference.schema import (
    RefAlias,
    RefAmount,
    RefCitation,
    RefCompany,
    RefDeal,
    ReferenceData,
    RefFigure,
    RefMetric,
    RefSource,
)


def read_reference_file() -> tuple[bytes, ReferenceData]:
    """The raw bytes and parsed contents of the bundled reference data."""
    raw = resources.files("service.reference").joinpath("reference_data.json").read_bytes()
    return raw, msgspec.json.decode(raw, type=ReferenceData)


async def load_reference_data(session: AsyncSession) -> bool:
    """Load the bundled data unless this version was loaded before; True if it loaded now.

    Rows are upserted by natural key (slug, sha256, reference key), so a newer version of the
    file adds to and corrects what an older one loaded without duplicating anything.
    """
    raw, data = read_reference_file()
    if problems := reference_problems(data):
        raise ValueError("reference data refused: " + "; ".join(problems))
    digest = hashlib.sha256(raw).hexdigest()
    if await session.get(ReferenceLoad, digest) is not None:
        return False
    await act_as(session, REFERENCE_ACTOR)
    await _upsert_metrics(session, data.metrics)
    await _upsert_companies(session, data.companies)
    source_ids = await _upsert_sources(session, data.sources)
    for figure in data.figures:
        figure_id = await _upsert_figure(session, figure)
        await _add_citations(session, figure.citations, source_ids, figure_id=figure_id)
    for deal in data.deals:
        deal_id = await _upsert_deal(session, deal)
        await _add_citations(session, deal.citations, source_ids, deal_id=deal_id)
    groups = [(f.company, f.metric, f.period.start, f.period.end) for f in data.figures]
    await refresh_figure_ranks(session, groups)
    await backdate_reference_knowledge(session, source_ids.values())
    session.add(ReferenceLoad(sha256=digest, version=data.version))
    await session.flush()
    return True


async def _upsert(session: AsyncSession, model: Any, rows: list[dict[str, Any]], key: str) -> None:
    if not rows:
        return
    stmt = insert(model).values(rows)
    updates = {name: stmt.excluded[name] for name in rows[0] if name != key}
    await session.execute(stmt.on_conflict_do_update(index_elements=[key], set_=updates))


async def _upsert_metrics(session: AsyncSession, metrics: list[RefMetric]) -> None:
    await _upsert(session, Metric, [msgspec.structs.asdict(m) for m in metrics], "slug")


async def _upsert_companies(session: AsyncSession, companies: list[RefCompany]) -> None:
    rows = [
        {
            "slug": c.slug,
            "name": c.name,
            "kind": c.kind,
            "country": c.country,
            "website": c.website,
            "wikidata_qid": c.identifiers.wikidata,
            "lei": c.identifiers.lei,
            "ticker": c.identifiers.ticker,
        }
        for c in companies
    ]
    await _upsert(session, Company, rows, "slug")
    for company in companies:
        if company.parent is not None:
            row = await session.get(Company, company.slug)
            if row is not None:
                row.parent_slug = company.parent
    aliases = [
        {
            "company_slug": c.slug,
            "alias": a.alias,
            "alias_key": CompanyAlias.key_of(a.alias),
            "language": a.language,
        }
        for c in companies
        for a in [RefAlias(alias=c.name, language=None), *c.aliases]
    ]
    await session.execute(insert(CompanyAlias).values(aliases).on_conflict_do_nothing())
    await _drop_language_free_twins(session, companies)


async def _drop_language_free_twins(session: AsyncSession, companies: list[RefCompany]) -> None:
    """Remove the null-language row of each alias the file now gives a language.

    An older file loaded it for every language; the company's name always stays language-free.
    """
    bound = {
        (c.slug, key)
        for c in companies
        for a in c.aliases
        if a.language is not None
        and (key := CompanyAlias.key_of(a.alias)) != CompanyAlias.key_of(c.name)
    }
    if bound:
        await session.execute(
            delete(CompanyAlias).where(
                CompanyAlias.language.is_(None),
                tuple_(CompanyAlias.company_slug, CompanyAlias.alias_key).in_(bound),
            )
        )


async def _upsert_sources(session: AsyncSession, sources: list[RefSource]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for source in sources:
        fields = msgspec.structs.asdict(source)
        key = fields.pop("key")
        insert_source = insert(Source).values(fields)
        upsert = insert_source.on_conflict_do_update(
            index_elements=["sha256"],
            set_={name: insert_source.excluded[name] for name in fields if name != "sha256"},
        ).returning(Source.id)
        ids[key] = (await session.execute(upsert)).scalar_one()
    return ids


def _amount_fields(amount: RefAmount) -> dict[str, Any]:
    return {
        "value": amount.value,
        "unit": amount.unit,
        "bound": amount.bound,
        "low": amount.low,
        "high": amount.high,
        "original_text": amount.original.text,
        "original_value": amount.original.value,
        "original_unit": amount.original.unit,
        "fx_rate": amount.fx.rate if amount.fx else None,
        "fx_date": amount.fx.date if amount.fx else None,
        "fx_source": amount.fx.source if amount.fx else None,
        "vague": amount.vague,
    }


async def _upsert_keyed(session: AsyncSession, model: Any, fields: dict[str, Any]) -> int:
    insert_fact = insert(model).values(fields)
    upsert = insert_fact.on_conflict_do_update(
        index_elements=["ref_key"],
        set_={name: insert_fact.excluded[name] for name in fields if name != "ref_key"},
    ).returning(model.id)
    fact_id: int = (await session.execute(upsert)).scalar_one()
    return fact_id


async def _upsert_figure(session: AsyncSession, figure: RefFigure) -> int:
    fields = {
        "ref_key": figure.key,
        "company_slug": figure.company,
        "metric_slug": figure.metric,
        "period_start": figure.period.start,
        "period_end": figure.period.end,
        "period_precision": figure.period.precision,
        "status": figure.status,
        **_amount_fields(figure),
    }
    return await _upsert_keyed(session, Figure, fields)


async def _upsert_deal(session: AsyncSession, deal: RefDeal) -> int:
    fields: dict[str, Any] = {
        "ref_key": deal.key,
        "kind": deal.kind,
        "title": deal.title,
        "duration": deal.duration,
        "announced_on": deal.announced_on,
        "status": deal.status,
    }
    if deal.value is not None:
        fields.update(_amount_fields(deal.value))
    deal_id = await _upsert_keyed(session, Deal, fields)
    parties = [
        {"deal_id": deal_id, "company_slug": p.company, "role": p.role} for p in deal.parties
    ]
    await session.execute(insert(DealParty).values(parties).on_conflict_do_nothing())
    return deal_id


async def _add_citations(
    session: AsyncSession,
    citations: list[RefCitation],
    source_ids: dict[str, int],
    *,
    figure_id: int | None = None,
    deal_id: int | None = None,
) -> None:
    fact = Citation.figure_id == figure_id if figure_id else Citation.deal_id == deal_id
    stmt = select(Citation.source_id).where(fact)
    existing = {row.source_id for row in await session.execute(stmt)}
    for citation in citations:
        source_id = source_ids[citation.source]
        if source_id in existing:
            continue
        session.add(
            Citation(
                source_id=source_id,
                figure_id=figure_id,
                deal_id=deal_id,
                quote=citation.quote,
                start_offset=citation.start,
                end_offset=citation.end,
                more_offsets=[list(span) for span in citation.more_offsets],
            )
        )
    await session.flush()
