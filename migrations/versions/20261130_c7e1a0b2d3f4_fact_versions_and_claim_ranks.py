"""fact versions and claim ranks

Every figure, deal and company keeps its versions (written by statement-level triggers, so no
code path, COPY included, can overwrite a fact without a trace); figures get a stored claim
rank and a basis (reported total or annualised run rate); citations and metrics learn when
they were recorded, for as-of reads.

Revision ID: c7e1a0b2d3f4
Revises: 9162dd2a61b7
Create Date: 2026-11-30 17:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'c7e1a0b2d3f4'
down_revision: str | None = '9162dd2a61b7'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VERSIONED = (('figures', 'figure_versions', 'id'), ('deals', 'deal_versions', 'id'), ('companies', 'company_versions', 'slug'))
"""(fact table, its version table, its key)."""

NOT_VERSIONED = ('rank', 'updated_at')
"""Columns whose change alone makes no new version."""


def _money_columns() -> list[sa.Column[object]]:
    return [
        sa.Column('deprecated_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('deprecated_reason', sa.Text(), nullable=True),
        sa.Column('value', sa.Numeric(), nullable=True),
        sa.Column('unit', sa.Text(), nullable=True),
        sa.Column('bound', sa.Text(), nullable=True),
        sa.Column('low', sa.Numeric(), nullable=True),
        sa.Column('high', sa.Numeric(), nullable=True),
        sa.Column('original_text', sa.Text(), nullable=True),
        sa.Column('original_value', sa.Numeric(), nullable=True),
        sa.Column('original_unit', sa.Text(), nullable=True),
        sa.Column('fx_rate', sa.Numeric(), nullable=True),
        sa.Column('fx_date', sa.Date(), nullable=True),
        sa.Column('fx_source', sa.Text(), nullable=True),
    ]


def _version_columns() -> list[sa.Column[object]]:
    return [
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('superseded_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('recorded_by', sa.Text(), nullable=False),
        sa.Column('change', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    ]


def _version_table(name: str, key: str, *columns: sa.Column[object]) -> list[str]:
    """Create the version table; the names of the fact columns it copies."""
    op.create_table(
        name,
        *columns,
        *_version_columns(),
        sa.CheckConstraint("change IN ('create', 'update', 'deprecate')", name=op.f(f'ck_{name}_change')),
        sa.PrimaryKeyConstraint(key, 'version', name=op.f(f'pk_{name}')),
    )
    op.create_index(
        f'uq_{name}_open_{key}', name, [key], unique=True, postgresql_where=sa.text('superseded_at IS NULL')
    )
    return [column.name for column in columns] + ['created_at', 'updated_at']


def _trigger_sql(table: str, versions: str, key: str, columns: list[str]) -> list[str]:
    """Statement triggers recording inserted rows as version 1 and changed rows as the next version.

    `columns` are the fact table's columns, all copied into the version table by name (a later
    migration adding a column to the fact table re-creates the function with it; a test checks
    that a version holds every column of its fact). `clock_timestamp()` is taken once, so a
    closed version ends exactly when the next one starts.
    """
    copied = ', '.join(columns)
    from_new = ', '.join(f'n.{column}' for column in columns)
    from_changed = ', '.join(f'c.{column}' for column in columns)
    compared = [column for column in columns if column not in NOT_VERSIONED]
    old_values = ', '.join(f'o.{column}' for column in compared)
    new_values = ', '.join(f'n.{column}' for column in compared)
    deprecating = (
        'o.deprecated_at IS NULL AND n.deprecated_at IS NOT NULL'
        if 'deprecated_at' in columns
        else 'false'
    )
    extra = 'version, recorded_at, recorded_by, change'
    function = f"""
CREATE FUNCTION record_{table}_versions() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ts timestamptz := clock_timestamp();
    actor text := coalesce(nullif(current_setting('aifacts.actor', true), ''), 'system');
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO {versions} ({copied}, {extra})
        SELECT {from_new}, 1, ts, actor, 'create' FROM new_rows n;
    ELSE
        WITH changed AS (
            SELECT n.*, {deprecating} AS deprecating
            FROM new_rows n JOIN old_rows o ON o.{key} = n.{key}
            WHERE ({new_values}) IS DISTINCT FROM ({old_values})
        ), closed AS (
            UPDATE {versions} v SET superseded_at = ts
            FROM changed c WHERE v.{key} = c.{key} AND v.superseded_at IS NULL
            RETURNING v.{key}, v.version
        )
        INSERT INTO {versions} ({copied}, {extra})
        SELECT {from_changed}, closed.version + 1, ts, actor,
               CASE WHEN c.deprecating THEN 'deprecate' ELSE 'update' END
        FROM changed c JOIN closed ON closed.{key} = c.{key};
    END IF;
    RETURN NULL;
END
$$"""
    on_insert = f"""
CREATE TRIGGER {table}_versions_insert AFTER INSERT ON {table}
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION record_{table}_versions()"""
    on_update = f"""
CREATE TRIGGER {table}_versions_update AFTER UPDATE ON {table}
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION record_{table}_versions()"""
    return [function, on_insert, on_update]


def _backfill_sql(table: str, versions: str, columns: list[str]) -> str:
    """Version 1 of every fact already stored, recorded when it was created."""
    copied = ', '.join(columns)
    return f"""
INSERT INTO {versions} ({copied}, version, recorded_at, recorded_by, change)
SELECT {copied}, 1, created_at, 'system', 'create' FROM {table}
"""


def upgrade() -> None:
    op.add_column('figures', sa.Column('rank', sa.Text(), server_default='preferred', nullable=False))
    op.add_column('figures', sa.Column('basis', sa.Text(), server_default='total', nullable=False))
    op.create_check_constraint(op.f('ck_figures_rank'), 'figures', "rank IN ('preferred', 'normal')")
    op.create_check_constraint(op.f('ck_figures_basis'), 'figures', "basis IN ('total', 'run_rate')")
    op.create_index(
        'ix_figures_claim_group', 'figures', ['company_slug', 'metric_slug', 'period_start', 'period_end'], unique=False
    )
    op.add_column(
        'citations',
        sa.Column('recorded_at', sa.DateTime(timezone=True), server_default=sa.text('clock_timestamp()'), nullable=False),
    )
    for column in ('created_at', 'updated_at'):
        op.add_column(
            'metrics', sa.Column(column, sa.DateTime(timezone=True), server_default=sa.text('now()'), nullable=False)
        )
    copied = {}
    copied['figures'] = _version_table(
        'figure_versions',
        'id',
        sa.Column('id', sa.BigInteger(), nullable=False),
        sa.Column('company_slug', sa.Text(), nullable=False),
        sa.Column('metric_slug', sa.Text(), nullable=False),
        sa.Column('period_start', sa.Date(), nullable=False),
        sa.Column('period_end', sa.Date(), nullable=False),
        sa.Column('period_precision', sa.Text(), nullable=False),
        sa.Column('status', sa.Text(), nullable=False),
        sa.Column('ref_key', sa.Text(), nullable=True),
        sa.Column('rank', sa.Text(), nullable=False),
        sa.Column('basis', sa.Text(), nullable=False),
        *_money_columns(),
    )
    op.create_index(
        'ix_figure_versions_company_metric_id', 'figure_versions', ['company_slug', 'metric_slug', 'id'], unique=False
    )
    copied['deals'] = _version_table(
        'deal_versions',
        'id',
        sa.Column('id', sa.BigInteger(), nullable=False),
        sa.Column('kind', sa.Text(), nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('duration', sa.Text(), nullable=True),
        sa.Column('announced_on', sa.Date(), nullable=True),
        sa.Column('status', sa.Text(), nullable=False),
        sa.Column('ref_key', sa.Text(), nullable=True),
        *_money_columns(),
    )
    copied['companies'] = _version_table(
        'company_versions',
        'slug',
        sa.Column('slug', sa.Text(), nullable=False),
        sa.Column('name', sa.Text(), nullable=False),
        sa.Column('kind', sa.Text(), nullable=False),
        sa.Column('parent_slug', sa.Text(), nullable=True),
        sa.Column('country', sa.Text(), nullable=True),
        sa.Column('website', sa.Text(), nullable=True),
        sa.Column('wikidata_qid', sa.Text(), nullable=True),
        sa.Column('lei', sa.Text(), nullable=True),
        sa.Column('ticker', sa.Text(), nullable=True),
    )
    for table, versions, key in VERSIONED:
        op.execute(_backfill_sql(table, versions, copied[table]))
        for statement in _trigger_sql(table, versions, key, copied[table]):
            op.execute(statement)


def downgrade() -> None:
    for table, versions, _key in VERSIONED:
        op.execute(f'DROP TRIGGER {table}_versions_update ON {table}')
        op.execute(f'DROP TRIGGER {table}_versions_insert ON {table}')
        op.execute(f'DROP FUNCTION record_{table}_versions()')
        op.drop_table(versions)
    for column in ('updated_at', 'created_at'):
        op.drop_column('metrics', column)
    op.drop_column('citations', 'recorded_at')
    op.drop_index('ix_figures_claim_group', table_name='figures')
    op.drop_constraint(op.f('ck_figures_basis'), 'figures', type_='check')
    op.drop_constraint(op.f('ck_figures_rank'), 'figures', type_='check')
    op.drop_column('figures', 'basis')
    op.drop_column('figures', 'rank')
