"""What the API serves about one source, as predictions: figures and deals read over HTTP.

Only the JSON of `/v1/figures` and `/v1/deals` is read, so the evaluation holds whatever
the code behind them becomes. A figure cited twice by the same source (two statements
corroborating each other) yields one prediction per distinct citation of that source.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx

from benchmarks.extraction.score import DEAL_METRICS, Prediction

PAGE = 100


def pages(client: httpx.Client, path: str, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every row of a paginated list, following its cursors."""
    cursor: str | None = None
    while True:
        query = {**params, "limit": PAGE, **({"cursor": cursor} if cursor else {})}
        response = client.get(path, params=query)
        response.raise_for_status()
        body = response.json()
        yield from body["data"]
        cursor = body.get("next_cursor")
        if not cursor:
            return


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def _citations(row: dict[str, Any], source_id: int) -> list[dict[str, Any]]:
    """The row's citations of this source, one per distinct offset."""
    seen: dict[tuple[int, int], dict[str, Any]] = {}
    for citation in row["sources"]:
        if citation["source_id"] == source_id:
            seen.setdefault((citation["start"], citation["end"]), citation)
    return list(seen.values())


def _signals(row: dict[str, Any]) -> dict[str, Any]:
    """The fields a served fact may carry beyond the scored ones."""
    return {"vague": bool(row.get("vague", False)), "confidence": row.get("confidence")}


def _amount(amount: dict[str, Any]) -> dict[str, Any]:
    """The scored fields of a served amount (a figure, or a deal's value)."""
    value, original = float(amount["value"]), amount["original"]
    return {
        "value": value,
        "unit": amount["unit"],
        "original_value": _number(original["value"]) or value,
        "original_unit": original["unit"] or amount["unit"],
        "bound": amount["bound"],
        "low": _number(amount["low"]),
        "high": _number(amount["high"]),
    }


def metric_kinds(client: httpx.Client) -> dict[str, str]:
    """The kind (money, count, ratio...) of every metric of the served catalogue."""
    return {row["slug"]: row["kind"] for row in pages(client, "/v1/metrics", {})}


def figure_predictions(
    document: str, row: dict[str, Any], source_id: int, kinds: dict[str, str]
) -> list[Prediction]:
    """A served figure as predictions, one per citation of the source."""
    return [
        Prediction(
            document=document,
            company=row["company"],
            metric=row["metric"],
            kind=kinds.get(row["metric"], ""),
            basis=row.get("basis", "total"),
            **_amount(row),
            status=row["status"],
            quote=citation["quote"],
            start=citation["start"],
            end=citation["end"],
            period_start=row["period"]["start"],
            period_end=row["period"]["end"],
            **_signals(row),
        )
        for citation in _citations(row, source_id)
    ]


def deal_predictions(document: str, row: dict[str, Any], source_id: int) -> list[Prediction]:
    """A served deal with a value as predictions of that value (none without a value)."""
    amount = row["value"]
    if amount is None:
        return []
    parties = {party["company"]: party["role"] for party in row["parties"]}
    return [
        Prediction(
            document=document,
            company=row["parties"][0]["company"] if row["parties"] else "",
            metric=DEAL_METRICS.get(row["kind"], "contract_value"),
            **_amount(amount),
            status=row["status"],
            quote=citation["quote"],
            start=citation["start"],
            end=citation["end"],
            origin="deal",
            parties=parties,
            **_signals(row),
        )
        for citation in _citations(row, source_id)
    ]


def served(client: httpx.Client, document: str, source_id: int) -> list[Prediction]:
    """Every figure (of any rank) and deal the API serves as cited by this source."""
    params = {"source": source_id, "include": "all"}
    kinds = metric_kinds(client)
    found = [
        p
        for row in pages(client, "/v1/figures", params)
        for p in figure_predictions(document, row, source_id, kinds)
    ]
    return found + [
        p
        for row in pages(client, "/v1/deals", params)
        for p in deal_predictions(document, row, source_id)
    ]
