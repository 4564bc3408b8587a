"""The Security Management Team's meetings and action items (¶16(b)).

A duty station's SMT members, its DO and its FSCO record meetings (date, attendees, agenda,
decisions) and their action items (owner, due date, done); whoever sees the station's
structure reads them. Who may write is decided by accountability.core.scoping alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accountability.core import scoping
from actors.models import DutyStation, Person
from appointments.models import AppointmentStatus
from meetings.models import ActionItem, SmtMeeting


def participants(user, station: DutyStation) -> QuerySet:
    """People who may attend a meeting or own an action item: the station's security
    structure (anyone holding an active appointment over it or its country: SMT members, DO,
    FSCO, agency officers, …) and the people of the station the user may see."""
    structure = Q(
        appointments__status=AppointmentStatus.ACTIVE,
        appointments__scope_duty_station=station,
    ) | Q(
        appointments__status=AppointmentStatus.ACTIVE,
        appointments__scope_country_id=station.country_id,
    )
    in_structure = Person.objects.filter(structure).values("pk")
    own = scoping.visible_to(user, Person).filter(duty_station=station).values("pk")
    return Person.objects.filter(Q(pk__in=in_structure) | Q(pk__in=own), is_active=True)


def _require_editable(actor, meeting: SmtMeeting) -> None:
    if not scoping.editable_by(actor, SmtMeeting).filter(pk=meeting.pk).exists():
        raise ValidationError(
            {"meeting": [_("Only the SMT members, DO and FSCO of the station record this.")]}
        )


def _check_people(actor, station: DutyStation, people: Iterable[Person], field: str) -> list:
    people = list(people)
    if not people:
        return people
    allowed = set(
        participants(actor, station)
        .filter(pk__in=[p.pk for p in people])
        .values_list("pk", flat=True)
    )
    # Ids only: naming a person outside the user's scope would disclose them.
    unknown = [str(p.pk) for p in people if p.pk not in allowed]
    if unknown:
        raise ValidationError(
            {
                field: [
                    _("Not part of the security structure of %(station)s: %(ids)s.")
                    % {"station": station, "ids": ", ".join(unknown)}
                ]
            }
        )
    return people


def _check_held_on(held_on: dt.date) -> None:
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": [_("Record a meeting once it has been held.")]})


@transaction.atomic
def meeting_record(
    *,
    actor,
    duty_station: DutyStation,
    held_on: dt.date,
    agenda: str,
    decisions: str = "",
    attendees: Iterable[Person] = (),
) -> SmtMeeting:
    if not scoping.may_create(actor, SmtMeeting, duty_station=duty_station):
        raise ValidationError(
            {
                "duty_station": [
                    _("Only the station's SMT members, DO and FSCO record its meetings.")
                ]
            }
        )
    _check_held_on(held_on)
    if not agenda.strip():
        raise ValidationError({"agenda": [_("Give the agenda.")]})
    people = _check_people(actor, duty_station, attendees, "attendees")
    meeting = SmtMeeting.objects.create(
        organization_id=actor.organization_id,
        duty_station=duty_station,
        held_on=held_on,
        agenda=agenda.strip(),
        decisions=decisions.strip(),
        recorded_by=actor,
    )
    meeting.attendees.set(people)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    actor,
    meeting: SmtMeeting,
    held_on: dt.date | None = None,
    agenda: str | None = None,
    decisions: str | None = None,
    attendees: Iterable[Person] | None = None,
) -> SmtMeeting:
    _require_editable(actor, meeting)
    meeting = SmtMeeting.objects.select_for_update(of=("self",)).get(pk=meeting.pk)
    fields = ["updated_at"]
    if held_on is not None:
        _check_held_on(held_on)
        if meeting.action_items.filter(due_on__lt=held_on).exists():
            raise ValidationError({"held_on": [_("An action item falls due before that date.")]})
        meeting.held_on = held_on
        fields.append("held_on")
    if agenda is not None:
        if not agenda.strip():
            raise ValidationError({"agenda": [_("Give the agenda.")]})
        meeting.agenda = agenda.strip()
        fields.append("agenda")
    if decisions is not None:
        meeting.decisions = decisions.strip()
        fields.append("decisions")
    meeting.save(update_fields=fields)
    if attendees is not None:
        meeting.attendees.set(_check_people(actor, meeting.duty_station, attendees, "attendees"))
    return meeting


@transaction.atomic
def action_item_add(
    *, actor, meeting: SmtMeeting, description: str, owner: Person, due_on: dt.date
) -> ActionItem:
    _require_editable(actor, meeting)
    if not description.strip():
        raise ValidationError({"description": [_("Describe the action.")]})
    if due_on < meeting.held_on:
        raise ValidationError({"due_on": [_("The due date is before the meeting.")]})
    _check_people(actor, meeting.duty_station, [owner], "owner")
    return ActionItem.objects.create(
        meeting=meeting, description=description.strip(), owner=owner, due_on=due_on
    )


@transaction.atomic
def action_item_done(*, actor, item: ActionItem, done_on: dt.date | None = None) -> ActionItem:
    """Mark an action done: by whoever records the SMT's meetings, or by its owner."""
    item = (
        ActionItem.objects.select_for_update(of=("self",))
        .select_related("meeting", "owner")
        .get(pk=item.pk)
    )
    if item.owner.user_id != actor.pk:
        _require_editable(actor, item.meeting)
    if item.done_on is not None:
        raise ValidationError({"done_on": [_("This action is already done.")]})
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate():
        raise ValidationError({"done_on": [_("The date is in the future.")]})
    if done_on < item.meeting.held_on:
        raise ValidationError({"done_on": [_("The date is before the meeting.")]})
    item.done_on = done_on
    item.save(update_fields=["done_on", "updated_at"])
    return item
