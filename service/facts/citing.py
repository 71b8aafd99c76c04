"""The statement that cites a source for a fact: one citation per source and fact.

The first mention is the citation; a later one of the same source adds its offsets. The
citation is of the source's current version (the text its offsets point into): a later
version stating the fact again moves the citation to its own text. It returns whether the
source had not cited the fact before.
"""

from __future__ import annotations

import functools

from sqlalchemy import (
    BigInteger,
    Boolean,
    Integer,
    Text,
    bindparam,
    case,
    cast,
    func,
    literal,
    literal_column,
    or_,
    select,
)
from sqlalchemy.dialects.postgresql import JSONB, insert
from sqlalchemy.sql.dml import ReturningInsert

from service.models import Citation, Source


@functools.cache
def citing_upsert(of_figure: bool) -> ReturningInsert[tuple[bool]]:
    """The upsert citing a mention of a figure (or of a deal), built once.

    Its parameters: `cited_source`, `cited_figure`, `cited_deal`, `cited_quote`,
    `cited_start`, `cited_end` and `cited_span` (`[[start, end]]` as JSON text). Building the
    statement for each citation took more of an ingestion job's CPU than running it.
    """
    fact_column = Citation.figure_id if of_figure else Citation.deal_id
    start = bindparam("cited_start", type_=Integer)
    span = cast(bindparam("cited_span", type_=Text), JSONB)
    known = or_(Citation.start_offset == start, Citation.more_offsets.contains(span))
    source_id = bindparam("cited_source", type_=BigInteger)
    version = select(Source.version).where(Source.id == source_id).scalar_subquery()
    citing = insert(Citation).values(
        source_id=source_id,
        figure_id=bindparam("cited_figure", type_=BigInteger),
        deal_id=bindparam("cited_deal", type_=BigInteger),
        quote=bindparam("cited_quote", type_=Text),
        start_offset=start,
        end_offset=bindparam("cited_end", type_=Integer),
        source_version=version,
    )
    newer = Citation.source_version < citing.excluded.source_version
    return citing.on_conflict_do_update(
        index_elements=[fact_column, Citation.source_id],
        index_where=fact_column.is_not(None),
        set_={
            "quote": case((newer, citing.excluded.quote), else_=Citation.quote),
            "start_offset": case(
                (newer, citing.excluded.start_offset), else_=Citation.start_offset
            ),
            "end_offset": case((newer, citing.excluded.end_offset), else_=Citation.end_offset),
            "source_version": func.greatest(
                Citation.source_version, citing.excluded.source_version
            ),
            "more_offsets": case(
                (newer, cast(literal("[]"), JSONB)),
                (known, Citation.more_offsets),
                else_=Citation.more_offsets.concat(span),
            ),
        },
    ).returning(literal_column("xmax = 0", Boolean))
