"""Every SQLAlchemy model of the service, registered on one metadata."""

from service.models.base import Base
from service.models.catalog import Company, CompanyAlias, Metric, ReferenceLoad
from service.models.facts import Citation, Deal, DealParty, Figure, Source

__all__ = [
    "Base",
    "Citation",
    "Company",
    "CompanyAlias",
    "Deal",
    "DealParty",
    "Figure",
    "Metric",
    "ReferenceLoad",
    "Source",
]
