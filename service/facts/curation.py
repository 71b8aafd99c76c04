"""What every curation writes or checks: history rows, raw values, companies and citations."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from typing import Any, Final, Generic, TypeVar

import msgspec
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from service.domain.errors import ConflictError, InvalidInputError, NotFoundError
from service.domain.vocabulary import FactType, RevisionAction
from service.facts.inputs import CitedInput
from service.facts.store import FactStore
from service.ingest.types import Mention
from service.models import Company, Deal, FactRevision, Figure, Metric, Source
from service.normalize import NormalizeError, Quantity, parse_quantity

T = TypeVar("T")
FactRow = TypeVar("FactRow", Figure, Deal)

Snapshot = dict[str, Any]

DEFAULT_LANGUAGE: Final = "en"
"""Language a raw value is read in when neither the request nor its source names one."""


class Curated(msgspec.Struct, Generic[T], frozen=True):
    """A fact after a create request, and whether the request created it."""

    fact: T
    created: bool


class Citing(msgspec.Struct, frozen=True):
    """A stored source and where in it a fact is stated."""

    source: Source
    mention: Mention


class History:
    """Writes the revision rows of one administrator's changes, in the caller's transaction."""

    def __init__(self, session: AsyncSession, actor: str) -> None:
        self.session = session
        self.actor = actor

    async def record(
        self,
        fact_type: FactType,
        fact_id: int | str,
        action: RevisionAction,
        before: Snapshot | None,
        after: Snapshot | None,
    ) -> None:
        """Add one revision: the fact as it was and as it is now."""
        self.session.add(
            FactRevision(
                fact_type=fact_type,
                fact_id=str(fact_id),
                action=action,
                actor=self.actor,
                before=before,
                after=after,
            )
        )
        await self.session.flush()

    async def record_curated(
        self, fact_type: FactType, fact_id: int, before: Snapshot | None, after: Snapshot
    ) -> None:
        """Add the revision of a create request: a creation, a new citation, or nothing."""
        if after != before:
            action: RevisionAction = "create" if before is None else "update"
            await self.record(fact_type, fact_id, action, before, after)


class Curator:
    """What a curator writes with: the request's session, the fact store and the history."""

    def __init__(self, session: AsyncSession, actor: str) -> None:
        self.session = session
        self.store = FactStore(session)
        self.history = History(session, actor)


def snapshot_of(public: msgspec.Struct, **extra: Any) -> Snapshot:
    """A fact's public shape (plus `extra` fields) as JSON-ready builtins, for the history."""
    return {**msgspec.to_builtins(public), **msgspec.to_builtins(extra)}


async def fact_snapshot(
    session: AsyncSession, model: type[FactRow], public: msgspec.Struct, fact_id: int
) -> Snapshot:
    """A figure's or deal's public shape with its deprecation, for the history."""
    row = await session.get_one(model, fact_id)
    return snapshot_of(
        public, deprecated_at=row.deprecated_at, deprecated_reason=row.deprecated_reason
    )


async def deprecate_fact(
    session: AsyncSession,
    model: type[FactRow],
    fact_id: int,
    reason: str,
    snapshot: Callable[[int], Awaitable[Snapshot]],
) -> tuple[FactRow, Snapshot]:
    """Mark a live figure or deal deprecated; the row and its snapshot from before."""
    noun: FactType = "figure" if model is Figure else "deal"
    if not reason.strip():
        raise InvalidInputError(f"reason must say why the {noun} is deprecated")
    row = await live_fact_for_update(session, model, fact_id, noun)
    before = await snapshot(fact_id)
    row.deprecated_at = await now(session)
    row.deprecated_reason = reason.strip()
    await session.flush()
    return row, before


def value_language(requested: str | None, cited: Citing | None) -> str:
    """The language to read a raw value in: as requested, else its source's, else English."""
    if requested is not None:
        return requested
    if cited is not None and cited.source.language is not None:
        return cited.source.language
    return DEFAULT_LANGUAGE


def read_value(raw: str, language: str, as_of: date | None) -> Quantity:
    """The quantity a raw value string states; InvalidInputError if it states none."""
    reference_date = as_of or datetime.now(UTC).date()
    try:
        return parse_quantity(raw, language, reference_date)
    except NormalizeError as error:
        raise InvalidInputError(f"value {raw!r} could not be read: {error}") from error


def fit_to_metric(quantity: Quantity, metric: Metric) -> Quantity:
    """The quantity in the metric's unit; InvalidInputError if it measures something else.

    A bare number ("800 million") counts in the unit of a count metric (users, GPUs...).
    """
    if quantity.kind == "number" and metric.kind == "count":
        return msgspec.structs.replace(quantity, kind="count", unit=metric.unit)
    if quantity.unit != metric.unit:
        raise InvalidInputError(
            f"value {quantity.text!r} is {quantity.kind} in {quantity.unit}, but metric "
            f"{metric.slug!r} is measured in {metric.unit}"
        )
    return quantity


async def metric_named(session: AsyncSession, slug: str) -> Metric:
    """The metric with that slug; InvalidInputError if there is none."""
    metric = await session.get(Metric, slug)
    if metric is None:
        raise InvalidInputError(f"unknown metric {slug!r}: see /v1/metrics")
    return metric


async def check_companies_exist(session: AsyncSession, slugs: set[str]) -> None:
    """InvalidInputError naming every slug that is not a known company."""
    known = set(await session.scalars(select(Company.slug).where(Company.slug.in_(slugs))))
    if missing := sorted(slugs - known):
        raise InvalidInputError(f"unknown company {', '.join(map(repr, missing))}")


async def live_fact_for_update(
    session: AsyncSession, model: type[FactRow], fact_id: int, noun: FactType
) -> FactRow:
    """The fact's row, locked; NotFoundError if absent, ConflictError if deprecated."""
    row = await session.get(model, fact_id, with_for_update=True)
    if row is None:
        raise NotFoundError(f"no {noun} with id {fact_id}")
    if row.deprecated_at is not None:
        raise ConflictError(
            f"{noun} {fact_id} was deprecated on {row.deprecated_at:%Y-%m-%d}: "
            f"{row.deprecated_reason}"
        )
    return row


async def now(session: AsyncSession) -> datetime:
    """The transaction's timestamp, as the database sees it."""
    moment: datetime = (await session.execute(select(func.now()))).scalar_one()
    return moment


async def citing(session: AsyncSession, cited: CitedInput) -> Citing | None:
    """The source and mention a request cites, checked; None when it cites no source."""
    if cited.source_id is None:
        if (cited.quote, cited.start, cited.end) != (None, None, None):
            raise InvalidInputError("quote, start and end describe a citation: give source_id")
        return None
    source = await session.get(Source, cited.source_id)
    if source is None:
        raise InvalidInputError(f"unknown source {cited.source_id}")
    if cited.quote is None or not cited.quote.strip():
        raise InvalidInputError("quote is required with source_id")
    start, end = _offsets(source, cited.quote, cited.start, cited.end)
    return Citing(source=source, mention=Mention(quote=cited.quote, start=start, end=end))


def _offsets(source: Source, quote: str, start: int | None, end: int | None) -> tuple[int, int]:
    if start is None and end is None:
        return _quote_span(source, quote)
    if start is None or end is None:
        raise InvalidInputError("give both start and end, or neither")
    if start > end:
        raise InvalidInputError(f"start ({start}) is after end ({end})")
    if source.text is not None and end > len(source.text):
        raise InvalidInputError(
            f"end ({end}) is past the text of source {source.id} ({len(source.text)} characters)"
        )
    return start, end


def _quote_span(source: Source, quote: str) -> tuple[int, int]:
    found = -1 if source.text is None else source.text.find(quote)
    if found < 0:
        raise InvalidInputError(
            f"the quote is not in the text of source {source.id}: give start and end"
        )
    return found, found + len(quote)
