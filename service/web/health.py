"""Liveness and readiness probes."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import msgspec
from litestar import Controller, Request, Response, get
from litestar.datastructures import State
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from service.web.http import Base
from service.web.problems import problem_response


class Health(Base):
    """The state of one probe."""

    status: Annotated[Literal["ok"], msgspec.Meta(description="`ok` when the probe passes.")]


class HealthController(Controller):
    """Probes for orchestrators and load balancers."""

    tags = ["health"]
    include_in_schema = True

    @get(
        "/healthz",
        operation_id="getHealth",
        summary="Liveness",
        description="Answers 200 while the process is alive; touches nothing else.",
    )
    async def healthz(self) -> Health:
        """The process is alive."""
        return Health(status="ok")

    @get(
        "/readyz",
        operation_id="getReadiness",
        summary="Readiness",
        description="Answers 200 when the database answers a query, 503 otherwise.",
    )
    async def readyz(self, request: Request[Any, Any, State], state: State) -> Response[Health]:
        """The database is reachable."""
        try:
            async with state.sessionmaker() as session:
                await session.execute(text("SELECT 1"))
        except (SQLAlchemyError, OSError):
            return problem_response(request, 503, "the database is not reachable")  # type: ignore[return-value]
        return Response(Health(status="ok"))
