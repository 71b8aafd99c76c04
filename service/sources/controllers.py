"""HTTP routes of sources."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from litestar import Controller, get
from litestar.di import NamedDependency, Provide
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from service.sources.schemas import Source, SourcePage, SourceText
from service.sources.service import SourceFilter, SourceService
from service.web.http import cursor_number, decode_cursor, next_cursor
from service.web.params import MAX_ID, AsOf, Cursor, Limit, UpdatedSince, instant, past_instant
from service.web.search import SearchText, decode_ranked_cursor, encode_ranked_cursor

SEARCH_ORDER = (
    "With `q`, a full-text search of titles and texts: each source is searched in the "
    "PostgreSQL text search configuration of its language (en english, fr french, it italian, "
    "de german, es spanish, any other simple), so inflections match (`investissements` finds "
    "a French source saying `investissement`). `q` takes web-search syntax: words (all must "
    'match), `"quoted phrases"`, `or`, and `-word` to exclude. Results best match first '
    "(ts_rank with normalisation 1|32: rank divided by 1 + log of the document length, then "
    "scaled into [0, 1), to 6 decimals), ties by id, each with a highlighted `snippet`. "
    "Without `q`, sources in id order."
)


async def provide_source_service(db_session: NamedDependency[AsyncSession]) -> SourceService:
    """A source service on the request's session."""
    return SourceService(db_session)


async def provide_source_filter(
    *,
    language: Annotated[
        str | None, Parameter(description="ISO 639-1 code.", pattern="^[a-z]{2}$")
    ] = None,
    published_from: Annotated[
        date | None, Parameter(description="Published on or after this date.")
    ] = None,
    published_to: Annotated[
        date | None, Parameter(description="Published on or before this date.")
    ] = None,
    updated_since: UpdatedSince = None,
    as_of: AsOf = None,
) -> SourceFilter:
    """The source filters of the query string, checked."""
    return SourceFilter(
        language=language,
        published_from=published_from,
        published_to=published_to,
        retrieved_since=instant("updated_since", updated_since),
        as_of=past_instant("as_of", as_of),
    )


class SourceController(Controller):
    """Documents the facts come from."""

    path = "/v1/sources"
    tags = ["sources"]
    dependencies = {
        "sources": Provide(provide_source_service),
        "filters": Provide(provide_source_filter),
    }

    @get(
        operation_id="listSources",
        summary="List or search sources",
        description="Sources filtered by language, publication date and retrieval time "
        f"(`updated_since` compares `retrieved_at`). {SEARCH_ORDER} With `as_of`, only "
        "sources retrieved by then.",
    )
    async def list_sources(
        self,
        *,
        sources: NamedDependency[SourceService],
        filters: NamedDependency[SourceFilter],
        cursor: Cursor = None,
        limit: Limit = 20,
        q: SearchText = None,
    ) -> SourcePage:
        """List sources, or search their texts."""
        if q is None:
            after = decode_cursor(cursor, int) if cursor else None
            rows = await sources.page(filters, after=after, limit=limit)
            return SourcePage(data=rows[:limit], next_cursor=next_cursor(rows, limit, "id"))
        ranked = await sources.search(
            q, filters, after=_ranked_position(cursor) if cursor else None, limit=limit
        )
        last = ranked[limit - 1] if len(ranked) > limit else None
        return SourcePage(
            data=[source for _, source in ranked[:limit]],
            next_cursor=encode_ranked_cursor(last[0], last[1].id) if last else None,
        )

    @get(
        "/{source_id:int}",
        operation_id="getSource",
        summary="Get a source",
        description="One source with its text (when held) and every figure and deal cited "
        "from it, with quotes and offsets. With `as_of`, as known then: 404 if it was "
        "retrieved later, and only the facts cited from it by then and not deprecated then.",
    )
    async def get_source(
        self,
        sources: NamedDependency[SourceService],
        source_id: Annotated[int, Parameter(description="Source id.", ge=1, le=MAX_ID)],
        as_of: AsOf = None,
    ) -> Source:
        """Get one source."""
        return await sources.get(source_id, past_instant("as_of", as_of))

    @get(
        "/{source_id:int}/versions/{version:int}",
        operation_id="getSourceVersion",
        summary="Get a version of a source's text",
        description="A web source refetched with a changed page has several versions of its "
        "text; a citation's `source_version` names the one its offsets point into.",
    )
    async def get_source_version(
        self,
        sources: NamedDependency[SourceService],
        source_id: Annotated[int, Parameter(description="Source id.", ge=1, le=MAX_ID)],
        version: Annotated[int, Parameter(description="Version, from 1.", ge=1, le=2**31 - 1)],
    ) -> SourceText:
        """Get one version of a source's text."""
        return await sources.text_of(source_id, version)


def _ranked_position(cursor: str) -> tuple[int, int]:
    rank, key = decode_ranked_cursor(cursor)
    return rank, cursor_number(key)
