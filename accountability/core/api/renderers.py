"""CSV and XLSX for every list endpoint (`?format=csv`, `?format=xlsx`), safe to open in a
spreadsheet: text that a spreadsheet would run as a formula is neutralized (OWASP)."""

import csv
import datetime as dt
import io
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.utils import timezone
from rest_framework.renderers import BaseRenderer

from accountability.core.exports import neutralize_formula, spreadsheet_cell


def _table(data: Any) -> tuple[list[str], list[dict[str, Any]]]:
    """The columns and flat rows of a page (``results``), a list or a single object."""
    if isinstance(data, dict) and "results" in data:
        rows = data["results"]
    elif isinstance(data, list):
        rows = data
    else:
        rows = [data]
    rows = [_flatten(row) for row in rows]
    columns: list[str] = []
    for row in rows:
        for key in row:
            if key not in columns:
                columns.append(key)
    return columns, rows


class SafeCSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        if data is None:
            return b""
        columns, rows = _table(data)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([neutralize_formula(row.get(column, "")) for column in columns])
        return buffer.getvalue().encode(self.charset)


def _xlsx_cell(value: Any) -> Any:
    """Dates and numbers stay themselves; text is neutralized and stripped of the control
    characters XLSX refuses; Excel knows no time zones, so times are shown in local time."""
    if isinstance(value, dt.datetime):
        return timezone.make_naive(value) if timezone.is_aware(value) else value
    if isinstance(value, (bool, int, float, Decimal, dt.date)) or value is None:
        return value
    return spreadsheet_cell(str(value))


class SafeXLSXRenderer(BaseRenderer):
    media_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    format = "xlsx"
    charset = None
    render_style = "binary"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        from openpyxl import Workbook

        if data is None:
            return b""
        columns, rows = _table(data)
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title="data")
        sheet.append([_xlsx_cell(column) for column in columns])
        for row in rows:
            sheet.append([_xlsx_cell(row.get(column, "")) for column in columns])
        out = io.BytesIO()
        workbook.save(out)
        return out.getvalue()


def _flatten(row: Any, prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    if not isinstance(row, dict):
        return {prefix or "value": row}
    for key, value in row.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}."))
        elif isinstance(value, list):
            flat[name] = "; ".join(str(item) for item in value)
        else:
            flat[name] = "" if value is None else value
    return flat
