"""The deal export: values and parties equal the read API's, filters, deprecated deals."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from service.models import Deal, DealParty
from tests.export.helpers import csv_records, ndjson_lines, number
from tests.helpers import deal_ids

EXPORT = "/v1/export/deals"


async def _read(client: httpx.AsyncClient, deal_id: int) -> dict[str, Any]:
    response = await client.get(f"/v1/deals/{deal_id}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json(parse_float=Decimal)
    return body


async def test_every_ndjson_line_equals_the_deal_read_by_id(client: httpx.AsyncClient) -> None:
    lines = ndjson_lines(await client.get(EXPORT))

    assert len(lines) >= 3
    for line in lines:
        deal = await _read(client, line["id"])
        amount = deal["value"] or {}
        assert (line["kind"], line["title"], line["status"], line["duration"]) == (
            deal["kind"], deal["title"], deal["status"], deal["duration"],
        )  # fmt: skip
        assert line["announced_on"] == deal["announced_on"]
        assert number(line["value"]) == number(amount.get("value"))
        assert line["unit"] == amount.get("unit")
        assert line["parties"] == deal["parties"]
        assert line["rank"] == "preferred"
        assert [(c["source"], c["quote"]) for c in line["citations"]] == [
            (s["source_id"], s["quote"]) for s in deal["sources"]
        ]


async def test_every_csv_record_equals_the_deal_read_by_id(client: httpx.AsyncClient) -> None:
    response = await client.get(EXPORT, headers={"accept": "text/csv"})
    records = csv_records(response)

    assert response.headers["content-disposition"] == "attachment; filename=deals.csv"
    assert records
    for record in records:
        deal = await _read(client, int(record["id"]))
        assert number(record["value"]) == number((deal["value"] or {}).get("value"))
        parties = [f"{p['company']}:{p['role']}" for p in deal["parties"]]
        assert record["parties"] == ";".join(parties)
        assert int(record["citation_count"]) == len(deal["sources"])
        assert record["first_quote"] == deal["sources"][0]["quote"]


async def test_the_openai_aws_contract_exports_38_billion_exactly(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    deal_id = (await deal_ids(session))["openai-aws-cloud-2025"]

    response = await client.get(EXPORT, params={"company": "amazon", "kind": "cloud_contract"})

    [line] = ndjson_lines(response)
    assert line["id"] == deal_id
    assert '"value":38000000000,' in response.text
    assert line["duration"] == "P7Y"


@pytest.mark.parametrize(
    "params", [{"company": "softbank"}, {"kind": "investment"}, {"status": "signed"}]
)
async def test_deal_filters_narrow_the_export_exactly(
    client: httpx.AsyncClient, session: AsyncSession, params: dict[str, str]
) -> None:
    stmt = select(Deal.id).where(Deal.deprecated_at.is_(None)).order_by(Deal.id)
    if "company" in params:
        parties = select(DealParty.deal_id).where(DealParty.company_slug == params["company"])
        stmt = stmt.where(Deal.id.in_(parties))
    if "kind" in params:
        stmt = stmt.where(Deal.kind == params["kind"])
    if "status" in params:
        stmt = stmt.where(Deal.status == params["status"])
    expected = list(await session.scalars(stmt))

    lines = ndjson_lines(await client.get(EXPORT, params=params))

    assert expected
    assert [line["id"] for line in lines] == expected


async def test_deprecated_deals_only_with_include_all_and_updated_since_sees_them(
    client: httpx.AsyncClient, session: AsyncSession
) -> None:
    deal_id = (await deal_ids(session))["openai-aws-cloud-2025"]
    moment = datetime(2099, 1, 1, tzinfo=UTC)
    await session.execute(
        update(Deal)
        .where(Deal.id == deal_id)
        .values(deprecated_at=func.now(), deprecated_reason="duplicate", updated_at=moment)
    )
    since = {"updated_since": "2099-01-01T00:00:00Z"}

    default = ndjson_lines(await client.get(EXPORT))
    every = ndjson_lines(await client.get(EXPORT, params={"include": "all"}))
    changed = ndjson_lines(await client.get(EXPORT, params={**since, "include": "all"}))

    assert deal_id not in {line["id"] for line in default}
    assert {line["id"]: line["rank"] for line in every}[deal_id] == "deprecated"
    assert [(line["id"], line["rank"]) for line in changed] == [(deal_id, "deprecated")]
    assert ndjson_lines(await client.get(EXPORT, params=since)) == []
