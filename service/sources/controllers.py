"""HTTP routes of sources."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from litestar import Controller, get
from litestar.di import NamedDependency, Provide
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from service.http import decode_cursor, next_cursor
from service.params import MAX_ID, Cursor, Limit
from service.sources.schemas import Source, SourcePage
from service.sources.service import SourceService


async def provide_source_service(db_session: NamedDependency[AsyncSession]) -> SourceService:
    """A source service on the request's session."""
    return SourceService(db_session)


class SourceController(Controller):
    """Documents the facts come from."""

    path = "/v1/sources"
    tags = ["sources"]
    dependencies = {"sources": Provide(provide_source_service)}

    @get(
        operation_id="listSources",
        summary="List sources",
        description="Sources in id order, filtered by language and publication date.",
    )
    async def list_sources(
        self,
        *,
        sources: NamedDependency[SourceService],
        cursor: Cursor = None,
        limit: Limit = 20,
        language: Annotated[
            str | None, Parameter(description="ISO 639-1 code.", pattern="^[a-z]{2}$")
        ] = None,
        published_from: Annotated[
            date | None, Parameter(description="Published on or after this date.")
        ] = None,
        published_to: Annotated[
            date | None, Parameter(description="Published on or before this date.")
        ] = None,
    ) -> SourcePage:
        """List sources."""
        after = decode_cursor(cursor, int) if cursor else None
        rows = await sources.page(
            language=language,
            published_from=published_from,
            published_to=published_to,
            after=after,
            limit=limit,
        )
        return SourcePage(data=rows[:limit], next_cursor=next_cursor(rows, limit, "id"))

    @get(
        "/{source_id:int}",
        operation_id="getSource",
        summary="Get a source",
        description="One source with its text (when held) and every figure and deal cited "
        "from it, with quotes and offsets.",
    )
    async def get_source(
        self,
        sources: NamedDependency[SourceService],
        source_id: Annotated[int, Parameter(description="Source id.", ge=1, le=MAX_ID)],
    ) -> Source:
        """Get one source."""
        return await sources.get(source_id)
