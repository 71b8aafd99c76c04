"""preferred figures page index

A page of figures of a company and metric lists today's preferred claims in id order. The
index on (company_slug, metric_slug, id) holds every claim, so a page walked it past the
rival (`normal`) and deprecated ones, each checked on the table: about 250 rows read for 50
kept at the benchmark's scale. This partial index holds only the rows such a page can show,
so a page of 50 reads 50 entries and their 50 rows, in order, and stops.

Revision ID: e2f3a4b5c6d7
Revises: d1e2f3a4b5c6
Create Date: 2026-12-10 07:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'e2f3a4b5c6d7'
down_revision: str | None = 'd1e2f3a4b5c6'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        'ix_figures_preferred_company_metric_id',
        'figures',
        ['company_slug', 'metric_slug', 'id'],
        unique=False,
        postgresql_where=sa.text("rank = 'preferred' AND deprecated_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index('ix_figures_preferred_company_metric_id', table_name='figures')
