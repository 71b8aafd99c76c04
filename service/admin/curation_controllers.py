"""HTTP routes of curation: companies, figures and deals written by an administrator."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Response, delete, patch, post
from litestar.di import NamedDependency, Provide
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import JSONBody, Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from service.admin.auth import SECURITY_SCHEME, provide_actor, require_admin
from service.admin.company_curation import CompanyCurator
from service.admin.controllers import UNAUTHORIZED, problem_spec
from service.admin.curation_schemas import (
    CompanyCreate,
    CompanyUpdate,
    DealCreate,
    DealUpdate,
    FigureCreate,
    FigureUpdate,
)
from service.admin.deal_curation import DealCurator
from service.admin.figure_curation import FigureCurator
from service.companies.schemas import Company
from service.db.actor import act_as, token_actor
from service.deals.schemas import Deal
from service.figures.schemas import Figure
from service.web.http import JsonResponse
from service.web.params import MAX_ID

Reason = Annotated[
    str,
    Parameter(
        description="Why the fact is withdrawn (kept in its history).",
        min_length=1,
        max_length=2000,
    ),
]
INVALID_FACT = problem_spec(
    "Unreadable value, value in the wrong unit, unknown company, metric or source, or a "
    "citation that does not fit its source."
)
DEPRECATED = problem_spec("The fact is deprecated: it can no longer be changed.")
DEPRECATION_NOTE = (
    " The row is kept, not deleted: it disappears from the public lists, from the facts of "
    "its sources, and its detail answers 404; the change is recorded in the history. "
    "Deprecating it again answers 409 and changes nothing."
)


async def provide_company_curator(
    db_session: NamedDependency[AsyncSession], actor: NamedDependency[str]
) -> CompanyCurator:
    """A company curator on the request's session, acting for the token's owner."""
    await act_as(db_session, token_actor(actor))
    return CompanyCurator(db_session, actor)


async def provide_figure_curator(
    db_session: NamedDependency[AsyncSession], actor: NamedDependency[str]
) -> FigureCurator:
    """A figure curator on the request's session, acting for the token's owner."""
    await act_as(db_session, token_actor(actor))
    return FigureCurator(db_session, actor)


async def provide_deal_curator(
    db_session: NamedDependency[AsyncSession], actor: NamedDependency[str]
) -> DealCurator:
    """A deal curator on the request's session, acting for the token's owner."""
    await act_as(db_session, token_actor(actor))
    return DealCurator(db_session, actor)


def _existing(data_container: Any, description: str) -> dict[int, ResponseSpec]:
    return {
        200: ResponseSpec(
            data_container=data_container, description=description, generate_examples=False
        )
    }


class CompanyCurationController(Controller):
    """Adding and correcting companies, behind the admin bearer token."""

    path = "/v1/admin/companies"
    tags = ["admin"]
    guards = [require_admin]
    security = [{SECURITY_SCHEME: []}]
    dependencies = {
        "actor": Provide(provide_actor),
        "curator": Provide(provide_company_curator),
    }

    @post(
        operation_id="createCompany",
        summary="Add a company",
        description="Adds a company to the catalogue; its name and aliases become names the "
        "ingestion recognises. A slug already taken answers 409.",
        responses={
            401: UNAUTHORIZED,
            409: problem_spec("A company with this slug exists."),
            422: problem_spec("Unknown parent company."),
        },
    )
    async def create_company(
        self, curator: NamedDependency[CompanyCurator], data: JSONBody[CompanyCreate]
    ) -> Company:
        """Add a company."""
        return await curator.create(data)

    @patch(
        "/{slug:str}",
        operation_id="updateCompany",
        summary="Correct a company",
        description="Changes only the fields given; `aliases`, when given, replace every alias.",
        responses={401: UNAUTHORIZED, 422: problem_spec("Unknown parent, or a parent cycle.")},
    )
    async def update_company(
        self,
        curator: NamedDependency[CompanyCurator],
        slug: Annotated[str, Parameter(description="Company slug.")],
        data: JSONBody[CompanyUpdate],
    ) -> Company:
        """Correct a company."""
        return await curator.update(slug, data)


class FigureCurationController(Controller):
    """Adding, correcting and deprecating figures, behind the admin bearer token."""

    path = "/v1/admin/figures"
    tags = ["admin"]
    guards = [require_admin]
    security = [{SECURITY_SCHEME: []}]
    dependencies = {"actor": Provide(provide_actor), "curator": Provide(provide_figure_curator)}

    @post(
        operation_id="createFigure",
        summary="Add a figure",
        description="Normalises the raw value as the ingestion does and stores the figure with "
        "its citation (201). When a current figure states the same value for the same company, "
        "metric and period, the citation is added to it instead and it is answered with 200.",
        responses={
            **_existing(Figure, "An equal figure existed: it, with the new citation."),
            401: UNAUTHORIZED,
            422: INVALID_FACT,
        },
    )
    async def create_figure(
        self, curator: NamedDependency[FigureCurator], data: JSONBody[FigureCreate]
    ) -> Response[Figure]:
        """Add a figure."""
        curated = await curator.create(data)
        return JsonResponse(curated.fact, status_code=201 if curated.created else 200)

    @patch(
        "/{figure_id:int}",
        operation_id="updateFigure",
        summary="Correct a figure",
        description="Changes only the fields given; a new value is normalised again and must "
        "be in the unit of the (new) metric. The change is recorded in the history.",
        responses={401: UNAUTHORIZED, 409: DEPRECATED, 422: INVALID_FACT},
    )
    async def update_figure(
        self,
        curator: NamedDependency[FigureCurator],
        figure_id: Annotated[int, Parameter(description="Figure id.", ge=1, le=MAX_ID)],
        data: JSONBody[FigureUpdate],
    ) -> Figure:
        """Correct a figure."""
        return await curator.update(figure_id, data)

    @delete(
        "/{figure_id:int}",
        operation_id="deprecateFigure",
        summary="Deprecate a figure",
        description="Withdraws a wrong figure." + DEPRECATION_NOTE,
        responses={
            401: UNAUTHORIZED,
            409: problem_spec("The figure is already deprecated."),
            422: problem_spec("Blank reason."),
        },
    )
    async def deprecate_figure(
        self,
        curator: NamedDependency[FigureCurator],
        figure_id: Annotated[int, Parameter(description="Figure id.", ge=1, le=MAX_ID)],
        reason: Reason,
    ) -> None:
        """Deprecate a figure."""
        await curator.deprecate(figure_id, reason)


class DealCurationController(Controller):
    """Adding, correcting and deprecating deals, behind the admin bearer token."""

    path = "/v1/admin/deals"
    tags = ["admin"]
    guards = [require_admin]
    security = [{SECURITY_SCHEME: []}]
    dependencies = {"actor": Provide(provide_actor), "curator": Provide(provide_deal_curator)}

    @post(
        operation_id="createDeal",
        summary="Add a deal",
        description="Normalises the raw amount (money) as the ingestion does and stores the "
        "deal with its parties and citation (201). When a current deal of the same kind between "
        "the same companies states the same amount, the citation is added to it instead and it "
        "is answered with 200.",
        responses={
            **_existing(Deal, "An equal deal existed: it, with the new citation."),
            401: UNAUTHORIZED,
            422: INVALID_FACT,
        },
    )
    async def create_deal(
        self, curator: NamedDependency[DealCurator], data: JSONBody[DealCreate]
    ) -> Response[Deal]:
        """Add a deal."""
        curated = await curator.create(data)
        return JsonResponse(curated.fact, status_code=201 if curated.created else 200)

    @patch(
        "/{deal_id:int}",
        operation_id="updateDeal",
        summary="Correct a deal",
        description="Changes only the fields given; `parties`, when given, replace every "
        "party, and `value: null` removes the amount. The change is recorded in the history.",
        responses={401: UNAUTHORIZED, 409: DEPRECATED, 422: INVALID_FACT},
    )
    async def update_deal(
        self,
        curator: NamedDependency[DealCurator],
        deal_id: Annotated[int, Parameter(description="Deal id.", ge=1, le=MAX_ID)],
        data: JSONBody[DealUpdate],
    ) -> Deal:
        """Correct a deal."""
        return await curator.update(deal_id, data)

    @delete(
        "/{deal_id:int}",
        operation_id="deprecateDeal",
        summary="Deprecate a deal",
        description="Withdraws a wrong deal." + DEPRECATION_NOTE,
        responses={
            401: UNAUTHORIZED,
            409: problem_spec("The deal is already deprecated."),
            422: problem_spec("Blank reason."),
        },
    )
    async def deprecate_deal(
        self,
        curator: NamedDependency[DealCurator],
        deal_id: Annotated[int, Parameter(description="Deal id.", ge=1, le=MAX_ID)],
        reason: Reason,
    ) -> None:
        """Deprecate a deal."""
        await curator.deprecate(deal_id, reason)
