"""Staff-list export: formula escaping, private details, round trip, constant queries."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors import models as m
from actors.stafflists import exporter
from actors.stafflists.importer import stafflist_import
from actors.tests.factories import DependantFactory, PersonFactory
from actors.tests.stafflist_helpers import upload

pytestmark = pytest.mark.django_db


def export(user, world, file_format="csv", org=None):
    cols, rows = exporter.stafflist_rows(
        user, organization=org or world["a"], duty_station=world["station"]
    )
    if file_format == "xlsx":
        return exporter.render_xlsx(cols, rows)
    return exporter.render_csv(cols, rows)


def parse_csv(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def populate(world, count=3):
    people = []
    for n in range(count):
        person = PersonFactory(
            organization=world["a"],
            duty_station=world["station"],
            residential_zone=world["zone"] if n % 2 else None,
            phone="+41 22 917 1234",
            residential_address="Line one\r\nLine two",
        )
        DependantFactory(person=person, birth_date=None if n % 3 else person.created_at.date())
        people.append(person)
    return people


def test_export_escapes_formulas(lists):
    PersonFactory(
        organization=lists["a"],
        duty_station=lists["station"],
        family_name="=cmd|' /C calc'!A0",
        given_names="@SUM(1+1)",
        index_number="INJ-1",
    )
    rows = {row["index_number"]: row for row in parse_csv(export(lists["rep_a"], lists))}
    assert rows["INJ-1"]["family_name"] == "'=cmd|' /C calc'!A0"
    assert rows["INJ-1"]["given_names"] == "'@SUM(1+1)"
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(export(lists["rep_a"], lists, "xlsx")), read_only=True)
    cells = [cell for row in sheet.worksheets[0].iter_rows(values_only=True) for cell in row]
    assert "'=cmd|' /C calc'!A0" in cells
    assert not any(isinstance(cell, str) and cell.startswith("=") for cell in cells)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_then_reimport_changes_nothing(lists, file_format):
    populate(lists)
    PersonFactory(
        organization=lists["a"], duty_station=lists["station"], family_name="=1+2", phone="-5"
    )
    people_events = m.PersonEvent.objects.count()
    dependant_events = m.DependantEvent.objects.count()
    before = list(m.Person.objects.order_by("pk").values())
    before_dependants = list(m.Dependant.objects.order_by("pk").values())
    data = export(lists["rep_a"], lists, file_format)
    result = stafflist_import(
        actor=lists["rep_a"],
        organization=lists["a"],
        duty_station=lists["station"],
        upload=upload(data, f"list.{file_format}"),
    )
    assert result.people.created == result.people.updated == 0
    assert result.dependants.created == result.dependants.updated == 0
    assert result.people.not_in_file == 0 and result.dependants.not_in_file == 0
    assert m.PersonEvent.objects.count() == people_events
    assert m.DependantEvent.objects.count() == dependant_events
    assert list(m.Person.objects.order_by("pk").values()) == before
    assert list(m.Dependant.objects.order_by("pk").values()) == before_dependants


def test_private_details_only_for_those_who_may_see_them(lists):
    populate(lists, 1)
    rep_rows = parse_csv(export(lists["rep_a"], lists))
    assert "birth_date" in rep_rows[0]
    dependant = next(row for row in rep_rows if row["record"] == "dependant")
    assert dependant["residential_address"] == "12 Rue de la Paix"
    # An SMT member sees its organization's people but not dependants' details (scoping).
    smt_rows = parse_csv(export(lists["smt_a"], lists))
    assert "birth_date" not in smt_rows[0]
    dependant = next(row for row in smt_rows if row["record"] == "dependant")
    assert dependant["residential_address"] == ""
    # Such a file re-imported by a keeper keeps the stored details.
    stored = list(m.Dependant.objects.filter(organization=lists["a"]).values())
    result = stafflist_import(
        actor=lists["rep_a"],
        organization=lists["a"],
        duty_station=lists["station"],
        upload=upload(export(lists["smt_a"], lists)),
    )
    assert result.dependants.updated == 0
    assert list(m.Dependant.objects.filter(organization=lists["a"]).values()) == stored


def test_export_shows_only_what_the_user_may_see(lists):
    populate(lists, 2)
    PersonFactory(organization=lists["b"], duty_station=lists["station"], index_number="B-1")
    # The representative of A asking for B's list at its own station: nothing of B.
    rows = parse_csv(export(lists["rep_a"], lists, org=lists["b"]))
    assert rows == []
    assert parse_csv(export(lists["outsider"], lists)) == []


def _export_queries(world, file_format) -> int:
    with CaptureQueriesContext(connection) as ctx:
        export(world["rep_a"], world, file_format)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_export_query_count_is_constant(lists, file_format, django_assert_max_num_queries):
    # The user's grants (read once per request, here once per scoping call: no request), then
    # people with their zone and dependants with the details flag: never a query per row.
    populate(lists, 2)
    small = _export_queries(lists, file_format)
    populate(lists, 30)
    assert _export_queries(lists, file_format) == small
    with django_assert_max_num_queries(small):
        export(lists["rep_a"], lists, file_format)
