"""The computer-generated test of ¶32 in the browser: start, take, submit; fail, retake, pass;
one open attempt at a time; nothing on the page says which answer is right; attempts are
their person's alone."""

from __future__ import annotations

import pytest
from django.urls import reverse

from training.models import Certificate, Choice, RecordSource, TestAttempt, TrainingRecord
from training.tests import test_web_fixtures as fx
from training.tests.factories import agency_course, course

pytestmark = pytest.mark.django_db
web_world = fx.web_world


def start(client, course_obj):
    return client.post(reverse("training:test-start", args=[course_obj.pk]))


def answers(attempt, *, right: bool) -> dict[str, int]:
    """The form data of a sheet answered all right or all wrong, read from the bank."""
    data = {}
    for question_id in attempt.questions:
        choice = Choice.objects.filter(question_id=question_id, is_correct=right).first()
        data[f"q{question_id}"] = choice.pk
    return data


def test_start_opens_an_attempt_and_resumes_it(web_world, client):
    client.force_login(web_world["mary_user"])
    bsitf = course("BSITF")
    response = start(client, bsitf)
    attempt = TestAttempt.objects.get(person=web_world["mary"])
    assert response.status_code == 302
    assert response["Location"] == reverse("training:test-take", args=[attempt.pk])
    assert len(attempt.questions) == bsitf.questions_per_test
    # One open attempt at a time: starting again returns the same one.
    assert start(client, bsitf)["Location"] == response["Location"]
    assert TestAttempt.objects.filter(person=web_world["mary"]).count() == 1
    # GET changes nothing.
    assert client.get(reverse("training:test-start", args=[bsitf.pk])).status_code == 405


def test_the_sheet_shows_the_drawn_questions_and_never_the_right_answers(
    web_world, client, django_assert_num_queries
):
    client.force_login(web_world["mary_user"])
    start(client, course("BSITF"))
    attempt = TestAttempt.objects.get(person=web_world["mary"])
    url = reverse("training:test-take", args=[attempt.pk])
    # session, user, the attempt with its course, the questions, their choices, the base
    # template's two.
    with django_assert_num_queries(7):
        response = client.get(url)
    page = fx.text(response)
    assert response.status_code == 200
    assert (
        page.count('type="radio"')
        == Choice.objects.filter(question_id__in=attempt.questions).count()
    )
    for question_id in attempt.questions:
        assert f'name="q{question_id}"' in page
    assert "correct" not in page.lower()
    # The right answer is not always the first choice shown.
    firsts = [
        form_field.field.choices[0][0]
        for form_field in response.context["form"]
        if hasattr(form_field.field, "choices")
    ]
    rights = set(Choice.objects.filter(is_correct=True).values_list("pk", flat=True))
    assert not all(first in rights for first in firsts)


def test_unanswered_questions_are_named(web_world, client):
    client.force_login(web_world["mary_user"])
    start(client, course("BSITF"))
    attempt = TestAttempt.objects.get(person=web_world["mary"])
    data = answers(attempt, right=True)
    skipped = next(iter(data))
    del data[skipped]
    response = client.post(reverse("training:test-take", args=[attempt.pk]), data)
    assert response.status_code == 400
    assert response.context["form"].errors == {skipped: ["Answer this question."]}
    attempt.refresh_from_db()
    assert attempt.submitted_at is None


def test_an_answer_of_another_question_is_refused(web_world, client):
    client.force_login(web_world["mary_user"])
    start(client, course("BSITF"))
    attempt = TestAttempt.objects.get(person=web_world["mary"])
    data = answers(attempt, right=True)
    first, second = list(data)[:2]
    data[first], data[second] = data[second], data[first]
    response = client.post(reverse("training:test-take", args=[attempt.pk]), data)
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {first, second}


def test_fail_retake_pass(web_world, client):
    w = web_world
    client.force_login(w["mary_user"])
    bsitf = course("BSITF")

    # Fail: the score and the pass mark, a retake button, no record.
    start(client, bsitf)
    first = TestAttempt.objects.get(person=w["mary"])
    response = client.post(
        reverse("training:test-take", args=[first.pk]), answers(first, right=False)
    )
    result = reverse("training:test-result", args=[first.pk])
    assert response["Location"] == result
    response = client.get(result)
    page = fx.text(response)
    assert "You did not pass the test." in page and "0%" in page and "80%" in page
    assert reverse("training:test-start", args=[bsitf.pk]) in page
    assert not TrainingRecord.objects.filter(person=w["mary"]).exists()
    # A submitted attempt is not taken again: its page leads to the result.
    assert client.get(reverse("training:test-take", args=[first.pk]))["Location"] == result

    # Retake: a new attempt with a fresh draw, passed.
    response = start(client, bsitf)
    second = TestAttempt.objects.get(person=w["mary"], submitted_at__isnull=True)
    assert second.pk != first.pk
    client.post(reverse("training:test-take", args=[second.pk]), answers(second, right=True))
    response = client.get(reverse("training:test-result", args=[second.pk]))
    page = fx.text(response)
    assert "You passed the test." in page and "100%" in page
    record = TrainingRecord.objects.get(person=w["mary"], course=bsitf)
    assert record.source == RecordSource.ONLINE_TEST and record.score == 100
    certificate = Certificate.objects.get(record=record)
    # The certificate renders in Celery after the commit; until then it is being prepared.
    assert "being prepared" in page
    certificate.sha256 = "b" * 64
    certificate.save()
    page = fx.text(client.get(reverse("training:test-result", args=[second.pk])))
    assert reverse("training:certificate-pdf", args=[certificate.pk]) in page
    # The requirement is met on My training.
    rows = client.get(reverse("training:my-training")).context["requirements"]
    awareness = next(r for r in rows if r.rule.code == "all-security-awareness" and not r.dependant)
    assert awareness.status == "compliant" and awareness.tests == []


def test_result_query_count(web_world, client, django_assert_num_queries):
    client.force_login(web_world["mary_user"])
    start(client, course("BSITF"))
    attempt = TestAttempt.objects.get(person=web_world["mary"])
    client.post(reverse("training:test-take", args=[attempt.pk]), answers(attempt, right=True))
    # session, user, the attempt with its course, the certificate, the base template's two.
    with django_assert_num_queries(6):
        response = client.get(reverse("training:test-result", args=[attempt.pk]))
    assert response.status_code == 200


def test_another_persons_attempt_answers_404(web_world, client):
    w = web_world
    client.force_login(w["mary_user"])
    start(client, course("BSITF"))
    attempt = TestAttempt.objects.get(person=w["mary"])
    # The FSCO sees Mary's attempts as a manager, but a test is taken by its person alone.
    client.force_login(w["fsco"])
    take = reverse("training:test-take", args=[attempt.pk])
    assert client.get(take).status_code == 404
    assert client.post(take, answers(attempt, right=True)).status_code == 404
    assert client.get(reverse("training:test-result", args=[attempt.pk])).status_code == 404
    attempt.refresh_from_db()
    assert attempt.submitted_at is None


def test_courses_without_a_test_or_of_another_agency_answer_404(web_world, client):
    w = web_world
    client.force_login(w["mary_user"])
    unendorsed = agency_course(w["undp"], code="UNDP-OWN")
    unendorsed.questions.create(text="Q?").choices.create(text="yes", is_correct=True)
    for course_obj in (course("WARDEN"), unendorsed):
        assert start(client, course_obj).status_code == 404
    assert not TestAttempt.objects.exists()


def test_state_changes_need_the_csrf_token(web_world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(web_world["mary_user"])
    assert start(client, course("BSITF")).status_code == 403
    assert not TestAttempt.objects.exists()


def test_a_login_without_a_person_is_told_so(db, client):
    from actors.tests.factories import UserFactory

    client.force_login(UserFactory())
    response = start(client, course("BSITF"))
    assert response["Location"] == reverse("training:my-training")
    assert fx.page_messages(client.get(response["Location"])) == ["Only staff members take tests."]


def test_a_same_day_retake_after_a_pass_is_refused_with_a_message(web_world, client):
    """One completion per person, course and day (¶27): after today's pass, starting again
    says so on My training instead of opening an attempt whose pass could not be recorded."""
    w = web_world
    client.force_login(w["mary_user"])
    bsitf = course("BSITF")
    start(client, bsitf)
    attempt = TestAttempt.objects.get(person=w["mary"])
    client.post(reverse("training:test-take", args=[attempt.pk]), answers(attempt, right=True))
    response = start(client, bsitf)
    assert response["Location"] == reverse("training:my-training")
    assert fx.page_messages(client.get(response["Location"])) == [
        "A completion of this course is already recorded for you today; "
        "you may take its test again tomorrow."
    ]
    assert TestAttempt.objects.filter(person=w["mary"]).count() == 1
