"""/api/v1/training-records/ and /api/v1/certificates/: completions kept for every
organization (¶27), certificates uploaded from elsewhere and verified by a focal point, and
the certificate PDFs (¶32)."""

import csv
import datetime as dt
import io

import pytest

from actors.tests.api_helpers import client_for, error_attrs, ids
from actors.tests.factories import DependantFactory
from training.models import Certificate, RecordStatus, TrainingRecord
from training.services.records import valid_until
from training.tests.factories import RecordFactory, agency_course, course
from training.tests.test_api_fixtures import PDF, PNG, build_world, pdf_file, people_at

URL = "/api/v1/training-records/"
CERTIFICATES = "/api/v1/certificates/"
# A fixed day, and the clock frozen on it for each test: a date read at import disagreed
# with the code's own once a run crossed midnight UTC.
T = dt.date(2026, 6, 16)
pytestmark = [pytest.mark.django_db, pytest.mark.frozen_on(T)]


@pytest.fixture
def world(outsider):
    w = build_world(outsider)
    w["alice_bsitf"] = RecordFactory(person=w["alice"].person, course=course("BSITF"))
    w["ben_stress"] = RecordFactory(person=w["ben"].person, course=course("STRESS"))
    w["carl_bsitf"] = RecordFactory(person=w["carl"].person, course=course("BSITF"))
    return w


def upload(client, person, *, course_code="STRESS", file=None, **extra):
    body = {
        "person": person.pk,
        "course": course(course_code).pk,
        "completed_on": (T - dt.timedelta(days=3)).isoformat(),
        "evidence": file or pdf_file(),
        **extra,
    }
    return client.post(URL, body, format="multipart")


# --- Reading -----------------------------------------------------------------------------------


def test_records_follow_the_people_one_sees(world):
    w = world
    expected = {
        "fsco": {w["alice_bsitf"].pk, w["ben_stress"].pk},  # everyone at Nairobi
        "cfp": {w["ben_stress"].pk},  # UNICEF's people at Nairobi
        "hq": {w["alice_bsitf"].pk, w["carl_bsitf"].pk},  # UNDP everywhere
        "alice": {w["alice_bsitf"].pk},
        "outsider": set(),
    }
    for user, records in expected.items():
        response = client_for(w[user]).get(URL, {"page_size": 100})
        assert response.status_code == 200 and ids(response) == records, user
    row = client_for(w["alice"]).get(f"{URL}{w['alice_bsitf'].pk}/").json()
    assert row | {"id": 0, "created_at": ""} == {
        "id": 0,
        "organization": w["undp"].pk,
        "organization_code": "undp",
        "person": w["alice"].person.pk,
        "person_family_name": w["alice"].person.family_name,
        "person_given_names": w["alice"].person.given_names,
        "dependant": None,
        "dependant_given_names": None,
        "course": course("BSITF").pk,
        "course_code": "BSITF",
        "completed_on": w["alice_bsitf"].completed_on.isoformat(),
        "valid_until": w["alice_bsitf"].valid_until.isoformat(),
        "source": "import",
        "status": "verified",
        "score": None,
        "has_evidence": False,
        "external_reference": "",
        "session": None,
        "recorded_by": None,
        "verified_by": None,
        "verified_at": None,
        "rejection_reason": "",
        "certificate": None,
        "created_at": "",
    }
    for user in ("cfp", "outsider"):
        assert client_for(w[user]).get(f"{URL}{w['alice_bsitf'].pk}/").status_code == 404


def test_record_filters_and_their_errors(world):
    w = world
    client = client_for(w["fsco"])
    assert ids(client.get(URL, {"person": w["ben"].person.pk})) == {w["ben_stress"].pk}
    assert ids(client.get(URL, {"course": course("BSITF").pk})) == {w["alice_bsitf"].pk}
    assert ids(client.get(URL, {"organization": w["unicef"].pk})) == {w["ben_stress"].pk}
    assert ids(client.get(URL, {"status": "pending"})) == set()
    assert ids(client.get(URL, {"source": "import", "status": "verified"})) == {
        w["alice_bsitf"].pk,
        w["ben_stress"].pk,
    }
    response = client.get(URL, {"status": "lost", "source": "pigeon", "person": "x"})
    assert response.status_code == 400
    assert error_attrs(response) == {"status", "source", "person"}


def test_record_lists_and_details_cost_three_queries(world, django_assert_num_queries):
    w = world

    def check():
        for user in ("fsco", "cfp", "hq", "alice", "outsider"):
            client = client_for(w[user])
            for params in ({"page_size": 1}, {"page_size": 100}, {"format": "csv"}):
                # 1 token + user, 1 grants, 1 page (certificate id and names joined in).
                with django_assert_num_queries(3):
                    assert client.get(URL, params).status_code == 200
        client = client_for(w["fsco"])
        with django_assert_num_queries(3):  # 1 token + user, 1 grants, 1 row
            assert client.get(f"{URL}{w['ben_stress'].pk}/").status_code == 200

    check()
    for person in people_at(w["nairobi"], w["unicef"], 10) + people_at(w["kisumu"], w["undp"], 10):
        RecordFactory(person=person)
    check()


def test_csv_export_of_records(world):
    response = client_for(world["fsco"]).get(URL, {"format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {(row["course_code"], row["organization_code"]) for row in rows} == {
        ("BSITF", "undp"),
        ("STRESS", "unicef"),
    }


# --- Uploads -----------------------------------------------------------------------------------


def test_a_staff_member_uploads_a_certificate_that_waits_for_verification(world):
    w = world
    alice = client_for(w["alice"])
    response = upload(alice, w["alice"].person, external_reference="LMS-7")
    assert response.status_code == 201, response.content
    row = response.json()
    assert (row["source"], row["status"], row["has_evidence"]) == ("upload", "pending", True)
    assert (row["course_code"], row["external_reference"], row["recorded_by"]) == (
        "STRESS",
        "LMS-7",
        w["alice"].pk,
    )
    # Valid for the course's 36 months from completion, fixed when recorded.
    assert row["valid_until"] == valid_until(course("STRESS"), T - dt.timedelta(days=3)).isoformat()
    # The file is served to whoever sees the completion, the verifier above all.
    for user in ("alice", "fsco"):
        response = client_for(w[user]).get(f"{URL}{row['id']}/evidence/")
        assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
        assert response["Cache-Control"] == "private, no-store"
    assert client_for(w["cfp"]).get(f"{URL}{row['id']}/evidence/").status_code == 404
    # A record without a file: 404 as well.
    assert alice.get(f"{URL}{w['alice_bsitf'].pk}/evidence/").status_code == 404


def test_uploads_for_a_dependant_and_by_a_focal_point(world):
    w = world
    response = upload(client_for(w["alice"]), w["alice"].person, dependant=w["child"].pk)
    assert response.status_code == 201 and response.json()["dependant"] == w["child"].pk
    response = upload(client_for(w["cfp"]), w["ben"].person, file=pdf_file("scan.png", PNG))
    assert response.status_code == 201 and response.json()["person"] == w["ben"].person.pk


def test_upload_checks_the_file_type_and_size(world, settings):
    w = world
    alice = client_for(w["alice"])
    fake = pdf_file("certificate.pdf", b"MZ\x90\x00 this is an executable")
    response = upload(alice, w["alice"].person, file=fake)
    assert response.status_code == 400 and error_attrs(response) == {"evidence"}
    assert "PDF, PNG and JPEG" in response.json()["errors"][0]["detail"]
    settings.TRAINING_UPLOAD_MAX_BYTES = 20
    response = upload(alice, w["alice"].person)
    assert response.status_code == 400 and error_attrs(response) == {"evidence"}
    assert "the limit is 20" in response.json()["errors"][0]["detail"]
    assert not TrainingRecord.objects.filter(source="upload").exists()


def test_upload_names_each_bad_field(world):
    w = world
    alice = client_for(w["alice"])
    response = alice.post(URL, {}, format="multipart")
    assert response.status_code == 400
    assert error_attrs(response) == {"person", "course", "completed_on", "evidence"}
    # Someone one may not see, another agency's unendorsed course, a date in the future.
    response = upload(
        alice,
        w["ben"].person,
        completed_on=(T + dt.timedelta(days=1)).isoformat(),
        course=agency_course(w["unicef"]).pk,
    )
    assert error_attrs(response) == {"person", "course"}
    response = upload(alice, w["alice"].person, completed_on=(T + dt.timedelta(days=1)))
    assert error_attrs(response) == {"completed_on"}
    # Someone else's dependant; a colleague one may see but not record for.
    other_child = DependantFactory(person=w["fsco"].person)
    response = upload(client_for(w["fsco"]), w["alice"].person, dependant=other_child.pk)
    assert error_attrs(response) == {"dependant"}
    response = upload(alice, w["alice"].person)
    assert response.status_code == 201
    response = upload(alice, w["alice"].person)
    assert response.status_code == 400 and error_attrs(response) == {"completed_on"}


# --- Verification (¶27) -------------------------------------------------------------------------


def pending(world, user_key) -> int:
    response = upload(client_for(world[user_key]), world[user_key].person)
    assert response.status_code == 201, response.content
    return response.json()["id"]


def verify(world, user_key, record_id):
    return client_for(world[user_key]).post(f"{URL}{record_id}/verify/")


def test_no_one_verifies_their_own_upload(world):
    for user in ("alice", "fsco"):
        record_id = pending(world, user)
        assert verify(world, user, record_id).status_code == 404
        assert (
            client_for(world[user])
            .post(f"{URL}{record_id}/reject/", {"reason": "mine"})
            .status_code
            == 404
        )
        assert TrainingRecord.objects.get(pk=record_id).status == RecordStatus.PENDING


def test_a_country_focal_point_verifies_its_own_organization_only(world):
    alice_record, ben_record = pending(world, "alice"), pending(world, "ben")
    assert verify(world, "cfp", alice_record).status_code == 404  # UNDP's
    response = verify(world, "cfp", ben_record)
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["verified_by"]) == (
        "verified",
        world["cfp"].pk,
    )


def test_the_fsco_verifies_everyone_at_the_station_and_the_hq_focal_point_its_agency(
    world, django_capture_on_commit_callbacks
):
    alice_record, ben_record, carl_record = (pending(world, k) for k in ("alice", "ben", "carl"))
    assert verify(world, "fsco", carl_record).status_code == 404  # Kisumu
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert verify(world, "fsco", alice_record).status_code == 200
    assert len(callbacks) == 1  # the certificate is rendered after commit
    assert verify(world, "fsco", ben_record).status_code == 200
    assert verify(world, "hq", carl_record).status_code == 200
    assert (
        Certificate.objects.filter(record_id__in=[alice_record, ben_record, carl_record]).count()
        == 3
    )
    assert verify(world, "hq", carl_record).status_code == 400  # no longer pending


def test_rejecting_needs_a_reason_and_ends_the_verification(world):
    record_id = pending(world, "ben")
    client = client_for(world["fsco"])
    response = client.post(f"{URL}{record_id}/reject/", {})
    assert response.status_code == 400 and error_attrs(response) == {"reason"}
    response = client.post(f"{URL}{record_id}/reject/", {"reason": "The scan is illegible."})
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["rejection_reason"]) == (
        "rejected",
        "The scan is illegible.",
    )
    response = client.post(f"{URL}{record_id}/verify/")
    assert response.status_code == 400 and error_attrs(response) == {"status"}
    assert not Certificate.objects.filter(record_id=record_id).exists()


def test_records_are_not_changed_or_deleted_through_the_api(world):
    client = client_for(world["hq"])
    record = world["alice_bsitf"]
    for method in ("put", "patch", "delete"):
        assert getattr(client, method)(f"{URL}{record.pk}/", {}).status_code == 405


# --- Certificates ----------------------------------------------------------------------------


@pytest.fixture
def certified(world, django_capture_on_commit_callbacks):
    """alice's uploaded stress certificate verified by the FSCO, its PDF rendered for real."""
    record_id = pending(world, "alice")
    with django_capture_on_commit_callbacks(execute=True):
        assert verify(world, "fsco", record_id).status_code == 200
    world["certificate"] = Certificate.objects.get(record_id=record_id)
    return world


def test_certificates_list_and_detail(certified):
    w = certified
    certificate = w["certificate"]
    for user in ("alice", "fsco", "hq"):
        response = client_for(w[user]).get(CERTIFICATES)
        assert ids(response) == {certificate.pk}, user
    for user in ("cfp", "outsider", "carl"):
        assert ids(client_for(w[user]).get(CERTIFICATES)) == set(), user
        assert client_for(w[user]).get(f"{CERTIFICATES}{certificate.pk}/").status_code == 404
    row = client_for(w["alice"]).get(f"{CERTIFICATES}{certificate.pk}/").json()
    assert row["verification_code"] == certificate.verification_code
    assert (row["course_code"], row["person"], row["rendered"]) == (
        "STRESS",
        w["alice"].person.pk,
        True,
    )
    assert row["issued_at"] and len(row["sha256"]) == 64
    assert row["record"] == certificate.record_id and row["organization"] == w["undp"].pk
    filtered = client_for(w["fsco"]).get(CERTIFICATES, {"person": w["ben"].person.pk})
    assert ids(filtered) == set()
    response = client_for(w["fsco"]).get(CERTIFICATES, {"course": "x"})
    assert response.status_code == 400 and error_attrs(response) == {"course"}


def test_the_certificate_pdf_is_the_stored_file(certified):
    w = certified
    certificate = w["certificate"]
    url = f"{CERTIFICATES}{certificate.pk}/pdf/"
    client = client_for(w["alice"])
    first = client.get(url)
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    body = b"".join(first.streaming_content)
    assert body.startswith(b"%PDF")
    assert b"".join(client.get(url).streaming_content) == body
    assert first["ETag"] == f'"{certificate.sha256}"'
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    for user in ("cfp", "outsider"):
        assert client_for(w[user]).get(url).status_code == 404


def test_a_certificate_not_yet_rendered_answers_404(world):
    certificate = Certificate.objects.create(record=world["alice_bsitf"])
    client = client_for(world["alice"])
    row = client.get(f"{CERTIFICATES}{certificate.pk}/").json()
    assert (row["rendered"], row["issued_at"], row["sha256"]) == (False, None, "")
    assert client.get(f"{CERTIFICATES}{certificate.pk}/pdf/").status_code == 404
    assert client.get(f"{CERTIFICATES}987654/pdf/").status_code == 404


def test_certificate_lists_and_details_cost_three_queries(world, django_assert_num_queries):
    w = world
    certificate = Certificate.objects.create(record=w["alice_bsitf"])

    def check():
        for user in ("fsco", "hq", "alice", "outsider"):
            client = client_for(w[user])
            for params in ({"page_size": 1}, {"page_size": 100}, {"format": "csv"}):
                with django_assert_num_queries(3):  # 1 token + user, 1 grants, 1 page
                    assert client.get(CERTIFICATES, params).status_code == 200
        fsco = client_for(w["fsco"])
        with django_assert_num_queries(3):  # 1 token + user, 1 grants, 1 row
            assert fsco.get(f"{CERTIFICATES}{certificate.pk}/").status_code == 200

    check()
    for person in people_at(w["nairobi"], w["undp"], 10):
        Certificate.objects.create(record=RecordFactory(person=person))
    check()
