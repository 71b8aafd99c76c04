"""What the extraction tests ask of company discovery."""

from __future__ import annotations

from service.ingest.gazetteer import Gazetteer
from service.ingest.organisations import new_companies


def new_slugs(text: str, language: str, gazetteer: Gazetteer, title: str = "") -> list[str]:
    """The slugs of the companies `text` names that the gazetteer does not know."""
    return [company.slug for company in new_companies(text, language, gazetteer, title)]
