"""The development set's gold facts (shared/eval/real-dev/gold.json), typed."""

from __future__ import annotations

from pathlib import Path

import msgspec

SET_PATH = Path("shared") / "eval" / "real-dev"
"""Where the development set lives, relative to a folder above the project's checkout."""


def _default_set() -> Path:
    """The development set in the nearest folder above the checkout that holds one.

    A checkout beside ``shared/`` and a worktree one level deeper both find it; when none
    holds it, the checkout's sibling path, which `load_set` then reports as missing.
    """
    checkout = Path(__file__).resolve().parents[2]
    for folder in checkout.parents:
        if (folder / SET_PATH / "gold.json").is_file():
            return folder / SET_PATH
    return checkout.parent / SET_PATH


DEFAULT_SET = _default_set()


class GoldPeriod(msgspec.Struct, frozen=True):
    """The period a gold fact covers; one side may be open."""

    start: str | None
    end: str | None


class GoldFact(msgspec.Struct, frozen=True):
    """One fact a careful reader finds in a document."""

    id: str
    company: str
    metric: str
    value: float
    unit: str
    bound: str
    status: str
    quote: str
    core: bool
    currency: str | None = None
    low: float | None = None
    high: float | None = None
    period: GoldPeriod | None = None
    segment: str | None = None
    counterparty: str | None = None
    duration: str | None = None
    note: str | None = None


class GoldDocument(msgspec.Struct, frozen=True):
    """One article of the set with its facts."""

    file: str
    language: str
    published_on: str
    url: str
    publisher: str
    facts: list[GoldFact]
    title: str | None = None
    date_basis: str | None = None
    text_note: str | None = None


class GoldSet(msgspec.Struct, frozen=True):
    """The whole set."""

    documents: list[GoldDocument]
    about: str = ""


def load_set(folder: Path) -> GoldSet:
    """The gold set in ``folder``; fails loudly when it is absent."""
    path = folder / "gold.json"
    if not path.is_file():
        raise FileNotFoundError(f"no gold.json in {folder}: pass --set to the evaluation set")
    return msgspec.json.decode(path.read_bytes(), type=GoldSet)


def text_of(folder: Path, document: GoldDocument) -> str:
    """The article text of a gold document."""
    return (folder / "texts" / document.file).read_text(encoding="utf-8")
