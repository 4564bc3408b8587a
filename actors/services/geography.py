"""Duty stations' security phases, areas and warden zones."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accountability.core import scoping
from actors.models import Area, DutyStation, SecurityPhaseChange, WardenZone


@transaction.atomic
def duty_station_set_phase(
    *,
    actor,
    duty_station: DutyStation,
    phase: int,
    effective_from: dt.date | None = None,
    reason: str = "",
) -> SecurityPhaseChange:
    """Record a phase change; the station's current phase follows the latest effective one."""
    if not scoping.can_change(actor, duty_station):
        raise ValidationError({"duty_station": [_("You may not change this duty station.")]})
    effective_from = effective_from or timezone.localdate()
    change = SecurityPhaseChange(
        duty_station=duty_station,
        phase=phase,
        effective_from=effective_from,
        reason=reason,
        declared_by=actor,
    )
    change.full_clean()
    change.save()
    latest = duty_station.phase_changes.filter(effective_from__lte=timezone.localdate()).first()
    if latest is not None:
        duty_station.security_phase = latest.phase
        duty_station.security_phase_since = latest.effective_from
        duty_station.save(update_fields=["security_phase", "security_phase_since", "updated_at"])
    return change


@transaction.atomic
def area_create(*, actor, country, name: str, description: str = "") -> Area:
    if not scoping.may_create(actor, Area, country=country):
        raise ValidationError({"country": [_("You may not add areas in this country.")]})
    area = Area(country=country, name=name, description=description)
    area.full_clean()
    area.save()
    return area


@transaction.atomic
def warden_zone_create(*, actor, duty_station, name: str, description: str = "") -> WardenZone:
    if not scoping.may_create(actor, WardenZone, duty_station=duty_station):
        raise ValidationError({"duty_station": [_("You may not add zones at this duty station.")]})
    zone = WardenZone(duty_station=duty_station, name=name, description=description)
    zone.full_clean()
    zone.save()
    return zone


@transaction.atomic
def structure_update(*, actor, obj, **changes):
    """Change an area, zone or duty station the actor may change."""
    if not scoping.can_change(actor, obj):
        raise ValidationError({"__all__": [_("You may not change this.")]})
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    return obj
