"""Every SQLAlchemy model of the service, registered on one metadata."""

from service.models.access import AdminToken, IdempotencyKey, RateLimitCount
from service.models.base import Base
from service.models.catalog import Company, CompanyAlias, Metric, ReferenceLoad
from service.models.facts import (
    Citation,
    Deal,
    DealDocument,
    DealParty,
    Figure,
    Source,
    SourceVersion,
)
from service.models.feeds import Feed, FeedItem
from service.models.jobs import IngestJob
from service.models.revisions import CompanyVersion, DealVersion, FactRevision, FigureVersion

__all__ = [
    "AdminToken",
    "Base",
    "Citation",
    "Company",
    "CompanyAlias",
    "CompanyVersion",
    "Deal",
    "DealDocument",
    "DealParty",
    "DealVersion",
    "FactRevision",
    "Feed",
    "FeedItem",
    "Figure",
    "FigureVersion",
    "IdempotencyKey",
    "IngestJob",
    "Metric",
    "RateLimitCount",
    "ReferenceLoad",
    "Source",
    "SourceVersion",
]
