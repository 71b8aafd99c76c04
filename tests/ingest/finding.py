"""What the extraction tests ask of the pipeline's parts, written once."""

from __future__ import annotations

from datetime import date

from service.ingest.classifier import classify
from service.ingest.gazetteer import Gazetteer
from service.ingest.organisations import new_companies
from service.normalize import Quantity, find_quantities


def new_slugs(text: str, language: str, gazetteer: Gazetteer, title: str = "") -> list[str]:
    """The slugs of the companies `text` names that the gazetteer does not know."""
    return [company.slug for company in new_companies(text, language, gazetteer, title)]


def quantity_in(sentence: str, language: str, amount: str, *, published: date) -> Quantity:
    """The quantity of `sentence` whose text holds `amount`."""
    return next(q for q in find_quantities(sentence, language, published) if amount in q.text)


def metric_of(sentence: str, language: str, amount: str, *, published: date) -> str | None:
    """The metric the classifier gives the quantity of `sentence` whose text holds `amount`."""
    return classify(
        sentence, language, quantity_in(sentence, language, amount, published=published)
    )
