"""The one-statement reads answer byte for byte what the general path answers.

Every benchmark URL (`benchmarks.readpath.endpoints`) and the common list filters are asked
of two apps on the same data, one serving documents written by PostgreSQL, one building and
encoding structs in Python; status, body and ETag must be the same. The data set is chosen
to be awkward: many-digit and tiny decimals, vague ranges, FX, null fields, non-ASCII and
control characters, several citations with repeated offsets, deals with and without value.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from service.db.actor import act_as
from service.db.reads import SessionReader
from service.deals.service import DealService
from service.domain.vocabulary import Basis
from service.facts.ranking import group_of, refresh_figure_ranks
from service.facts.values import TODAY
from service.figures.service import FigureService
from service.frames.claims import calendar_period
from service.frames.service import FrameService
from service.models import Citation, Company, CompanyAlias, Deal, DealParty, Figure, Source
from tests.helpers import AppClient

ACTOR = "token:documents-tester"
COMPANY = "zeta-ünïcode"
OTHER = "quill-data"
PERIODS = [(date(2046, 1, 1), date(2046, 12, 31)), (date(2046, 1, 1), date(2046, 3, 31))]
AMOUNTS: list[dict[str, Any]] = [
    {"value": Decimal(13000000000), "original_value": Decimal("1.3E+10")},
    {"value": Decimal("1234567890123456.789012"), "bound": "approximate"},
    {"value": Decimal("0.5000"), "unit": "ratio", "metric_slug": "compute_share"},
    {
        "value": Decimal("2.5E+10"),
        "low": Decimal("2E+10"),
        "high": Decimal("3E+10"),
        "vague": True,
        "bound": "range",
    },
    {
        "value": Decimal(1100000000),
        "fx_rate": Decimal("1.0823"),
        "fx_date": date(2046, 5, 2),
        "original_unit": "EUR",
        "original_value": Decimal("1016354060.796452"),
    },
    {"value": Decimal("-42.10"), "bound": "at_least", "low": Decimal("-42.1")},
    {"value": Decimal(7), "confidence": 0.0, "confidence_signals": {"hedged": True}},
    {"value": Decimal(8), "confidence": 1 / 3, "status": "forecast"},
    {
        "value": Decimal(9),
        "confidence": 0.85,
        "basis": "run_rate",
        "confidence_signals": {"company": "named", "company_distance": 12, "sources": 2},
    },
    {"value": Decimal("0.0000001234"), "unit": "ratio", "metric_slug": "compute_share"},
    {"value": Decimal(10), "confidence": 0.00005},
    {"value": Decimal("1234567890.12345678901234567890123")},
]
"""Figure fields beyond the defaults; the last three cannot be written exactly in SQL."""
INEXACT = 3
QUOTES = ['Zeta said "revenue"\tgrew\nto $13bn — «énorme»', "Quill\x01 \\ 数据 \u2028 line"]


async def _company(session: AsyncSession, slug: str, name: str, **fields: Any) -> None:
    session.add(Company(slug=slug, name=name, **fields))
    await session.flush()
    for alias, language in [(f"{name} GmbH", "de"), (name.upper(), None)]:
        key = CompanyAlias.key_of(alias)
        session.add(CompanyAlias(company_slug=slug, alias=alias, alias_key=key, language=language))
    await session.flush()


async def _sources(session: AsyncSession) -> list[int]:
    ids = []
    for index, quote in enumerate(QUOTES):
        source = Source(sha256=f"documents-test-{index}", text=quote, title=f"T{index}")
        session.add(source)
        await session.flush()
        ids.append(source.id)
    return ids


def _figure(index: int, fields: dict[str, Any]) -> Figure:
    start, end = PERIODS[index % 2]
    row = Figure(
        company_slug=COMPANY,
        metric_slug="revenue",
        period_start=date(start.year - index, start.month, start.day),
        period_end=date(end.year - index, end.month, end.day),
        period_precision="year" if index % 2 == 0 else "quarter",
        status="actual",
        unit="USD",
        bound="exact",
        original_text=None if index % 3 == 0 else QUOTES[index % 2][:12],
        original_unit="USD",
        confidence_signals={},
    )
    for name, value in fields.items():
        setattr(row, name, value)
    return row


async def _data_set(session: AsyncSession) -> dict[str, list[int]]:
    """Companies, figures and deals of the awkward kinds above; their ids."""
    await act_as(session, ACTOR)
    await _company(session, COMPANY, "Zéta Ünïcode", country="DE", website="https://zeta.test")
    await _company(session, OTHER, 'Quill "Data"', kind="project", parent_slug=COMPANY)
    sources = await _sources(session)
    figures = [_figure(index, fields) for index, fields in enumerate(AMOUNTS)]
    figures[1].updated_at = datetime(2046, 1, 2, 3, 4, 5, tzinfo=UTC)
    session.add_all(figures)
    session.add(_figure(0, {"company_slug": OTHER, "value": Decimal(5)}))  # a frame's 2nd row
    await session.flush()
    await refresh_figure_ranks(session, list({group_of(f) for f in figures}))
    deals = [
        Deal(kind="funding_round", title="Zéta Series B", status="completed", value=None),
        Deal(
            kind="cloud_contract",
            title='Quill "cloud"\n',
            status="signed",
            value=Decimal("300000000000.000"),
            unit="USD",
            bound="approximate",
            announced_on=date(2046, 2, 1),
            duration="P5Y",
        ),
        Deal(
            kind="cloud_contract", title="Tiny", status="signed", value=Decimal("1E-9"), unit="USD"
        ),
    ]
    session.add_all(deals)
    await session.flush()
    for deal in deals:
        session.add(DealParty(deal_id=deal.id, company_slug=COMPANY, role="investee"))
        session.add(DealParty(deal_id=deal.id, company_slug=OTHER, role="investor"))
    for position, fact in enumerate([*figures, *deals]):
        for number, source_id in enumerate(sources[: 1 + position % 2]):
            session.add(
                Citation(
                    source_id=source_id,
                    figure_id=fact.id if isinstance(fact, Figure) else None,
                    deal_id=fact.id if isinstance(fact, Deal) else None,
                    quote=QUOTES[number],
                    start_offset=position,
                    end_offset=position + 3,
                    more_offsets=[[position + 5, position + 9]] if number else [],
                )
            )
    await session.flush()
    return {"figures": [f.id for f in figures], "deals": [d.id for d in deals]}


def _urls(ids: dict[str, list[int]]) -> Iterator[str]:
    """The benchmark's URLs over the data set, and the common list filters."""
    yield from [f"/v1/companies/{slug}" for slug in (COMPANY, OTHER, "openai", "no-such")]
    yield from [f"/v1/figures/{figure_id}" for figure_id in [*ids["figures"], 2**62]]
    yield from [f"/v1/deals/{deal_id}" for deal_id in [*ids["deals"], 2**62]]
    yield from [
        f"/v1/figures?company={COMPANY}&metric=revenue&limit=50",
        f"/v1/figures?company={COMPANY}&limit=3",
        f"/v1/figures?company={COMPANY}&metric=compute_share",
        f"/v1/figures?company={COMPANY}&status=forecast",
        f"/v1/figures?company={OTHER}",
        "/v1/figures?metric=revenue&status=actual&limit=50",
        "/v1/figures?limit=100",
        f"/v1/deals?company={COMPANY}&limit=50",
        f"/v1/deals?company={OTHER}&limit=1",
        "/v1/deals?kind=cloud_contract&status=signed",
        "/v1/deals?limit=100",
        "/v1/companies?limit=100",
        "/v1/companies?country=de",
        "/v1/companies?kind=project&limit=1",
        "/v1/companies?updated_since=2000-01-01T00:00:00Z",
    ]
    frames = "/v1/metrics/{}/frames/{}"
    yield from [
        *(frames.format("revenue", period) for period in ["2046", "2045-Q1", "2042", "2036"]),
        frames.format("revenue", "2046?limit=1"),
        frames.format("revenue", "2038?basis=run_rate"),
        frames.format("revenue", "2043"),  # only a vague claim: an empty frame
        frames.format("Revenue", "2046"),
        frames.format("no-such-metric", "2046"),
        frames.format("compute_share", "2044-Q4"),
    ]


async def _same_everywhere(general: httpx.AsyncClient, fast: httpx.AsyncClient, url: str) -> int:
    """Follow `url`'s pages on both apps, comparing each answer; the pages seen."""
    pages = 0
    while True:
        expected, answered = await general.get(url), await fast.get(url)
        assert (answered.status_code, answered.content) == (expected.status_code, expected.content)
        assert answered.headers.get("etag") == expected.headers.get("etag")
        pages += 1
        cursor = expected.json().get("next_cursor") if expected.status_code == 200 else None
        if not cursor:
            return pages
        url = f"{url.split('&cursor=', maxsplit=1)[0]}&cursor={cursor}"


async def test_documents_are_byte_for_byte_the_general_paths_answers(
    session: AsyncSession, app_client: AppClient
) -> None:
    ids = await _data_set(session)
    async with app_client(documents=False) as general, app_client(documents=True) as fast:
        for url in _urls(ids):
            assert await _same_everywhere(general, fast, url) >= 1, url


async def test_only_numbers_sql_cannot_write_exactly_leave_the_one_statement_path(
    session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    ids = await _data_set(session)
    reader = SessionReader(sessionmaker)
    figures, deals = FigureService(session, reader), DealService(session, reader)
    served = [await figures.document(figure_id, TODAY) is not None for figure_id in ids["figures"]]
    assert served == [True] * (len(AMOUNTS) - INEXACT) + [False] * INEXACT
    assert [await deals.document(deal_id, TODAY) is not None for deal_id in ids["deals"]] == [
        True,
        True,
        False,
    ]


@pytest.mark.parametrize("documents", [True, False])
async def test_figure_and_deal_documents_carry_their_last_change(
    session: AsyncSession, app_client: AppClient, documents: bool
) -> None:
    ids = await _data_set(session)
    async with app_client(documents=documents) as client:
        figure = (await client.get(f"/v1/figures/{ids['figures'][1]}")).json()
        deal = (await client.get(f"/v1/deals/{ids['deals'][0]}")).json()
    assert figure["updated_at"] == "2046-01-02T03:04:05Z"
    assert datetime.fromisoformat(deal["updated_at"]) <= datetime.now(UTC)


async def test_frames_leave_the_one_statement_path_only_when_they_must(
    session: AsyncSession, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    await _data_set(session)
    frames = FrameService(session, SessionReader(sessionmaker))

    async def served(metric: str, period: str, basis: Basis = "total") -> bool:
        span = calendar_period(period)
        page = await frames.page_document(
            metric, span, basis=basis, as_of=None, after=None, limit=20
        )
        return page is not None

    assert await served("revenue", "2046")
    assert await served("revenue", "2038", "run_rate")
    assert not await served("revenue", "2036")  # a confidence SQL cannot write exactly
    assert not await served("revenue", "2043")  # empty: the general path says why
    assert not await served("Revenue", "2046")  # another case: the general path resolves it
