"""Uploaded certificate files (¶27, annex ¶26) go the one way every upload goes
(accountability.core.uploads): stored under a generated name with the extension of the type
read from the bytes, never the uploaded name, and served from the API and the web page as a
download of that type, with ``nosniff``. Files stored before that are renamed by
``training/migrations/0004_evidence_generated_names.py``."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from actors.tests.api_helpers import client_for
from training.models import TrainingRecord
from training.services.records import record_upload
from training.tests import test_web_fixtures as fx
from training.tests.factories import course
from training.tests.test_api_fixtures import PNG, build_world, pdf_file

pytestmark = pytest.mark.django_db
URL = "/api/v1/training-records/"
# A PDF signature in front, HTML behind: accepted as a PDF, dangerous if served as a page.
POLYGLOT = b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n"
web_world = fx.web_world
GENERATED = re.compile(r"^training/evidence/\d{4}/[0-9a-f]{16}(_[A-Za-z0-9]{7})?\.(pdf|png)$")


@pytest.fixture
def world(outsider):
    return build_world(outsider)


def api_upload(client, person, file):
    return client.post(
        URL,
        {
            "person": person.pk,
            "course": course("STRESS").pk,
            "completed_on": (timezone.localdate() - dt.timedelta(days=3)).isoformat(),
            "evidence": file,
        },
        format="multipart",
    )


def assert_download(response, *, record: TrainingRecord, content_type: str, body: bytes):
    extension = {"application/pdf": "pdf", "image/png": "png"}.get(content_type, "bin")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="certificate-{record.pk}.{extension}"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response.getvalue() == body


def test_an_api_upload_named_html_is_stored_and_served_as_the_pdf_it_starts_as(world):
    w = world
    alice = client_for(w["alice"])
    response = api_upload(alice, w["alice"].person, pdf_file("evil.html", POLYGLOT))
    assert response.status_code == 201, response.content
    record = TrainingRecord.objects.get(pk=response.json()["id"])
    assert GENERATED.match(record.evidence.name), record.evidence.name
    assert record.evidence.name.endswith(".pdf") and "evil" not in record.evidence.name
    for user in ("alice", "fsco"):
        response = client_for(w[user]).get(f"{URL}{record.pk}/evidence/")
        assert_download(response, record=record, content_type="application/pdf", body=POLYGLOT)


def test_a_png_is_stored_and_served_as_a_png_whatever_its_name(world):
    w = world
    response = api_upload(client_for(w["alice"]), w["alice"].person, pdf_file("scan.pdf", PNG))
    record = TrainingRecord.objects.get(pk=response.json()["id"])
    assert GENERATED.match(record.evidence.name) and record.evidence.name.endswith(".png")
    response = client_for(w["fsco"]).get(f"{URL}{record.pk}/evidence/")
    assert_download(response, record=record, content_type="image/png", body=PNG)


def test_the_api_evidence_costs_three_queries(world, django_assert_num_queries):
    w = world
    response = api_upload(client_for(w["alice"]), w["alice"].person, pdf_file())
    fsco = client_for(w["fsco"])
    # 1 token + user, 1 grants, 1 row.
    with django_assert_num_queries(3):
        response = fsco.get(f"{URL}{response.json()['id']}/evidence/")
    assert response.status_code == 200
    response.close()


def test_a_web_upload_named_html_is_stored_and_served_as_the_pdf_it_starts_as(
    web_world, client, django_assert_num_queries
):
    w = web_world
    client.force_login(w["mary_user"])
    response = client.post(
        reverse("training:upload"),
        {
            "course": course("STRESS").pk,
            "completed_on": (w["today"] - dt.timedelta(days=20)).isoformat(),
            "dependant": "",
            "evidence": fx.pdf_upload("evil.html", POLYGLOT),
        },
    )
    assert response.status_code == 302
    record = TrainingRecord.objects.get(person=w["mary"])
    assert GENERATED.match(record.evidence.name) and "evil" not in record.evidence.name
    url = reverse("training:record-evidence", args=[record.pk])
    for user in (w["mary_user"], w["fsco"]):
        client.force_login(user)
        # session, user, the user's grants, the record (own, or within the verifier's scope).
        with django_assert_num_queries(4):
            response = client.get(url)
        assert_download(response, record=record, content_type="application/pdf", body=POLYGLOT)


def test_the_service_never_stores_the_uploaded_name(world):
    w = world
    record = record_upload(
        actor=w["alice"],
        person=w["alice"].person,
        course=course("STRESS"),
        completed_on=timezone.localdate() - dt.timedelta(days=3),
        evidence=pdf_file("../../etc/evil.html", POLYGLOT),
    )
    record.refresh_from_db()
    assert GENERATED.match(record.evidence.name), record.evidence.name
    with record.evidence.open("rb") as stored:
        assert stored.read() == POLYGLOT
