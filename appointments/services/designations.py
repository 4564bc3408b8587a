"""Appointments outside the ASC/warden workflow (appointments.services.workflow).

- DO ad interim (¶8(b)): the country's Designated Official recommends a candidate to UNSECOORD,
  which approves or rejects; only one acting DO at a time per country.
- FSCO, deputy/assistant FSCO, FSCA: appointed by UNSECOORD directly through
  ``appointments.services.appointments.appointment_create`` (``may_appoint``: ``appoint_anyone``).
- Country Security Focal Point (annex ¶24): named by the country representative of the
  person's organization; only one live per organization and duty station (or country).
- Agency security officers (annex ¶12): an HQ focal point proposes (``appointment_create``
  leaves the appointment in draft); UNSECOORD clears or refuses before deployment.
- SMT membership (annex ¶22): country representatives at the duty station sit on its SMT; a
  deputy of the same organization sits in while the representative is absent.

    recommend / propose ──▶ draft ──approve / clear──▶ pending ──start date──▶ active
                              └──reject / refuse──▶ rejected

Every illegal move is refused with a ValidationError naming the field; pghistory audits
every change of state.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accountability.core import scoping
from actors.models import Country, DutyStation, Organization, Person, Role, ScopeKind
from appointments.models import Appointment
from appointments.models import AppointmentStatus as S
from appointments.services.appointments import (
    LIVE_STATUSES,
    appointment_activate,
    overlapping,
    validate_scope,
)
from appointments.services.workflow import check_transition, locked

DO = "designated_official"
ASO = "agency_security_officer"
CFP = "country_focal_point"

TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "approve": ((S.DRAFT,), S.PENDING),
    "reject": ((S.DRAFT,), S.REJECTED),
    "clear": ((S.DRAFT,), S.PENDING),
    "refuse": ((S.DRAFT,), S.REJECTED),
}


def is_unsecoord(actor) -> bool:
    return actor.is_superuser or scoping.grants(actor).holds_globally("appoint_anyone")


def _check_dates(start_date: dt.date, end_date: dt.date | None, today: dt.date) -> None:
    if end_date is not None and end_date < start_date:
        raise ValidationError({"end_date": [_("The end date is before the start date.")]})
    if start_date < today:
        raise ValidationError({"start_date": [_("The start date is in the past.")]})


def _start(appointment: Appointment, *, actor, reason: str, today: dt.date) -> Appointment:
    """Approved: pending until the start date, active (with its rights) from it."""
    if appointment.end_date is not None and appointment.end_date < today:
        raise ValidationError({"end_date": [_("The end date has passed; it cannot start.")]})
    appointment.status = S.PENDING
    appointment.decided_by = actor
    appointment.decided_at = timezone.now()
    appointment.decision_reason = reason.strip()
    appointment.appointed_by = actor
    appointment.save()
    if appointment.start_date <= today:
        appointment_activate(appointment=appointment)
    return appointment


def _refuse(appointment: Appointment, *, actor, reason: str) -> Appointment:
    if not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for the decision.")]})
    appointment.status = S.REJECTED
    appointment.decided_by = actor
    appointment.decided_at = timezone.now()
    appointment.decision_reason = reason.strip()
    appointment.save()
    return appointment


# --- DO ad interim (¶8(b)) ---------------------------------------------------------------------


def may_recommend_interim(actor, country: Country) -> bool:
    """Whether ``actor`` is the country's DO, who recommends a DO ad interim (¶8(b)). The pages
    ask this too, to offer the form (no query beyond the request's grants)."""
    return actor.is_superuser or country.pk in scoping.grants(actor).ids(
        "country", "decide_appointments"
    )


@transaction.atomic
def do_interim_recommend(
    *,
    actor,
    person: Person,
    country: Country,
    start_date: dt.date,
    end_date: dt.date | None = None,
    today: dt.date | None = None,
) -> Appointment:
    """The country's DO recommends a DO ad interim to UNSECOORD (¶8(b))."""
    today = today or timezone.localdate()
    if not may_recommend_interim(actor, country):
        raise ValidationError(
            {"country": [_("Only the Designated Official of this country recommends (¶8(b)).")]}
        )
    if person.user_id is not None and person.user_id == actor.pk:
        raise ValidationError({"person": [_("Recommend someone else to act for you.")]})
    if not person.is_active:
        raise ValidationError({"person": [_("This person is no longer active.")]})
    role = Role.objects.get(code=DO)
    validate_scope(person=person, role=role, scope=country)
    _check_dates(start_date, end_date, today)
    same = Appointment.objects.filter(
        person=person,
        role=role,
        scope_country=country,
        status__in=(S.DRAFT, *LIVE_STATUSES),
    )
    if overlapping(same, start_date, end_date).exists():
        raise ValidationError(
            {"person": [_("This person is already recommended or appointed for these dates.")]}
        )
    return Appointment.objects.create(
        organization_id=person.organization_id,
        person=person,
        role=role,
        scope_kind=ScopeKind.COUNTRY,
        scope_country=country,
        is_ad_interim=True,
        start_date=start_date,
        end_date=end_date,
        status=S.DRAFT,
        nominated_by=actor,
    )


def _require_interim(appointment: Appointment) -> None:
    if appointment.role.code != DO or not appointment.is_ad_interim:
        raise ValidationError({"appointment": [_("This is not a DO ad interim recommendation.")]})


def _require_unsecoord(actor, appointment: Appointment) -> None:
    if not is_unsecoord(actor):
        raise ValidationError({"decision": [_("Only UNSECOORD decides on this appointment.")]})
    if appointment.person.user_id is not None and appointment.person.user_id == actor.pk:
        raise ValidationError({"decision": [_("Nobody decides on their own appointment.")]})


def _unsecoord_step(actor, appointment: Appointment, require, action: str) -> Appointment:
    """Lock the row, check its kind and state, and that UNSECOORD (not the appointee) acts."""
    appointment = locked(appointment)
    require(appointment)
    check_transition(appointment, action, TRANSITIONS)
    _require_unsecoord(actor, appointment)
    return appointment


@transaction.atomic
def do_interim_approve(*, actor, appointment: Appointment, today: dt.date | None = None):
    """UNSECOORD approves the recommendation: one acting DO at a time per country (¶8(b))."""
    today = today or timezone.localdate()
    appointment = _unsecoord_step(actor, appointment, _require_interim, "approve")
    # Lock the country so that two approvals for it cannot both pass the check below.
    Country.objects.select_for_update().get(pk=appointment.scope_country_id)
    others = Appointment.objects.filter(
        role__code=DO,
        scope_country_id=appointment.scope_country_id,
        is_ad_interim=True,
        status__in=LIVE_STATUSES,
    ).exclude(pk=appointment.pk)
    if overlapping(others, appointment.start_date, appointment.end_date).exists():
        raise ValidationError(
            {"scope": [_("This country already has a DO ad interim for these dates (¶8(b)).")]}
        )
    return _start(appointment, actor=actor, reason="", today=today)


@transaction.atomic
def do_interim_reject(*, actor, appointment: Appointment, reason: str) -> Appointment:
    appointment = _unsecoord_step(actor, appointment, _require_interim, "reject")
    return _refuse(appointment, actor=actor, reason=reason)


# --- Agency security officers (annex ¶12) ------------------------------------------------------


def _require_aso(appointment: Appointment) -> None:
    if appointment.role.code != ASO:
        raise ValidationError({"role": [_("This is not an agency security officer.")]})


@transaction.atomic
def aso_clear(*, actor, appointment: Appointment, today: dt.date | None = None) -> Appointment:
    """UNSECOORD clears the candidate before deployment (annex ¶12)."""
    today = today or timezone.localdate()
    appointment = _unsecoord_step(actor, appointment, _require_aso, "clear")
    same = Appointment.objects.filter(
        person_id=appointment.person_id,
        role_id=appointment.role_id,
        scope_duty_station_id=appointment.scope_duty_station_id,
        status__in=LIVE_STATUSES,
    ).exclude(pk=appointment.pk)
    if overlapping(same, appointment.start_date, appointment.end_date).exists():
        raise ValidationError(
            {"start_date": [_("The person already holds this role here for these dates.")]}
        )
    return _start(appointment, actor=actor, reason="", today=today)


@transaction.atomic
def aso_refuse(*, actor, appointment: Appointment, reason: str) -> Appointment:
    appointment = _unsecoord_step(actor, appointment, _require_aso, "refuse")
    return _refuse(appointment, actor=actor, reason=reason)


# --- Country Security Focal Point (annex ¶24) --------------------------------------------------


def represents(actor, scope) -> bool:
    """Whether ``actor`` is a country representative covering ``scope``.

    ``release_staff`` is granted by the country representative's role alone
    (``actors.rules.ROLE_GRANTS``).
    """
    if actor.is_superuser:
        return True
    g = scoping.grants(actor)
    if isinstance(scope, Country):
        return scope.pk in g.ids("country", "release_staff")
    return scope.pk in g.ids("station", "release_staff")


@transaction.atomic
def focal_point_name(
    *,
    actor,
    person: Person,
    scope: Country | DutyStation,
    start_date: dt.date,
    end_date: dt.date | None = None,
    today: dt.date | None = None,
) -> Appointment:
    """The country representative names one of its own senior staff as the Country Security
    Focal Point (annex ¶24).

    The focal point assists; the representative stays accountable for the security of its
    organization's personnel (¶15, annex ¶24): nothing of the representative's appointment or
    rights changes, and ``appointed_by`` keeps who named the focal point.
    """
    today = today or timezone.localdate()
    if not isinstance(scope, Country | DutyStation):
        raise ValidationError({"scope": [_("Name the focal point for a country or duty station.")]})
    if not represents(actor, scope):
        raise ValidationError(
            {"scope": [_("Only the country representative here names a focal point.")]}
        )
    if not actor.is_superuser and person.organization_id != actor.organization_id:
        raise ValidationError({"person": [_("Name one of your own organization's staff.")]})
    if not person.is_active:
        raise ValidationError({"person": [_("This person is no longer active.")]})
    role = Role.objects.get(code=CFP)
    kind = validate_scope(person=person, role=role, scope=scope)
    _check_dates(start_date, end_date, today)
    # One live focal point per organization and duty station: lock the organization so that
    # two representatives naming at once cannot both pass the check.
    Organization.objects.select_for_update().get(pk=person.organization_id)
    if isinstance(scope, Country):
        place = Q(scope_country=scope) | Q(scope_duty_station__country_id=scope.pk)
    else:
        place = Q(scope_duty_station=scope) | Q(scope_country_id=scope.country_id)
    others = Appointment.objects.filter(
        place, role=role, organization_id=person.organization_id, status__in=LIVE_STATUSES
    )
    if overlapping(others, start_date, end_date).exists():
        raise ValidationError(
            {"scope": [_("Your organization already has a focal point here for these dates.")]}
        )
    appointment = Appointment.objects.create(
        organization_id=person.organization_id,
        person=person,
        role=role,
        scope_kind=kind,
        start_date=start_date,
        end_date=end_date,
        status=S.PENDING,
        nominated_by=actor,
        appointed_by=actor,
        decided_by=actor,
        decided_at=timezone.now(),
        **{"scope_country" if kind == ScopeKind.COUNTRY else "scope_duty_station": scope},
    )
    if start_date <= today:
        appointment_activate(appointment=appointment)
    return appointment


# --- SMT deputies (annex ¶22) ------------------------------------------------------------------


def sitting_station(appointment: Appointment) -> DutyStation:
    """The duty station on whose SMT a representative sits: its own station when appointed
    over a country, as country representatives sit on the SMT where they are (annex ¶22)."""
    if appointment.scope_duty_station_id:
        return appointment.scope_duty_station
    return appointment.person.duty_station


@transaction.atomic
def smt_deputy_sit_in(
    *,
    actor,
    representative_appointment: Appointment,
    deputy: Person,
    start_date: dt.date,
    end_date: dt.date,
    today: dt.date | None = None,
) -> Appointment:
    """A deputy of the same organization sits in on the SMT while the representative is
    absent (annex ¶22)."""
    today = today or timezone.localdate()
    rep = (
        Appointment.objects.select_related("role", "person__duty_station", "scope_duty_station")
        .filter(pk=representative_appointment.pk)
        .get()
    )
    if rep.role.code not in ("country_representative", "smt") or rep.status not in LIVE_STATUSES:
        raise ValidationError(
            {
                "representative_appointment": [
                    _("Choose a current country representative or SMT member appointment.")
                ]
            }
        )
    g = scoping.grants(actor)
    if not (
        actor.is_superuser
        or rep.person.user_id == actor.pk
        or rep.organization_id in g.ids("organization", "manage_appointments")
    ):
        raise ValidationError(
            {
                "representative_appointment": [
                    _("Only the representative or its HQ focal point names a deputy.")
                ]
            }
        )
    if deputy.organization_id != rep.organization_id:
        raise ValidationError({"deputy": [_("The deputy belongs to the same organization.")]})
    if deputy.pk == rep.person_id:
        raise ValidationError({"deputy": [_("The deputy replaces the representative.")]})
    if not deputy.is_active:
        raise ValidationError({"deputy": [_("This person is no longer active.")]})
    if end_date is None:
        raise ValidationError({"end_date": [_("Give the end of the absence.")]})
    _check_dates(start_date, end_date, today)
    station = sitting_station(rep)
    role = Role.objects.get(code="smt")
    try:
        validate_scope(person=deputy, role=role, scope=station)
    except ValidationError:
        raise ValidationError(
            {"deputy": [_("The deputy works at %(station)s.") % {"station": station}]}
        ) from None
    same = Appointment.objects.filter(
        person=deputy, role=role, scope_duty_station=station, status__in=LIVE_STATUSES
    )
    if overlapping(same, start_date, end_date).exists():
        raise ValidationError({"deputy": [_("The deputy already sits on this SMT then.")]})
    appointment = Appointment.objects.create(
        organization_id=deputy.organization_id,
        person=deputy,
        role=role,
        scope_kind=ScopeKind.DUTY_STATION,
        scope_duty_station=station,
        start_date=start_date,
        end_date=end_date,
        status=S.PENDING,
        nominated_by=actor,
        appointed_by=actor,
        decided_by=actor,
        decided_at=timezone.now(),
        # No field links the deputy to the absent representative; the reason names them.
        decision_reason=_(
            "Sits in for %(person)s (appointment %(id)s) during their absence (annex ¶22)."
        )
        % {"person": rep.person, "id": rep.pk},
    )
    if start_date <= today:
        appointment_activate(appointment=appointment)
    return appointment
