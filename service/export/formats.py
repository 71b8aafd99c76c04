"""Encoders of export rows: NDJSON lines and RFC 4180 CSV records, a batch at a time.

A row holds the plain columns of its kind (numbers as PostgreSQL's exact text), then for deals
the party arrays (companies, roles), then the citation arrays (sources, quotes, starts, ends).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Final

import msgspec

from service.export.schemas import CITATION_COLUMNS

NUMBER_COLUMNS: Final = frozenset({"value", "low", "high", "original_value", "fx_rate"})
"""Columns read as exact decimal text, written as they are (no float, no exponent)."""
TIME_COLUMNS: Final = frozenset({"updated_at"})

_JSON: Final = msgspec.json.Encoder()


class RowEncoder:
    """What the encoders share: the layout of a row."""

    def __init__(self, columns: tuple[str, ...], *, with_parties: bool) -> None:
        self.columns = columns
        self.width = len(columns)
        self.with_parties = with_parties
        self.numbers = [i for i, name in enumerate(columns) if name in NUMBER_COLUMNS]
        self.times = [i for i, name in enumerate(columns) if name in TIME_COLUMNS]

    def header(self) -> bytes:
        """What the body starts with (nothing by default)."""
        return b""

    def encode(self, rows: Sequence[Any]) -> bytes:
        """The body text of a batch of rows."""
        raise NotImplementedError


class NdjsonEncoder(RowEncoder):
    """One JSON object per row and line; decimals are raw JSON numbers."""

    def encode(self, rows: Sequence[Any]) -> bytes:
        """NDJSON lines of `rows`, each ending with a newline."""
        return _JSON.encode_lines([self._line(row) for row in rows])

    def _line(self, row: Sequence[Any]) -> dict[str, Any]:
        values = list(row[: self.width])
        for i in self.numbers:
            if values[i] is not None:
                values[i] = msgspec.Raw(values[i].encode())
        line = dict(zip(self.columns, values, strict=True))
        if self.with_parties:
            companies, roles = row[self.width] or (), row[self.width + 1] or ()
            line["parties"] = [
                {"company": company, "role": role}
                for company, role in zip(companies, roles, strict=True)
            ]
        sources, quotes, starts, ends = (column or () for column in row[-4:])
        line["citations"] = [
            {"source": source, "quote": quote, "start": start, "end": end}
            for source, quote, start, end in zip(sources, quotes, starts, ends, strict=True)
        ]
        return line


class CsvEncoder(RowEncoder):
    """RFC 4180 records (CRLF, minimal quoting, quotes doubled) after a header row."""

    def __init__(self, columns: tuple[str, ...], *, with_parties: bool) -> None:
        super().__init__(columns, with_parties=with_parties)
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\r\n")

    def header(self) -> bytes:
        """The header row: the plain columns, `parties` for deals, then the citation columns."""
        parties = ("parties",) if self.with_parties else ()
        self.writer.writerow((*self.columns, *parties, *CITATION_COLUMNS))
        return self._take()

    def encode(self, rows: Sequence[Any]) -> bytes:
        """CSV records of `rows`."""
        self.writer.writerows(self._record(row) for row in rows)
        return self._take()

    def _record(self, row: Sequence[Any]) -> list[Any]:
        values = list(row[: self.width])
        for i in self.times:
            values[i] = _utc_text(values[i])
        if self.with_parties:
            companies, roles = row[self.width] or (), row[self.width + 1] or ()
            values.append(";".join(f"{c}:{r}" for c, r in zip(companies, roles, strict=True)))
        sources, quotes = row[-4] or (), row[-3] or ()
        values += [len(sources), sources[0] if sources else None, quotes[0] if quotes else None]
        return values

    def _take(self) -> bytes:
        text = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        return text.encode()


def _utc_text(value: datetime | None) -> str | None:
    """An ISO 8601 time as the JSON answers write it (`Z` for UTC)."""
    if value is None:
        return None
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text
