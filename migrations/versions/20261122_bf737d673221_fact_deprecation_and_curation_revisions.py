"""fact deprecation and curation revisions

Revision ID: bf737d673221
Revises: aa6ad4354c44
Create Date: 2026-11-22 03:48:27.931428
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = 'bf737d673221'
down_revision: str | None = 'aa6ad4354c44'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DEPRECATION_COMPLETE = "(deprecated_at IS NULL) = (deprecated_reason IS NULL)"


def upgrade() -> None:
    op.create_table('fact_revisions',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('fact_type', sa.Text(), nullable=False),
    sa.Column('fact_id', sa.Text(), nullable=False),
    sa.Column('action', sa.Text(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('actor', sa.Text(), nullable=False),
    sa.Column('before', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.Column('after', postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    sa.CheckConstraint("action IN ('create', 'update', 'deprecate')", name=op.f('ck_fact_revisions_action')),
    sa.CheckConstraint("fact_type IN ('figure', 'deal', 'company')", name=op.f('ck_fact_revisions_fact_type')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fact_revisions'))
    )
    op.create_index('ix_fact_revisions_fact', 'fact_revisions', ['fact_type', 'fact_id', 'id'], unique=False)
    for table in ('figures', 'deals'):
        op.add_column(table, sa.Column('deprecated_at', sa.DateTime(timezone=True), nullable=True))
        op.add_column(table, sa.Column('deprecated_reason', sa.Text(), nullable=True))
        op.create_check_constraint(op.f(f'ck_{table}_deprecation'), table, DEPRECATION_COMPLETE)


def downgrade() -> None:
    for table in ('figures', 'deals'):
        op.drop_constraint(op.f(f'ck_{table}_deprecation'), table, type_='check')
        op.drop_column(table, 'deprecated_reason')
        op.drop_column(table, 'deprecated_at')
    op.drop_index('ix_fact_revisions_fact', table_name='fact_revisions')
    op.drop_table('fact_revisions')
