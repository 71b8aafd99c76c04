"""The API against its own OpenAPI document: schemathesis, every check, every phase.

The default budget keeps the run to a few minutes; a longer one is
`AIFACTS_SCHEMATHESIS_EXAMPLES=500 .venv/bin/pytest tests/contract` (see the README).
"""

from __future__ import annotations

import os
from typing import Any

import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, events, from_schema

from service.settings import Settings

EXAMPLES_PER_OPERATION = int(os.environ.get("AIFACTS_SCHEMATHESIS_EXAMPLES", "30"))
STATEFUL_STEPS = int(os.environ.get("AIFACTS_SCHEMATHESIS_STEPS", "20"))
SEED = os.environ.get("AIFACTS_SCHEMATHESIS_SEED")
MAX_SECONDS = int(os.environ.get("AIFACTS_SCHEMATHESIS_MAX_SECONDS", "150"))

ACCEPTED_VALID_DATA = ["2xx", "3xx", "401", "403", "404", "409", "422", "429", "5xx"]
"""What a schema-valid request may answer: schemathesis's default plus 422.

400 stays a failure: whatever the document allows, the decoder accepts. 422 is the service's
answer to well-formed input a business rule refuses and JSON Schema cannot state (an opaque
cursor that does not decode, a text whose language cannot be detected, a quote required with
a source, a text PostgreSQL cannot store); every operation documents it.
"""


REPLAYED_CREATIONS = "ensure_resource_availability"
"""The one check left off: an admin POST retried with its `Idempotency-Key` answers the first
answer again, as the README documents, so a feed created, deleted and "created" again by a
retry names the deleted id, and the stateful phase (which repeats the key it generated) takes
the DELETE's 404 for a lost resource. Creation followed by reads is tested per resource."""


def _config(base_url: str, admin_token: str) -> SchemathesisConfig:
    return SchemathesisConfig.from_dict(
        {
            "base-url": base_url,
            "max-time": MAX_SECONDS,
            **({"seed": int(SEED)} if SEED else {}),
            "auth": {"openapi": {"AdminToken": {"bearer": admin_token}}},
            "checks": {
                "enabled": True,
                "positive_data_acceptance": {"expected-statuses": ACCEPTED_VALID_DATA},
                REPLAYED_CREATIONS: {"enabled": False},
            },
            "generation": {"max-examples": EXAMPLES_PER_OPERATION},
            "phases": {
                "examples": {"enabled": True, "fill-missing": True},
                "coverage": {"enabled": True},
                "fuzzing": {"enabled": True},
                "stateful": {"enabled": True, "max-steps": STATEFUL_STEPS},
            },
        }
    )


def _failures(event: events.ScenarioFinished) -> list[str]:
    found = []
    for checks in event.recorder.checks.values():
        for check in checks:
            if check.status == Status.FAILURE and check.failure_info is not None:
                failure = check.failure_info.failure
                found.append(
                    f"[{event.phase.value}] {event.recorder.label}: {check.name}: "
                    f"{failure.title}\n{failure.message}\n{check.failure_info.code_sample}"
                )
    return found


def _run(config: SchemathesisConfig, schema_url: str) -> tuple[list[str], dict[str, Any]]:
    schema = schemathesis.openapi.from_url(schema_url, config=config)
    problems: list[str] = []
    seen: dict[str, Any] = {"phases": set(), "operations": set(), "seed": config.seed}

    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            seen["phases"].add(event.phase.value)
            seen["operations"].add(event.recorder.label)
            problems.extend(_failures(event))
        elif isinstance(event, events.NonFatalError):
            problems.append(f"error in {event.label}: {event.info.message}")
        elif isinstance(event, events.FatalError):
            raise event.exception
    return problems, seen


def test_the_api_keeps_its_openapi_contract_under_every_check(
    live_server: str, settings: Settings
) -> None:
    assert settings.admin_token is not None
    config = _config(live_server, settings.admin_token)

    problems, seen = _run(config, f"{live_server}/schema/openapi.json")

    assert problems == [], f"seed {seen['seed']}:\n\n" + "\n\n".join(dict.fromkeys(problems))
    assert {"examples", "coverage", "fuzzing", "stateful"} <= seen["phases"]
