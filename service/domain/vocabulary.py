"""Every closed list of values of the service, defined once.

This module imports nothing of the project, so that the models (their CHECK constraints), the
public schemas (their OpenAPI enums), the query filters and the extraction pipeline can all
import it. To add a value (a deal kind, say), add it here, write the Alembic migration that
widens the CHECK constraint, and teach the extraction its cues (`service/ingest/`);
`tests/domain/test_vocabulary.py` fails until the three agree.
"""

from __future__ import annotations

from typing import Literal

CompanyKind = Literal["company", "joint_venture", "project"]
MetricKind = Literal["money", "power", "energy", "count", "ratio"]
BoundName = Literal["exact", "approximate", "at_least", "at_most", "range"]
"""How a value bounds the truth: exactly, roughly, from below, from above, or between two."""
Precision = Literal["day", "month", "quarter", "year"]
"""How precisely a source states a figure's period."""
FigureStatus = Literal["actual", "forecast", "estimate", "target", "plan", "rumor"]
"""`plan`: an announced intention or commitment not yet executed; `rumor`: talks, reports."""
FigureRank = Literal["preferred", "normal"]
"""Rank of a current figure among the claims of its group."""
RankName = Literal["preferred", "normal", "deprecated"]
"""Rank of a figure as the public sees it: a deprecated figure ranks `deprecated`."""
Basis = Literal["total", "run_rate"]
"""`total` for an amount reported for a period, `run_rate` for an annualised run rate."""
DealKind = Literal[
    "cloud_contract",
    "funding_round",
    "joint_venture",
    "investment",
    "share_sale",
    "acquisition",
    "supply_agreement",
    "partnership",
]
DealStatus = Literal["announced", "signed", "completed", "planned", "rumored", "cancelled"]
Language = Literal["en", "fr", "it", "de", "es"]
"""ISO 639-1 codes of the languages the extraction reads."""
JobStatus = Literal["queued", "running", "succeeded", "failed"]
IdempotencyStatus = Literal["in_progress", "done"]
FactType = Literal["figure", "deal", "company"]
RevisionAction = Literal["create", "update", "deprecate"]
