"""Arrival briefings (¶10(j), ¶22(c), ¶33): the FSCO records who was briefed; each person
acknowledges in writing, for self and dependants. The acknowledgement is the completion."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accountability.core import scoping
from actors.models import DutyStation, Person
from training import rules as training_rules
from training.models import Briefing, BriefingAttendee, Course, CourseKind, RecordSource
from training.services.records import record_completion


def default_briefing_course() -> Course:
    return (
        Course.objects.filter(kind=CourseKind.ARRIVAL_BRIEFING, is_active=True)
        .order_by("pk")
        .first()
    )


@transaction.atomic
def briefing_record(
    *,
    actor,
    duty_station: DutyStation,
    given_on: dt.date,
    given_by: Person,
    version: str,
    content: str,
    people=(),
    dependants=(),
    course: Course | None = None,
) -> Briefing:
    if not training_rules.may_train(actor, duty_station=duty_station):
        raise ValidationError({"duty_station": [_("You may not record briefings here.")]})
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": [_("The briefing date is in the future.")]})
    if not (version or "").strip():
        raise ValidationError({"version": [_("Name the version of the briefing material.")]})
    if not (content or "").strip():
        raise ValidationError({"content": [_("Say what the briefing covered.")]})
    course = course or default_briefing_course()
    if course is None or course.kind != CourseKind.ARRIVAL_BRIEFING:
        raise ValidationError({"course": [_("Choose an arrival briefing.")]})
    people, dependants = list(people), list(dependants)
    if not people and not dependants:
        raise ValidationError({"people": [_("List who was briefed.")]})
    station_people = set(
        Person.objects.filter(
            pk__in=[p.pk for p in people] + [d.person_id for d in dependants],
            duty_station=duty_station,
        ).values_list("pk", flat=True)
    )
    if any(p.pk not in station_people for p in people) or any(
        d.person_id not in station_people for d in dependants
    ):
        raise ValidationError({"people": [_("Brief people of this duty station only.")]})
    briefing = Briefing.objects.create(
        organization=actor.organization,
        duty_station=duty_station,
        course=course,
        given_on=given_on,
        given_by=given_by,
        version=version.strip(),
        content=content.strip(),
        created_by=actor,
    )
    BriefingAttendee.objects.bulk_create(
        [
            BriefingAttendee(briefing=briefing, organization_id=p.organization_id, person=p)
            for p in people
        ]
        + [
            BriefingAttendee(
                briefing=briefing,
                organization_id=d.organization_id,
                person_id=d.person_id,
                dependant=d,
            )
            for d in dependants
        ],
        ignore_conflicts=True,
    )
    return briefing


@transaction.atomic
def briefing_acknowledge(*, actor, attendee: BriefingAttendee) -> BriefingAttendee:
    """The written acknowledgement (¶33): who, when, which briefing and version. Only the
    staff member acknowledges, for self or a dependant; acknowledging again changes nothing."""
    attendee = (
        scoping.editable_by(actor, BriefingAttendee)
        .select_for_update(of=("self",))
        .select_related("briefing__course", "person", "dependant")
        .filter(pk=attendee.pk)
        .first()
    )
    if attendee is None:
        raise ValidationError({"__all__": [_("Only the person briefed acknowledges it.")]})
    if attendee.acknowledged_at is not None:
        return attendee
    record, _created = record_completion(
        person=attendee.person,
        dependant=attendee.dependant,
        course=attendee.briefing.course,
        completed_on=attendee.briefing.given_on,
        source=RecordSource.BRIEFING,
        recorded_by=actor,
    )
    attendee.acknowledged_at = timezone.now()
    attendee.acknowledged_by = actor
    attendee.record = record
    attendee.save(update_fields=["acknowledged_at", "acknowledged_by", "record", "updated_at"])
    return attendee
