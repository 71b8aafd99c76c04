"""company slug lookup indexes

A list filtered by `company=OpenAI` finds `openai` through an index on `lower(slug)`; a slug
naming no company is answered with the nearest known ones, found by a trigram KNN scan
(`slug <-> 'openaii'`, GiST) that stops after a few rows instead of reading every company.

Revision ID: d1e2f3a4b5c6
Revises: c9d0e1f2a3b4
Create Date: 2026-12-09 03:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'd1e2f3a4b5c6'
down_revision: str | None = 'c9d0e1f2a3b4'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    op.create_index('ix_companies_slug_lower', 'companies', [sa.text('lower(slug)')], unique=False)
    op.create_index('ix_companies_slug_trgm', 'companies', ['slug'], unique=False, postgresql_using='gist', postgresql_ops={'slug': 'gist_trgm_ops'})


def downgrade() -> None:
    op.drop_index('ix_companies_slug_trgm', table_name='companies', postgresql_using='gist', postgresql_ops={'slug': 'gist_trgm_ops'})
    op.drop_index('ix_companies_slug_lower', table_name='companies')
