"""The columns of the CSV and XLSX files of the requirement rows a user may see, their
headings and cells; ``accountability.core.exports.list_export`` writes the file (formulas
neutralized, OWASP; dates stay dates)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from training.models import CourseKind, RequirementStatus

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


def cells(row: dict) -> list:
    """A row's cells, labels in the reader's language; ``list_export`` escapes the text."""
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
        values.append(value)
    return values
