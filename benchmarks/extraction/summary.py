"""The evaluation's figures as Markdown: rates per language and overall, misses, false facts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import msgspec

from benchmarks.extraction.score import Prediction, Report, Verdict

LANGUAGES = ("en", "fr", "de", "it", "es")


def _rate(hits: int, total: int) -> str:
    return f"{100 * hits / total:.0f}% ({hits}/{total})" if total else "–"


def _count(verdicts: Sequence[Verdict], keep: Callable[[Verdict], bool | None]) -> tuple[int, int]:
    judged = [keep(v) for v in verdicts]
    return sum(1 for j in judged if j), sum(1 for j in judged if j is not None)


def rates(report: Report, language: str | None) -> dict[str, str]:
    """The headline rates of one language (or of all when ``language`` is None)."""
    mine = [v for v in report.verdicts if language in (None, v.language)]
    core = [v for v in mine if v.fact.core]
    located = [v for v in core if v.located]
    matched = [v for v in mine if v.matched]
    predicted = sum(n for lang, n in report.predictions.items() if language in (None, lang))
    correct = sum(n for lang, n in report.correct.items() if language in (None, lang))
    rows = {
        "recall (core facts)": _rate(sum(v.matched for v in core), len(core)),
        "precision": _rate(correct, predicted),
        "located (value at its quote)": _rate(len(located), len(core)),
        "company right (of located)": _rate(sum(v.company_ok for v in located), len(located)),
        "metric right (of located)": _rate(sum(v.metric_ok for v in located), len(located)),
        "sign right (of located)": _rate(sum(v.sign_ok for v in located), len(located)),
    }
    for name, keep in (
        ("period right (of matched)", lambda v: v.period_ok),
        ("bound right (of matched)", lambda v: v.bound_ok),
        ("status right (of matched)", lambda v: v.status_ok),
        ("deal parties right", lambda v: v.deal_found),
        ("deal roles right", lambda v: v.roles_ok),
    ):
        rows[name] = _rate(*_count(matched if "matched" in name else mine, keep))
    return rows


def table(report: Report) -> str:
    """Rates per language and overall, one column each."""
    columns = [*LANGUAGES, None]
    per = {lang: rates(report, lang) for lang in columns}
    head = "| measure | " + " | ".join(lang or "all" for lang in columns) + " |"
    lines = [head, "|---|" + "---:|" * len(columns)]
    lines += [
        f"| {name} | " + " | ".join(per[lang][name] for lang in columns) + " |"
        for name in per[None]
    ]
    return "\n".join(lines)


def _prediction(p: Prediction) -> str:
    period = f"{p.period_start}..{p.period_end}" if p.period_start or p.period_end else "-"
    return (
        f"{p.company} {p.metric} {p.original_value:g} {p.original_unit} {p.bound} {period} "
        f"{p.status}" + (f" parties={p.parties}" if p.parties else "")
    )


def _verdict_line(v: Verdict, *, quotes: bool = False) -> str:
    f = v.fact
    got = "not found" if v.best is None else _prediction(v.best)
    wrong = [
        name
        for name, ok in (
            ("company", v.company_ok),
            ("metric", v.metric_ok),
            ("sign", v.sign_ok),
            ("period", v.period_ok),
            ("bound", v.bound_ok),
            ("status", v.status_ok),
        )
        if ok is False and v.located
    ]
    return (
        f"- {v.document} {f.id} {f.company} {f.metric} {f.value:g} {f.unit} {f.bound} "
        f"{f.status}: {got}"
        + (f" [wrong: {', '.join(wrong)}]" if wrong else "")
        + (f" — «{f.quote}»" if quotes else "")
    )


def misses(report: Report, *, quotes: bool) -> str:
    """Every core fact not matched, every matched fact with a wrong attribute, every false fact.

    ``quotes`` adds each gold quote and each false fact's sentence: for the terminal only,
    since the articles are someone else's writing and their sentences stay out of the
    project's files.
    """
    lines = ["### Core facts missed or wrong", ""]
    lines += [
        _verdict_line(v, quotes=quotes) for v in report.verdicts if v.fact.core and not v.matched
    ]
    lines += ["", "### Matched facts with a wrong period, bound or status", ""]
    lines += [
        _verdict_line(v, quotes=quotes)
        for v in report.verdicts
        if v.matched and False in (v.period_ok, v.bound_ok, v.status_ok)
    ]
    lines += ["", "### False facts (predictions that match no gold fact)", ""]
    lines += [
        f"- {p.document} @{p.start}: {_prediction(p)}" + (f" — «{p.quote}»" if quotes else "")
        for p in report.false_facts
    ]
    return "\n".join(lines)


def print_report(report: Report, *, quotes: bool, json_to: Path | None = None) -> None:
    """The table and the misses on the terminal; every verdict as JSON too with ``json_to``."""
    print(table(report))
    print()
    print(misses(report, quotes=quotes))
    if json_to is not None:
        json_to.write_bytes(msgspec.json.encode(report))
