"""Open data: published public practices as CSV and JSON, for anyone, streamed.

The same rows for a visitor and a member (practices/opendata.py). Fields, types and the licence are documented in
docs/open-data.md; the licence travels in the JSON's ``metadata`` and, for CSV (a header row then one row per
practice, nothing else, so any tool reads it), in a ``Link: <…>; rel="license"`` header.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any

from django.http import HttpRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from practices.opendata import (
    EXPORT_FIELDS,
    absolute_url,
    export_rows,
    open_data_licence,
    open_practices_filtered,
)

CACHE_SECONDS = 300
LIST_SEPARATOR = "; "


class _Echo:
    """A file-like object whose ``write`` returns the line, for csv.writer in a streamed response."""

    def write(self, value: str) -> str:
        return value


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list):
        if value and isinstance(value[0], dict):  # links
            return LIST_SEPARATOR.join(link["url"] for link in value)
        return LIST_SEPARATOR.join(str(v) for v in value)
    return "" if value is None else value


def _csv_lines(rows: Iterator[dict[str, Any]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff"  # the byte-order mark: Excel then reads the file as UTF-8
    yield writer.writerow(EXPORT_FIELDS)
    for row in rows:
        yield writer.writerow([_csv_cell(row[field]) for field in EXPORT_FIELDS])


def _json_chunks(rows: Iterator[dict[str, Any]], metadata: dict[str, Any]) -> Iterator[str]:
    yield '{"metadata": ' + json.dumps(metadata, ensure_ascii=False) + ', "practices": ['
    for index, row in enumerate(rows):
        yield ("," if index else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]}\n"


def _attachment(response: StreamingHttpResponse, extension: str) -> StreamingHttpResponse:
    date = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="onse-good-practices-{date}.{extension}"'
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    licence = open_data_licence()
    response["Link"] = f'<{licence["url"]}>; rel="license"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_safe
def export_csv(request: HttpRequest) -> StreamingHttpResponse:
    rows = export_rows(open_practices_filtered(request.GET))
    response = StreamingHttpResponse(_csv_lines(rows), content_type="text/csv; charset=utf-8")
    return _attachment(response, "csv")


@require_safe
def export_json(request: HttpRequest) -> StreamingHttpResponse:
    licence = open_data_licence()
    query = request.GET.urlencode()
    metadata = {
        "title": "ONSE good practices",
        "publisher": "Online Network of Southern Experts, United Nations Office of Counter-Terrorism",
        "source": absolute_url(reverse("practices:export_json") + (f"?{query}" if query else "")),
        "licence": {"name": licence["name"], "url": licence["url"]},
        "generated_at": timezone.now().isoformat(),
        "fields": list(EXPORT_FIELDS),
    }
    rows = export_rows(open_practices_filtered(request.GET))
    response = StreamingHttpResponse(_json_chunks(rows, metadata), content_type="application/json")
    return _attachment(response, "json")
