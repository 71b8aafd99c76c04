"""Each closed list is one Literal of domain.vocabulary: the database, API and cues agree."""

from __future__ import annotations

import re
from typing import Any, get_args

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from service.app import create_app
from service.domain import vocabulary
from service.ingest.deals import PROVISIONAL_KINDS
from service.ingest.lexicon import cues_for
from service.ingest.types import CueStatus
from service.normalize import LANGUAGES
from service.settings import Settings

CHECKED_COLUMNS: dict[tuple[str, str], Any] = {
    ("companies", "kind"): vocabulary.CompanyKind,
    ("metrics", "kind"): vocabulary.MetricKind,
    ("figures", "bound"): vocabulary.BoundName,
    ("figures", "period_precision"): vocabulary.Precision,
    ("figures", "status"): vocabulary.FigureStatus,
    ("figures", "rank"): vocabulary.FigureRank,
    ("figures", "basis"): vocabulary.Basis,
    ("deals", "kind"): vocabulary.DealKind,
    ("deals", "status"): vocabulary.DealStatus,
    ("deals", "bound"): vocabulary.BoundName,
    ("ingest_jobs", "status"): vocabulary.JobStatus,
    ("idempotency_keys", "status"): vocabulary.IdempotencyStatus,
    ("fact_revisions", "fact_type"): vocabulary.FactType,
    ("fact_revisions", "action"): vocabulary.RevisionAction,
    ("figure_versions", "change"): vocabulary.RevisionAction,
    ("deal_versions", "change"): vocabulary.RevisionAction,
    ("company_versions", "change"): vocabulary.RevisionAction,
}
"""(table, CHECK constraint name) -> the Literal its values must be."""

API_ENUMS: dict[tuple[str, str], Any] = {
    ("Company", "kind"): vocabulary.CompanyKind,
    ("Metric", "kind"): vocabulary.MetricKind,
    ("Figure", "bound"): vocabulary.BoundName,
    ("Figure", "status"): vocabulary.FigureStatus,
    ("Figure", "basis"): vocabulary.Basis,
    ("Figure", "rank"): vocabulary.RankName,
    ("Deal", "kind"): vocabulary.DealKind,
    ("Deal", "status"): vocabulary.DealStatus,
    ("FigureCreate", "status"): vocabulary.FigureStatus,
    ("DealCreate", "kind"): vocabulary.DealKind,
    ("DealCreate", "status"): vocabulary.DealStatus,
    ("PeriodInput", "precision"): vocabulary.Precision,
}
"""(component schema, property) of the OpenAPI document -> the Literal of its enum."""


@pytest.mark.parametrize(("table", "column"), sorted(CHECKED_COLUMNS))
async def test_database_checks_allow_the_vocabulary(
    session: AsyncSession, table: str, column: str
) -> None:
    definition = await session.scalar(
        text(
            "SELECT pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'c' AND conname = :name"
        ),
        {"name": f"ck_{table}_{column}"},
    )
    assert definition is not None, f"no CHECK constraint on {table}.{column}"
    allowed = set(re.findall(r"'([^']*)'::text", definition))
    assert allowed == set(get_args(CHECKED_COLUMNS[table, column]))


def _enum(node: Any) -> set[str] | None:
    if isinstance(node, dict):
        if "enum" in node:
            return set(node["enum"])
        for child in node.get("oneOf", []) + node.get("anyOf", []):
            if (found := _enum(child)) is not None:
                return found
    return None


def test_openapi_enums_are_the_vocabulary() -> None:
    document = create_app(Settings(database_url="postgresql+asyncpg://unused/unused"))
    schemas = document.openapi_schema.to_schema()["components"]["schemas"]
    for (schema, prop), literal in API_ENUMS.items():
        assert _enum(schemas[schema]["properties"][prop]) == set(get_args(literal)), (schema, prop)


@pytest.mark.parametrize("language", get_args(vocabulary.Language))
def test_extraction_cues_use_the_vocabulary(language: str) -> None:
    cues = cues_for(language)
    assert {cue.kind for cue in cues.deal_cues} - PROVISIONAL_KINDS <= set(
        get_args(vocabulary.DealKind)
    )
    assert {status for _, status in cues.status_cues} <= set(get_args(CueStatus))
    assert {status for _, status in cues.deal_status} <= set(get_args(vocabulary.DealStatus))


def test_every_deal_kind_has_a_cue() -> None:
    kinds = {cue.kind for language in LANGUAGES for cue in cues_for(language).deal_cues}
    settled = {"cloud_contract", "supply_agreement"} if "contract" in kinds else set()
    assert set(get_args(vocabulary.DealKind)) <= kinds | settled


def test_normaliser_reads_the_vocabulary_languages() -> None:
    assert set(LANGUAGES) == set(get_args(vocabulary.Language))
