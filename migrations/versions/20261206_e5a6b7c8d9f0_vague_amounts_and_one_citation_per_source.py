"""vague amounts and one citation per source

Figures and deals (and their versions) say whether their amount is vague ("tens of
billions": a range no number was stated for). A fact has one citation per source: the
citations a source had at several offsets of one fact are merged into the first, the others'
offsets kept in `more_offsets`, and the unique indexes become (fact, source).

Revision ID: e5a6b7c8d9f0
Revises: e1f2a3b4c5d6
Create Date: 2026-12-06 10:00:00
"""

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = 'e5a6b7c8d9f0'
down_revision: str | None = 'e1f2a3b4c5d6'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FACTS = (('figures', 'figure_versions', 'figure_id'), ('deals', 'deal_versions', 'deal_id'))
"""(fact table, its version table, the citation column pointing at it)."""
VERSION_ONLY = ('version', 'recorded_at', 'superseded_at', 'recorded_by', 'change')


def _versioning() -> ModuleType:
    """The migration that created the version triggers (its `_trigger_sql` rebuilds them)."""
    path = Path(__file__).with_name('20261130_c7e1a0b2d3f4_fact_versions_and_claim_ranks.py')
    spec = importlib.util.spec_from_file_location('fact_versions_migration', path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rebuild_version_triggers(table: str, versions: str) -> None:
    """Re-create the version triggers of `table` so they copy every column its versions have."""
    names = op.get_bind().execute(
        sa.text(
            'SELECT column_name FROM information_schema.columns '
            'WHERE table_name = :versions AND NOT column_name = ANY(:skip) ORDER BY ordinal_position'
        ),
        {'versions': versions, 'skip': list(VERSION_ONLY)},
    )
    columns = [row[0] for row in names]
    op.execute(f'DROP FUNCTION record_{table}_versions() CASCADE')
    for statement in _versioning()._trigger_sql(table, versions, 'id', columns):
        op.execute(statement)


MERGE_CITATIONS = """
WITH ranked AS (
    SELECT id, first_value(id) OVER w AS keep, row_number() OVER w AS n,
           jsonb_build_array(start_offset, end_offset) AS span
    FROM citations WHERE {column} IS NOT NULL
    WINDOW w AS (PARTITION BY {column}, source_id ORDER BY start_offset, id)
), extra AS (
    SELECT keep, jsonb_agg(span ORDER BY n) AS spans FROM ranked WHERE n > 1 GROUP BY keep
), merged AS (
    UPDATE citations c SET more_offsets = extra.spans FROM extra WHERE c.id = extra.keep
)
DELETE FROM citations c USING ranked r WHERE c.id = r.id AND r.n > 1
"""


def upgrade() -> None:
    for table, versions, _column in FACTS:
        for target in (table, versions):
            op.add_column(
                target, sa.Column('vague', sa.Boolean(), server_default=sa.false(), nullable=False)
            )
        rebuild_version_triggers(table, versions)
    op.add_column(
        'citations',
        sa.Column(
            'more_offsets',
            postgresql.JSONB(astext_type=sa.Text()),
            server_default=sa.text("'[]'::jsonb"),
            nullable=False,
        ),
    )
    for _table, _versions, column in FACTS:
        op.execute(MERGE_CITATIONS.format(column=column))
        fact = column.removesuffix('_id')
        op.drop_index(f'uq_citations_{fact}_source_start', table_name='citations')
        op.create_index(
            f'uq_citations_{fact}_source',
            'citations',
            [column, 'source_id'],
            unique=True,
            postgresql_where=sa.text(f'{column} IS NOT NULL'),
        )


def downgrade() -> None:
    for _table, _versions, column in FACTS:
        fact = column.removesuffix('_id')
        op.drop_index(f'uq_citations_{fact}_source', table_name='citations')
        op.create_index(
            f'uq_citations_{fact}_source_start',
            'citations',
            [column, 'source_id', 'start_offset'],
            unique=True,
            postgresql_where=sa.text(f'{column} IS NOT NULL'),
        )
    op.drop_column('citations', 'more_offsets')
    for table, versions, _column in FACTS:
        for target in (table, versions):
            op.drop_column(target, 'vague')
        rebuild_version_triggers(table, versions)
