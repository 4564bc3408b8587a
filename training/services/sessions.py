"""In-person sessions: the trainer (or whoever runs training at the station) lists the
participants and marks attendance; attendance records the completions (annex ¶26)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accountability.core import scoping
from actors.models import DutyStation, Organization, Person
from training import rules as training_rules
from training.models import (
    Course,
    Delivery,
    RecordSource,
    SessionParticipant,
    TrainingSession,
)
from training.selectors import offered
from training.services.records import record_completion


@transaction.atomic
def session_create(
    *,
    actor,
    course: Course,
    duty_station: DutyStation,
    trainer: Person,
    held_on: dt.date,
    place: str,
    organization: Organization | None = None,
    notes: str = "",
) -> TrainingSession:
    organization = organization or actor.organization
    if not training_rules.may_train(actor, duty_station=duty_station, organization=organization):
        raise ValidationError({"duty_station": [_("You may not run sessions here.")]})
    if not offered(actor, course):
        raise ValidationError({"course": [_("This course is not offered to you.")]})
    if course.delivery != Delivery.IN_PERSON:
        raise ValidationError({"course": [_("Online courses are completed by their test.")]})
    if not (place or "").strip():
        raise ValidationError({"place": [_("Say where the session takes place.")]})
    return TrainingSession.objects.create(
        organization=organization,
        course=course,
        duty_station=duty_station,
        trainer=trainer,
        held_on=held_on,
        place=place.strip(),
        notes=notes,
        created_by=actor,
    )


def _editable(actor, session: TrainingSession) -> TrainingSession:
    locked = (
        scoping.editable_by(actor, TrainingSession)
        .select_for_update(of=("self",))
        .filter(pk=session.pk)
        .select_related("course")
        .first()
    )
    if locked is None:
        raise ValidationError({"__all__": [_("You may not change this session.")]})
    return locked


@transaction.atomic
def session_participants_add(*, actor, session: TrainingSession, people=(), dependants=()) -> int:
    """Enrol people (and dependants) the actor may see; returns how many were new."""
    session = _editable(actor, session)
    people = list(people)
    dependants = list(dependants)
    visible = set(
        scoping.visible_to(actor, Person)
        .filter(pk__in=[p.pk for p in people] + [d.person_id for d in dependants])
        .values_list("pk", flat=True)
    )
    unknown = [p for p in people if p.pk not in visible] + [
        d for d in dependants if d.person_id not in visible
    ]
    if unknown:
        raise ValidationError({"people": [_("Select people you may see.")]})
    rows = [
        SessionParticipant(session=session, organization_id=p.organization_id, person=p)
        for p in people
    ] + [
        SessionParticipant(
            session=session,
            organization_id=d.organization_id,
            person_id=d.person_id,
            dependant=d,
        )
        for d in dependants
    ]
    before = session.participants.count()
    SessionParticipant.objects.bulk_create(rows, ignore_conflicts=True)
    return session.participants.count() - before


@transaction.atomic
def session_attendance_mark(*, actor, session: TrainingSession, attended: dict[int, bool]) -> int:
    """Mark attendance ({participant id: attended}); each attendee's completion is recorded
    on the session's date. Marking again records nothing twice. Returns records made."""
    session = _editable(actor, session)
    if session.held_on > timezone.localdate():
        raise ValidationError({"held_on": [_("Attendance is marked once the session is held.")]})
    participants = {
        p.pk: p for p in session.participants.select_related("person", "dependant").order_by("pk")
    }
    unknown = set(attended) - set(participants)
    if unknown:
        raise ValidationError({"attended": [_("Mark only this session's participants.")]})
    made = 0
    for pk, present in sorted(attended.items()):
        participant = participants[pk]
        participant.attended = bool(present)
        participant.save(update_fields=["attended", "updated_at"])
        if present:
            _record, created = record_completion(
                person=participant.person,
                dependant=participant.dependant,
                course=session.course,
                completed_on=session.held_on,
                source=RecordSource.SESSION,
                recorded_by=actor,
                session=session,
            )
            made += created
    session.attendance_marked_at = timezone.now()
    session.save(update_fields=["attendance_marked_at", "updated_at"])
    return made
