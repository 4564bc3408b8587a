"""The computer-generated test of ¶32: a random subset of the course's question bank, one open
attempt at a time, scored against the course's pass mark; passing records the completion and
issues the certificate. A failed attempt may be retaken at once with a new draw."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actors.models import Person
from training.models import (
    Choice,
    Course,
    Delivery,
    Question,
    RecordSource,
    TestAttempt,
    TrainingRecord,
)
from training.selectors import offered
from training.services.records import record_completion


def _own_person(actor) -> Person:
    person = Person.objects.filter(user_id=actor.pk, is_active=True).first()
    if person is None:
        raise ValidationError({"__all__": [_("Only staff members take tests.")]})
    return person


def attempt_open(*, actor, course: Course) -> TestAttempt | None:
    return TestAttempt.objects.filter(
        person__user_id=actor.pk, course=course, submitted_at__isnull=True
    ).first()


@transaction.atomic
def attempt_start(*, actor, course: Course) -> TestAttempt:
    """Start a test, or return the attempt already open (one at a time)."""
    person = _own_person(actor)
    if not offered(actor, course) or course.delivery != Delivery.ONLINE or not course.is_active:
        raise ValidationError({"course": [_("This course has no online test.")]})
    existing = attempt_open(actor=actor, course=course)
    if existing is not None:
        return existing
    # The records of ¶27 hold one completion per person, course and day: a pass today could
    # not be recorded a second time, so the retake waits for tomorrow rather than fail at the
    # end.
    if TrainingRecord.objects.filter(
        person=person, dependant__isnull=True, course=course, completed_on=timezone.localdate()
    ).exists():
        raise ValidationError(
            {
                "course": [
                    _(
                        "A completion of this course is already recorded for you today; "
                        "you may take its test again tomorrow."
                    )
                ]
            }
        )
    bank = list(Question.objects.filter(course=course, is_active=True).values_list("pk", flat=True))
    if not bank:
        raise ValidationError({"course": [_("This course has no questions yet.")]})
    # The draw must not be predictable from earlier attempts: a cryptographic generator.
    drawn = secrets.SystemRandom().sample(bank, min(course.questions_per_test, len(bank)))
    try:
        with transaction.atomic():
            return TestAttempt.objects.create(
                organization_id=person.organization_id,
                person=person,
                course=course,
                questions=drawn,
            )
    except IntegrityError:  # a double click: the other request opened it
        return attempt_open(actor=actor, course=course)


def attempt_questions(attempt: TestAttempt) -> list[Question]:
    """The drawn questions in the drawn order, with their choices (two queries)."""
    questions = Question.objects.filter(pk__in=attempt.questions).prefetch_related("choices")
    by_pk = {question.pk: question for question in questions}
    return [by_pk[pk] for pk in attempt.questions if pk in by_pk]


@transaction.atomic
def attempt_submit(*, actor, attempt: TestAttempt, answers: dict) -> TestAttempt:
    """Score the answers ({question id: choice id}); every drawn question must be answered."""
    attempt = (
        TestAttempt.objects.select_for_update(of=("self",))
        .select_related("course", "person")
        .get(pk=attempt.pk)
    )
    if attempt.person.user_id != actor.pk:
        raise ValidationError({"__all__": [_("This is not your test.")]})
    if attempt.submitted_at is not None:
        raise ValidationError({"__all__": [_("This test has already been submitted.")]})
    given = {str(k): v for k, v in (answers or {}).items()}
    missing = [pk for pk in attempt.questions if not given.get(str(pk))]
    if missing:
        raise ValidationError(
            {"answers": [_("Answer every question (%(n)s left).") % {"n": len(missing)}]}
        )
    choices = dict(
        Choice.objects.filter(question_id__in=attempt.questions).values_list("pk", "question_id")
    )
    correct = set(
        Choice.objects.filter(question_id__in=attempt.questions, is_correct=True).values_list(
            "pk", flat=True
        )
    )
    clean: dict[str, int] = {}
    for pk in attempt.questions:
        try:
            choice = int(given[str(pk)])
        except (TypeError, ValueError):
            choice = None
        if choice is None or choices.get(choice) != pk:
            raise ValidationError({"answers": [_("An answer does not belong to its question.")]})
        clean[str(pk)] = choice
    right = sum(1 for choice in clean.values() if choice in correct)
    attempt.answers = clean
    attempt.score = round(100 * right / len(attempt.questions))
    attempt.passed = attempt.score >= attempt.course.pass_mark
    attempt.submitted_at = timezone.now()
    if attempt.passed:
        record, _created = record_completion(
            person=attempt.person,
            course=attempt.course,
            completed_on=timezone.localdate(),
            source=RecordSource.ONLINE_TEST,
            recorded_by=actor,
            score=attempt.score,
        )
        # An attempt opened before today's pass was recorded (two requests racing, or an
        # attempt left open from before start refused same-day retakes) finds that day's
        # completion already held by the attempt that recorded it: it keeps its score and
        # closes, rather than fail on the one-to-one link and stay open for ever.
        if not TestAttempt.objects.filter(record=record).exclude(pk=attempt.pk).exists():
            attempt.record = record
    attempt.save()
    return attempt
