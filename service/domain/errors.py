"""Domain errors. They know nothing about HTTP; `service.web.problems` maps them to responses."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error the service reports to its callers."""

    title = "Request could not be processed"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotFoundError(DomainError):
    """The requested resource does not exist."""

    title = "Resource not found"


class InvalidInputError(DomainError):
    """The input is well-formed but not acceptable."""

    title = "Invalid input"


class ConflictError(DomainError):
    """The request conflicts with the current state."""

    title = "Conflict"


class UnavailableError(DomainError):
    """A dependency (the database) is not reachable right now."""

    title = "Service unavailable"


class UnknownNameError(InvalidInputError):
    """A query parameter names nothing known; `nearest` are the known names closest to it."""

    title = "Unknown name"

    def __init__(self, parameter: str, detail: str, nearest: list[str]) -> None:
        super().__init__(detail)
        self.parameter = parameter
        self.nearest = nearest
