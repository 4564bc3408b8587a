"""The training services: the test flow (¶32), sessions and attendance (annex ¶26), arrival
briefings and their written acknowledgement (¶33), uploads and their verification (¶27)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from actors.tests.factories import (
    DependantFactory,
    DutyStationFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
    user_with_role,
)
from training.models import (
    BriefingAttendee,
    Certificate,
    RecordStatus,
    TestAttempt,
    TrainingRecord,
    TrainingRequirement,
)
from training.requirements import with_status
from training.services import attempts, briefings, courses, records, sessions
from training.tests.factories import agency_course, course

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def staff(**kwargs):
    user = UserFactory(
        **({"organization": kwargs["organization"]} if "organization" in kwargs else {})
    )
    person = PersonFactory(
        user=user,
        organization=user.organization,
        **{k: v for k, v in kwargs.items() if k != "organization"},
    )
    return user, person


def answer_all(attempt, *, right=True):
    answers = {}
    for question in attempts.attempt_questions(attempt):
        choice = next(c for c in question.choices.all() if c.is_correct == right)
        answers[str(question.pk)] = choice.pk
    return answers


# --- The computer-generated test (¶32) -------------------------------------------------------


def test_a_test_draws_a_random_subset_and_keeps_one_attempt_open():
    user, _person = staff()
    bsitf = course("BSITF")
    attempt = attempts.attempt_start(actor=user, course=bsitf)
    assert len(attempt.questions) == bsitf.questions_per_test < bsitf.questions.count()
    assert attempts.attempt_start(actor=user, course=bsitf).pk == attempt.pk
    assert TestAttempt.objects.filter(person__user=user).count() == 1


def test_fail_then_retake_then_pass_issues_the_certificate(django_capture_on_commit_callbacks):
    user, person = staff()
    bsitf = course("BSITF")
    first = attempts.attempt_start(actor=user, course=bsitf)
    failed = attempts.attempt_submit(
        actor=user, attempt=first, answers=answer_all(first, right=False)
    )
    assert (failed.passed, failed.score, failed.record) == (False, 0, None)
    assert not TrainingRecord.objects.filter(person=person).exists()
    with pytest.raises(ValidationError, match="already been submitted"):
        attempts.attempt_submit(actor=user, attempt=first, answers=answer_all(first))

    second = attempts.attempt_start(actor=user, course=bsitf)
    assert second.pk != first.pk
    with django_capture_on_commit_callbacks() as callbacks:
        passed = attempts.attempt_submit(actor=user, attempt=second, answers=answer_all(second))
    assert passed.passed and passed.score == 100
    record = passed.record
    assert (record.source, record.status, record.score) == ("online_test", "verified", 100)
    assert record.valid_until == records.valid_until(bsitf, timezone.localdate())
    assert Certificate.objects.filter(record=record).exists()
    assert len(callbacks) == 1  # the certificate is rendered by a task after commit
    row = with_status(
        TrainingRequirement.objects.filter(person=person, rule__code="all-security-awareness"),
        timezone.localdate(),
    ).get()
    assert row.status == "compliant"


def test_every_question_must_be_answered_with_its_own_choices():
    user, _person = staff()
    attempt = attempts.attempt_start(actor=user, course=course("BSITF"))
    answers = answer_all(attempt)
    first, second = attempt.questions[:2]
    with pytest.raises(ValidationError) as error:
        attempts.attempt_submit(
            actor=user,
            attempt=attempt,
            answers={k: v for k, v in answers.items() if k != str(first)},
        )
    assert "answers" in error.value.message_dict
    swapped = dict(answers, **{str(first): answers[str(second)]})
    with pytest.raises(ValidationError, match="does not belong"):
        attempts.attempt_submit(actor=user, attempt=attempt, answers=swapped)


def test_only_the_taker_submits_and_only_online_courses_have_tests():
    user, _person = staff()
    other, _ = staff()
    attempt = attempts.attempt_start(actor=user, course=course("BSITF"))
    with pytest.raises(ValidationError, match="not your test"):
        attempts.attempt_submit(actor=other, attempt=attempt, answers=answer_all(attempt))
    with pytest.raises(ValidationError) as error:
        attempts.attempt_start(actor=user, course=course("WARDEN"))
    assert "course" in error.value.message_dict
    with pytest.raises(ValidationError, match="Only staff members"):
        attempts.attempt_start(actor=UserFactory(), course=course("BSITF"))


# --- Uploads and verification (¶27) -----------------------------------------------------------


def upload(actor, person, **kwargs):
    return records.record_upload(
        actor=actor,
        person=person,
        course=kwargs.pop("course", course("STRESS")),
        completed_on=kwargs.pop("completed_on", dt.date(2026, 1, 5)),
        evidence=kwargs.pop("evidence", SimpleUploadedFile("c.pdf", PDF)),
        **kwargs,
    )


def test_an_upload_counts_once_a_focal_point_verifies_it(django_capture_on_commit_callbacks):
    station = DutyStationFactory(is_capital=True)
    org = OrganizationFactory()
    user, person = staff(organization=org, duty_station=station)
    record = upload(user, person)
    assert record.status == RecordStatus.PENDING and not hasattr(record, "certificate")
    # The person may not verify their own upload; another agency's focal point may not either.
    with pytest.raises(ValidationError):
        records.record_verify(actor=user, record=record)
    stranger = user_with_role("country_focal_point", station, organization=OrganizationFactory())
    with pytest.raises(ValidationError):
        records.record_verify(actor=stranger, record=record)
    focal = user_with_role("country_focal_point", station, organization=org)
    with django_capture_on_commit_callbacks():
        records.record_verify(actor=focal, record=record)
    record.refresh_from_db()
    assert (record.status, record.verified_by) == (RecordStatus.VERIFIED, focal)
    assert Certificate.objects.filter(record=record).exists()
    with pytest.raises(ValidationError, match="no longer awaiting"):
        records.record_reject(actor=focal, record=record, reason="late")


def test_the_fsco_verifies_every_agency_and_a_rejection_needs_a_reason():
    station = DutyStationFactory(is_capital=True)
    user, person = staff(duty_station=station)
    record = upload(user, person)
    fsco = user_with_role("fsco", station)
    with pytest.raises(ValidationError) as error:
        records.record_reject(actor=fsco, record=record, reason=" ")
    assert "reason" in error.value.message_dict
    records.record_reject(actor=fsco, record=record, reason="Not legible")
    record.refresh_from_db()
    assert (record.status, record.rejection_reason) == ("rejected", "Not legible")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"MZ\x90\x00 not a pdf", "Only PDF, PNG and JPEG"),
        (b"", "empty"),
    ],
)
def test_uploads_are_checked_by_content(content, message):
    user, person = staff()
    with pytest.raises(ValidationError, match=message) as error:
        upload(user, person, evidence=SimpleUploadedFile("c.pdf", content))
    assert "evidence" in error.value.message_dict
    assert not TrainingRecord.objects.exists()


def test_uploads_are_checked_by_size(settings):
    settings.TRAINING_UPLOAD_MAX_BYTES = 10
    user, person = staff()
    with pytest.raises(ValidationError, match="limit") as error:
        upload(user, person)
    assert "evidence" in error.value.message_dict


def test_nobody_uploads_for_a_stranger_and_dates_are_not_in_the_future():
    user, _person = staff()
    _other_user, other = staff()
    with pytest.raises(ValidationError) as error:
        upload(user, other)
    assert "person" in error.value.message_dict
    _user, person = staff()
    with pytest.raises(ValidationError) as error:
        upload(_user, person, completed_on=timezone.localdate() + dt.timedelta(days=1))
    assert "completed_on" in error.value.message_dict


def test_a_dependants_upload_must_be_of_an_own_dependant():
    user, person = staff()
    stranger_child = DependantFactory()
    with pytest.raises(ValidationError) as error:
        upload(user, person, dependant=stranger_child)
    assert "dependant" in error.value.message_dict
    child = DependantFactory(person=person)
    assert upload(user, person, dependant=child).dependant == child


# --- Sessions and attendance (annex ¶26) -------------------------------------------------------


def test_the_fsco_runs_a_session_and_attendance_records_completions():
    station = DutyStationFactory(is_capital=True)
    fsco = user_with_role("fsco", station)
    warden = PersonFactory(duty_station=station)
    absent = PersonFactory(duty_station=station)
    session = sessions.session_create(
        actor=fsco,
        course=course("WARDEN"),
        duty_station=station,
        trainer=fsco.person,
        held_on=dt.date(2026, 1, 10),
        place="UN House",
    )
    assert (
        sessions.session_participants_add(actor=fsco, session=session, people=[warden, absent]) == 2
    )
    assert sessions.session_participants_add(actor=fsco, session=session, people=[warden]) == 0
    marks = {p.pk: p.person_id == warden.pk for p in session.participants.all()}
    assert sessions.session_attendance_mark(actor=fsco, session=session, attended=marks) == 1
    assert sessions.session_attendance_mark(actor=fsco, session=session, attended=marks) == 0
    record = TrainingRecord.objects.get(person=warden)
    assert (record.source, record.session, record.completed_on) == (
        "session",
        session,
        dt.date(2026, 1, 10),
    )
    assert not TrainingRecord.objects.filter(person=absent).exists()


def test_sessions_are_refused_outside_ones_stations_and_for_online_courses():
    station = DutyStationFactory(is_capital=True)
    fsco = user_with_role("fsco", station)
    elsewhere = DutyStationFactory()
    with pytest.raises(ValidationError) as error:
        sessions.session_create(
            actor=fsco,
            course=course("WARDEN"),
            duty_station=elsewhere,
            trainer=fsco.person,
            held_on=dt.date(2026, 1, 10),
            place="X",
        )
    assert "duty_station" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        sessions.session_create(
            actor=fsco,
            course=course("BSITF"),
            duty_station=station,
            trainer=fsco.person,
            held_on=dt.date(2026, 1, 10),
            place="X",
        )
    assert "course" in error.value.message_dict


# --- Arrival briefings (¶33) ---------------------------------------------------------------------


def test_a_briefing_is_acknowledged_by_the_staff_member_for_self_and_dependants():
    station = DutyStationFactory(is_capital=True)
    fsco = user_with_role("fsco", station)
    user, person = staff(duty_station=station, arrived_on=dt.date(2026, 1, 1))
    child = DependantFactory(person=person)
    briefing = briefings.briefing_record(
        actor=fsco,
        duty_station=station,
        given_on=dt.date(2026, 1, 3),
        given_by=fsco.person,
        version="2026-01",
        content="Curfew, assembly points, radio checks.",
        people=[person],
        dependants=[child],
    )
    own, childs = BriefingAttendee.objects.filter(briefing=briefing).order_by("dependant_id")[:2]
    with pytest.raises(ValidationError, match="Only the person briefed"):
        briefings.briefing_acknowledge(actor=fsco, attendee=own)
    done = briefings.briefing_acknowledge(actor=user, attendee=own)
    assert done.acknowledged_by == user and done.record.source == "briefing"
    first_time = done.acknowledged_at
    assert briefings.briefing_acknowledge(actor=user, attendee=own).acknowledged_at == first_time
    briefings.briefing_acknowledge(actor=user, attendee=childs)
    assert TrainingRecord.objects.filter(dependant=child, course__code="BRIEF").exists()
    row = with_status(
        TrainingRequirement.objects.filter(person=person, rule__code="arrival-briefing"),
        dt.date(2026, 1, 5),
    ).get()
    assert row.status == "compliant"
    assert not Certificate.objects.filter(record__course__code="BRIEF").exists()


def test_briefings_name_people_of_the_station_and_say_what_was_covered():
    station = DutyStationFactory(is_capital=True)
    fsco = user_with_role("fsco", station)
    outsider = PersonFactory()
    kwargs = dict(
        actor=fsco,
        duty_station=station,
        given_on=dt.date(2026, 1, 3),
        given_by=fsco.person,
        version="1",
        content="x",
    )
    with pytest.raises(ValidationError) as error:
        briefings.briefing_record(**kwargs, people=[outsider])
    assert "people" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        briefings.briefing_record(**dict(kwargs, version=""), people=[fsco.person])
    assert "version" in error.value.message_dict
    staff_member = UserFactory()
    with pytest.raises(ValidationError) as error:
        briefings.briefing_record(**dict(kwargs, actor=staff_member), people=[fsco.person])
    assert "duty_station" in error.value.message_dict


# --- Courses (annex ¶26) ------------------------------------------------------------------------


def test_an_agency_adds_its_course_and_unsecoord_endorses_it():
    from actors.tests.factories import unsecoord_org

    org = OrganizationFactory()
    hq = user_with_role("hq_focal_point", org, organization=org)
    own = courses.course_create(
        actor=hq,
        provider=org,
        code="ORG-SEC",
        title="Our security course",
        kind="security_awareness",
        delivery="in_person",
        validity_months=24,
        paragraph="¶26",
    )
    assert not own.counts
    with pytest.raises(ValidationError) as error:
        courses.course_create(
            actor=hq,
            provider=OrganizationFactory(),
            code="X",
            title="X",
            kind="other",
            delivery="online",
            paragraph="¶26",
        )
    assert "provider" in error.value.message_dict
    with pytest.raises(ValidationError, match="Only UNSECOORD"):
        courses.course_endorse(actor=hq, course=own)
    coordinator = user_with_role("unsecoord", unsecoord_org(), organization=unsecoord_org())
    endorsed = courses.course_endorse(actor=coordinator, course=own)
    assert endorsed.counts and endorsed.endorsed_by == coordinator
    # Once endorsed, the agency no longer changes it alone.
    with pytest.raises(ValidationError):
        courses.course_update(actor=hq, course=endorsed, validity_months=1)
    assert agency_course(org).counts is False


def test_another_agencys_unendorsed_course_is_offered_to_no_one_else():
    user, _person = staff()
    foreign = agency_course(OrganizationFactory(), delivery="online")
    from training.tests.factories import add_question

    add_question(foreign)
    with pytest.raises(ValidationError) as error:
        attempts.attempt_start(actor=user, course=foreign)
    assert "course" in error.value.message_dict
    own = agency_course(user.organization, delivery="online")
    add_question(own)
    assert attempts.attempt_start(actor=user, course=own).course == own
