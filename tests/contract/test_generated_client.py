"""A client generated from the committed OpenAPI document, used against a live server."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from service.settings import Settings

COMMITTED = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"
PACKAGE = "aifacts_generated_client"
JOB_WITHIN_SECONDS = 60
ARTICLE = (
    "Lumen AI said on Tuesday that its annual revenue reached $2 million in 2031, "
    "and that it plans to hire 40 engineers in Paris next year."
)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Name of the package openapi-python-client generates from the committed document."""
    root = tmp_path_factory.mktemp("client")
    bin_dir = Path(sys.executable).parent
    generate = [str(bin_dir / "openapi-python-client"), "generate"]
    output = str(root / PACKAGE)
    subprocess.run(
        [*generate, "--path", str(COMMITTED), "--output-path", output, "--meta", "none"],
        check=True,
        capture_output=True,
        timeout=120,
        # Its post-generation hooks run ruff, installed beside the interpreter.
        env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"},
    )
    sys.path.insert(0, str(root))
    try:
        yield PACKAGE
    finally:
        sys.path.remove(str(root))
        for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
            del sys.modules[name]


def _module(package: str, name: str) -> ModuleType:
    return importlib.import_module(f"{package}.{name}")


def _operation(package: str, tag: str, operation: str) -> Any:
    return _module(package, f"api.{tag}.{operation}")


def test_generated_client_lists_companies_and_reads_a_figure(
    generated: str, live_server: str
) -> None:
    client = _module(generated, "client").Client(base_url=live_server)
    list_companies = _operation(generated, "companies", "list_companies")
    list_figures = _operation(generated, "figures", "list_figures")
    get_company = _operation(generated, "companies", "get_company")
    get_figure = _operation(generated, "figures", "get_figure")

    companies = list_companies.sync(client=client, limit=100)
    company = get_company.sync(client=client, slug=companies.data[0].slug)
    figures = list_figures.sync(client=client, company="openai", metric="revenue")
    figure = get_figure.sync(client=client, figure_id=figures.data[0].id)

    assert len(companies.data) == 100
    assert companies.next_cursor
    assert company.slug == companies.data[0].slug
    assert figure.id == figures.data[0].id
    assert figure.company == "openai"
    assert figure.metric == "revenue"
    assert figure.sources


def test_generated_client_reads_problems_as_problems(generated: str, live_server: str) -> None:
    client = _module(generated, "client").Client(base_url=live_server)
    get_company = _operation(generated, "companies", "get_company")

    response = get_company.sync_detailed(client=client, slug="no-such-company")

    assert response.status_code == 404
    assert isinstance(response.parsed, _module(generated, "models").Problem)
    assert response.parsed.status == 404


def test_generated_client_submits_a_source_and_its_job_succeeds(
    generated: str, live_server: str, settings: Settings
) -> None:
    assert settings.admin_token is not None
    client = _module(generated, "client").AuthenticatedClient(
        base_url=live_server, token=settings.admin_token
    )
    models = _module(generated, "models")
    create_source = _operation(generated, "admin", "create_source")
    get_job = _operation(generated, "admin", "get_job")
    get_source = _operation(generated, "sources", "get_source")

    body = models.SourceCreate(text=ARTICLE, published_on=date(2031, 5, 4), language="en")
    submitted = create_source.sync_detailed(client=client, body=body)
    assert submitted.status_code == 202, submitted.content
    accepted = submitted.parsed
    job = get_job.sync(client=client, job_id=accepted.job.id)
    deadline = time.monotonic() + JOB_WITHIN_SECONDS
    while job.status in {"queued", "running"} and time.monotonic() < deadline:
        time.sleep(0.2)
        job = get_job.sync(client=client, job_id=accepted.job.id)

    assert job.status == "succeeded", job.error
    assert job.source_id == accepted.source_id
    assert job.finished_at is not None
    assert get_source.sync(client=client, source_id=accepted.source_id).text == ARTICLE
