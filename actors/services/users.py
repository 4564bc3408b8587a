"""Logins: an HQ focal point manages its organization's users."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accountability.core import scoping
from actors.models import Person, User


@transaction.atomic
def user_create(
    *,
    actor,
    organization,
    username: str,
    email: str = "",
    password: str | None = None,
    person: Person | None = None,
    first_name: str = "",
    last_name: str = "",
) -> User:
    if not scoping.may_create(actor, User, organization=organization):
        raise ValidationError({"organization": [_("You may not add logins to this organization.")]})
    user = User(
        organization=organization,
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
    )
    if password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationError({"password": exc.messages}) from exc
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    if person is not None:
        user_link_person(actor=actor, user=user, person=person)
    return user


@transaction.atomic
def user_link_person(*, actor, user: User, person: Person | None) -> None:
    """Link a login to its person record (or unlink); rights follow the person's appointments."""
    if person is not None and person.organization_id != user.organization_id:
        raise ValidationError({"person": [_("The person belongs to another organization.")]})
    Person.objects.filter(user=user).exclude(pk=getattr(person, "pk", None)).update(user=None)
    if person is not None:
        if person.user_id and person.user_id != user.pk:
            raise ValidationError({"person": [_("This person already has a login.")]})
        person.user = user
        person.save(update_fields=["user", "updated_at"])
    scoping.sync_rights(user)


@transaction.atomic
def user_update(*, actor, user: User, **changes) -> User:
    allowed = {"email", "first_name", "last_name", "is_active"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(
            {name: [_("This field cannot be changed here.")] for name in sorted(unknown)}
        )
    for name, value in changes.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password"])
    user.save()
    scoping.sync_rights(user)  # a deactivated login keeps no rights
    return user
