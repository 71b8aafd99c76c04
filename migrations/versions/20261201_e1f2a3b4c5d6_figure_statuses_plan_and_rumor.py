"""figure statuses plan and rumor

An announced intention not yet executed ("plans to deploy", "will invest up to") is a
`plan`; a figure from talks or reports ("in talks", "reportedly") is a `rumor`.

Revision ID: e1f2a3b4c5d6
Revises: d4f5a6b7c8e9
Create Date: 2026-12-01 09:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = 'e1f2a3b4c5d6'
down_revision: str | None = 'd4f5a6b7c8e9'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BEFORE = "status IN ('actual', 'forecast', 'estimate', 'target')"
AFTER = "status IN ('actual', 'forecast', 'estimate', 'target', 'plan', 'rumor')"


def upgrade() -> None:
    op.drop_constraint(op.f('ck_figures_status'), 'figures', type_='check')
    op.create_check_constraint(op.f('ck_figures_status'), 'figures', AFTER)


def downgrade() -> None:
    op.execute("UPDATE figures SET status = 'forecast' WHERE status = 'plan'")
    op.execute("UPDATE figures SET status = 'estimate' WHERE status = 'rumor'")
    op.drop_constraint(op.f('ck_figures_status'), 'figures', type_='check')
    op.create_check_constraint(op.f('ck_figures_status'), 'figures', BEFORE)
