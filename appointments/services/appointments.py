"""Appointments: who holds which role over which scope, and the rights that follow."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accountability.core import scoping
from accountability.core.audit import audit_context
from actors.models import (
    Area,
    Country,
    DutyStation,
    Organization,
    OrganizationKind,
    Person,
    Role,
    ScopeKind,
    WardenZone,
)
from appointments import rules as appointment_rules
from appointments.models import Appointment, AppointmentStatus
from appointments.models.appointments import SCOPE_FIELDS

SCOPE_KIND_OF = {
    Organization: ScopeKind.ORGANIZATION,
    Country: ScopeKind.COUNTRY,
    DutyStation: ScopeKind.DUTY_STATION,
    Area: ScopeKind.AREA,
    WardenZone: ScopeKind.ZONE,
}

# Roles whose holders may cover places other than their own duty station: regional FSCOs
# serve several countries (¶9); UNSECOORD's roles are system-wide.
ROAMING_ROLES = frozenset({"fsco", "unsecoord", "unsecoord_inspector"})

LIVE_STATUSES = (AppointmentStatus.PENDING, AppointmentStatus.ACTIVE)


def _scope_contains_station(scope, station: DutyStation) -> bool:
    if isinstance(scope, Country):
        return station.country_id == scope.pk
    if isinstance(scope, DutyStation):
        return station.pk == scope.pk
    if isinstance(scope, Area):
        return station.country_id == scope.country_id
    if isinstance(scope, WardenZone):
        return station.pk == scope.duty_station_id
    return False


def validate_scope(*, person: Person, role: Role, scope) -> ScopeKind:
    """The per-role scope rules; raises ValidationError naming the field."""
    kind = SCOPE_KIND_OF.get(type(scope))
    if not role.is_appointable:
        raise ValidationError(
            {"role": [_("This role is held by all personnel; it is not appointed.")]}
        )
    if kind is None or kind not in role.scope_kinds:
        allowed = ", ".join(str(ScopeKind(k).label) for k in role.scope_kinds)
        raise ValidationError(
            {
                "scope": [
                    _("%(role)s is appointed over: %(allowed)s.")
                    % {"role": role.name, "allowed": allowed}
                ]
            }
        )
    if role.unsecoord_only:
        if (
            person.organization.kind != OrganizationKind.UNSECOORD
            or scope.kind != OrganizationKind.UNSECOORD
        ):
            raise ValidationError(
                {"person": [_("Only UNSECOORD staff hold this role, over UNSECOORD.")]}
            )
        return kind
    if kind == ScopeKind.ORGANIZATION:
        if scope.pk != person.organization_id:
            raise ValidationError(
                {"scope": [_("An agency role applies to the person's own organization.")]}
            )
        return kind
    if role.code not in ROAMING_ROLES and not _scope_contains_station(scope, person.duty_station):
        raise ValidationError({"scope": [_("The scope must include the person's duty station.")]})
    return kind


def overlapping(queryset, start: dt.date, end: dt.date | None):
    """The appointments of ``queryset`` whose dates overlap ``start``–``end`` (open end)."""
    qs = queryset.filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
    if end is not None:
        qs = qs.filter(start_date__lte=end)
    return qs


@transaction.atomic
def appointment_create(
    *,
    actor,
    person: Person,
    role: Role,
    scope,
    start_date: dt.date,
    end_date: dt.date | None = None,
    is_ad_interim: bool = False,
    today: dt.date | None = None,
) -> Appointment:
    """Appoint ``person`` directly (UNSECOORD staff, or HQ focal points within their rights).

    The approval workflow of ASCs and wardens (¶17, ¶19) creates appointments through the
    same function once the Designated Official has decided.
    """
    today = today or timezone.localdate()
    if not appointment_rules.may_appoint(actor, person=person, role=role):
        raise ValidationError({"role": [_("You may not appoint to this role.")]})
    if role.code in ("area_coordinator", "warden") and not actor.is_superuser:
        # The DO appoints them in writing after consulting the SMT (¶17, ¶19).
        raise ValidationError(
            {"role": [_("Nominate area coordinators and wardens; the DO decides (¶17, ¶19).")]}
        )
    if not person.is_active:
        raise ValidationError({"person": [_("This person is no longer active.")]})
    if end_date is not None and end_date < start_date:
        raise ValidationError({"end_date": [_("The end date is before the start date.")]})
    if end_date is not None and end_date < today:
        raise ValidationError({"end_date": [_("The end date is in the past.")]})
    kind = validate_scope(person=person, role=role, scope=scope)
    if is_ad_interim and role.code != "designated_official":
        raise ValidationError(
            {"is_ad_interim": [_("Only a Designated Official is appointed ad interim.")]}
        )

    field = SCOPE_FIELDS[kind]
    same = Appointment.objects.filter(person=person, role=role, **{field: scope})
    if overlapping(same.filter(status__in=LIVE_STATUSES), start_date, end_date).exists():
        raise ValidationError(
            {"start_date": [_("The person already holds this role here for these dates.")]}
        )
    if role.code == "designated_official" and kind == ScopeKind.COUNTRY and not is_ad_interim:
        # One Designated Official per country (¶8). Lock the country so that two
        # concurrent appointments cannot both pass the check.
        Country.objects.select_for_update().get(pk=scope.pk)
        others = Appointment.objects.filter(role=role, scope_country=scope, is_ad_interim=False)
        if overlapping(others.filter(status__in=LIVE_STATUSES), start_date, end_date).exists():
            raise ValidationError(
                {
                    "scope": [
                        _("This country already has a Designated Official for these dates (¶8).")
                    ]
                }
            )

    # An agency's security officer is cleared by UNSECOORD before deployment (annex ¶12):
    # proposed by anyone else, it waits in draft for appointments.services.designations.aso_clear.
    needs_clearance = role.code == "agency_security_officer" and not (
        actor.is_superuser or scoping.grants(actor).holds_globally("appoint_anyone")
    )
    appointment = Appointment.objects.create(
        organization_id=person.organization_id,
        person=person,
        role=role,
        scope_kind=kind,
        is_ad_interim=is_ad_interim,
        start_date=start_date,
        end_date=end_date,
        status=AppointmentStatus.DRAFT if needs_clearance else AppointmentStatus.PENDING,
        appointed_by=actor,
        nominated_by=actor if needs_clearance else None,
        **{field: scope},
    )
    if start_date <= today and not needs_clearance:
        appointment_activate(appointment=appointment)
    return appointment


@transaction.atomic
def appointment_activate(*, appointment: Appointment) -> Appointment:
    appointment.status = AppointmentStatus.ACTIVE
    appointment.save(update_fields=["status", "updated_at"])
    _sync_person_rights(appointment.person)
    return appointment


@transaction.atomic
def appointment_end(
    *,
    actor,
    appointment: Appointment,
    reason: str,
    revoke: bool = False,
    on: dt.date | None = None,
) -> Appointment:
    """End or revoke an appointment; its rights are revoked at once."""
    if appointment.status not in LIVE_STATUSES:
        raise ValidationError({"status": [_("This appointment has already ended.")]})
    if revoke and not reason.strip():
        raise ValidationError({"end_reason": [_("Give the reason for the revocation.")]})
    appointment.status = AppointmentStatus.REVOKED if revoke else AppointmentStatus.ENDED
    appointment.ended_on = on or timezone.localdate()
    appointment.end_reason = reason.strip()
    appointment.save(update_fields=["status", "ended_on", "end_reason", "updated_at"])
    _sync_person_rights(appointment.person)
    return appointment


def appointments_end_for_people(*, actor, people, reason: str, **_signal) -> int:
    """People left (``actors.signals.people_left``): every live appointment of theirs ends the
    same day (¶17, ¶19). One query finds who holds a role; only those few cost more queries."""
    holders = set(
        Appointment.objects.filter(
            person_id__in=[person.pk for person in people], status__in=LIVE_STATUSES
        ).values_list("person_id", flat=True)
    )
    return sum(
        appointments_end_for_person(actor=actor, person=person, reason=reason)
        for person in people
        if person.pk in holders
    )


def appointments_end_for_person(*, actor, person: Person, reason: str) -> int:
    """The person left: every live appointment ends the same day (¶17, ¶19)."""
    count = 0
    for appointment in person.appointments.filter(status__in=LIVE_STATUSES).select_related(
        "person"
    ):
        appointment_end(actor=actor, appointment=appointment, reason=reason)
        count += 1
    return count


def _sync_person_rights(person: Person) -> None:
    if person.user_id:
        scoping.sync_rights(person.user)


def apply_appointment_dates(*, today: dt.date | None = None) -> dict[str, int]:
    """Start appointments whose start date has come and end those whose end date has passed.

    Run by Celery beat. Rows are claimed with SKIP LOCKED so that two runs never process the
    same appointment; rights of every affected login are then recomputed.
    """
    today = today or timezone.localdate()
    with audit_context(source="task:apply_appointment_dates"), transaction.atomic():
        starting = list(
            Appointment.objects.select_for_update(skip_locked=True)
            .filter(status=AppointmentStatus.PENDING, start_date__lte=today)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
            .order_by("pk")
            .values_list("pk", "person__user_id")
        )
        ending = list(
            Appointment.objects.select_for_update(skip_locked=True)
            .filter(status__in=LIVE_STATUSES, end_date__lt=today)
            .order_by("pk")
            .values_list("pk", "person__user_id")
        )
        Appointment.objects.filter(pk__in=[pk for pk, _ in starting]).update(
            status=AppointmentStatus.ACTIVE, updated_at=timezone.now()
        )
        Appointment.objects.filter(pk__in=[pk for pk, _ in ending]).update(
            status=AppointmentStatus.ENDED,
            ended_on=today,
            end_reason="End date reached.",
            updated_at=timezone.now(),
        )
        from actors.models import User

        user_ids = {uid for _, uid in starting + ending if uid}
        for user in User.objects.filter(pk__in=user_ids):
            scoping.sync_rights(user)
    return {"started": len(starting), "ended": len(ending)}
