"""CSV and XLSX files of the requirement rows a user may see, for spreadsheets: every text
cell goes through ``neutralize_formula`` (formula injection, OWASP), dates stay dates."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _

from accountability.core.exports import neutralize_formula
from training.models import CourseKind, RequirementStatus

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# The columns, read with values() in one query; headings() names them in the same order.
FIELDS = (
    "person__index_number",
    "person__family_name",
    "person__given_names",
    "dependant__family_name",
    "dependant__given_names",
    "organization__code",
    "duty_station__name",
    "rule__name",
    "rule__paragraph",
    "course_kind",
    "role__name",
    "status",
    "due_on",
    "completed_on",
    "valid_until",
    "deadline",
    "days_late",
)


def headings() -> list[str]:
    return [
        _("Index number"),
        _("Family name"),
        _("Given names"),
        _("Dependant family name"),
        _("Dependant given names"),
        _("Organization"),
        _("Duty station"),
        _("Requirement"),
        _("Required by"),
        _("Course"),
        _("Role"),
        _("Status"),
        _("Due on"),
        _("Completed on"),
        _("Valid until"),
        _("Deadline"),
        _("Days late"),
    ]


def _cells(row: dict) -> list:
    kinds, statuses = dict(CourseKind.choices), dict(RequirementStatus.choices)
    values = []
    for field in FIELDS:
        value = row[field]
        if field == "course_kind":
            value = str(kinds.get(value, value))
        elif field == "status":
            value = str(statuses.get(value, value))
        elif field == "organization__code":
            value = (value or "").upper()
        if value is None:
            value = ""
        if isinstance(value, str):
            # Control characters other than tab and newlines are invalid in XLSX.
            value = "".join(ch for ch in neutralize_formula(value) if ch >= " " or ch in "\t\n\r")
        values.append(value)
    return values


def render_csv(rows) -> bytes:
    out = io.StringIO()
    out.write("\ufeff")  # so that spreadsheets open it as UTF-8
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headings())
    for row in rows:
        writer.writerow(
            [value.isoformat() if isinstance(value, dt.date) else value for value in _cells(row)]
        )
    return out.getvalue().encode("utf-8")


def render_xlsx(rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Training requirements")[:31])
    sheet.append(headings())
    for row in rows:
        sheet.append(_cells(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def export_response(rows, file_format: str, today: dt.date) -> HttpResponse:
    if file_format == "xlsx":
        body, content_type = render_xlsx(rows), XLSX_TYPE
    else:
        body, content_type = render_csv(rows), CSV_TYPE
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="training-requirements-{today.isoformat()}.{file_format}"'
    )
    response["Cache-Control"] = "private, no-cache"
    return response
