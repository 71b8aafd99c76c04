"""fact confidence

Figures and deals (and their versions) carry how much the extraction trusts them, in [0, 1],
and the signals it was computed from; facts stored before (curated, reference, or read by
earlier rules) count as 1.

Revision ID: f6b7c8d9e0a1
Revises: e5a6b7c8d9f0
Create Date: 2026-12-06 11:00:00
"""

import importlib.util
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = 'f6b7c8d9e0a1'
down_revision: str | None = 'e5a6b7c8d9f0'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FACTS = (('figures', 'figure_versions'), ('deals', 'deal_versions'))


def _previous() -> ModuleType:
    """The migration before, whose `rebuild_version_triggers` re-creates the version triggers."""
    path = Path(__file__).with_name('20261206_e5a6b7c8d9f0_vague_amounts_and_one_citation_per_source.py')
    spec = importlib.util.spec_from_file_location('vague_amounts_migration', path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def upgrade() -> None:
    for table, versions in FACTS:
        for target in (table, versions):
            op.add_column(
                target, sa.Column('confidence', sa.Float(), server_default=sa.text('1'), nullable=False)
            )
            op.add_column(
                target,
                sa.Column(
                    'confidence_signals',
                    postgresql.JSONB(astext_type=sa.Text()),
                    server_default=sa.text("'{}'::jsonb"),
                    nullable=False,
                ),
            )
        op.create_check_constraint(
            op.f(f'ck_{table}_confidence'), table, 'confidence >= 0 AND confidence <= 1'
        )
        _previous().rebuild_version_triggers(table, versions)


def downgrade() -> None:
    for table, versions in FACTS:
        op.drop_constraint(op.f(f'ck_{table}_confidence'), table, type_='check')
        for target in (table, versions):
            op.drop_column(target, 'confidence_signals')
            op.drop_column(target, 'confidence')
        _previous().rebuild_version_triggers(table, versions)
