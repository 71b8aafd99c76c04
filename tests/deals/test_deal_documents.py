"""The document kept beside each live deal is, after any write, what `DOCUMENT` renders now.

`deal_documents` is written by triggers holding a frozen copy of the document's SQL (migration
`a4b5c6d7e8f9`); these tests compare every stored row with what the Python expression of
`service.deals.documents` renders over the same deals, so a change to the document fails here
until a migration brings the triggers along. Varied deals (awkward numbers and text, several
parties and citations) go through inserts, edits, deprecation and revival, party and citation
changes, company merges, source and deal deletions, one statement after another; and two
transactions writing one deal at once leave its document with both writes.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, get_args

import psycopg
from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.db.actor import act_as
from service.db.migrate import alembic_config, upgrade_to_head
from service.domain.vocabulary import BoundName, DealKind, DealStatus
from service.models import Company, Deal, Source
from tests.deals.helpers import RENDERED_DOCUMENTS, STORED_DOCUMENTS
from tests.web.cache_helpers import libpq

ACTOR = "token:deal-documents-tester"
COMPANIES = ("docstore-alpha", "docstore-beta", "docstore-gamma")
ROLES = ("investor", "investee", "customer", "provider")
SOURCES = 2
BEFORE = "f3a4b5c6d7e8"
"""The revision before `deal_documents`."""

TEXT = st.text(
    st.characters(exclude_characters="\x00", categories=("L", "M", "N", "P", "S", "Z", "Cc")),
    max_size=12,
)
NUMBER = st.none() | st.decimals(
    min_value=Decimal("-1e20"), max_value=Decimal("1e20"), allow_nan=False, allow_infinity=False
)
FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "kind": st.sampled_from(get_args(DealKind)),
        "status": st.sampled_from(get_args(DealStatus)),
        "title": TEXT,
        "value": NUMBER,
        "unit": st.none() | st.sampled_from(("USD", "EUR")),
        "bound": st.none() | st.sampled_from(get_args(BoundName)),
        "low": NUMBER,
        "high": NUMBER,
        "vague": st.booleans(),
        "original_text": st.none() | TEXT,
        "original_value": NUMBER,
        "fx_rate": NUMBER,
        "fx_date": st.none() | st.dates(date(2000, 1, 1), date(2050, 1, 1)),
        "fx_source": st.none() | st.sampled_from(("ECB", "Fed")),
        "original_unit": st.none() | st.sampled_from(("USD", "EUR")),
        "duration": st.none() | st.sampled_from(("P5Y", "P18M")),
        "announced_on": st.none() | st.dates(date(2000, 1, 1), date(2050, 1, 1)),
        "confidence": st.floats(0, 1),
        "confidence_signals": st.dictionaries(TEXT, st.integers(-5, 5) | st.booleans()),
    },
)
"""Columns of a deal the document shows, with values its SQL must write like Python."""
PARTIES = st.dictionaries(st.sampled_from(COMPANIES), st.sets(st.sampled_from(ROLES), min_size=1))
DEAL = st.tuples(FIELDS, PARTIES, st.sets(st.integers(0, SOURCES - 1)))
"""A deal's fields, each party company's roles, and the sources citing it."""
DEAL_INDEX = st.integers(0, 7)
COMPANY = st.sampled_from(COMPANIES)
STEP = st.one_of(
    st.tuples(st.just("edit"), DEAL_INDEX, FIELDS),
    st.tuples(st.just("deprecate"), DEAL_INDEX),
    st.tuples(st.just("revive"), DEAL_INDEX),
    st.tuples(st.just("add party"), DEAL_INDEX, COMPANY, st.sampled_from(ROLES)),
    st.tuples(st.just("drop party"), DEAL_INDEX, COMPANY),
    st.tuples(st.just("merge companies"), COMPANY, COMPANY),
    st.tuples(st.just("cite"), DEAL_INDEX, st.integers(0, SOURCES - 1), TEXT),
    st.tuples(st.just("recite"), DEAL_INDEX, TEXT, st.integers(0, 50), st.booleans()),
    st.tuples(st.just("uncite"), DEAL_INDEX, st.integers(0, SOURCES - 1)),
    st.tuples(st.just("move citations"), DEAL_INDEX, DEAL_INDEX),
    st.tuples(st.just("delete source"), st.integers(0, SOURCES - 1)),
    st.tuples(st.just("delete"), DEAL_INDEX),
)
"""One write of the kinds the service (or an operator) makes to deals and what they show."""

_STATEMENTS: dict[str, str] = {
    "deprecate": "UPDATE deals SET deprecated_at = clock_timestamp(), "
    "deprecated_reason = 'superseded' WHERE id = :deal AND deprecated_at IS NULL",
    "revive": "UPDATE deals SET deprecated_at = NULL, deprecated_reason = NULL WHERE id = :deal",
    "add party": "INSERT INTO deal_parties (deal_id, company_slug, role) "
    "SELECT id, :company, :role FROM deals WHERE id = :deal ON CONFLICT DO NOTHING",
    "drop party": "DELETE FROM deal_parties WHERE deal_id = :deal AND company_slug = :company",
    "cite": "INSERT INTO citations (source_id, deal_id, quote, start_offset, end_offset) "
    "SELECT s.id, d.id, :quote, 0, 4 FROM deals d, sources s WHERE d.id = :deal "
    "AND s.id = :source "
    "ON CONFLICT (deal_id, source_id) WHERE deal_id IS NOT NULL DO NOTHING",
    "recite": "UPDATE citations SET quote = :quote, start_offset = :start, "
    "end_offset = :start + 3, source_version = source_version + 1, more_offsets = CASE "
    "WHEN :more THEN jsonb_build_array(jsonb_build_array(:start + 9, :start + 12)) "
    "ELSE '[]'::jsonb END WHERE deal_id = :deal",
    "uncite": "DELETE FROM citations WHERE deal_id = :deal AND source_id = :source",
    "move citations": "UPDATE citations c SET deal_id = :target WHERE c.deal_id = :deal "
    "AND EXISTS (SELECT 1 FROM deals WHERE id = :target) AND NOT EXISTS (SELECT 1 FROM "
    "citations o WHERE o.deal_id = :target AND o.source_id = c.source_id)",
    "delete source": "DELETE FROM sources WHERE id = :source",
    "delete": "DELETE FROM deals WHERE id = :deal",
}
_MERGE = (
    "UPDATE deal_parties p SET company_slug = :into WHERE company_slug = :gone AND NOT EXISTS "
    "(SELECT 1 FROM deal_parties o WHERE o.deal_id = p.deal_id AND o.role = p.role "
    "AND o.company_slug = :into)",
    "DELETE FROM deal_parties WHERE company_slug = :gone",
)
"""A company merged into another: its parties rewritten to the survivor (as an admin merge)."""


async def _documents(session: AsyncSession) -> tuple[list[Any], list[Any]]:
    """(stored, rendered) rows of every live deal: (id, document, exact)."""
    stored = (await session.execute(text(STORED_DOCUMENTS))).all()
    rendered = (await session.execute(text(RENDERED_DOCUMENTS))).all()
    return [tuple(row) for row in stored], [tuple(row) for row in rendered]


async def _arrange(session: AsyncSession, deals: list[tuple[Any, ...]]) -> tuple[list[int], ...]:
    """Companies, sources and `deals` stored; the ids of the deals and of the sources."""
    await act_as(session, ACTOR)
    session.add_all(Company(slug=slug, name=slug.title()) for slug in COMPANIES)
    sources = [Source(sha256=f"deal-documents-{n}", text="Zeta signed.") for n in range(SOURCES)]
    session.add_all(sources)
    await session.flush()
    ids = []
    for fields, parties, cited in deals:
        deal = Deal(kind="cloud_contract", title="A cloud contract", status="signed")
        for name, value in fields.items():
            setattr(deal, name, value)
        session.add(deal)
        await session.flush()
        ids.append(deal.id)
        for slug, roles in parties.items():
            for role in roles:
                await _run(session, "add party", {"deal": deal.id, "company": slug, "role": role})
        for source in cited:
            arguments = {"deal": deal.id, "source": sources[source].id, "quote": f"q{source}"}
            await _run(session, "cite", arguments)
    return ids, [source.id for source in sources]


async def _run(session: AsyncSession, name: str, arguments: dict[str, Any]) -> None:
    await session.execute(text(_STATEMENTS[name]), arguments)


async def _step(
    session: AsyncSession, step: tuple[Any, ...], deals: list[int], sources: list[int]
) -> None:
    """Apply one `STEP` to the deals (`deals[index % len]`) and sources arranged."""
    name, *rest = step
    deal = deals[rest[0] % len(deals)] if isinstance(rest[0], int) else None
    if name == "edit":
        edit = update(Deal).where(Deal.id == deal).values(**rest[1])
        await session.execute(edit, execution_options={"synchronize_session": False})
    elif name == "merge companies":
        for statement in _MERGE:
            await session.execute(text(statement), {"gone": rest[0], "into": rest[1]})
    elif name in {"deprecate", "revive", "delete"}:
        await _run(session, name, {"deal": deal})
    elif name == "add party":
        await _run(session, name, {"deal": deal, "company": rest[1], "role": rest[2]})
    elif name == "drop party":
        await _run(session, name, {"deal": deal, "company": rest[1]})
    elif name == "cite":
        await _run(session, name, {"deal": deal, "source": sources[rest[1]], "quote": rest[2]})
    elif name == "recite":
        arguments = {"deal": deal, "quote": rest[1], "start": rest[2], "more": rest[3]}
        await _run(session, name, arguments)
    elif name == "uncite":
        await _run(session, name, {"deal": deal, "source": sources[rest[1]]})
    elif name == "move citations":
        await _run(session, name, {"deal": deal, "target": deals[rest[1] % len(deals)]})
    else:
        await _run(session, name, {"source": sources[rest[0]]})


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(deals=st.lists(DEAL, min_size=1, max_size=5), steps=st.lists(STEP, max_size=8))
async def test_every_live_deals_stored_document_is_what_the_python_expression_renders(
    sessionmaker: async_sessionmaker[AsyncSession],
    deals: list[tuple[Any, ...]],
    steps: list[tuple[Any, ...]],
) -> None:
    async with sessionmaker() as session:  # in a savepoint, rolled back below
        deal_ids, source_ids = await _arrange(session, deals)
        stored, rendered = await _documents(session)
        assert stored == rendered
        for step in steps:
            await _step(session, step, deal_ids, source_ids)
            stored, rendered = await _documents(session)
            assert stored == rendered, step
        await session.rollback()


async def test_a_deprecated_deal_loses_its_stored_document_and_gets_it_back_when_revived(
    session: AsyncSession,
) -> None:
    (deal,), _ = await _arrange(session, [({}, {COMPANIES[0]: {"investor"}}, {0})])
    stored = "SELECT count(*) FROM deal_documents WHERE deal_id = :deal"

    await _run(session, "deprecate", {"deal": deal})
    assert await session.scalar(text(stored), {"deal": deal}) == 0
    await _run(session, "revive", {"deal": deal})
    assert await session.scalar(text(stored), {"deal": deal}) == 1

    await _run(session, "delete", {"deal": deal})
    assert await session.scalar(text(stored), {"deal": deal}) == 0


async def test_truncating_parties_or_citations_writes_every_document_again(
    session: AsyncSession,
) -> None:
    await _arrange(session, [({}, {COMPANIES[0]: {"investor"}}, {0, 1})])

    for table in ("deal_parties", "citations"):
        await session.execute(text(f"TRUNCATE {table}"))
        stored, rendered = await _documents(session)
        assert stored == rendered, table
    assert all('"parties":[]' in row[1] and '"sources":[]' in row[1] for row in stored)


async def test_a_deferred_transaction_leaves_documents_until_they_are_stored_at_once(
    session: AsyncSession,
) -> None:
    (deal,), _ = await _arrange(session, [({"title": "Before"}, {}, set())])
    await session.execute(text("SELECT set_config('aifacts.documents_deferred', 'on', true)"))
    edit = update(Deal).where(Deal.id == deal).values(title="After")
    await session.execute(edit, execution_options={"synchronize_session": False})
    document = "SELECT document FROM deal_documents WHERE deal_id = :deal"
    assert '"title":"Before"' in await session.scalar(text(document), {"deal": deal})

    await session.execute(text("SELECT set_config('aifacts.documents_deferred', 'off', true)"))
    await session.execute(text("SELECT aifacts_refresh_deal_documents(NULL)"))

    assert '"title":"After"' in await session.scalar(text(document), {"deal": deal})
    stored, rendered = await _documents(session)
    assert stored == rendered


def test_the_migration_stores_the_documents_of_the_deals_already_there(
    scratch_database_url: str,
) -> None:
    command.upgrade(alembic_config(scratch_database_url), BEFORE)
    with psycopg.connect(libpq(scratch_database_url)) as conn:
        conn.execute(
            "INSERT INTO companies (slug, name, kind) VALUES ('docstore-alpha', 'Alpha', 'company')"
        )
        conn.execute(
            "INSERT INTO deals (kind, title, status, value, unit, confidence, deprecated_at, "
            "deprecated_reason) VALUES ('cloud_contract', 'Live', 'signed', 12.50, 'USD', 0.85, "
            "NULL, NULL), ('cloud_contract', 'Gone', 'signed', NULL, NULL, 1, %s, 'withdrawn')",
            (datetime(2046, 1, 1, tzinfo=UTC),),
        )
        conn.execute(
            "INSERT INTO deal_parties (deal_id, company_slug, role) "
            "SELECT id, 'docstore-alpha', 'customer' FROM deals"
        )
        conn.commit()
    upgrade_to_head(scratch_database_url)
    with psycopg.connect(libpq(scratch_database_url)) as conn:
        stored = conn.execute(STORED_DOCUMENTS).fetchall()
        rendered = conn.execute(RENDERED_DOCUMENTS).fetchall()
    assert [row[1].count('"title":"Live"') for row in stored] == [1]
    assert stored == rendered


def _waiting_for_a_lock(conn: psycopg.Connection[Any]) -> bool:
    waiting = "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
    row = conn.execute(waiting).fetchone()
    return row is not None and row[0] > 0


def test_two_transactions_writing_one_deal_leave_its_document_with_both_writes(
    scratch_database_url: str,
) -> None:
    upgrade_to_head(scratch_database_url)
    uri = libpq(scratch_database_url)
    with psycopg.connect(uri, autocommit=True) as watcher:
        deal = watcher.execute(
            "INSERT INTO deals (kind, title, status) VALUES ('cloud_contract', 'Before', 'signed') "
            "RETURNING id"
        ).fetchone()
        source = watcher.execute(
            "INSERT INTO sources (sha256, text) VALUES ('deal-documents-race', 'Signed.') "
            "RETURNING id"
        ).fetchone()
        assert deal is not None
        assert source is not None
        with psycopg.connect(uri) as first, psycopg.connect(uri) as second:
            first.execute(
                "INSERT INTO citations (source_id, deal_id, quote, start_offset, end_offset) "
                "VALUES (%s, %s, 'Cited first', 0, 5)",
                (source[0], deal[0]),
            )

            def rename() -> None:
                second.execute("UPDATE deals SET title = 'After' WHERE id = %s", (deal[0],))
                second.commit()

            with ThreadPoolExecutor(1) as pool:
                renamed = pool.submit(rename)
                deadline = time.monotonic() + 10
                while not _waiting_for_a_lock(watcher) and time.monotonic() < deadline:
                    time.sleep(0.02)
                assert not renamed.done()  # the rename waits for the citation's transaction
                first.commit()
                renamed.result(timeout=10)
        document = watcher.execute(
            "SELECT document FROM deal_documents WHERE deal_id = %s", (deal[0],)
        ).fetchone()
        assert document is not None
        assert '"title":"After"' in document[0]
        assert '"quote":"Cited first"' in document[0]
        assert (
            watcher.execute(STORED_DOCUMENTS).fetchall()
            == watcher.execute(RENDERED_DOCUMENTS).fetchall()
        )
