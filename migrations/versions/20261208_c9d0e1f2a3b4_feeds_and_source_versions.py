"""feeds and source versions

News feeds an admin registered (RSS or Atom), polled on a schedule with conditional requests;
the items each feed has shown (by GUID and by normalised URL), so that each is ingested once.
A web source fetched again keeps each text it had as a version; citations name the version
their offsets point into; a job may be a refetch. A source's versions are public, so their
table notifies data changes as the other public tables do (`aifacts_data_changed`).

Revision ID: c9d0e1f2a3b4
Revises: b8d9e0f1a2c3
Create Date: 2026-12-08 04:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'c9d0e1f2a3b4'
down_revision: str | None = 'b8d9e0f1a2c3'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

NOW = sa.text('now()')


def upgrade() -> None:
    op.create_table(
        'feeds',
        sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column('url', sa.Text(), nullable=False),
        sa.Column('canonical_url', sa.Text(), nullable=False),
        sa.Column('language', sa.Text(), nullable=True),
        sa.Column('poll_interval_minutes', sa.Integer(), server_default='60', nullable=False),
        sa.Column('active', sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column('etag', sa.Text(), nullable=True),
        sa.Column('last_modified', sa.Text(), nullable=True),
        sa.Column('next_poll_at', sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.Column('last_polled_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('last_success_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('last_http_status', sa.Integer(), nullable=True),
        sa.Column('last_error', sa.Text(), nullable=True),
        sa.Column('items_seen', sa.Integer(), server_default='0', nullable=False),
        sa.Column('items_ingested', sa.Integer(), server_default='0', nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.CheckConstraint(
            'poll_interval_minutes BETWEEN 5 AND 1440', name=op.f('ck_feeds_poll_interval')
        ),
        sa.CheckConstraint('items_seen >= 0 AND items_ingested >= 0', name=op.f('ck_feeds_counts')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_feeds')),
        sa.UniqueConstraint('canonical_url', name=op.f('uq_feeds_canonical_url')),
    )
    op.create_index('ix_feeds_due', 'feeds', ['next_poll_at'], postgresql_where=sa.text('active'))
    op.create_table(
        'feed_items',
        sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column('feed_id', sa.BigInteger(), nullable=False),
        sa.Column('guid', sa.Text(), nullable=False),
        sa.Column('url', sa.Text(), nullable=False),
        sa.Column('source_id', sa.BigInteger(), nullable=True),
        sa.Column('retries', sa.Integer(), server_default='0', nullable=False),
        sa.Column('seen_at', sa.DateTime(timezone=True), server_default=NOW, nullable=False),
        sa.ForeignKeyConstraint(
            ['feed_id'], ['feeds.id'], name=op.f('fk_feed_items_feed_id_feeds'), ondelete='CASCADE'
        ),
        sa.ForeignKeyConstraint(
            ['source_id'],
            ['sources.id'],
            name=op.f('fk_feed_items_source_id_sources'),
            ondelete='SET NULL',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_feed_items')),
        sa.UniqueConstraint('feed_id', 'guid', name=op.f('uq_feed_items_feed_id_guid')),
        sa.UniqueConstraint('feed_id', 'url', name=op.f('uq_feed_items_feed_id_url')),
    )
    op.create_index('ix_feed_items_source_id', 'feed_items', ['source_id'])
    op.create_table(
        'source_versions',
        sa.Column('id', sa.BigInteger(), sa.Identity(always=False), nullable=False),
        sa.Column('source_id', sa.BigInteger(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.Text(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('final_url', sa.Text(), nullable=True),
        sa.Column('fetched_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            'recorded_at',
            sa.DateTime(timezone=True),
            server_default=sa.text('clock_timestamp()'),
            nullable=False,
        ),
        sa.CheckConstraint('version >= 1', name=op.f('ck_source_versions_version')),
        sa.ForeignKeyConstraint(
            ['source_id'],
            ['sources.id'],
            name=op.f('fk_source_versions_source_id_sources'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_source_versions')),
        sa.UniqueConstraint(
            'source_id', 'version', name=op.f('uq_source_versions_source_id_version')
        ),
    )
    op.add_column('sources', sa.Column('version', sa.Integer(), server_default='1', nullable=False))
    op.add_column(
        'citations', sa.Column('source_version', sa.Integer(), server_default='1', nullable=False)
    )
    op.add_column(
        'ingest_jobs', sa.Column('refetch', sa.Boolean(), server_default=sa.false(), nullable=False)
    )
    op.execute(
        'CREATE TRIGGER aifacts_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE '
        'ON source_versions FOR EACH STATEMENT EXECUTE FUNCTION aifacts_data_changed()'
    )


def downgrade() -> None:
    op.execute('DROP TRIGGER aifacts_data_changed ON source_versions')
    op.drop_column('ingest_jobs', 'refetch')
    op.drop_column('citations', 'source_version')
    op.drop_column('sources', 'version')
    op.drop_table('source_versions')
    op.drop_index('ix_feed_items_source_id', table_name='feed_items')
    op.drop_table('feed_items')
    op.drop_index('ix_feeds_due', table_name='feeds')
    op.drop_table('feeds')
