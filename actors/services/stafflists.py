"""Keeping staff lists current (¶16(d), ¶15(i), ¶10(e))."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accountability.core import scoping
from actors.models import Dependant, Person, StaffListConfirmation


@transaction.atomic
def stafflist_confirm(*, actor, organization, duty_station) -> StaffListConfirmation:
    """Record that ``actor`` confirmed the organization's list at the station is current."""
    if not scoping.may_create(actor, Person, organization=organization, duty_station=duty_station):
        raise ValidationError({"duty_station": [_("You do not keep this staff list.")]})
    people = Person.objects.filter(
        organization=organization, duty_station=duty_station, is_active=True
    )
    return StaffListConfirmation.objects.create(
        organization=organization,
        duty_station=duty_station,
        confirmed_by=actor,
        confirmed_at=timezone.now(),
        people_count=people.count(),
        dependants_count=Dependant.objects.filter(person__in=people).count(),
    )
