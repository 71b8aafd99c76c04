"""data change notifications

Every statement that changes a table the public reads depend on sends a notification on the
`aifacts_data` channel (payload: the table's name). PostgreSQL delivers notifications only when
the transaction commits (never for one rolled back), once per distinct payload per transaction,
and `COPY` fires statement-level insert triggers: bulk loads, the worker, curation and raw SQL
are all covered without any writer knowing. Each API process listens and drops its response
cache on every notification (`service.web.response_cache`).

Tables whose changes no public read shows (tokens, idempotency keys, rate-limit counts, jobs
and the queue) send nothing: some change several times a second.

Revision ID: b8d9e0f1a2c3
Revises: a7c8d9e0f1b2
Create Date: 2026-12-08 03:30:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = 'b8d9e0f1a2c3'
down_revision: str | None = 'a7c8d9e0f1b2'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FUNCTION = 'aifacts_data_changed'
WATCHED = (
    'metrics',
    'companies',
    'company_aliases',
    'company_versions',
    'sources',
    'figures',
    'figure_versions',
    'deals',
    'deal_parties',
    'deal_versions',
    'citations',
    'fact_revisions',
    'reference_loads',
)
"""Every table a public read selects from (check `tests/web/test_data_changes.py`)."""


def upgrade() -> None:
    op.execute(
        f"""
        CREATE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('aifacts_data', TG_TABLE_NAME);
            RETURN NULL;
        END
        $$
        """
    )
    for table in WATCHED:
        op.execute(
            f'CREATE TRIGGER {FUNCTION} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
            f'FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()'
        )


def downgrade() -> None:
    for table in WATCHED:
        op.execute(f'DROP TRIGGER {FUNCTION} ON "{table}"')
    op.execute(f'DROP FUNCTION {FUNCTION}()')
