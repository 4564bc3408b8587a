"""Reference data kept by superusers: organizations, countries and duty stations.

Editing them afterwards goes through ``geography.structure_update``, which asks scoping.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from actors.models import Country, DutyStation, Organization


def _superuser_only(actor) -> None:
    if not actor.is_superuser:
        raise ValidationError({"__all__": [_("Only a superuser keeps reference data.")]})


@transaction.atomic
def organization_create(*, actor, **fields) -> Organization:
    _superuser_only(actor)
    organization = Organization(**fields)
    organization.full_clean()
    organization.save()
    return organization


@transaction.atomic
def country_create(*, actor, iso_code: str, name: str) -> Country:
    _superuser_only(actor)
    country = Country(iso_code=iso_code, name=name)
    country.full_clean()
    country.save()
    return country


@transaction.atomic
def duty_station_create(*, actor, **fields) -> DutyStation:
    _superuser_only(actor)
    station = DutyStation(**fields)
    station.full_clean()
    station.save()
    return station
