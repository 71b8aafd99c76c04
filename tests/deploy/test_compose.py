"""The compose file starts a service fit for a host on a network, not a demo."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

COMPOSE = Path(__file__).resolve().parents[2] / "docker-compose.yml"


@pytest.fixture(scope="module")
def services() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    return dict(document["services"])


def test_every_service_restarts_after_a_crash(services: dict[str, Any]) -> None:
    assert {name: spec.get("restart") for name, spec in services.items()} == dict.fromkeys(
        services, "unless-stopped"
    )


def test_database_and_api_have_health_checks(services: dict[str, Any]) -> None:
    assert "healthcheck" in services["postgres"]
    assert "/readyz" in " ".join(services["api"]["healthcheck"]["test"])


def test_admin_token_has_no_default_and_must_be_given(services: dict[str, Any]) -> None:
    token = services["api"]["environment"]["AIFACTS_ADMIN_TOKEN"]
    assert re.fullmatch(r"\$\{AIFACTS_ADMIN_TOKEN:\?[^}]+\}", token)
    assert "AIFACTS_ADMIN_TOKEN" not in services["worker"].get("environment", {})


def test_api_is_published_on_loopback_unless_told_otherwise(services: dict[str, Any]) -> None:
    [port] = services["api"]["ports"]
    assert port == "${AIFACTS_PUBLISH:-127.0.0.1}:8000:8000"
