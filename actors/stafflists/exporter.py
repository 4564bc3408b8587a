"""Exporting one organization's staff list at one duty station as CSV or XLSX.

Only the rows ``scoping.visible_to`` lets the user see are written; dependants' birth dates and
addresses only when ``actors.rules.dependant_details_q`` allows them — when it does not for some
dependant of the list, the ``birth_date`` column is left out altogether, so that re-importing
the file keeps those details as stored (see ``actors.stafflists.columns``). Every text cell is
passed through ``neutralize_formula`` (formula injection); the importer removes the apostrophe
again, so an exported file re-imports cleanly and changes nothing.

Queries: two, whatever the size of the list (people with their zone; dependants with the
details flag).
"""

from __future__ import annotations

import csv
import io

from django.db.models import BooleanField, ExpressionWrapper, F

from accountability.core import scoping
from accountability.core.exports import neutralize_formula
from actors import rules as actor_rules
from actors.models import Dependant, Person

from . import columns as c

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _bool(value: bool) -> str:
    return "true" if value else "false"


def stafflist_rows(user, *, organization, duty_station) -> tuple[tuple[str, ...], list[dict]]:
    """(columns, rows) of the list as ``user`` may see it, people each followed by dependants."""
    people = list(
        scoping.visible_to(user, Person)
        .filter(organization=organization, duty_station=duty_station)
        .order_by("index_number", "id")
        .values(
            "id",
            "index_number",
            "family_name",
            "given_names",
            "category",
            "contract_type",
            "grade",
            "email",
            "phone",
            "radio_call_sign",
            "residential_address",
            "is_active",
            zone=F("residential_zone__name"),
        )
    )
    dependants_qs = scoping.visible_to(user, Dependant).filter(
        person__organization=organization, person__duty_station=duty_station
    )
    if not user.is_superuser:
        dependants_qs = dependants_qs.annotate(
            details=ExpressionWrapper(actor_rules.dependant_details_q(user), BooleanField())
        )
    dependants = list(
        dependants_qs.order_by("person_id", "family_name", "given_names", "id").values(
            "person_id",
            "family_name",
            "given_names",
            "relationship",
            "birth_date",
            "residential_address",
            "lives_at_duty_station",
            *(() if user.is_superuser else ("details",)),
        )
    )
    with_private = all(row.get("details", True) for row in dependants)
    cols = c.COLUMNS if with_private else tuple(col for col in c.COLUMNS if col != "birth_date")
    by_person: dict[int, list[dict]] = {}
    for row in dependants:
        by_person.setdefault(row["person_id"], []).append(row)
    rows: list[dict] = []
    for person in people:
        rows.append(
            {
                "record": c.RECORD_PERSON,
                "index_number": person["index_number"],
                "family_name": person["family_name"],
                "given_names": person["given_names"],
                "category": person["category"],
                "contract_type": person["contract_type"],
                "grade": person["grade"],
                "email": person["email"],
                "phone": person["phone"],
                "radio_call_sign": person["radio_call_sign"],
                "residential_address": person["residential_address"],
                "residential_zone": person["zone"] or "",
                "active": _bool(person["is_active"]),
            }
        )
        for dependant in by_person.get(person["id"], ()):
            row = {
                "record": c.RECORD_DEPENDANT,
                "index_number": person["index_number"],
                "family_name": dependant["family_name"],
                "given_names": dependant["given_names"],
                "relationship": dependant["relationship"],
                "lives_at_duty_station": _bool(dependant["lives_at_duty_station"]),
            }
            if with_private:
                birth = dependant["birth_date"]
                row["birth_date"] = birth.isoformat() if birth else ""
                row["residential_address"] = dependant["residential_address"]
            rows.append(row)
    return cols, rows


def _cells(cols, row) -> list[str]:
    return [_clean(neutralize_formula(row.get(col, "") or "")) for col in cols]


def _clean(value: str) -> str:
    # Control characters other than tab and newlines are invalid in XLSX and useless in CSV.
    return "".join(ch for ch in value if ch >= " " or ch in "\t\n\r")


def render_csv(cols, rows) -> bytes:
    out = io.StringIO()
    out.write("\ufeff")  # so that spreadsheets open it as UTF-8
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(cols)
    for row in rows:
        writer.writerow(_cells(cols, row))
    return out.getvalue().encode("utf-8")


def render_xlsx(cols, rows, *, title: str = "Staff list") -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(list(cols))
    for row in rows:
        # Plain strings: no cell becomes a number (index numbers keep leading zeros) or formula.
        sheet.append(_cells(cols, row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def template_rows():
    return c.COLUMNS, [dict(row) for row in c.TEMPLATE_ROWS]


def filename(organization, duty_station, extension: str) -> str:
    stem = f"staff-list-{organization.code}-{duty_station.name}"
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in stem)
    return f"{safe}.{extension}"
