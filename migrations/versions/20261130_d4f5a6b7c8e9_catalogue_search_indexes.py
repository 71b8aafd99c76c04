"""catalogue search: trigram index on company alias keys, full-text vector of sources

Revision ID: d4f5a6b7c8e9
Revises: c7e1a0b2d3f4
Create Date: 2026-11-30 10:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = 'd4f5a6b7c8e9'
down_revision: str | None = 'c7e1a0b2d3f4'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The text search configuration of a source's language; anything else is `simple`.
TEXT_SEARCH_CONFIG = (
    "CASE language WHEN 'en' THEN 'english'::regconfig WHEN 'fr' THEN 'french'::regconfig "
    "WHEN 'it' THEN 'italian'::regconfig WHEN 'de' THEN 'german'::regconfig "
    "WHEN 'es' THEN 'spanish'::regconfig ELSE 'simple'::regconfig END"
)
SEARCH_VECTOR = (
    f"setweight(to_tsvector({TEXT_SEARCH_CONFIG}, coalesce(title, '')), 'A') || "
    f"setweight(to_tsvector({TEXT_SEARCH_CONFIG}, coalesce(text, '')), 'B')"
)


def upgrade() -> None:
    op.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    op.create_index('ix_company_aliases_alias_key_trgm', 'company_aliases', ['alias_key'], unique=False, postgresql_using='gin', postgresql_ops={'alias_key': 'gin_trgm_ops'})
    op.add_column('sources', sa.Column('search_vector', postgresql.TSVECTOR(), sa.Computed(SEARCH_VECTOR, persisted=True), nullable=False))
    op.create_index('ix_sources_search_vector', 'sources', ['search_vector'], unique=False, postgresql_using='gin')


def downgrade() -> None:
    op.drop_index('ix_sources_search_vector', table_name='sources', postgresql_using='gin')
    op.drop_column('sources', 'search_vector')
    op.drop_index('ix_company_aliases_alias_key_trgm', table_name='company_aliases', postgresql_using='gin', postgresql_ops={'alias_key': 'gin_trgm_ops'})
    op.execute('DROP EXTENSION IF EXISTS pg_trgm')
