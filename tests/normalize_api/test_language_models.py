"""An API process loads lingua's language models only when a request needs them."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from tests.normalize.language_cases import SENTENCES, SHORT

SERVE_THEN_REPORT = """
import json, sys
from litestar.testing import TestClient
from service.app import create_app
from service.normalize.language import fallback_loaded
from service.settings import Settings

plan = json.loads(sys.argv[1])
settings = Settings(database_url=plan["database_url"], admin_token="x" * 32, run_worker=False)
report = {}
with TestClient(create_app(settings)) as client:
    for phase, requests in plan["phases"]:
        answers = []
        for method, path, body in requests:
            response = client.request(method, path, json=body)
            answers.append([response.status_code, response.json().get("lang")])
        report[phase] = {
            "answers": answers,
            "loaded": fallback_loaded(),
            "imported": "lingua" in sys.modules,
        }
print(json.dumps(report))
"""


def serve(database_url: str, phases: list[Any]) -> dict[str, Any]:
    """Run an app in a fresh process through `phases` of requests; what each phase left."""
    plan = json.dumps({"database_url": database_url, "phases": phases})
    done = subprocess.run(
        [sys.executable, "-c", SERVE_THEN_REPORT, plan],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    report: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return report


def test_reads_and_article_length_texts_never_load_lingua(database_url: str) -> None:
    reads = [["GET", path, None] for path in ("/v1/companies", "/v1/figures", "/v1/deals")]
    declared = [["POST", "/v1/normalize", {"text": SENTENCES["fr"][0], "lang": "fr"}]]
    detected = [
        ["POST", "/v1/normalize", {"text": " ".join(sentences)}] for sentences in SENTENCES.values()
    ]
    headline = [["POST", "/v1/normalize", {"text": SHORT["de"][0]}]]

    report = serve(database_url, [["reads", reads + declared + detected], ["headline", headline]])

    assert report["reads"]["answers"][:4] == [[200, None]] * 3 + [[200, "fr"]]
    assert [lang for _, lang in report["reads"]["answers"][4:]] == list(SENTENCES)
    assert report["reads"]["loaded"] is False
    assert report["reads"]["imported"] is False
    assert report["headline"] == {"answers": [[200, "de"]], "loaded": True, "imported": True}
