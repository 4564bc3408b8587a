"""The "My training" page and the course catalogue (¶22, ¶25–¶33): requirements with status,
deadline and paragraph, the tests to take, certificates, uploads and briefings to
acknowledge; exact query counts, constant in the amount of data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from actors.tests.factories import DependantFactory, UserFactory
from training.models import Certificate, RecordSource, RecordStatus, TestAttempt
from training.services.briefings import briefing_record
from training.tests import test_web_fixtures as fx
from training.tests.factories import RecordFactory, agency_course, course

pytestmark = pytest.mark.django_db
web_world = fx.web_world

MY_TRAINING = reverse("training:my-training")


def test_the_nav_links_my_training(web_world, client):
    client.force_login(web_world["mary_user"])
    response = client.get(reverse("dashboard"))
    assert f'href="{MY_TRAINING}"' in fx.text(response)


def test_my_training_lists_own_and_dependants_requirements(web_world, client):
    w = web_world
    client.force_login(w["mary_user"])
    response = client.get(MY_TRAINING)
    assert response.status_code == 200
    rows = {(r.rule.code, r.dependant_id): r for r in response.context["requirements"]}
    assert set(rows) == {
        ("all-security-awareness", None),
        ("all-security-awareness", w["child"].pk),
        ("all-stress-management", None),
        ("arrival-briefing", None),
    }
    # Arrived ten days ago: the briefing (due within 7 days) is overdue by three days.
    briefing = rows[("arrival-briefing", None)]
    assert briefing.status == "overdue" and briefing.days_late == 3
    page = fx.text(response)
    assert "Overdue" in page and "3 days late" in page
    assert f"due by {briefing.due_on.isoformat()}" in page
    assert "¶22(c), ¶33" in page and "¶25, ¶32" in page
    assert "Amani (dependant)" in page
    # Own rows of courses with a question bank offer the test; the child's row does not.
    bsitf = course("BSITF")
    start = reverse("training:test-start", args=[bsitf.pk])
    assert page.count(f'action="{start}"') == 1
    assert [t["course"].code for t in rows[("all-security-awareness", None)].tests] == ["BSITF"]
    assert rows[("all-security-awareness", w["child"].pk)].tests == []
    assert rows[("arrival-briefing", None)].tests == []


def test_an_open_attempt_is_continued_and_a_compliant_row_offers_no_test(web_world, client):
    w = web_world
    bsitf, stress = course("BSITF"), course("STRESS")
    RecordFactory(person=w["mary"], course=stress)
    attempt = TestAttempt.objects.create(
        organization=w["unicef"], person=w["mary"], course=bsitf, questions=[]
    )
    client.force_login(w["mary_user"])
    page = fx.text(client.get(MY_TRAINING))
    assert reverse("training:test-take", args=[attempt.pk]) in page
    assert "Continue the BSITF test" in page
    assert reverse("training:test-start", args=[stress.pk]) not in page


def test_certificates_show_a_download_once_rendered(web_world, client):
    w = web_world
    rendered = RecordFactory(person=w["mary"], course=course("BSITF"))
    waiting = RecordFactory(person=w["mary"], course=course("BSITF"), dependant=w["child"])
    done = Certificate.objects.create(record=rendered, sha256="a" * 64)
    pending = Certificate.objects.create(record=waiting)
    client.force_login(w["mary_user"])
    page = fx.text(client.get(MY_TRAINING))
    assert reverse("training:certificate-pdf", args=[done.pk]) in page
    assert reverse("training:certificate-pdf", args=[pending.pk]) not in page
    assert "The certificate is being prepared." in page


def test_uploads_show_their_status_and_rejection_reason(web_world, client):
    w = web_world
    RecordFactory(
        person=w["mary"],
        course=course("STRESS"),
        source=RecordSource.UPLOAD,
        status=RecordStatus.REJECTED,
        rejection_reason="The scan is unreadable.",
    )
    client.force_login(w["mary_user"])
    page = fx.text(client.get(MY_TRAINING))
    assert "Rejected" in page and "The scan is unreadable." in page


def test_briefings_to_acknowledge_for_self_and_dependants(web_world, client):
    w = web_world
    briefing = briefing_record(
        actor=w["fsco"],
        duty_station=w["nairobi"],
        given_on=w["today"],
        given_by=w["fsco"].person,
        version="2026-1",
        content="Curfew, radio checks, evacuation routes.",
        people=[w["mary"]],
        dependants=[w["child"]],
    )
    client.force_login(w["mary_user"])
    response = client.get(MY_TRAINING)
    attendees = list(response.context["briefings"])
    assert len(attendees) == 2
    page = fx.text(response)
    for attendee in attendees:
        assert reverse("training:briefing-acknowledge", args=[attendee.pk]) in page
    assert "2026-1" in page and reverse("training:briefing-detail", args=[briefing.pk]) in page


def test_a_login_without_a_person_gets_a_clear_message(db, client):
    client.force_login(UserFactory(username="nobody"))
    response = client.get(MY_TRAINING)
    assert response.status_code == 200
    assert "not linked to an active member of personnel" in fx.text(response)
    assert "requirements" not in response.context


def test_managers_get_links_to_their_pages(web_world, client):
    w = web_world
    client.force_login(w["fsco"])
    page = fx.text(client.get(MY_TRAINING))
    assert reverse("training:verification-queue") in page
    assert reverse("training:records-import") in page
    assert reverse("training:requirements") in page
    client.force_login(w["mary_user"])
    page = fx.text(client.get(MY_TRAINING))
    assert reverse("training:verification-queue") not in page
    assert reverse("training:records-import") not in page
    assert reverse("training:requirements") not in page


def _more_of_everything(w, n):
    for i in range(n):
        child = DependantFactory(person=w["mary"], given_names=f"Extra{n}-{i}")
        record = RecordFactory(
            person=w["mary"],
            course=course("BSITF"),
            completed_on=w["today"] - dt.timedelta(days=30 + i + 10 * n),
        )
        Certificate.objects.create(record=record)
        RecordFactory(
            person=w["mary"],
            dependant=child,
            course=course("STRESS"),
            source=RecordSource.UPLOAD,
            status=RecordStatus.PENDING,
        )
    briefing_record(
        actor=w["fsco"],
        duty_station=w["nairobi"],
        given_on=w["today"] - dt.timedelta(days=n),
        given_by=w["fsco"].person,
        version=f"v{n}",
        content="Security situation.",
        people=[w["mary"]],
        dependants=list(w["mary"].dependants.all()),
    )


def test_my_training_query_count_is_constant(web_world, client, django_assert_num_queries):
    w = web_world
    client.force_login(w["mary_user"])
    for n in (1, 6):
        _more_of_everything(w, n)
        # session, user, the person, the grants (links), the requirements, the courses with a
        # test, the open attempts, the certificates, the uploads, the briefings to
        # acknowledge, the base template's two (the user's organization, the header status).
        with django_assert_num_queries(12):
            response = client.get(MY_TRAINING)
        assert response.status_code == 200
    assert len(response.context["requirements"]) > 10


def test_course_catalogue(web_world, client, django_assert_num_queries):
    w = web_world
    own = agency_course(w["unicef"], code="UNICEF-SEC", title="UNICEF field security")
    other = agency_course(w["undp"], code="UNDP-SEC", title="UNDP field security")
    for c in (own, other):
        fx_question = c.questions.create(text="Q?")
        fx_question.choices.create(text="yes", is_correct=True)
    client.force_login(w["mary_user"])
    # session, user, the person, COUNT, the page, the grants (links), the base template's two.
    with django_assert_num_queries(8):
        response = client.get(reverse("training:course-list"))
    page = fx.text(response)
    assert "BSITF" in page and "awaiting endorsement" in page
    assert reverse("training:test-start", args=[course("BSITF").pk]) in page
    # The agency's own course awaiting endorsement is offered to its staff, another's is not.
    assert reverse("training:test-start", args=[own.pk]) in page
    assert reverse("training:test-start", args=[other.pk]) not in page
    # In-person courses have no test.
    assert reverse("training:test-start", args=[course("WARDEN").pk]) not in page
