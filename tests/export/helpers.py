"""Reading export bodies back: NDJSON lines with exact decimals, CSV records."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

import httpx


def ndjson_lines(response: httpx.Response) -> list[dict[str, Any]]:
    """Every line of an NDJSON body, numbers with a fraction read as Decimal."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/x-ndjson"
    assert response.text.endswith("\n") or response.text == ""
    # Split on LF only: str.splitlines would also break at U+2028 inside a quote.
    return [json.loads(line, parse_float=Decimal) for line in response.text.split("\n") if line]


def csv_records(response: httpx.Response) -> list[dict[str, str]]:
    """Every record of a CSV body, by column name, after checking its header and line ends."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.text.endswith("\r\n")
    return list(csv.DictReader(io.StringIO(response.text, newline="")))


def number(text: str | int | Decimal | None) -> Decimal | None:
    """A number of either format (empty CSV field: None) as an exact Decimal."""
    if text is None or text == "":
        return None
    return Decimal(str(text))
