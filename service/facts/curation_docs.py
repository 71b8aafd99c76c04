"""What the curation routes of figures and deals document alike: reasons, errors, 200 answers."""

from __future__ import annotations

from typing import Annotated, Any, Final

from litestar.openapi.datastructures import ResponseSpec
from litestar.params import Parameter

from service.web.bearer import UNAUTHORIZED
from service.web.problems import problem_spec

Reason = Annotated[
    str,
    Parameter(
        description="Why the fact is withdrawn (kept in its history).",
        min_length=1,
        max_length=2000,
    ),
]
INVALID_FACT: Final = problem_spec(
    "Unreadable value, value in the wrong unit, unknown company, metric or source, or a "
    "citation that does not fit its source."
)
DEPRECATED: Final = problem_spec("The fact is deprecated: it can no longer be changed.")
DEPRECATION_NOTE: Final = (
    " The row is kept, not deleted: it disappears from the public lists, from the facts of "
    "its sources, and its detail answers 404; the change is recorded in the history. "
    "Deprecating it again answers 409 and changes nothing."
)


def existing_answer(data_container: Any, description: str) -> dict[int, ResponseSpec]:
    """The 200 answer of a create that found an equal fact and cited it instead."""
    return {
        200: ResponseSpec(
            data_container=data_container, description=description, generate_examples=False
        )
    }


def creation_docs(public: Any, noun: str, description: str) -> dict[str, Any]:
    """Operation id, texts and answers of the route adding a figure or a deal."""
    return {
        "operation_id": f"create{noun.title()}",
        "summary": f"Add a {noun}",
        "description": description,
        "responses": {
            **existing_answer(public, f"An equal {noun} existed: it, with the new citation."),
            401: UNAUTHORIZED,
            422: INVALID_FACT,
        },
    }


def update_docs(noun: str, description: str) -> dict[str, Any]:
    """Operation id, texts and answers of the route correcting a figure or a deal."""
    return {
        "operation_id": f"update{noun.title()}",
        "summary": f"Correct a {noun}",
        "description": description,
        "responses": {401: UNAUTHORIZED, 409: DEPRECATED, 422: INVALID_FACT},
    }


def deprecation_docs(noun: str) -> dict[str, Any]:
    """Operation id, texts and answers of the route deprecating a figure or a deal."""
    return {
        "operation_id": f"deprecate{noun.title()}",
        "summary": f"Deprecate a {noun}",
        "description": f"Withdraws a wrong {noun}." + DEPRECATION_NOTE,
        "responses": {
            401: UNAUTHORIZED,
            409: problem_spec(f"The {noun} is already deprecated."),
            422: problem_spec("Blank reason."),
        },
    }
