"""Completions: recorded by a test, a session, an acknowledged briefing, an upload verified by a
focal point or an LMS import. Only verified completions count and get a certificate (¶27)."""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accountability.core import scoping
from accountability.core.uploads import store_upload
from actors.models import Dependant, Person
from training import rules as training_rules
from training.models import (
    Course,
    CourseKind,
    RecordSource,
    RecordStatus,
    TrainingRecord,
)
from training.selectors import offered
from training.services.uploads import certificate_file_type


def valid_until(course: Course, completed_on: dt.date) -> dt.date | None:
    """The last day a completion counts: the course's validity then, never a fixed number."""
    if not course.validity_months:
        return None
    return completed_on + relativedelta(months=course.validity_months) - dt.timedelta(days=1)


def _check_dependant(person: Person, dependant: Dependant | None) -> None:
    if dependant is not None and dependant.person_id != person.pk:
        raise ValidationError({"dependant": [_("This dependant is not the person's.")]})


def _check_completed_on(completed_on: dt.date) -> None:
    if completed_on > timezone.localdate():
        raise ValidationError({"completed_on": [_("The date of completion is in the future.")]})


def record_completion(
    *,
    person: Person,
    course: Course,
    completed_on: dt.date,
    source: str,
    recorded_by=None,
    dependant: Dependant | None = None,
    status: str = RecordStatus.VERIFIED,
    **fields,
) -> tuple[TrainingRecord, bool]:
    """Record (or find) the completion; a verified one gets its certificate. Idempotent: the
    same person, dependant, course and day give the same record. Callers check rights."""
    _check_dependant(person, dependant)
    _check_completed_on(completed_on)
    record, created = TrainingRecord.objects.get_or_create(
        person=person,
        dependant=dependant,
        course=course,
        completed_on=completed_on,
        defaults={
            "organization_id": person.organization_id,
            "valid_until": valid_until(course, completed_on),
            "source": source,
            "status": status,
            "recorded_by": recorded_by,
            "verified_by": recorded_by if status == RecordStatus.VERIFIED else None,
            "verified_at": timezone.now() if status == RecordStatus.VERIFIED else None,
            **fields,
        },
    )
    if created and record.status == RecordStatus.VERIFIED:
        certificate_issue(record=record)
    return record, created


def certificate_issue(*, record: TrainingRecord):
    """Every verified completion of a course yields a certificate (¶27); a briefing is
    acknowledged in writing instead (¶33)."""
    if record.course.kind == CourseKind.ARRIVAL_BRIEFING:
        return None
    from training.services.certificates import certificate_request

    return certificate_request(record=record)


@transaction.atomic
def record_upload(
    *,
    actor,
    person: Person,
    course: Course,
    completed_on: dt.date,
    evidence,
    dependant: Dependant | None = None,
    external_reference: str = "",
) -> TrainingRecord:
    """A certificate obtained elsewhere, uploaded by the person (or a focal point) and
    counting once a focal point verifies it."""
    if not (person.user_id == actor.pk or training_rules.may_verify_training(actor, person)):
        # The same answer as for a person one may not see.
        raise ValidationError({"person": [_("Select a valid choice.")]})
    if not offered(actor, course):
        raise ValidationError({"course": [_("This course is not offered to you.")]})
    content_type = certificate_file_type(evidence)
    _check_dependant(person, dependant)
    _check_completed_on(completed_on)
    if TrainingRecord.objects.filter(
        person=person, dependant=dependant, course=course, completed_on=completed_on
    ).exists():
        raise ValidationError(
            {"completed_on": [_("This completion is already recorded for that day.")]}
        )
    record = TrainingRecord(
        organization_id=person.organization_id,
        person=person,
        dependant=dependant,
        course=course,
        completed_on=completed_on,
        valid_until=valid_until(course, completed_on),
        source=RecordSource.UPLOAD,
        status=RecordStatus.PENDING,
        external_reference=external_reference,
        recorded_by=actor,
    )
    # Under a generated name with the extension of the type read from the bytes, as every
    # upload: the name the person gave the file (evil.html) never reaches the storage.
    store_upload(record.evidence, evidence, content_type=content_type)
    record.save()
    return record


def _pending_for_verifier(actor, record: TrainingRecord) -> TrainingRecord:
    locked = (
        scoping.editable_by(actor, TrainingRecord)
        .select_for_update(of=("self",))
        .select_related("course", "person")
        .filter(pk=record.pk)
        .first()
    )
    if locked is None:
        raise ValidationError({"__all__": [_("You may not verify this completion.")]})
    if locked.status != RecordStatus.PENDING:
        raise ValidationError(
            {"status": [_("This completion is no longer awaiting verification.")]}
        )
    return locked


@transaction.atomic
def record_verify(*, actor, record: TrainingRecord) -> TrainingRecord:
    """A focal point confirms an uploaded certificate; the completion counts from now on."""
    record = _pending_for_verifier(actor, record)
    record.status = RecordStatus.VERIFIED
    record.verified_by = actor
    record.verified_at = timezone.now()
    record.save(update_fields=["status", "verified_by", "verified_at", "updated_at"])
    certificate_issue(record=record)
    return record


@transaction.atomic
def record_reject(*, actor, record: TrainingRecord, reason: str) -> TrainingRecord:
    record = _pending_for_verifier(actor, record)
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("Say why the certificate is not accepted.")]})
    record.status = RecordStatus.REJECTED
    record.rejection_reason = reason.strip()
    record.verified_by = actor
    record.verified_at = timezone.now()
    record.save(
        update_fields=["status", "rejection_reason", "verified_by", "verified_at", "updated_at"]
    )
    return record
