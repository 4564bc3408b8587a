"""Helpers of the staff-list tests: a small world and files built in memory."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from actors.stafflists.columns import COLUMNS
from actors.tests.factories import (
    CountryFactory,
    DutyStationFactory,
    OrganizationFactory,
    WardenZoneFactory,
    user_with_role,
)


def person_row(index: str, **values) -> dict:
    return {
        "record": "person",
        "index_number": index,
        "family_name": values.pop("family_name", f"Family{index}"),
        "given_names": values.pop("given_names", f"Given{index}"),
        "category": "international",
        "contract_type": "fixed_term",
        "grade": "P-3",
        "email": f"p{index}@example.org",
        "phone": "+254 700 000 000",
        "active": "true",
        **values,
    }


def dependant_row(index: str, given: str, **values) -> dict:
    return {
        "record": "dependant",
        "index_number": index,
        "family_name": values.pop("family_name", f"Family{index}"),
        "given_names": given,
        "relationship": "child",
        "birth_date": "2015-05-17",
        "lives_at_duty_station": "true",
        **values,
    }


def csv_bytes(rows, columns=COLUMNS) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(rows, columns=COLUMNS) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(columns))
    for row in rows:
        sheet.append([row.get(name, "") for name in columns])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(data: bytes, name: str = "list.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def simple_list(count: int, *, dependants: bool = True) -> list[dict]:
    rows = []
    for n in range(count):
        index = f"{n:05d}"
        rows.append(person_row(index))
        if dependants and n % 2 == 0:
            rows.append(dependant_row(index, f"Child{n}"))
    return rows


@pytest.fixture
def lists(outsider):
    """Agencies A and B at Nairobi (with a zone); A's country representative there, the DO."""
    country = CountryFactory(name="Kenya", iso_code="KE")
    station = DutyStationFactory(country=country, name="Nairobi", is_capital=True)
    other_station = DutyStationFactory(country=country, name="Lodwar")
    zone = WardenZoneFactory(duty_station=station, name="Gigiri")
    a = OrganizationFactory(code="unicef", name="UNICEF")
    b = OrganizationFactory(code="wfp", name="WFP")
    return {
        "station": station,
        "other_station": other_station,
        "zone": zone,
        "a": a,
        "b": b,
        "rep_a": user_with_role("country_representative", station, organization=a),
        "do": user_with_role("designated_official", station, organization=b),
        "smt_a": user_with_role("smt", station, organization=a),
        "outsider": outsider,
    }
