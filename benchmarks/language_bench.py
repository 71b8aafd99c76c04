"""Language detection on the development sets: lingua alone (before) against ours then lingua.

    .venv/bin/python -m benchmarks.language_bench [--set FOLDER ...] [--quotes] [--results FILE]

Each document of each set is cut into units: the whole text, its first 1,500 characters (what
the ingestion pipeline detects on), each paragraph and each sentence of at least 20 letters.
A unit's expected language is its document's. Per kind of unit the table gives how often
lingua alone (the detector before) and the two-stage detector (ours first, lingua when ours
is undecided) find it, how often ours decides alone, how right it is then, and how often it
contradicts lingua. Sentences quoted in another language count against every detector alike.
"""

from __future__ import annotations

import argparse
import subprocess
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.extraction.gold import DEFAULT_SET, load_set, text_of
from service.ingest.pipeline import DETECTION_SAMPLE
from service.ingest.sentences import split_sentences
from service.normalize.language import UNDECIDED, detect_language, load_fallback, own_language

MIN_LETTERS = 20
"""Shorter sentences (datelines, bylines, headings of two words) are left out."""


@dataclass
class Tally:
    """Counts of one kind of unit."""

    units: int = 0
    lingua_right: int = 0
    combined_right: int = 0
    decided: int = 0
    decided_right: int = 0
    contradicts_lingua: int = 0
    wrong: list[tuple[str, str]] = field(default_factory=list)


def units(text: str) -> Iterator[tuple[str, str]]:
    """(kind, text) of every unit of one document."""
    yield "document", text
    yield f"first {DETECTION_SAMPLE:,} characters", text[:DETECTION_SAMPLE]
    for paragraph in text.split("\n"):
        if sum(c.isalpha() for c in paragraph) >= MIN_LETTERS:
            yield "paragraph", paragraph
    for sentence in split_sentences(text):
        if sum(c.isalpha() for c in sentence.text) >= MIN_LETTERS:
            yield "sentence", sentence.text


def lingua_alone(text: str) -> str | None:
    """The detector before: lingua's high-accuracy models of the five languages."""
    from service.normalize.language import _fallback

    return _fallback.detect(text)


def evaluate(sets: list[Path]) -> dict[str, Tally]:
    """Tallies per kind of unit over every document of ``sets``."""
    load_fallback()
    tallies: dict[str, Tally] = defaultdict(Tally)
    for folder in sets:
        for document in load_set(folder).documents:
            for kind, text in units(text_of(folder, document)):
                tally = tallies[kind]
                expected = document.language
                lingua = lingua_alone(text)
                own = own_language(text)
                tally.units += 1
                tally.lingua_right += lingua == expected
                tally.combined_right += detect_language(text) == expected
                if own is not UNDECIDED:
                    tally.decided += 1
                    tally.decided_right += own == expected
                    tally.contradicts_lingua += own != lingua
                    if own != expected:
                        tally.wrong.append((f"{kind} of {document.file}: {own}", text))
    return tallies


def _share(count: int, total: int) -> str:
    return f"{100 * count / total:.1f}% ({count}/{total})" if total else "–"


def render(tallies: dict[str, Tally], *, quote: bool = False) -> str:
    """The table, then the units ours decided wrongly (with their text if ``quote``: the
    texts are third-party articles, never to be copied into the project)."""
    lines = [
        "| unit | lingua alone (before) | ours, then lingua (after) | decided by ours "
        "| ours right when it decides | ours contradicts lingua |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for kind, t in tallies.items():
        lines.append(
            f"| {kind} | {_share(t.lingua_right, t.units)} | {_share(t.combined_right, t.units)} "
            f"| {_share(t.decided, t.units)} | {_share(t.decided_right, t.decided)} "
            f"| {t.contradicts_lingua} |"
        )
    wrong = [unit for t in tallies.values() for unit in t.wrong]
    if wrong:
        lines += ["", "Units ours decided against their document's language:", ""]
        lines += [f"- {where}" + (f": {text!r}" if quote else "") for where, text in wrong]
    return "\n".join(lines)


def main() -> None:
    """Evaluate on the given sets (default: the development set) and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, action="append", help="a gold set folder")
    parser.add_argument("--quotes", action="store_true", help="print the misread units' text")
    parser.add_argument("--results", type=Path, help="also write the table (no quotes) here")
    args = parser.parse_args()
    sets = args.set or [DEFAULT_SET]
    tallies = evaluate(sets)
    print(render(tallies, quote=args.quotes))
    if args.results:
        args.results.write_text(results_page(tallies, sets))


def results_page(tallies: dict[str, Tally], sets: list[Path]) -> str:
    """The results file: what ran at which commit, on which sets, then the table."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    names = ", ".join(f"`{folder.name}`" for folder in sets)
    return (
        "# Language detection results\n\n"
        f"`python -m benchmarks.language_bench` at commit `{commit}`, on the sets {names} "
        "(set folders given by `--set`; the texts stay outside the repository).\n\n"
        + __doc__.split("\n\n", 2)[2].strip()
        + "\n\n"
        + render(tallies)
        + "\n"
    )


if __name__ == "__main__":
    main()
