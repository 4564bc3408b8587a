"""People and their dependants."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accountability.core import scoping
from actors import rules as actor_rules
from actors.models import Dependant, Person
from actors.signals import announce_people_left

PERSON_FIELDS = (
    "family_name",
    "given_names",
    "index_number",
    "category",
    "contract_type",
    "grade",
    "email",
    "phone",
    "radio_call_sign",
    "residential_address",
    "residential_zone",
    "is_active",
    "duty_station",
    "arrived_on",
    "user",
)
DEPENDANT_FIELDS = (
    "family_name",
    "given_names",
    "relationship",
    "birth_date",
    "residential_address",
    "lives_at_duty_station",
)


def _full_clean(obj, exclude=None) -> None:
    if isinstance(obj, Person) and obj.index_number:
        # Name the field: the unique constraint alone reports a non-field error.
        taken = Person.objects.filter(
            organization_id=obj.organization_id, index_number=obj.index_number
        ).exclude(pk=obj.pk)
        if taken.exists():
            raise ValidationError(
                {"index_number": [_("This index number is already used in the organization.")]}
            )
    obj.full_clean(exclude=exclude)


def _differs(obj, name: str, value) -> bool:
    field = type(obj)._meta.get_field(name)
    if field.is_relation:
        # Compare ids: reading the related object would cost a query.
        return getattr(obj, field.attname) != getattr(value, "pk", value)
    return getattr(obj, name) != value


def _require_change(actor, obj) -> None:
    if not scoping.can_change(actor, obj):
        raise ValidationError({"__all__": [_("You may not change this record.")]})


@transaction.atomic
def person_create(*, actor, organization, duty_station, **fields) -> Person:
    if not scoping.may_create(actor, Person, organization=organization, duty_station=duty_station):
        raise ValidationError({"duty_station": [_("You may not add people here.")]})
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise ValidationError({name: [_("Unknown field.")] for name in sorted(unknown)})
    person = Person(organization=organization, duty_station=duty_station, **fields)
    _full_clean(person)
    person.save()
    if person.user_id:
        scoping.sync_rights(person.user)
    return person


@transaction.atomic
def person_update(*, actor, person: Person, **changes) -> Person:
    """Change a person. Leaving (inactive) or moving is announced (``actors.signals``): the
    appointments app ends every appointment the same day."""
    _require_change(actor, person)
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise ValidationError({name: [_("Unknown field.")] for name in sorted(unknown)})
    if not actor_rules.keeps_person_record(actor, person):
        # Changing oneself: contact details only (the web form sends the rest unchanged).
        kept = sorted(
            name
            for name, value in changes.items()
            if name not in actor_rules.PERSON_SELF_FIELDS and _differs(person, name, value)
        )
        if kept:
            message = _(
                "Your organization's focal point keeps this field; you may change only your "
                "contact details."
            )
            raise ValidationError({name: [message] for name in kept})
    old_user = person.user
    old_station_id = person.duty_station_id
    for name, value in changes.items():
        setattr(person, name, value)
    if person.duty_station_id != old_station_id and "arrived_on" not in changes:
        # A move is an arrival: the new station's briefing and training fall due (¶33).
        person.arrived_on = timezone.localdate()
    if person.duty_station_id != old_station_id and not scoping.may_create(
        actor, Person, organization=person.organization, duty_station=person.duty_station
    ):
        raise ValidationError(
            {"duty_station": [_("You may not move people to this duty station.")]}
        )
    _full_clean(person)
    person.save()
    if not person.is_active or person.duty_station_id != old_station_id:
        announce_people_left(
            actor=actor,
            people=[person],
            reason=_("Left the organization.")
            if not person.is_active
            else _("Moved to another duty station."),
        )
    for user in {old_user, person.user} - {None}:
        scoping.sync_rights(user)
    return person


@transaction.atomic
def dependant_create(*, actor, person: Person, **fields) -> Dependant:
    if not scoping.may_create(actor, Dependant, person=person):
        raise ValidationError({"person": [_("You may not add dependants to this person.")]})
    unknown = set(fields) - set(DEPENDANT_FIELDS)
    if unknown:
        raise ValidationError({name: [_("Unknown field.")] for name in sorted(unknown)})
    dependant = Dependant(person=person, organization_id=person.organization_id, **fields)
    _full_clean(dependant)
    dependant.save()
    return dependant


@transaction.atomic
def dependant_update(*, actor, dependant: Dependant, **changes) -> Dependant:
    _require_change(actor, dependant)
    unknown = set(changes) - set(DEPENDANT_FIELDS)
    if unknown:
        raise ValidationError({name: [_("Unknown field.")] for name in sorted(unknown)})
    for name, value in changes.items():
        setattr(dependant, name, value)
    _full_clean(dependant)
    dependant.save()
    return dependant


@transaction.atomic
def dependant_delete(*, actor, dependant: Dependant) -> None:
    _require_change(actor, dependant)
    dependant.delete()
