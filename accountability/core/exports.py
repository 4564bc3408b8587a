"""Helpers for files that people open in spreadsheets: the CSV and XLSX exports of the list
pages (training requirements, inspection missions and findings) are written here, so that
every one escapes formulas, keeps dates as dates and answers with the same headers."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _

# A cell starting with one of these is run as a formula by Excel, LibreOffice and Sheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("csv", "xlsx")
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralize_formula(value: Any) -> Any:
    """Prefix text that a spreadsheet would execute with an apostrophe (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def spreadsheet_cell(value: Any) -> Any:
    """A cell as written: nothing for None, text neutralized and without the control
    characters XLSX refuses (all but tab and newlines), dates and numbers as they are."""
    if value is None:
        return ""
    if isinstance(value, str):
        return "".join(ch for ch in neutralize_formula(value) if ch >= " " or ch in "\t\n\r")
    return value


def render_csv(headings: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """UTF-8 with a BOM (so that spreadsheets open it as UTF-8), dates in ISO 8601."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headings)
    for row in rows:
        writer.writerow(
            [
                value.isoformat() if isinstance(value, dt.date) else value
                for value in map(spreadsheet_cell, row)
            ]
        )
    return out.getvalue().encode("utf-8")


def render_xlsx(headings: Sequence[str], rows: Iterable[Sequence[Any]], *, sheet: str) -> bytes:
    """One sheet named ``sheet`` (cut to Excel's 31 characters); dates stay dates."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title=sheet[:31])
    worksheet.append(list(headings))
    for row in rows:
        worksheet.append([spreadsheet_cell(value) for value in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def table_response(
    headings: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    file_format: str,
    stem: str,
    sheet: str,
) -> HttpResponse:
    """The rows (one sequence of cells each) as a download ``<stem>.<file_format>``; private
    to the user who asked, as it holds only what that user may see."""
    if file_format == "xlsx":
        body, content_type = render_xlsx(headings, rows, sheet=sheet), XLSX_TYPE
    else:
        body, content_type = render_csv(headings, rows), CSV_TYPE
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{stem}.{file_format}"'
    response["Cache-Control"] = "private, no-cache"
    return response


def list_export(
    form: Any,
    headings: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    file_format: str,
    stem: str,
    sheet: str,
) -> HttpResponse:
    """A list page's rows as a file (``table_response``), or a plain-text 400 when the
    format is unknown or the page's filter ``form`` is wrong; ``rows`` is read only when the
    file is written."""
    if file_format not in FORMATS:
        return _plain_bad_request(_("The format must be csv or xlsx."))
    if form.is_bound and not form.is_valid():
        # A file must hold what was asked for, never every row in place of a bad filter.
        return _plain_bad_request(
            "\n".join(
                f"{form.fields[name].label}: {' '.join(errors)}"
                for name, errors in form.errors.items()
            )
        )
    return table_response(headings, rows, file_format=file_format, stem=stem, sheet=sheet)


def export_queries(query: Any) -> dict[str, str]:
    """The query strings of a list page's export links: its filters, without the page."""
    params = query.copy()
    params.pop("page", None)
    links = {}
    for extension in FORMATS:
        params["format"] = extension
        links[extension] = params.urlencode()
    return links


def _plain_bad_request(text: str) -> HttpResponseBadRequest:
    # Plain text: the messages may quote what was typed in the query string.
    return HttpResponseBadRequest(text, content_type="text/plain; charset=utf-8")
