"""HTTP routes of the admin API: submit sources for ingestion, follow their jobs."""

from __future__ import annotations

from typing import Annotated

from litestar import Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import JSONBody, Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from service.admin.auth import AdminRoutes
from service.admin.schemas import Job, SourceAccepted, SourceCreate
from service.admin.service import MAX_BODY_BYTES, AdminService
from service.web.bearer import UNAUTHORIZED
from service.web.params import MAX_ID
from service.web.problems import problem_spec


async def provide_admin_service(db_session: NamedDependency[AsyncSession]) -> AdminService:
    """An admin service on the request's session."""
    return AdminService(db_session)


class AdminController(AdminRoutes):
    """Ingestion of articles, behind the admin bearer token."""

    path = "/v1/admin"
    dependencies = {"admin": Provide(provide_admin_service)}

    @post(
        "/sources",
        status_code=202,
        operation_id="createSource",
        summary="Submit a source for ingestion",
        description="Stores the article and queues a job extracting its figures, deals and "
        "companies; answers 202 with the job. A text submitted before (same SHA-256 of its "
        "UTF-8 bytes) creates nothing and answers 200 with its source and existing job.",
        request_max_body_size=MAX_BODY_BYTES,
        responses={
            200: ResponseSpec(
                data_container=SourceAccepted,
                description="This text was submitted before: its source and job.",
                generate_examples=False,
            ),
            401: UNAUTHORIZED,
            413: problem_spec("The request body is too large."),
            422: problem_spec("Blank or over-long text, or an unsupported language."),
        },
    )
    async def create_source(
        self, admin: NamedDependency[AdminService], data: JSONBody[SourceCreate]
    ) -> Response[SourceAccepted]:
        """Submit an article."""
        submission = await admin.submit(data)
        return Response(submission.accepted, status_code=202 if submission.queued_now else 200)

    @get(
        "/jobs/{job_id:int}",
        operation_id="getJob",
        summary="Get an ingestion job",
        description="Status of one ingestion job, what it produced, and why it failed if it did.",
        responses={401: UNAUTHORIZED},
    )
    async def get_job(
        self,
        admin: NamedDependency[AdminService],
        job_id: Annotated[int, Parameter(description="Job id.", ge=1, le=MAX_ID)],
    ) -> Job:
        """Get one job."""
        return await admin.job(job_id)
