"""Settings from the environment, and the ones the service refuses to start with."""

from __future__ import annotations

import subprocess
import sys

import pytest

from service.settings import SettingsError, settings_from_env


@pytest.mark.parametrize(
    "token", ["change-me", "CHANGE-ME", "secret", "short-token", "   padded-short   ", " " * 20]
)
def test_empty_short_or_well_known_admin_token_is_refused(token: str) -> None:
    with pytest.raises(SettingsError, match="AIFACTS_ADMIN_TOKEN is too weak"):
        settings_from_env({"AIFACTS_ADMIN_TOKEN": token})


def test_long_random_admin_token_is_accepted() -> None:
    token = "k3J9-vQ2xLp7WmR8sT4nB6yZ"
    assert settings_from_env({"AIFACTS_ADMIN_TOKEN": token}).admin_token == token


def test_unset_admin_token_leaves_only_named_tokens() -> None:
    assert settings_from_env({}).admin_token is None


def test_command_with_a_weak_admin_token_exits_with_a_clear_message() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "service.cli", "openapi", "-o", "-"],
        env={"AIFACTS_ADMIN_TOKEN": "change-me", "PATH": ""},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "AIFACTS_ADMIN_TOKEN is too weak" in done.stderr


def test_the_response_cache_is_on_by_default_and_off_with_false() -> None:
    assert settings_from_env({}).response_cache
    assert not settings_from_env({"AIFACTS_RESPONSE_CACHE": "false"}).response_cache
    sized = settings_from_env({"AIFACTS_RESPONSE_CACHE_BYTES": "1048576"})
    assert sized.response_cache_bytes == 1_048_576
