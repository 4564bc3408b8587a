"""Bulk import of completions from an LMS export (¶27, annex ¶26): validated row by row, all or
nothing, idempotent, bulk, by verifiers only; the web page and the API."""

import csv
import datetime as dt
import io
import time

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone

from actors import models as m
from actors.tests.api_helpers import client_for
from actors.tests.factories import (
    DependantFactory,
    DutyStationFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
    user_with_role,
)
from training.lms.columns import COLUMNS
from training.lms.importer import RecordsImportInvalid, records_import
from training.models import (
    Certificate,
    RecordSource,
    RecordStatus,
    TrainingRecord,
    TrainingRecordEvent,
)
from training.services.records import valid_until
from training.tests.factories import course

pytestmark = pytest.mark.django_db
API_URL = "/api/v1/training-records/import/"


@pytest.fixture
def lms(db):
    org = OrganizationFactory(code="unicef", name="UNICEF")
    other = OrganizationFactory(code="wfp", name="WFP")
    station = DutyStationFactory(name="Nairobi")
    far = DutyStationFactory(name="Juba")
    people = [
        PersonFactory(organization=org, duty_station=station, index_number=f"A{n:03d}")
        for n in range(3)
    ]
    people[0].language = "fr"
    people[0].save(update_fields=["language"])
    far_person = PersonFactory(organization=org, duty_station=far, index_number="FAR-1")
    child = DependantFactory(person=people[0], given_names="Amani Wanjiru")
    staff_user = UserFactory(organization=org, username="staff")
    PersonFactory(organization=org, duty_station=station, user=staff_user, index_number="STAFF")
    return {
        "org": org,
        "other": other,
        "station": station,
        "people": people,
        "far_person": far_person,
        "child": child,
        "other_person": PersonFactory(organization=other, duty_station=station, index_number="B-1"),
        "hq": user_with_role("hq_focal_point", org, organization=org, username="hq"),
        "fsco": user_with_role("fsco", station, organization=other, username="fsco"),
        "rep": user_with_role(
            "country_representative", station, organization=org, duty_station=station
        ),
        "staff": staff_user,
    }


def row(index, code="BSITF", completed_on=None, **values) -> dict:
    completed_on = completed_on or (timezone.localdate() - dt.timedelta(days=20)).isoformat()
    return {"index_number": index, "course_code": code, "completed_on": completed_on, **values}


def csv_bytes(rows, columns=COLUMNS) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    for values in rows:
        writer.writerow(values)
    return out.getvalue().encode("utf-8")


def upload(data: bytes, name: str = "lms.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def run(world, data: bytes, *, actor="hq", name="lms.csv", organization=None, **kwargs):
    return records_import(
        actor=world[actor] if isinstance(actor, str) else actor,
        organization=organization or world["org"],
        upload=upload(data, name),
        **kwargs,
    )


def errors_of(excinfo) -> set:
    return {(e.row, e.field) for e in excinfo.value.errors}


def imported(world):
    return TrainingRecord.objects.filter(organization=world["org"], source=RecordSource.IMPORT)


# --- Valid files ------------------------------------------------------------------------------


def test_valid_csv_import_records_verified_completions_and_renders_certificates(
    lms, django_capture_on_commit_callbacks
):
    a0, a1 = lms["people"][:2]
    on = timezone.localdate() - dt.timedelta(days=40)
    rows = [
        row("A000", score="92", external_reference="LMS-1"),
        row("a000".upper(), "stress", on.strftime("%d/%m/%Y"), dependant="amani wanjiru"),
        row("A001", "ASITF", f"{on.isoformat()} 14:30", score="75%"),
    ]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        result = run(lms, csv_bytes(rows))
    assert len(callbacks) == 1  # one on_commit for the whole file, not one per row
    assert result.as_dict() == {
        "dry_run": False,
        "rows": 3,
        "created": 3,
        "already_recorded": 0,
        "certificates": 3,
        "already_recorded_rows": [],
    }
    own = TrainingRecord.objects.get(person=a0, dependant=None)
    assert (own.course.code, own.score, own.external_reference) == ("BSITF", 92, "LMS-1")
    assert (own.source, own.status) == (RecordSource.IMPORT, RecordStatus.VERIFIED)
    assert own.verified_by == own.recorded_by == lms["hq"] and own.verified_at is not None
    assert own.valid_until == valid_until(own.course, own.completed_on)
    assert own.organization == lms["org"]
    childs = TrainingRecord.objects.get(dependant=lms["child"])
    assert (childs.person, childs.course.code, childs.completed_on) == (a0, "STRESS", on)
    third = TrainingRecord.objects.get(person=a1)
    assert (third.completed_on, third.score) == (on, 75)
    # Every completion has its certificate, rendered by the worker, in the person's language.
    certificates = Certificate.objects.filter(record__in=imported(lms))
    assert certificates.count() == 3
    assert all(c.sha256 and c.pdf for c in certificates)
    assert set(certificates.values_list("language", flat=True)) == {"fr", "en"}
    # The audit trail names the importer and the source, though the writes were bulk.
    event = TrainingRecordEvent.objects.get(pgh_obj_id=own.pk)
    assert event.pgh_context.metadata["source"] == "import:lms"
    assert event.pgh_context.metadata["user"] == lms["hq"].pk


def test_xlsx_import_with_date_cells(lms):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Index_Number", "COURSE_CODE", "Completed On", "Score"])
    on = timezone.localdate() - dt.timedelta(days=5)
    sheet.append(["A000", "BSITF", dt.datetime.combine(on, dt.time(0)), 88.0])
    sheet.append(["A001", "STRESS", dt.datetime.combine(on, dt.time(9, 15)), None])
    out = io.BytesIO()
    workbook.save(out)
    result = run(lms, out.getvalue(), name="export.xlsx")
    assert (result.created, result.rows) == (2, 2)
    assert set(imported(lms).values_list("completed_on", "score")) == {(on, 88), (on, None)}


def test_reimporting_the_same_file_writes_nothing(lms):
    data = csv_bytes([row("A000"), row("A001", "STRESS"), row("A002", dependant="")])
    assert run(lms, data).created == 3
    before = list(imported(lms).order_by("pk").values())
    certificates = Certificate.objects.count()
    with CaptureQueriesContext(connection) as ctx:
        again = run(lms, data)
    assert (again.created, again.already_recorded, again.certificates) == (0, 3, 0)
    assert again.already_recorded_rows == [2, 3, 4]
    assert list(imported(lms).order_by("pk").values()) == before
    assert Certificate.objects.count() == certificates
    assert not [q for q in ctx.captured_queries if q["sql"].startswith("INSERT")]


def test_a_completion_recorded_another_way_is_skipped(lms, django_capture_on_commit_callbacks):
    from training.services.records import record_completion

    on = timezone.localdate() - dt.timedelta(days=2)
    record_completion(
        person=lms["people"][0], course=course("BSITF"), completed_on=on, source="session"
    )
    result = run(lms, csv_bytes([row("A000", completed_on=on.isoformat()), row("A001")]))
    assert (result.created, result.already_recorded, result.already_recorded_rows) == (1, 1, [2])


def test_dry_run_reports_and_writes_nothing(lms, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        result = run(lms, csv_bytes([row("A000"), row("A001")]), dry_run=True)
    assert (result.dry_run, result.created, result.certificates) == (True, 2, 2)
    assert callbacks == [] and not imported(lms).exists()


# --- Errors: reported by row and column, nothing written --------------------------------------


def test_every_bad_row_is_reported_by_row_and_column_and_nothing_is_written(lms):
    future = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    rows = [
        row("A000"),  # row 2: fine
        row("", "BSITF"),  # row 3
        row("A001", "NOPE"),  # row 4
        row("A001", "BSITF", "31/02/2025"),  # row 5
        row("A001", "BSITF", future),  # row 6
        row("A002", score="101"),  # row 7
        row("A002", "STRESS", dependant="Nobody"),  # row 8
        row("A000"),  # row 9: the same completion as row 2
        row("A002", "BRIEF"),  # row 10: briefings are acknowledged, not imported
        row("A002", "ASITF", external_reference="x" * 101),  # row 11
        row("=cmd()", "ASITF"),  # row 12
        row("A002", "WARDEN", "yesterday"),  # row 13
    ]
    with pytest.raises(RecordsImportInvalid) as excinfo:
        run(lms, csv_bytes(rows))
    assert errors_of(excinfo) == {
        (3, "index_number"),
        (4, "course_code"),
        (5, "completed_on"),
        (6, "completed_on"),
        (7, "score"),
        (8, "dependant"),
        (9, "completed_on"),
        (10, "course_code"),
        (11, "external_reference"),
        (12, "index_number"),
        (13, "completed_on"),
    }
    messages = {(e.row, e.field): str(e.message) for e in excinfo.value.errors}
    assert "already on row 2" in messages[(9, "completed_on")]
    assert "¶33" in messages[(10, "course_code")]
    assert "YYYY-MM-DD or DD/MM/YYYY" in messages[(13, "completed_on")]
    # In file order, so the report reads like the file.
    assert [e.row for e in excinfo.value.errors] == sorted(e.row for e in excinfo.value.errors)
    assert not TrainingRecord.objects.exists() and not Certificate.objects.exists()


def test_other_organizations_people_and_people_outside_ones_scope_are_unknown(lms):
    rows = [row("B-1"), row("A000")]
    with pytest.raises(RecordsImportInvalid) as excinfo:
        run(lms, csv_bytes(rows))
    [error] = excinfo.value.errors
    assert (error.row, error.field) == (2, "index_number")
    assert "Unknown index number" in str(error.message)
    # The country representative verifies its own organization's people at its station only
    # (¶15, annex ¶24): a person of the organization elsewhere is unknown to it.
    with pytest.raises(RecordsImportInvalid) as excinfo:
        run(lms, csv_bytes([row("A000"), row("FAR-1")]), actor="rep")
    assert errors_of(excinfo) == {(3, "index_number")}
    assert not TrainingRecord.objects.exists()


def test_the_fsco_imports_for_another_agencys_people_at_its_station(lms):
    result = run(lms, csv_bytes([row("A000"), row("A001")]), actor="fsco")
    assert result.created == 2
    with pytest.raises(RecordsImportInvalid) as excinfo:
        run(lms, csv_bytes([row("FAR-1")]), actor="fsco")
    assert errors_of(excinfo) == {(2, "index_number")}


def test_no_one_records_their_own_completion(lms):
    hq_person = lms["hq"].person
    with pytest.raises(RecordsImportInvalid) as excinfo:
        run(lms, csv_bytes([row(hq_person.index_number)]))
    [error] = excinfo.value.errors
    assert error.field == "index_number" and "your own completion" in str(error.message)


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "lms.csv", "empty"),
        (b"index_number,course_code\nA000,BSITF\n", "lms.csv", "missing: completed_on"),
        (b"index_number,course,completed_on\n", "lms.csv", "Unknown columns: course"),
        (b"index_number,course_code,completed_on\n", "lms.csv", "no rows"),
        (b"\x00\x01binary", "lms.csv", "not a text file"),
        (b"whatever", "lms.xls", "Only .csv and .xlsx"),
    ],
)
def test_malformed_files_are_refused_with_a_clear_message(lms, data, name, message):
    with pytest.raises(RecordsImportInvalid) as excinfo:
        run(lms, data, name=name)
    [error] = excinfo.value.errors
    assert error.field == "file" and message in str(error.message)


# --- Rights -----------------------------------------------------------------------------------


def test_a_staff_member_without_verify_rights_is_refused(lms, client):
    data = csv_bytes([row("A000")])
    with pytest.raises(PermissionDenied):
        run(lms, data, actor="staff")
    with pytest.raises(PermissionDenied):
        run(lms, data, actor="hq", organization=lms["other"])  # not its organization
    client.force_login(lms["staff"])
    assert client.get(reverse("training:records-import")).status_code == 404
    response = client.post(
        reverse("training:records-import"),
        {"organization": lms["org"].pk, "file": upload(data)},
    )
    assert response.status_code == 404
    response = client_for(lms["staff"]).post(
        API_URL, {"file": upload(data), "organization": lms["org"].pk}, format="multipart"
    )
    assert response.status_code == 404
    assert not TrainingRecord.objects.exists()


# --- Bulk ---------------------------------------------------------------------------------------


def _many_people(world, count: int) -> list[str]:
    people = m.Person.objects.bulk_create(
        [
            m.Person(
                organization=world["org"],
                duty_station=world["station"],
                family_name=f"Bulk{n}",
                given_names="Test",
                index_number=f"N{n:05d}",
                category=m.PersonCategory.LOCAL,
                contract_type=m.ContractType.FIXED_TERM,
            )
            for n in range(count)
        ]
    )
    return [person.index_number for person in people]


def _rows(indexes) -> list[dict]:
    codes = ("BSITF", "STRESS", "ASITF")
    return [row(index, codes[n % 3], score=str(80 + n % 20)) for n, index in enumerate(indexes)]


def test_query_count_is_the_same_for_10_and_100_rows(lms, django_assert_num_queries):
    rows = _rows(_many_people(lms, 110))
    # The importer's grants, the organization check (EXISTS), the savepoint, the advisory
    # lock, the people, the courses, the completions already recorded, INSERT completions,
    # INSERT certificates, the savepoint's release.
    with django_assert_num_queries(10):
        assert run(lms, csv_bytes(rows[:10])).created == 10
    with django_assert_num_queries(10):
        assert run(lms, csv_bytes(rows[10:110])).created == 100
    # Re-importing 100 rows, with one new dependant's row: one more, the dependants' read.
    with django_assert_num_queries(11):
        result = run(lms, csv_bytes(rows[:100] + [row("A000", dependant="Amani Wanjiru")]))
    assert (result.already_recorded, result.created) == (100, 1)


def test_a_5000_row_import(lms, capsys):
    indexes = _many_people(lms, 5000)
    data = csv_bytes(_rows(indexes))
    started = time.perf_counter()
    result = run(lms, data)
    elapsed = time.perf_counter() - started
    assert result.created == 5000 and Certificate.objects.count() == 5000
    started = time.perf_counter()
    assert run(lms, data).already_recorded == 5000
    again = time.perf_counter() - started
    with capsys.disabled():
        print(
            f"\nLMS import of 5,000 rows: {elapsed:.2f} s; "
            f"re-import (writes nothing): {again:.2f} s"
        )


# --- Web page and API -------------------------------------------------------------------------


def test_import_page_dry_run_then_import(lms, client, django_assert_num_queries):
    client.force_login(lms["hq"])
    url = reverse("training:records-import")
    # The session, the user, the user's grants, the organizations the user verifies for; the
    # layout's notification count and the user's organization.
    with django_assert_num_queries(6):
        response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "course_code" in page and "external_reference" in page  # the format is documented
    assert f'value="{lms["org"].pk}" selected' in page
    assert "WFP" not in page  # not an organization the HQ focal point verifies for
    data = csv_bytes([row("A000"), row("A001")])
    response = client.post(
        url, {"organization": lms["org"].pk, "file": upload(data), "dry_run": "on"}
    )
    assert response.status_code == 200
    assert "Nothing was written" in response.content.decode()
    assert not imported(lms).exists()
    response = client.post(url, {"organization": lms["org"].pk, "file": upload(data)})
    assert response.status_code == 200 and "Imported." in response.content.decode()
    assert imported(lms).count() == 2


def test_import_page_shows_the_row_report(lms, client):
    client.force_login(lms["hq"])
    data = csv_bytes([row("A000"), row("B-1", "NOPE")])
    response = client.post(
        reverse("training:records-import"), {"organization": lms["org"].pk, "file": upload(data)}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="import-errors"' in page and "Unknown index number" in page
    assert "No course has this code." in page
    # Another organization's id is not a choice: a form error, nothing read of it.
    response = client.post(
        reverse("training:records-import"), {"organization": lms["other"].pk, "file": upload(data)}
    )
    assert response.status_code == 400 and not imported(lms).exists()


def test_api_import_dry_run_import_and_errors(lms):
    api = client_for(lms["hq"])
    assert resolve(API_URL).url_name == "training-records-import"
    data = csv_bytes([row("A000"), row("A001")])
    response = api.post(f"{API_URL}?dry_run=1", {"file": upload(data)}, format="multipart")
    assert response.status_code == 200, response.content
    assert response.json()["dry_run"] is True and response.json()["created"] == 2
    assert not imported(lms).exists()
    response = api.post(
        API_URL, {"file": upload(data), "organization": lms["org"].pk}, format="multipart"
    )
    assert response.status_code == 200 and response.json()["created"] == 2
    response = api.post(API_URL, {"file": upload(data)}, format="multipart")
    assert response.json()["already_recorded"] == 2 and response.json()["created"] == 0

    bad = csv_bytes([row("A002"), row("A002", "STRESS", score="lots")])
    response = api.post(API_URL, {"file": upload(bad)}, format="multipart")
    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "validation_error"
    assert [(e["attr"], e["row"], e["field"]) for e in body["errors"]] == [
        ("row 3: score", 3, "score")
    ]
    assert not imported(lms).filter(person__index_number="A002").exists()
    response = api.post(API_URL, {"organization": lms["org"].pk}, format="multipart")
    assert response.status_code == 400 and response.json()["errors"][0]["attr"] == "file"
    for organization in (lms["other"].pk, 10**8):
        response = api.post(
            API_URL, {"file": upload(data), "organization": organization}, format="multipart"
        )
        assert response.status_code == 404
