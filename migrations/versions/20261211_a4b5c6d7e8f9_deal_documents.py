"""deal documents kept beside the deals

Each live deal's `Deal` document (the JSON text `service.deals.documents.DOCUMENT` writes) and
whether its numbers are exact (`EXACT`) are stored in `deal_documents`, one row per deal that is
not deprecated, so that a page of a company's deals is an index scan of its parties and a
concatenation of stored text instead of a document written per deal per read.

Statement triggers keep it right in the writer's own transaction, whatever the writer (ingestion,
curation, merges, raw SQL, COPY): after an INSERT, UPDATE or DELETE of deals, deal_parties or
citations (a deal's citations), the deals named in the transition tables get their documents
written again (`aifacts_refresh_deal_documents`); deleting a deal deletes its document by
cascade; a TRUNCATE of parties or citations writes every document again. Each refresh first
locks the deals it writes (FOR NO KEY UPDATE, which foreign-key checks do not wait for), so two
transactions changing the same deal write its document one after the other, the second from
what the first committed.

A bulk load may set `aifacts.documents_deferred` to `on` for its transaction (the triggers then
do nothing) and call `aifacts_refresh_deal_documents(NULL)` once its rows are in: every
document written by one INSERT ... SELECT (`service.facts.bulk`).

The SQL below is frozen from `DOCUMENT` and `EXACT` as they were at this revision: a test
(`tests/deals/test_deal_documents.py`) compares what it stores with what the Python expression
renders, so changing the document needs a migration that re-creates the function.

Revision ID: a4b5c6d7e8f9
Revises: f3a4b5c6d7e8
Create Date: 2026-12-11 09:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'a4b5c6d7e8f9'
down_revision: str | None = 'f3a4b5c6d7e8'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DOCUMENT = """
('{"id":'
    || coalesce((d.id)::text, 'null')
    || ',"kind":'
    || coalesce(to_json(d.kind)::text, 'null')
    || ',"title":'
    || coalesce(to_json(d.title)::text, 'null')
    || ',"parties":'
    || coalesce((SELECT '['
    || string_agg(('{"company":'
    || coalesce(to_json(p.company_slug)::text, 'null')
    || ',"role":'
    || coalesce(to_json(p.role)::text, 'null')
    || '}'), ',' ORDER BY p.role, p.company_slug)
    || ']' FROM deal_parties p WHERE p.deal_id = d.id), '[]')
    || ',"value":'
    || (CASE WHEN d.value IS NULL THEN 'null' ELSE ('{"value":'
    || coalesce(trim_scale(d.value)::text, 'null')
    || ',"unit":'
    || coalesce(to_json(d.unit)::text, 'null')
    || ',"bound":'
    || coalesce(to_json(coalesce(d.bound, 'exact'))::text, 'null')
    || ',"low":'
    || coalesce(trim_scale(d.low)::text, 'null')
    || ',"high":'
    || coalesce(trim_scale(d.high)::text, 'null')
    || ',"vague":'
    || (CASE WHEN d.vague THEN 'true' WHEN NOT d.vague THEN 'false' ELSE 'null' END)
    || ',"original":'
    || ('{"text":'
    || coalesce(to_json(d.original_text)::text, 'null')
    || ',"value":'
    || coalesce(trim_scale(d.original_value)::text, 'null')
    || ',"unit":'
    || coalesce(to_json(d.original_unit)::text, 'null')
    || '}')
    || ',"fx":'
    || (CASE WHEN d.fx_rate IS NULL OR d.fx_date IS NULL THEN 'null' ELSE ('{"rate":'
    || coalesce(trim_scale(d.fx_rate)::text, 'null')
    || ',"date":'
    || coalesce(to_json(d.fx_date)::text, 'null')
    || ',"source":'
    || coalesce(to_json(coalesce(d.fx_source, 'ECB'))::text, 'null')
    || '}') END)
    || ',"display":'
    || 'null'
    || '}') END)
    || ',"duration":'
    || coalesce(to_json(d.duration)::text, 'null')
    || ',"announced_on":'
    || coalesce(to_json(d.announced_on)::text, 'null')
    || ',"status":'
    || coalesce(to_json(d.status)::text, 'null')
    || ',"sources":'
    || coalesce((SELECT '['
    || string_agg(('{"source_id":'
    || coalesce((c.source_id)::text, 'null')
    || ',"quote":'
    || coalesce(to_json(c.quote)::text, 'null')
    || ',"start":'
    || coalesce((c.start_offset)::text, 'null')
    || ',"end":'
    || coalesce((c.end_offset)::text, 'null')
    || ',"more_offsets":'
    || replace((c.more_offsets)::text, ' ', '')
    || ',"source_version":'
    || coalesce((c.source_version)::text, 'null')
    || '}'), ',' ORDER BY c.source_id)
    || ']' FROM citations c WHERE c.deal_id = d.id), '[]')
    || ',"rank":'
    || coalesce(to_json(CASE WHEN d.deprecated_at IS NULL THEN 'preferred' ELSE 'deprecated' END)::text, 'null')
    || ',"deprecation":'
    || (CASE WHEN d.deprecated_at IS NULL THEN 'null' ELSE ('{"at":'
    || coalesce('"'
    || replace(to_char(d.deprecated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), '.000000', '')
    || 'Z"', 'null')
    || ',"reason":'
    || coalesce(to_json(coalesce(d.deprecated_reason, ''))::text, 'null')
    || '}') END)
    || ',"confidence":'
    || (CASE WHEN d.confidence IS NULL THEN 'null' WHEN d.confidence = trunc(d.confidence) THEN trunc(d.confidence)::text
    || '.0' ELSE (d.confidence)::text END)
    || ',"confidence_signals":'
    || (CASE WHEN d.confidence_signals = '{}'::jsonb THEN '{}' ELSE coalesce((SELECT '{'
    || string_agg(to_json(entry.key)::text
    || ':'
    || entry.value::text, ',' ORDER BY entry.position)
    || '}' FROM jsonb_each(d.confidence_signals) WITH ORDINALITY AS entry(key, value, position)), '{}') END)
    || ',"updated_at":'
    || coalesce('"'
    || replace(to_char(d.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'), '.000000', '')
    || 'Z"', 'null')
    || '}')
"""
"""`service.deals.documents.DOCUMENT` at this revision, over the deal row `d`."""
EXACT = """
((d.value IS NULL OR d.value = 0 OR (abs(d.value) >= 0.000001 AND (CASE WHEN min_scale(d.value) = 0 THEN abs(d.value) < 1e28 ELSE abs(d.value) < 1e16 AND min_scale(d.value) <= 12 END)))
    AND (d.low IS NULL OR d.low = 0 OR (abs(d.low) >= 0.000001 AND (CASE WHEN min_scale(d.low) = 0 THEN abs(d.low) < 1e28 ELSE abs(d.low) < 1e16 AND min_scale(d.low) <= 12 END)))
    AND (d.high IS NULL OR d.high = 0 OR (abs(d.high) >= 0.000001 AND (CASE WHEN min_scale(d.high) = 0 THEN abs(d.high) < 1e28 ELSE abs(d.high) < 1e16 AND min_scale(d.high) <= 12 END)))
    AND (d.original_value IS NULL OR d.original_value = 0 OR (abs(d.original_value) >= 0.000001 AND (CASE WHEN min_scale(d.original_value) = 0 THEN abs(d.original_value) < 1e28 ELSE abs(d.original_value) < 1e16 AND min_scale(d.original_value) <= 12 END)))
    AND (d.fx_rate IS NULL OR d.fx_rate = 0 OR (abs(d.fx_rate) >= 0.000001 AND (CASE WHEN min_scale(d.fx_rate) = 0 THEN abs(d.fx_rate) < 1e28 ELSE abs(d.fx_rate) < 1e16 AND min_scale(d.fx_rate) <= 12 END)))
    AND (d.confidence IS NULL OR d.confidence = 0 OR (d.confidence >= 0.0001 AND d.confidence <= 1)))
"""
"""`service.deals.documents.EXACT` at this revision."""

REFRESH = f"""
CREATE FUNCTION aifacts_refresh_deal_documents(touched bigint[]) RETURNS void
LANGUAGE plpgsql SET extra_float_digits = 1 AS $$
BEGIN
    IF touched IS NULL THEN
        DELETE FROM deal_documents;
        INSERT INTO deal_documents (deal_id, document, exact)
        SELECT d.id, {DOCUMENT}, {EXACT} FROM deals d WHERE d.deprecated_at IS NULL;
        RETURN;
    END IF;
    IF cardinality(touched) = 0 THEN
        RETURN;
    END IF;
    PERFORM 1 FROM deals d WHERE d.id = ANY(touched) ORDER BY d.id FOR NO KEY UPDATE;
    DELETE FROM deal_documents WHERE deal_id = ANY(touched);
    INSERT INTO deal_documents (deal_id, document, exact)
    SELECT d.id, {DOCUMENT}, {EXACT} FROM deals d
    WHERE d.id = ANY(touched) AND d.deprecated_at IS NULL;
END
$$
"""
"""Write the documents of the deals `touched` again (every deal's when NULL)."""

CHANGED = """
CREATE FUNCTION aifacts_deal_documents_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('aifacts.documents_deferred', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM aifacts_refresh_deal_documents(NULL);
    ELSIF TG_TABLE_NAME = 'deals' THEN
        IF TG_OP = 'INSERT' THEN
            PERFORM aifacts_refresh_deal_documents(ARRAY(SELECT id FROM new_rows));
        ELSE
            PERFORM aifacts_refresh_deal_documents(
                ARRAY(SELECT id FROM new_rows UNION SELECT id FROM old_rows));
        END IF;
    ELSIF TG_OP = 'INSERT' THEN
        PERFORM aifacts_refresh_deal_documents(
            ARRAY(SELECT DISTINCT deal_id FROM new_rows WHERE deal_id IS NOT NULL));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM aifacts_refresh_deal_documents(ARRAY(
            SELECT deal_id FROM new_rows WHERE deal_id IS NOT NULL
            UNION SELECT deal_id FROM old_rows WHERE deal_id IS NOT NULL));
    ELSE
        PERFORM aifacts_refresh_deal_documents(
            ARRAY(SELECT DISTINCT deal_id FROM old_rows WHERE deal_id IS NOT NULL));
    END IF;
    RETURN NULL;
END
$$
"""
"""The trigger function: which deals a statement touched (see the module docstring)."""

TRIGGERS = {
    'deals': ('INSERT', 'UPDATE'),
    'deal_parties': ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'),
    'citations': ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'),
}
"""The writes each table's triggers refresh after (a deal's delete cascades to its document)."""
REFERENCING = {
    'INSERT': 'REFERENCING NEW TABLE AS new_rows',
    'UPDATE': 'REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows',
    'DELETE': 'REFERENCING OLD TABLE AS old_rows',
    'TRUNCATE': '',
}


def upgrade() -> None:
    op.create_table(
        'deal_documents',
        sa.Column('deal_id', sa.BigInteger(), nullable=False),
        sa.Column('document', sa.Text(), nullable=False),
        sa.Column('exact', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ['deal_id'], ['deals.id'], name=op.f('fk_deal_documents_deal_id_deals'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('deal_id', name=op.f('pk_deal_documents')),
    )
    op.execute(REFRESH)
    op.execute(CHANGED)
    for table, events in TRIGGERS.items():
        for event in events:
            op.execute(
                f'CREATE TRIGGER {table}_documents_{event.lower()} AFTER {event} ON {table} '
                f'{REFERENCING[event]} FOR EACH STATEMENT EXECUTE FUNCTION aifacts_deal_documents_changed()'
            )
    op.execute('SELECT aifacts_refresh_deal_documents(NULL)')


def downgrade() -> None:
    for table, events in TRIGGERS.items():
        for event in events:
            op.execute(f'DROP TRIGGER {table}_documents_{event.lower()} ON {table}')
    op.execute('DROP FUNCTION aifacts_deal_documents_changed()')
    op.execute('DROP FUNCTION aifacts_refresh_deal_documents(bigint[])')
    op.drop_table('deal_documents')
