"""Staff CSV exports, one way: cells a spreadsheet cannot run as formulas, UTF-8 with a byte-order mark so Excel
reads accents, Arabic and Chinese correctly, streamed row by row (an export of every row never sits in memory)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

from django.http import StreamingHttpResponse
from django.utils import timezone

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def csv_cell(value: Any) -> str:
    """A cell a spreadsheet shows as text: a leading =, +, -, @ would otherwise run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


class _Echo:
    """A file-like object whose write returns the line: csv.writer formats, the response streams."""

    def write(self, value: str) -> str:
        return value


def csv_response(rows: Iterable[Iterable[Any]], *, filename: str) -> StreamingHttpResponse:
    """A download of ``rows`` (the first the header) as ``<filename>-<date>.csv``; every cell through
    ``csv_cell``; never cached."""
    writer = csv.writer(_Echo())

    def lines() -> Iterable[str]:
        yield BOM
        for row in rows:
            yield writer.writerow([csv_cell(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.csv"'
    response["Cache-Control"] = "no-store"
    return response
