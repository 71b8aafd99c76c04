"""web sources

A source can be a web page: the URL submitted (normalised), where the fetch ended after
redirects, when it was fetched, the article's author, and a submitted HTML page until its
article is extracted.

Revision ID: a7c8d9e0f1b2
Revises: a7b8c9d0e1f2
Create Date: 2026-12-07 01:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'a7c8d9e0f1b2'
down_revision: str | None = 'a7b8c9d0e1f2'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    ('canonical_url', sa.Text()),
    ('final_url', sa.Text()),
    ('fetched_at', sa.DateTime(timezone=True)),
    ('author', sa.Text()),
    ('html', sa.Text()),
)


def upgrade() -> None:
    for name, kind in COLUMNS:
        op.add_column('sources', sa.Column(name, kind, nullable=True))
    op.create_index('ix_sources_canonical_url', 'sources', ['canonical_url'])


def downgrade() -> None:
    op.drop_index('ix_sources_canonical_url', table_name='sources')
    for name, _kind in reversed(COLUMNS):
        op.drop_column('sources', name)
