"""HTTP routes of frames."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, Response, get
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from service.domain.vocabulary import Basis
from service.facts.slugs import SlugResolver, provide_slug_resolver
from service.figures.schemas import Period
from service.frames.claims import PERIOD_PATTERN, calendar_period
from service.frames.schemas import FramePage
from service.frames.service import FrameService
from service.web.http import JsonResponse, decode_cursor, next_cursor
from service.web.params import AsOf, Cursor, Limit, past_instant

FRAME_RULE = (
    "One row per company: its best figure of the metric for the calendar period. A figure "
    "belongs to the frame only if it covers the period exactly (its period starts on the "
    "first day and ends on the last day of the year, quarter or month): quarters are never "
    "summed into years and nothing is pro-rated, so a Q3 figure is not in the year's frame. "
    "Only figures of the requested `basis` count (`total`, the default: reported amounts of "
    "the period; `run_rate`: annualised run rates), so the two are never mixed. Among a "
    "company's matching claims that are not deprecated, the best by the claim rank rule wins "
    "(actual before other statuses, primary source, corroboration, latest publication, "
    "recorded first); its `rank` says whether it is also its group's preferred claim. With "
    "`as_of`, figures, citations and ranks as they were then. Rows in company slug order."
)


async def provide_frame_service(
    db_session: NamedDependency[AsyncSession], state: State
) -> FrameService:
    """A frame service on the request's session."""
    return FrameService(db_session, state.reader if state.settings.documents else None)


class FrameController(Controller):
    """Cross-sections: one value per company for a metric and a period."""

    path = "/v1/metrics/{metric:str}/frames"
    tags = ["metrics"]
    dependencies = {
        "frames": Provide(provide_frame_service),
        "slugs": Provide(provide_slug_resolver),
    }

    @get(
        "/{period:str}",
        operation_id="getMetricFrame",
        summary="Get a frame of a metric",
        description=FRAME_RULE,
    )
    async def get_frame(
        self,
        *,
        frames: NamedDependency[FrameService],
        slugs: NamedDependency[SlugResolver],
        metric: Annotated[str, Parameter(description="Metric slug, in any case.", max_length=100)],
        period: Annotated[
            str,
            Parameter(
                description="Calendar period: `2025`, `2025-Q3` or `2025-07`.",
                pattern=PERIOD_PATTERN,
            ),
        ],
        basis: Annotated[
            Basis, Parameter(description="`total` (default) or `run_rate`.")
        ] = "total",
        as_of: AsOf = None,
        cursor: Cursor = None,
        limit: Limit = 20,
    ) -> Response[FramePage]:
        """Get one frame."""
        span = calendar_period(period)
        at = past_instant("as_of", as_of)
        after = decode_cursor(cursor, str) if cursor else None
        body = await frames.page_document(
            metric, span, basis=basis, as_of=at, after=after, limit=limit
        )
        if body is not None:
            return JsonResponse(body)
        metric = await slugs.canonical("metric", metric) or metric  # unknown: 404 below
        rows = await frames.page(metric, span, basis=basis, as_of=at, after=after, limit=limit)
        return JsonResponse(
            FramePage(
                metric=metric,
                period=Period(start=span.start, end=span.end, precision=span.precision),
                basis=basis,
                data=rows[:limit],
                next_cursor=next_cursor(rows, limit, "company"),
            )
        )
