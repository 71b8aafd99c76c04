"""shared rate limit counts

Rate-limit counters summed over every process and replica, in an UNLOGGED table (a crash may
forget them: they only matter for the current minute).

Revision ID: a7b8c9d0e1f2
Revises: f6b7c8d9e0a1
Create Date: 2026-12-07 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'a7b8c9d0e1f2'
down_revision: str | None = 'f6b7c8d9e0a1'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'rate_limit_counts',
        sa.Column('client', sa.Text(), nullable=False),
        sa.Column('window_start', sa.BigInteger(), nullable=False),
        sa.Column('hits', sa.Integer(), nullable=False),
        sa.CheckConstraint('hits >= 0', name=op.f('ck_rate_limit_counts_hits')),
        sa.PrimaryKeyConstraint('client', 'window_start', name=op.f('pk_rate_limit_counts')),
        prefixes=['UNLOGGED'],
    )


def downgrade() -> None:
    op.drop_table('rate_limit_counts')
