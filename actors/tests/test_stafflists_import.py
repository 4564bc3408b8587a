"""Staff-list import: validation, all-or-nothing, idempotence, rights, bulk queries."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actors import models as m
from actors.stafflists.importer import StaffListInvalid, stafflist_import
from actors.tests.factories import PersonFactory
from actors.tests.stafflist_helpers import (
    csv_bytes,
    dependant_row,
    person_row,
    simple_list,
    upload,
    xlsx_bytes,
)
from appointments.models import AppointmentStatus

pytestmark = pytest.mark.django_db


def run(world, data, *, name="list.csv", actor=None, org=None, dry_run=False):
    return stafflist_import(
        actor=actor or world["rep_a"],
        organization=org or world["a"],
        duty_station=world["station"],
        upload=upload(data, name),
        dry_run=dry_run,
    )


def errors_of(excinfo) -> set:
    return {(e.row, e.field) for e in excinfo.value.errors}


def test_valid_import_creates_people_and_dependants(lists):
    rows = [
        person_row("001", residential_zone="gigiri", residential_address="1 Road"),
        dependant_row("001", "Amani"),
        dependant_row("001", "Baraka", relationship="spouse", birth_date=""),
        person_row("002", active="false", category="local"),
    ]
    result = run(lists, csv_bytes(rows))
    assert result.people.created == 2 and result.dependants.created == 2
    grace = m.Person.objects.get(organization=lists["a"], index_number="001")
    assert grace.duty_station == lists["station"]
    assert grace.residential_zone == lists["zone"]
    assert grace.phone == "+254 700 000 000"
    assert m.Person.objects.get(index_number="002").is_active is False
    assert set(grace.dependants.values_list("given_names", flat=True)) == {"Amani", "Baraka"}
    assert all(d.organization_id == lists["a"].pk for d in grace.dependants.all())
    # The audit trail names the actor and the source, though the writes were bulk.
    event = m.PersonEvent.objects.filter(pgh_obj_id=grace.pk).get()
    assert event.pgh_context.metadata["source"] == "import:staff-list"
    assert event.pgh_context.metadata["user"] == lists["rep_a"].pk


def test_xlsx_import_works_too(lists):
    result = run(lists, xlsx_bytes(simple_list(4)), name="list.xlsx")
    assert result.people.created == 4 and result.dependants.created == 2


def test_reimporting_the_same_file_changes_nothing(lists):
    data = csv_bytes(simple_list(6))
    run(lists, data)
    people_events = m.PersonEvent.objects.count()
    dependant_events = m.DependantEvent.objects.count()
    before = list(m.Person.objects.order_by("pk").values())
    result = run(lists, data)
    assert (result.people.created, result.people.updated, result.people.unchanged) == (0, 0, 6)
    assert (result.dependants.created, result.dependants.updated) == (0, 0)
    assert result.dependants.unchanged == 3
    assert m.PersonEvent.objects.count() == people_events
    assert m.DependantEvent.objects.count() == dependant_events
    assert list(m.Person.objects.order_by("pk").values()) == before


def test_changed_rows_are_updated_and_missing_people_left_untouched(lists):
    run(lists, csv_bytes(simple_list(3)))
    kept = PersonFactory(organization=lists["a"], duty_station=lists["station"], index_number="K1")
    rows = simple_list(3)
    rows[0]["grade"] = "P-4"
    result = run(lists, csv_bytes(rows))
    assert result.people.updated == 1 and result.people.unchanged == 2
    # K1 and the logins' own person rows (the representative, the SMT member).
    assert result.people.not_in_file == 3 and "K1" in result.not_in_file
    assert m.Person.objects.get(index_number="00000").grade == "P-4"
    assert m.Person.objects.filter(pk=kept.pk).exists()


def test_one_bad_row_writes_nothing_and_names_the_row_and_field(lists):
    rows = simple_list(5)
    rows[3]["family_name"] = ""  # file row 5 (header is row 1)
    rows[5]["category"] = "martian"
    with pytest.raises(StaffListInvalid) as excinfo:
        run(lists, csv_bytes(rows))
    assert errors_of(excinfo) == {(5, "family_name"), (7, "category")}
    assert not m.Person.objects.filter(organization=lists["a"], index_number__startswith="0")
    assert m.Dependant.objects.filter(organization=lists["a"]).count() == 0


def test_every_error_is_collected(lists):
    rows = [
        person_row("1", email="not-an-email", residential_zone="Nowhere", birth_date="2001-01-01"),
        person_row("1"),
        dependant_row("404", "Orphan"),
        dependant_row("1", "Kid", birth_date="17/05/2015", relationship=""),
        {"record": "alien", "index_number": "9", "family_name": "X", "given_names": "Y"},
        person_row("3", family_name='=HYPERLINK("http://evil")'),
        person_row("4", active="maybe", grade="X" * 21),
    ]
    with pytest.raises(StaffListInvalid) as excinfo:
        run(lists, csv_bytes(rows))
    assert errors_of(excinfo) == {
        (2, "email"),
        (2, "residential_zone"),
        (2, "birth_date"),
        (3, "index_number"),
        (4, "index_number"),
        (5, "birth_date"),
        (5, "relationship"),
        (6, "record"),
        (7, "family_name"),
        (8, "active"),
        (8, "grade"),
    }
    # Only the representative's and the SMT member's own rows.
    assert m.Person.objects.filter(organization=lists["a"]).count() == 2


def test_index_number_at_another_station_is_refused(lists):
    PersonFactory(organization=lists["a"], duty_station=lists["other_station"], index_number="77")
    with pytest.raises(StaffListInvalid) as excinfo:
        run(lists, csv_bytes([person_row("77")]))
    assert errors_of(excinfo) == {(2, "index_number")}


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"record,index_number\n", "list.txt", "Only .csv and .xlsx"),
        (b"PK\x03\x04junk", "list.xlsx", "not a valid XLSX"),
        (b"PK\x03\x04junk", "list.csv", "spreadsheet"),
        ("record,index_number,family_name,given_names\n".encode("utf-16"), "l.csv", "not"),
        (b"record,index_number\xff\xfe\n", "list.csv", "not UTF-8"),
        (b"", "list.csv", "empty"),
        (b"name,age\nx,1\n", "list.csv", "Unknown columns"),
        (b"record,index_number,family_name,given_names\n", "list.csv", "no rows"),
        (b'record,index_number,family_name,given_names\n"person,1,a,b\n', "l.csv", "malformed"),
    ],
)
def test_malformed_files_are_refused_with_a_clear_message(lists, data, name, message):
    with pytest.raises(StaffListInvalid) as excinfo:
        run(lists, data, name=name)
    [error] = excinfo.value.errors
    assert error.field == "file" and message in error.message


def test_oversize_and_too_many_rows_are_refused(lists, settings):
    settings.STAFF_LIST_MAX_BYTES = 200
    with pytest.raises(StaffListInvalid) as excinfo:
        run(lists, csv_bytes(simple_list(5)))
    assert "too big" in excinfo.value.errors[0].message
    settings.STAFF_LIST_MAX_BYTES = 10**6
    settings.STAFF_LIST_MAX_ROWS = 3
    with pytest.raises(StaffListInvalid) as excinfo:
        run(lists, csv_bytes(simple_list(5)))
    assert "more than 3 rows" in excinfo.value.errors[0].message
    assert not m.Person.objects.filter(index_number="00000").exists()


def test_macro_workbooks_are_refused(lists):
    import io
    import zipfile

    buffer = io.BytesIO(xlsx_bytes(simple_list(1)))
    with zipfile.ZipFile(buffer, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"macro")
    with pytest.raises(StaffListInvalid) as excinfo:
        run(lists, buffer.getvalue(), name="list.xlsx")
    assert "macros" in excinfo.value.errors[0].message


def test_formula_only_workbook_is_refused(lists):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["record", "index_number", "family_name", "given_names"])
    sheet.append(["=A1", "=B1", "=C1", "=D1"])  # never computed: no cached values
    import io

    out = io.BytesIO()
    workbook.save(out)
    with pytest.raises(StaffListInvalid) as excinfo:
        run(lists, out.getvalue(), name="list.xlsx")
    assert "no rows" in excinfo.value.errors[0].message


def test_dry_run_writes_nothing(lists):
    result = run(lists, csv_bytes(simple_list(3)), dry_run=True)
    assert result.dry_run and result.people.created == 3
    assert not m.Person.objects.filter(index_number="00000").exists()


def test_country_representative_keeps_only_its_own_organizations_list(lists):
    run(lists, csv_bytes(simple_list(2)), actor=lists["rep_a"], org=lists["a"])
    with pytest.raises(PermissionDenied):
        run(lists, csv_bytes(simple_list(2)), actor=lists["rep_a"], org=lists["b"])
    for user in (lists["smt_a"], lists["outsider"]):
        with pytest.raises(PermissionDenied):
            run(lists, csv_bytes(simple_list(2)), actor=user, org=lists["a"])
    # The DO keeps every organization's list at the station (¶8, ¶10(e)).
    run(lists, csv_bytes(simple_list(2)), actor=lists["do"], org=lists["b"])
    assert m.Person.objects.filter(organization=lists["b"], index_number="00000").exists()


def test_deactivating_a_person_ends_their_appointments(lists):
    from actors.tests.factories import appoint

    run(lists, csv_bytes(simple_list(1, dependants=False)))
    person = m.Person.objects.get(index_number="00000")
    appointment = appoint(person, "warden", lists["zone"])
    result = run(lists, csv_bytes([person_row("00000", active="false")]))
    appointment.refresh_from_db()
    assert result.appointments_ended == 1
    assert appointment.status == AppointmentStatus.ENDED


def _import_queries(world, count: int) -> int:
    data = csv_bytes(simple_list(count))
    with CaptureQueriesContext(connection) as ctx:
        result = run(world, data)
    assert result.people.created == count
    return len(ctx.captured_queries)


def test_import_query_count_does_not_grow_with_rows(lists, django_assert_max_num_queries):
    # 11 for 10 rows and for 200: the user's grants, zones, advisory lock, existing people,
    # their dependants, people "not in file" and their dependants, savepoint, INSERT people,
    # INSERT dependants, release. Never a query per row.
    small = _import_queries(lists, 10)
    m.Person.objects.filter(organization=lists["a"], index_number__regex=r"^\d").delete()
    large = _import_queries(lists, 200)
    assert small == large
    m.Person.objects.filter(organization=lists["a"], index_number__regex=r"^\d").delete()
    with django_assert_max_num_queries(small):
        run(lists, csv_bytes(simple_list(10)))
    m.Person.objects.filter(organization=lists["a"], index_number__regex=r"^\d").delete()
    with django_assert_max_num_queries(small):
        run(lists, csv_bytes(simple_list(200)))
    # Updates are bulk too: change every row of the 200.
    rows = simple_list(200)
    for row in rows:
        if row["record"] == "dependant":
            row["relationship"] = "other"
        else:
            row["grade"] = "G-5"
    with django_assert_max_num_queries(small + 2):
        result = run(lists, csv_bytes(rows))
    assert result.people.updated == 200 and result.dependants.updated == 100
