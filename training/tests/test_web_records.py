"""Certificates obtained elsewhere (¶27, annex ¶26): the upload form and its errors, the
verification queue, the evidence file served through a scoped view, verify and reject rights
(the person themself never verifies; out of scope answers 404)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from actors.tests.factories import DependantFactory
from training.models import Certificate, RecordStatus, TrainingRecord
from training.services.records import record_upload
from training.tests import test_web_fixtures as fx
from training.tests.factories import agency_course, course

pytestmark = pytest.mark.django_db
web_world = fx.web_world

UPLOAD = reverse("training:upload")
QUEUE = reverse("training:verification-queue")


def upload_data(w, **overrides):
    data = {
        "course": course("STRESS").pk,
        "completed_on": (w["today"] - dt.timedelta(days=20)).isoformat(),
        "dependant": "",
        "evidence": fx.pdf_upload(),
        "external_reference": "LMS-42",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def uploaded(w, person=None, **kwargs):
    person = person or w["mary"]
    return record_upload(
        actor=person.user or w["fsco"],
        person=person,
        course=kwargs.pop("course", course("STRESS")),
        completed_on=kwargs.pop("completed_on", w["today"] - dt.timedelta(days=20)),
        evidence=fx.pdf_upload(),
        **kwargs,
    )


def test_upload_records_a_pending_completion(web_world, client):
    w = web_world
    client.force_login(w["mary_user"])
    assert client.get(UPLOAD).status_code == 200
    response = client.post(UPLOAD, upload_data(w, dependant=w["child"].pk))
    assert response.status_code == 302 and response["Location"] == reverse("training:my-training")
    record = TrainingRecord.objects.get(person=w["mary"])
    assert record.status == RecordStatus.PENDING and record.dependant == w["child"]
    assert record.external_reference == "LMS-42"
    with record.evidence.open("rb") as stored:
        assert stored.read() == fx.PDF_BYTES
    messages = fx.page_messages(client.get(response["Location"]))
    assert messages == ["Your certificate is uploaded. It counts once a focal point verifies it."]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"evidence": None}, "evidence", "Attach the certificate (PDF, PNG or JPEG)."),
        (
            {"evidence": fx.pdf_upload("certificate.pdf", b"MZ\x90\x00 not a pdf")},
            "evidence",
            "Only PDF, PNG and JPEG files are accepted.",
        ),
        ({"evidence": fx.pdf_upload("empty.pdf", b"")}, "evidence", "The submitted file is empty."),
        (
            {"completed_on": "2999-01-01"},
            "completed_on",
            "The date of completion is in the future.",
        ),
        ({"completed_on": "yesterday"}, "completed_on", "Enter a valid date."),
        ({"course": None}, "course", "This field is required."),
    ],
)
def test_upload_errors_name_their_field(web_world, client, overrides, field, message):
    w = web_world
    client.force_login(w["mary_user"])
    response = client.post(UPLOAD, upload_data(w, **overrides))
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert not TrainingRecord.objects.exists()


def test_upload_refuses_a_file_over_the_limit(web_world, client, settings):
    settings.TRAINING_UPLOAD_MAX_BYTES = 20
    client.force_login(web_world["mary_user"])
    response = client.post(UPLOAD, upload_data(web_world))
    assert response.status_code == 400
    assert response.context["form"].errors["evidence"][0].startswith("The file is")


def test_upload_offers_only_own_dependants_and_offered_courses(web_world, client):
    w = web_world
    someone_elses = DependantFactory(person=w["otieno"])
    foreign_course = agency_course(w["undp"], code="UNDP-ONLY")
    client.force_login(w["mary_user"])
    response = client.post(
        UPLOAD, upload_data(w, dependant=someone_elses.pk, course=foreign_course.pk)
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"dependant", "course"}
    assert "Select a valid choice" in errors["dependant"][0]
    # The arrival briefing is acknowledged in the app, not uploaded.
    choices = response.context["form"].fields["course"].queryset
    assert not choices.filter(code="BRIEF").exists()


def test_the_same_completion_twice_is_refused_on_the_date(web_world, client):
    w = web_world
    client.force_login(w["mary_user"])
    client.post(UPLOAD, upload_data(w))
    response = client.post(UPLOAD, upload_data(w))
    assert response.status_code == 400
    assert response.context["form"].errors["completed_on"] == [
        "This completion is already recorded for that day."
    ]


def test_a_login_without_a_person_cannot_upload(db, client):
    from actors.tests.factories import UserFactory

    client.force_login(UserFactory())
    assert "not linked" in fx.text(client.get(UPLOAD))
    assert client.post(UPLOAD, {"evidence": fx.pdf_upload()}).status_code == 400
    assert not TrainingRecord.objects.exists()


def test_the_queue_shows_what_each_verifier_may_verify(web_world, client):
    w = web_world
    mary_upload = uploaded(w)
    wanjiru_upload = uploaded(w, person=w["wanjiru"])
    # The FSCO verifies for every organization at the station.
    client.force_login(w["fsco"])
    response = client.get(QUEUE)
    assert {r.pk for r in response.context["page"]} == {mary_upload.pk, wanjiru_upload.pk}
    page = fx.text(response)
    assert reverse("training:record-evidence", args=[mary_upload.pk]) in page
    assert reverse("training:record-verify", args=[mary_upload.pk]) in page
    # The country representative for its own organization's people only.
    client.force_login(w["rep"])
    assert [r.pk for r in client.get(QUEUE).context["page"]] == [mary_upload.pk]
    # The person never verifies their own completion.
    client.force_login(w["mary_user"])
    assert list(client.get(QUEUE).context["page"]) == []


def test_verify_counts_the_completion_and_requests_the_certificate(web_world, client):
    w = web_world
    record = uploaded(w)
    client.force_login(w["rep"])
    response = client.post(reverse("training:record-verify", args=[record.pk]), follow=True)
    assert response.redirect_chain == [(QUEUE, 302)]
    assert fx.page_messages(response) == ["The certificate of Mary Achieng for STRESS is verified."]
    record.refresh_from_db()
    assert record.status == RecordStatus.VERIFIED and record.verified_by == w["rep"]
    assert Certificate.objects.filter(record=record).exists()
    # Verifying again: a clear message, nothing changes.
    response = client.post(reverse("training:record-verify", args=[record.pk]), follow=True)
    assert fx.page_messages(response) == ["This completion is no longer awaiting verification."]


def test_reject_needs_a_reason(web_world, client):
    w = web_world
    record = uploaded(w)
    url = reverse("training:record-reject", args=[record.pk])
    client.force_login(w["fsco"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "reason": ["Say why the certificate is not accepted."]
    }
    response = client.post(url, {"reason": "The certificate is for another person."})
    assert response["Location"] == QUEUE
    record.refresh_from_db()
    assert record.status == RecordStatus.REJECTED
    assert record.rejection_reason == "The certificate is for another person."
    # Once decided, the reject page sends back to the queue.
    assert client.get(url)["Location"] == QUEUE


def test_verify_and_reject_answer_404_without_the_right(web_world, client, outsider):
    w = web_world
    mary_upload = uploaded(w)
    wanjiru_upload = uploaded(w, person=w["wanjiru"])
    cases = [
        (w["mary_user"], mary_upload),  # one's own
        (w["rep"], wanjiru_upload),  # another organization's
        (outsider, mary_upload),
    ]
    for user, record in cases:
        client.force_login(user)
        for name in ("training:record-verify", "training:record-reject"):
            url = reverse(name, args=[record.pk])
            assert client.post(url, {"reason": "no"}).status_code == 404, (user, name)
        assert client.get(reverse("training:record-reject", args=[record.pk])).status_code == 404
    assert set(TrainingRecord.objects.values_list("status", flat=True)) == {RecordStatus.PENDING}


def test_the_evidence_file_is_served_to_verifiers_and_its_owner_only(web_world, client, outsider):
    w = web_world
    record = uploaded(w)
    url = reverse("training:record-evidence", args=[record.pk])
    for user in (w["mary_user"], w["fsco"], w["rep"]):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response.getvalue() == fx.PDF_BYTES
    wanjiru_record = uploaded(w, person=w["wanjiru"])
    for user, pk in ((outsider, record.pk), (w["rep"], wanjiru_record.pk)):
        client.force_login(user)
        assert client.get(reverse("training:record-evidence", args=[pk])).status_code == 404


def test_queue_query_count_is_constant(web_world, client, django_assert_num_queries):
    w = web_world
    client.force_login(w["fsco"])
    for n in (1, 8):
        for i in range(n):
            uploaded(w, completed_on=w["today"] - dt.timedelta(days=100 + 10 * n + i))
        # session, user, the grants, COUNT, the page with person, organization, station,
        # dependant and course, the base template's two.
        with django_assert_num_queries(7):
            response = client.get(QUEUE)
        assert response.status_code == 200
    assert len(response.context["page"]) == 9
