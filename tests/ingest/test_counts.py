"""Counts whose noun comes first, and changes written "from X to Y" (own sentences)."""

from datetime import date

import pytest

from service.ingest.gazetteer import Gazetteer
from service.ingest.pipeline import extract

PUBLISHED = date(2025, 9, 2)


def _figures(text: str, language: str) -> list[tuple[str, str, float]]:
    found = extract(
        text, published_on=PUBLISHED, gazetteer=Gazetteer.from_reference_data(), language=language
    )
    return [(f.company, f.metric, float(f.quantity.value)) for f in found.figures]


@pytest.mark.parametrize(
    ("language", "text", "metric"),
    [
        ("en", "Anthropic's weekly active users climbed to 40 million.", "weekly_users"),
        ("it", "Gli utenti settimanali di Anthropic hanno raggiunto i 40 milioni.", "weekly_users"),
        ("es", "Los usuarios semanales de Anthropic llegaron a 40 millones.", "weekly_users"),
        ("fr", "Les utilisateurs hebdomadaires d'Anthropic ont atteint 40 millions.",
         "weekly_users"),
        ("de", "Die Zahl der zahlenden Nutzer von Anthropic kletterte auf 40 Millionen.",
         "paying_users"),
    ],
)  # fmt: skip
def test_a_count_whose_noun_is_the_subject_counts_that_noun(
    language: str, text: str, metric: str
) -> None:
    assert ("anthropic", metric, 40e6) in _figures(text, language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Anthropic's users, a group that grew in 2024. The firm earned 40 million."),
        ("en", "Anthropic has many users; 40 million were spent on ads."),
    ],
)
def test_a_noun_across_a_sentence_or_clause_end_counts_nothing_after_it(
    language: str, text: str
) -> None:
    assert all(metric.endswith("users") is False for _, metric, _ in _figures(text, language))


@pytest.mark.parametrize(
    ("language", "text", "earlier", "later"),
    [
        ("it", "Gli utenti paganti di Anthropic sono saliti da 2 a 6 milioni.", 2e6, 6e6),
        ("en", "Anthropic's paying users rose from 2 million to 6 million.", 2e6, 6e6),
        ("en", "Anthropic's revenue fell from $6 billion to $2 billion.", 6e9, 2e9),
        ("es", "Los ingresos de Anthropic crecieron de 2.000 a 6.000 millones de dólares.",
         2e9, 6e9),
    ],
)  # fmt: skip
def test_a_change_from_one_value_to_another_states_both_values(
    language: str, text: str, earlier: float, later: float
) -> None:
    values = [value for _, _, value in _figures(text, language)]
    assert values == [earlier, later]
