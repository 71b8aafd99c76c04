"""ingest jobs and the pgqueuer queue

Revision ID: aa6ad4354c44
Revises: b38c1ef46d6f
Create Date: 2026-11-22 03:32:46.900034
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from pgqueuer.adapters.persistence.qb import QueryBuilderEnvironment

revision: str = 'aa6ad4354c44'
down_revision: str | None = 'b38c1ef46d6f'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _run_script(script: str) -> None:
    """Run a multi-statement SQL script in the migration's transaction.

    Prepared statements (how SQLAlchemy drives asyncpg) take one statement each; the raw
    asyncpg connection runs a whole script with the simple query protocol.
    """
    raw = op.get_bind().connection.dbapi_connection
    assert raw is not None
    raw.run_async(lambda connection: connection.execute(script))


def upgrade() -> None:
    op.create_table('ingest_jobs',
    sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
    sa.Column('source_id', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.Text(), server_default='queued', nullable=False),
    sa.Column('figures_count', sa.Integer(), server_default='0', nullable=False),
    sa.Column('deals_count', sa.Integer(), server_default='0', nullable=False),
    sa.Column('companies_count', sa.Integer(), server_default='0', nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('attempts', sa.Integer(), server_default='0', nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('queued', 'running', 'succeeded', 'failed')", name=op.f('ck_ingest_jobs_status')),
    sa.CheckConstraint('attempts >= 0', name=op.f('ck_ingest_jobs_attempts')),
    sa.CheckConstraint('figures_count >= 0 AND deals_count >= 0 AND companies_count >= 0', name=op.f('ck_ingest_jobs_counts')),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_ingest_jobs_source_id_sources'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ingest_jobs'))
    )
    op.create_index(op.f('ix_ingest_jobs_source_id'), 'ingest_jobs', ['source_id'], unique=True)
    # The queue's own tables, types and NOTIFY trigger, as the installed pgqueuer defines them.
    _run_script(QueryBuilderEnvironment().build_install_query())


def downgrade() -> None:
    op.drop_index(op.f('ix_ingest_jobs_source_id'), table_name='ingest_jobs')
    op.drop_table('ingest_jobs')
    _run_script(QueryBuilderEnvironment().build_uninstall_query())
