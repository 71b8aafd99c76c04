"""Named admin tokens (stored as SHA-256) and idempotency keys of admin POSTs.

Revision ID: 9162dd2a61b7
Revises: bf737d673221
Create Date: 2026-11-22 04:12:06.660207
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '9162dd2a61b7'
down_revision: str | None = 'bf737d673221'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('admin_tokens',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('token_sha256', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('last_used_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('length(name) BETWEEN 1 AND 100', name=op.f('ck_admin_tokens_name')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_admin_tokens')),
    sa.UniqueConstraint('name', name=op.f('uq_admin_tokens_name')),
    sa.UniqueConstraint('token_sha256', name=op.f('uq_admin_tokens_token_sha256'))
    )
    op.create_table('idempotency_keys',
    sa.Column('actor', sa.Text(), nullable=False),
    sa.Column('key', sa.Text(), nullable=False),
    sa.Column('request_sha256', sa.Text(), nullable=False),
    sa.Column('status', sa.Text(), server_default='in_progress', nullable=False),
    sa.Column('response_status', sa.Integer(), nullable=True),
    sa.Column('response_content_type', sa.Text(), nullable=True),
    sa.Column('response_body', sa.LargeBinary(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.CheckConstraint("status IN ('in_progress', 'done')", name=op.f('ck_idempotency_keys_status')),
    sa.CheckConstraint('length(key) BETWEEN 1 AND 255', name=op.f('ck_idempotency_keys_key')),
    sa.PrimaryKeyConstraint('actor', 'key', name=op.f('pk_idempotency_keys'))
    )
    op.create_index(op.f('ix_idempotency_keys_created_at'), 'idempotency_keys', ['created_at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_idempotency_keys_created_at'), table_name='idempotency_keys')
    op.drop_table('idempotency_keys')
    op.drop_table('admin_tokens')
