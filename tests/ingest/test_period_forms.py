"""Period expressions met in news, in the languages where they were missing (own sentences)."""

from datetime import date

import pytest

from service.ingest.periods import find_periods

PUBLISHED = date(2025, 11, 20)


@pytest.mark.parametrize(
    ("language", "sentence", "first", "last"),
    [
        ("de", "Im Ende Juni abgelaufenen Quartal wuchs der Umsatz.", "2025-04-01",
         "2025-06-30"),
        ("de", "Im zum 30. September abgeschlossenen Quartal wuchs der Umsatz.", "2025-07-01",
         "2025-09-30"),
        ("es", "El pasado año la facturación creció.", "2024-01-01", "2024-12-31"),
        ("es", "El año próximo la facturación crecerá.", "2026-01-01", "2026-12-31"),
        ("it", "L'anno passato i ricavi sono cresciuti.", "2024-01-01", "2024-12-31"),
        ("fr", "L'année passée, les ventes ont progressé.", "2024-01-01", "2024-12-31"),
    ],
)  # fmt: skip
def test_period_forms_resolve_to_their_calendar_span(
    language: str, sentence: str, first: str, last: str
) -> None:
    found = find_periods(sentence, language, PUBLISHED, future=False)
    assert [(p.first.isoformat(), p.last.isoformat()) for p in found] == [(first, last)]


@pytest.mark.parametrize(
    ("language", "sentence", "first", "last"),
    [
        ("es", "Las ventas sumaron 9.000 millones entre abril y junio.", "2025-04-01",
         "2025-06-30"),
        ("it", "Ricavi per 9 miliardi tra aprile e giugno.", "2025-04-01", "2025-06-30"),
        ("en", "Sales between April and June reached $9 billion.", "2025-04-01", "2025-06-30"),
        ("de", "Von April bis Juni stieg der Umsatz.", "2025-04-01", "2025-06-30"),
        ("fr", "Entre avril et juin, les ventes ont progressé.", "2025-04-01", "2025-06-30"),
        ("es", "De febrero a mayo de 2024 las ventas subieron.", "2024-02-01", "2024-05-31"),
    ],
)  # fmt: skip
def test_a_span_of_months_covers_them_all(
    language: str, sentence: str, first: str, last: str
) -> None:
    found = find_periods(sentence, language, PUBLISHED, future=False)
    assert [(p.first.isoformat(), p.last.isoformat()) for p in found] == [(first, last)]
