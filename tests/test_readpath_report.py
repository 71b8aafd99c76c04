"""The read-path runner's results section: written in place, every figure taken from the run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from benchmarks.readpath.report import BEGIN, END, median_of, render, write_section


def _samples(*rps: float, p99: float = 10.0) -> list[dict[str, Any]]:
    return [{"rps": r, "p50_ms": 1.0, "p99_ms": p99, "errors": 0} for r in rps]


def _run(api_rps: float) -> dict[str, Any]:
    timing = {"rows": 10, "generate_s": 1.0, "copy_s": 2.0}
    return {
        "meta": {"commit": "0123456789ab", "dirty": False, "date": "2026-12-06 04:00 UTC",
                 "command": "python -m benchmarks.readpath.run --smoke", "cpus": 2,
                 "load_before": "1.0", "load_after": "1.5", "versions": "Python 3.11"},
        "settings": {"rounds": 3, "seconds": 10, "connections": 64},
        "load": {"scale": 1.0, "tables": {"figures": timing}, "ranks_normal": 5, "ranks_s": 3.0,
                 "keys_deferred": 4, "keys_s": 4.0, "identities_s": 0.0, "commit_s": 0.5,
                 "analyze_s": 1.5, "total_s": 12.0},
        "workloads": {"cold": {"figure by id": {
            "api, cache off": _samples(api_rps, api_rps + 10, api_rps - 10),
            "peer": _samples(100.0, 100.0, 100.0),
            "pgbench": _samples(400.0, 400.0, 400.0, p99=4.0),
        }}},
        "rss_mb": {"api, cache off": {"uvicorn worker": 150.0}},
        "ingestion": {"articles": 200, "seconds": 8.0, "succeeded": 200, "failed": 0,
                      "figures": 210, "deals": 190},
        "inprocess": None,
    }  # fmt: skip


def test_the_median_of_the_rounds_is_reported_and_errors_are_summed() -> None:
    samples = _samples(90.0, 120.0, 100.0)
    samples[0]["errors"] = 2
    assert median_of(samples) == {"rps": 100.0, "p50_ms": 1.0, "p99_ms": 10.0, "errors": 2}


def test_ratios_and_goals_come_from_the_medians_of_the_run() -> None:
    section = render(_run(api_rps=90.0))
    assert "| figure by id | api, cache off | 90 | 1.0 | 10.0 | 0 | 0.90 | 0.23 | 2.50 |" in section
    assert "| cold, cache off: one-row lookups ≥ 0.8× the peer | 0.90× | met |" in section
    assert "p99 ≤ 2× pgbench's p99 | 2.50× | **not met** |" in section
    assert "| bulk load < 60 s (without generating rows) | 11.00 s | met |" in section
    assert "response cache off: not measured" in section
    assert "commit `0123456789ab` (clean)" in section


def test_the_generated_section_is_replaced_and_the_rest_of_the_file_kept(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    results.write_text(f"# Title\n\nwritten by hand\n\n{BEGIN}\nold figures\n{END}\n\n## After\n")
    write_section(results, render(_run(api_rps=90.0)))
    write_section(results, render(_run(api_rps=180.0)))
    text = results.read_text()
    assert text.startswith("# Title\n\nwritten by hand\n\n")
    assert text.endswith(f"{END}\n\n## After\n")
    assert text.count(BEGIN) == 1
    assert "old figures" not in text
    assert "| figure by id | api, cache off | 180 |" in text
