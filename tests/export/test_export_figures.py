"""The figure export: values equal the read API's, formats, negotiation, filters and quoting."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from service.models import Citation, Figure
from tests.export.helpers import csv_records, ndjson_lines, number
from tests.figures.helpers import add_figure, add_source, change_figure, deprecate_figure
from tests.helpers import assert_problem

EXPORT = "/v1/export/figures"


async def _read(client: httpx.AsyncClient, figure_id: int) -> dict[str, Any]:
    response = await client.get(f"/v1/figures/{figure_id}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json(parse_float=Decimal)
    return body


async def test_every_ndjson_line_equals_the_figure_read_by_id(client: httpx.AsyncClient) -> None:
    lines = ndjson_lines(await client.get(EXPORT))

    assert len(lines) >= 5
    assert [line["id"] for line in lines] == sorted(line["id"] for line in lines)
    for line in lines:
        figure = await _read(client, line["id"])
        assert (line["company"], line["metric"], line["unit"]) == (
            figure["company"], figure["metric"], figure["unit"],
        )  # fmt: skip
        for name in ("value", "low", "high"):
            assert number(line[name]) == number(figure[name])
        assert (line["period_start"], line["period_end"], line["precision"]) == (
            figure["period"]["start"], figure["period"]["end"], figure["period"]["precision"],
        )  # fmt: skip
        assert (line["status"], line["bound"], line["basis"], line["rank"]) == (
            figure["status"], figure["bound"], figure["basis"], figure["rank"],
        )  # fmt: skip
        assert line["original_text"] == figure["original"]["text"]
        assert number(line["original_value"]) == number(figure["original"]["value"])
        assert number(line["fx_rate"]) == number((figure["fx"] or {}).get("rate"))
        assert [(c["source"], c["quote"], c["start"], c["end"]) for c in line["citations"]] == [
            (s["source_id"], s["quote"], s["start"], s["end"]) for s in figure["sources"]
        ]


async def test_every_csv_record_equals_the_figure_read_by_id(client: httpx.AsyncClient) -> None:
    response = await client.get(EXPORT, params={"format": "csv"})
    records = csv_records(response)

    assert response.text.startswith("id,company,metric,value,unit,bound,low,high,period_start,")
    assert response.headers["content-disposition"] == "attachment; filename=figures.csv"
    assert len(records) == len(ndjson_lines(await client.get(EXPORT)))
    for record in records:
        figure = await _read(client, int(record["id"]))
        assert record["company"] == figure["company"]
        for name in ("value", "low", "high"):
            assert number(record[name]) == number(figure[name])
        assert record["period_start"] == figure["period"]["start"]
        assert record["status"] == figure["status"]
        assert record["rank"] == figure["rank"]
        assert record["original_text"] == (figure["original"]["text"] or "")
        assert int(record["citation_count"]) == len(figure["sources"])
        assert int(record["first_source"]) == figure["sources"][0]["source_id"]
        assert record["first_quote"] == figure["sources"][0]["quote"]


@pytest.mark.parametrize(
    ("accept", "media_type"),
    [
        (None, "application/x-ndjson"),
        ("*/*", "application/x-ndjson"),
        ("application/x-ndjson", "application/x-ndjson"),
        ("text/csv", "text/csv; charset=utf-8"),
        ("text/*", "text/csv; charset=utf-8"),
        ("application/x-ndjson;q=0.5, text/csv", "text/csv; charset=utf-8"),
        ("application/json, text/csv;q=0.2", "text/csv; charset=utf-8"),
    ],
)
async def test_the_accept_header_chooses_the_format(
    client: httpx.AsyncClient, accept: str | None, media_type: str
) -> None:
    headers = {"accept": accept} if accept else {}

    response = await client.get(EXPORT, params={"company": "openai"}, headers=headers)

    assert response.status_code == 200
    assert response.headers["content-type"] == media_type
    assert response.headers["vary"] == "Accept"
    first = response.text.split("\n", 1)[0]
    assert first.startswith("id,company,") if "csv" in media_type else first.startswith('{"id":')


async def test_the_format_parameter_overrides_accept(client: httpx.AsyncClient) -> None:
    as_csv = await client.get(EXPORT, params={"format": "csv"}, headers={"accept": "text/html"})
    as_ndjson = await client.get(
        EXPORT, params={"format": "ndjson"}, headers={"accept": "text/csv"}
    )

    assert csv_records(as_csv)
    assert ndjson_lines(as_ndjson)
    assert "content-disposition" not in as_ndjson.headers


@pytest.mark.parametrize("accept", ["application/json", "text/html, application/xml;q=0.9"])
async def test_an_accept_naming_neither_format_answers_406_problem(
    client: httpx.AsyncClient, accept: str
) -> None:
    response = await client.get(EXPORT, headers={"accept": accept})

    assert "application/x-ndjson" in assert_problem(response, 406)["detail"]


async def test_an_unknown_format_or_invalid_filter_answers_400(client: httpx.AsyncClient) -> None:
    assert_problem(await client.get(EXPORT, params={"format": "xml"}), 400)
    assert_problem(await client.get(EXPORT, params={"status": "rumoured"}), 400)
    assert_problem(await client.get(EXPORT, params={"updated_since": "2025-01-01T00:00"}), 400)


async def test_filters_narrow_the_export_exactly(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    params = {
        "company": "openai",
        "metric": "revenue",
        "status": "actual",
        "period_from": "2025-01-01",
        "period_to": "2025-12-31",
    }
    expected = await session.scalars(
        select(Figure.id)
        .where(
            Figure.company_slug == "openai",
            Figure.metric_slug == "revenue",
            Figure.status == "actual",
            Figure.period_end >= date(2025, 1, 1),
            Figure.period_start <= date(2025, 12, 31),
            Figure.deprecated_at.is_(None),
            Figure.rank == "preferred",
        )
        .order_by(Figure.id)
    )

    lines = ndjson_lines(await client.get(EXPORT, params=params))
    records = csv_records(await client.get(EXPORT, params={**params, "format": "csv"}))

    ids = list(expected)
    assert ids
    assert [line["id"] for line in lines] == ids
    assert [int(record["id"]) for record in records] == ids


async def test_updated_since_keeps_facts_changed_at_or_after_the_instant(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    moment = datetime(2099, 1, 1, tzinfo=UTC)
    figure_id = (await session.scalars(select(Figure.id).order_by(Figure.id).limit(1))).one()
    await session.execute(update(Figure).where(Figure.id == figure_id).values(updated_at=moment))

    at = ndjson_lines(await client.get(EXPORT, params={"updated_since": "2099-01-01T00:00:00Z"}))
    offset = await client.get(EXPORT, params={"updated_since": "2099-01-01T01:00:00+01:00"})
    after = await client.get(EXPORT, params={"updated_since": "2099-01-01T00:00:00.000001Z"})

    assert [(line["id"], line["updated_at"]) for line in at] == [
        (figure_id, "2099-01-01T00:00:00Z")
    ]
    assert [line["id"] for line in ndjson_lines(offset)] == [figure_id]
    assert ndjson_lines(after) == []


async def test_include_all_adds_normal_and_deprecated_claims_with_their_rank(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    best = await add_figure(session, Decimal(500))
    other = await add_figure(session, Decimal(400), status="estimate")
    withdrawn = await add_figure(session, Decimal(300), status="forecast")
    await deprecate_figure(session, withdrawn, "wrong company")
    params = {"company": "openai", "period_from": "2047-01-01", "period_to": "2047-12-31"}

    default = ndjson_lines(await client.get(EXPORT, params=params))
    every = ndjson_lines(await client.get(EXPORT, params={**params, "include": "all"}))
    csv_every = csv_records(
        await client.get(EXPORT, params={**params, "include": "all", "format": "csv"})
    )

    assert (best.rank, other.rank) == ("preferred", "normal")
    assert [line["id"] for line in default] == [best.id]
    ranks = {line["id"]: line["rank"] for line in every}
    assert ranks == {best.id: "preferred", other.id: "normal", withdrawn.id: "deprecated"}
    assert {int(r["id"]): r["rank"] for r in csv_every} == ranks


async def test_decimals_are_written_exactly_without_exponent_in_both_formats(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    row = await add_figure(
        session,
        Decimal("12345678901234567890.123456789012"),
        bound="range",
        low=Decimal("0.0000001"),
        high=Decimal("1E+21"),
        original_value=Decimal("1.10E+4"),
        original_unit="EUR",
        fx_rate=Decimal("1.08250"),
        fx_date=date(2031, 1, 2),
        fx_source="ECB",
    )
    params = {"company": "openai", "period_from": "2047-01-01", "period_to": "2047-12-31"}

    ndjson = await client.get(EXPORT, params=params)
    csv = await client.get(EXPORT, params={**params, "format": "csv"})

    assert f'{{"id":{row.id},' in ndjson.text
    for text in (
        '"value":12345678901234567890.123456789012,',
        '"low":0.0000001,',
        '"high":1000000000000000000000,',
        '"original_value":11000,',
        '"fx_rate":1.0825,',
    ):
        assert text in ndjson.text
    assert "E+" not in ndjson.text
    assert "E-" not in ndjson.text
    [record] = [r for r in csv_records(csv) if r["id"] == str(row.id)]
    assert (record["value"], record["low"], record["high"]) == (
        "12345678901234567890.123456789012", "0.0000001", "1000000000000000000000",
    )  # fmt: skip
    assert (record["original_value"], record["fx_rate"], record["fx_date"]) == (
        "11000", "1.0825", "2031-01-02",
    )  # fmt: skip


async def test_csv_quotes_fields_with_quotes_commas_and_line_breaks(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    original = 'He said "five hundred, maybe more"\nthen stopped'
    quote = 'A "quoted" sentence, with a comma\r\nand a CRLF break.'
    row = await add_figure(session, Decimal(500), original_text=original)
    source = await add_source(session, "csv-quoting")
    session.add(Citation(source_id=source.id, figure_id=row.id, quote=quote, start_offset=0,
                         end_offset=3))  # fmt: skip
    await session.flush()
    params = {"company": "openai", "period_from": "2047-01-01", "period_to": "2047-12-31"}

    response = await client.get(EXPORT, params={**params, "format": "csv"})
    lines = ndjson_lines(await client.get(EXPORT, params=params))

    assert '"He said ""five hundred, maybe more""\nthen stopped"' in response.text
    assert '"A ""quoted"" sentence, with a comma\r\nand a CRLF break."' in response.text
    [record] = csv_records(response)
    assert (record["original_text"], record["first_quote"]) == (original, quote)
    assert (record["citation_count"], record["first_source"]) == ("1", str(source.id))
    assert lines[0]["original_text"] == original
    assert lines[0]["citations"] == [{"source": source.id, "quote": quote, "start": 0, "end": 3}]


async def test_a_figure_without_citations_exports_an_empty_list_and_count_zero(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    row = await change_figure(session, await add_figure(session, Decimal(7)), basis="run_rate")
    params = {"company": "openai", "period_from": "2047-01-01", "period_to": "2047-12-31"}

    [line] = ndjson_lines(await client.get(EXPORT, params=params))
    [record] = csv_records(await client.get(EXPORT, params={**params, "format": "csv"}))

    assert (line["id"], line["citations"], line["basis"]) == (row.id, [], "run_rate")
    assert (record["citation_count"], record["first_source"], record["first_quote"]) == (
        "0", "", "",
    )  # fmt: skip
    assert record["basis"] == "run_rate"
    assert datetime.fromisoformat(record["updated_at"]) > datetime.now(UTC) - timedelta(days=1)
