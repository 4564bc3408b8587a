"""Appointing Area Security Coordinators and Wardens (¶17, ¶19): the state machine.

    draft ──submit──▶ consultation ──approve──▶ pending ──start date──▶ active ──▶ ended
      │                   │                        │                      └─revoke─▶ revoked
      └──withdraw──▶ ended └──reject──▶ rejected    └─revoke─▶ revoked

- Nominated by the FSCO, an SMT member or the DO of the duty station, with a statement of how
  the nominee meets each core competency of the role (¶24(d)).
- Submitting asks every SMT member of the station (in the app and by email); each may support,
  object with reasons, or give no view within the consultation period (working days).
- The nominee's country representative records the working time the agency releases.
- Only the DO of that duty station (or the DO ad interim) decides, never on a nomination of
  their own or on themselves, and not before the consultation ends unless every SMT member
  has answered. Approval needs the release; rejection needs a reason.
- Approval issues the written appointment letter; rights follow the start date.

Every transition is a function below; TRANSITIONS says from which states it may run, and an
illegal one is refused with a ValidationError that names the state.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accountability.core import scoping
from accountability.core.audit import audit_context
from accountability.core.notifications import notify_person
from actors.models import Area, DutyStation, Person, Role, WardenZone
from appointments.models import Answer, Appointment, CompetencyStatement, Consultation
from appointments.models import AppointmentStatus as S
from appointments.services.appointments import (
    LIVE_STATUSES,
    appointment_activate,
    appointment_end,
    overlapping,
    validate_scope,
)

WORKFLOW_ROLES = ("area_coordinator", "warden")

TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "submit": ((S.DRAFT,), S.CONSULTATION),
    "consult": ((S.CONSULTATION,), S.CONSULTATION),
    "release": ((S.DRAFT, S.CONSULTATION), None),
    "approve": ((S.CONSULTATION,), S.PENDING),
    "reject": ((S.CONSULTATION,), S.REJECTED),
    "withdraw": ((S.DRAFT, S.CONSULTATION), S.ENDED),
    "revoke": ((S.PENDING, S.ACTIVE), S.REVOKED),
}


def transition_allowed(
    appointment: Appointment, action: str, transitions: dict | None = None
) -> bool:
    allowed, _target = (transitions or TRANSITIONS)[action]
    return appointment.status in allowed


def check_transition(
    appointment: Appointment, action: str, transitions: dict | None = None
) -> None:
    """Refuse ``action`` unless the appointment is in a state the table allows it from."""
    if not transition_allowed(appointment, action, transitions):
        raise ValidationError(
            {
                "status": [
                    _("Cannot %(action)s an appointment that is %(state)s.")
                    % {"action": action, "state": appointment.get_status_display().lower()}
                ]
            }
        )


def add_working_days(start: dt.date, days: int) -> dt.date:
    current = start
    while days > 0:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def decision_station(appointment: Appointment) -> DutyStation:
    """The duty station whose DO and SMT decide: the zone's city, or for an area (away from
    the capital, ¶17) the capital of its country."""
    if appointment.scope_zone_id:
        return appointment.scope_zone.duty_station
    # Kept on the row: a page asks it for its own text and again for available_actions.
    cached = getattr(appointment, "_decision_capital", None)
    if cached is not None and cached[0] == appointment.scope_area_id:
        return cached[1]
    capital = DutyStation.objects.filter(
        country_id=appointment.scope_area.country_id, is_capital=True
    ).first()
    if capital is not None:
        appointment._decision_capital = (appointment.scope_area_id, capital)
    if capital is None:
        raise ValidationError({"scope": [_("The area's country has no capital duty station.")]})
    return capital


def _smt(station: DutyStation):
    return Person.objects.filter(
        appointments__role__code="smt",
        appointments__status=S.ACTIVE,
        appointments__scope_duty_station=station,
        is_active=True,
    )


def smt_members(station: DutyStation) -> list[Person]:
    return list(_smt(station).select_related("user").distinct().order_by("family_name", "id"))


def is_smt_member(person_id: int, station: DutyStation) -> bool:
    """Whether the person sits on the station's SMT today (one EXISTS query)."""
    return _smt(station).filter(pk=person_id).exists()


def _url(appointment: Appointment) -> str:
    return reverse("appointments:appointment-detail", args=[appointment.pk])


def nomination_terms(appointment: Appointment) -> dict[str, object]:
    """The words every notice about a nomination fills in: who, as what, where, answer by."""
    return {
        "person": appointment.person,
        "role": appointment.role,
        "scope": appointment.scope,
        "date": appointment.consultation_ends_on,
    }


# --- Nomination -------------------------------------------------------------------------------


@transaction.atomic
def nomination_create(
    *,
    actor,
    person: Person,
    role: Role,
    scope: Area | WardenZone,
    start_date: dt.date,
    end_date: dt.date | None = None,
    is_alternate: bool = False,
    statements: dict[int, str] | None = None,
) -> Appointment:
    """Nominate ``person`` (of any agency) as area coordinator or (alternate) warden."""
    if role.code not in WORKFLOW_ROLES:
        raise ValidationError(
            {"role": [_("Only area coordinators and wardens are nominated this way.")]}
        )
    kind = validate_scope(person=person, role=role, scope=scope)
    if is_alternate and role.code != "warden":
        raise ValidationError({"is_alternate": [_("Only wardens have alternates (¶19).")]})
    if end_date is not None and end_date < start_date:
        raise ValidationError({"end_date": [_("The end date is before the start date.")]})
    if start_date < timezone.localdate():
        raise ValidationError({"start_date": [_("The start date is in the past.")]})
    if not person.is_active:
        raise ValidationError({"person": [_("This person is no longer active.")]})
    appointment = Appointment(
        organization_id=person.organization_id,
        person=person,
        role=role,
        scope_kind=kind,
        start_date=start_date,
        end_date=end_date,
        is_alternate=is_alternate,
        status=S.DRAFT,
        nominated_by=actor,
        **{"scope_area" if isinstance(scope, Area) else "scope_zone": scope},
    )
    station = decision_station(appointment)
    if not may_nominate(actor, station):
        raise ValidationError(
            {
                "scope": [
                    _("Only the FSCO, an SMT member or the DO of %(station)s may nominate.")
                    % {"station": station}
                ]
            }
        )
    # Refused now rather than at the DO's decision, after six consultations and the release.
    _check_single_warden(appointment)
    appointment.save()
    statements_set(actor=actor, appointment=appointment, statements=statements or {})
    return appointment


@transaction.atomic
def statements_set(*, actor, appointment: Appointment, statements: dict[int, str]) -> None:
    """Record how the nominee meets each competency of the role (¶24(d))."""
    if appointment.status != S.DRAFT:
        raise ValidationError({"statements": [_("Statements are fixed once submitted.")]})
    competencies = {c.pk: c for c in appointment.role.competencies.all()}
    unknown = set(statements) - set(competencies)
    if unknown:
        raise ValidationError(
            {"statements": [_("Not a competency of this role: %(ids)s") % {"ids": sorted(unknown)}]}
        )
    for competency_id, text in statements.items():
        text = (text or "").strip()
        if text:
            CompetencyStatement.objects.update_or_create(
                appointment=appointment,
                competency_id=competency_id,
                defaults={"statement": text},
            )
        else:
            CompetencyStatement.objects.filter(
                appointment=appointment, competency_id=competency_id
            ).delete()


@transaction.atomic
def nomination_submit(
    *, actor, appointment: Appointment, today: dt.date | None = None
) -> Appointment:
    """Open the SMT consultation: every SMT member of the station is asked."""
    appointment = locked(appointment)
    check_transition(appointment, "submit")
    _require_nominator_or_do(actor, appointment)
    missing = appointment.role.competencies.exclude(
        pk__in=appointment.competency_statements.values("competency_id")
    )
    if missing.exists():
        raise ValidationError(
            {
                "statements": [
                    _("Say how the nominee meets: %(names)s.")
                    % {"names": ", ".join(c.name_en for c in missing)}
                ]
            }
        )
    _check_single_warden(appointment)  # a warden appointed since the nomination was drafted
    station = decision_station(appointment)
    members = smt_members(station)
    if not members:
        raise ValidationError(
            {"scope": [_("%(station)s has no SMT member to consult.") % {"station": station}]}
        )
    today = today or timezone.localdate()
    appointment.status = S.CONSULTATION
    appointment.submitted_at = timezone.now()
    appointment.consultation_ends_on = add_working_days(today, settings.CONSULTATION_WORKING_DAYS)
    appointment.save(update_fields=["status", "submitted_at", "consultation_ends_on", "updated_at"])
    consultations = Consultation.objects.bulk_create(
        Consultation(appointment=appointment, member=member) for member in members
    )
    from appointments.services.consultation_links import answer_path

    # Members without a login are asked by email at their person record's address, with a
    # personal link to answer by: the DO should not have to wait out the period for members
    # who were never told or could not answer.
    for member, consultation in zip(members, consultations, strict=True):
        notify_person(
            person=member,
            key=f"consult:{appointment.pk}",
            subject=_("Your view is asked on a nomination"),
            body=_("%(person)s is nominated as %(role)s for %(scope)s. Answer by %(date)s.")
            % nomination_terms(appointment),
            url=_url(appointment),
            public_url=answer_path(consultation),
        )
    return appointment


def _answer_check(appointment: Appointment, answer: str, reasons: str) -> None:
    """The rules of an answer, whichever way it comes (the signed-in page, the API, a link)."""
    check_transition(appointment, "consult")
    if answer not in (Answer.SUPPORT, Answer.OBJECT, Answer.NO_VIEW):
        raise ValidationError({"answer": [_("Answer support, object or no_view.")]})
    if answer == Answer.OBJECT and not reasons.strip():
        raise ValidationError({"reasons": [_("Give the reasons for the objection.")]})


def _answer_save(consultation: Consultation, *, answer: str, reasons: str, answered_by) -> None:
    consultation.answer = answer
    consultation.reasons = reasons.strip()
    consultation.answered_by = answered_by
    consultation.answered_at = timezone.now()
    consultation.save()


@transaction.atomic
def consultation_answer(
    *, actor, appointment: Appointment, answer: str, reasons: str = ""
) -> Consultation:
    """An SMT member records support, an objection with reasons, or no view."""
    appointment = locked(appointment)
    _answer_check(appointment, answer, reasons)
    consultation = consultation_of(actor, appointment)
    if consultation is None:
        raise ValidationError({"answer": [_("You are not consulted on this nomination.")]})
    _answer_save(consultation, answer=answer, reasons=reasons, answered_by=actor)
    return consultation


@transaction.atomic
def consultation_answer_by_link(
    *, token: str, answer: str, reasons: str = "", today: dt.date | None = None
) -> Consultation:
    """An SMT member with no login answers through the personal link of their email (¶17,
    ¶19): the same rules as the signed-in path, ``answered_by`` empty, audited under the
    source "link:consultation" with the member's person id. Consultation.DoesNotExist, alike,
    for a link that is tampered, expired, for a consultation no longer open or for a member no
    longer on the SMT (appointments.services.consultation_links.consultation_for_token)."""
    from appointments.services.consultation_links import (
        AUDIT_SOURCE,
        AUDIT_URL,
        consultation_for_token,
    )

    consultation = consultation_for_token(token, today=today)
    if consultation is None:
        raise Consultation.DoesNotExist
    # The request's audit context holds its path, and so the token: replaced, not kept.
    with audit_context(source=AUDIT_SOURCE, person=consultation.member_id, url=AUDIT_URL):
        appointment = locked(consultation.appointment)
        _answer_check(appointment, answer, reasons)
        _answer_save(consultation, answer=answer, reasons=reasons, answered_by=None)
    return consultation


@transaction.atomic
def release_record(
    *,
    actor,
    appointment: Appointment,
    hours_per_week: Decimal | None = None,
    percent: int | None = None,
) -> Appointment:
    """The nominee's country representative allots the working time (¶17, ¶19)."""
    appointment = locked(appointment)
    check_transition(appointment, "release")
    if not may_release(actor, appointment):
        raise ValidationError(
            {"release": [_("Only the nominee's country representative releases their time.")]}
        )
    if (hours_per_week is None) == (percent is None):
        raise ValidationError(
            {"hours_per_week": [_("Give either hours per week or a percentage of time.")]}
        )
    if hours_per_week is not None and not (Decimal("0.5") <= hours_per_week <= Decimal("60")):
        raise ValidationError({"hours_per_week": [_("Between 0.5 and 60 hours a week.")]})
    if percent is not None and not 1 <= percent <= 100:
        raise ValidationError({"percent": [_("Between 1 and 100 percent.")]})
    appointment.release_hours_per_week = hours_per_week
    appointment.release_percent = percent
    appointment.released_by = actor
    appointment.released_at = timezone.now()
    appointment.save(
        update_fields=[
            "release_hours_per_week",
            "release_percent",
            "released_by",
            "released_at",
            "updated_at",
        ]
    )
    return appointment


# --- Decision ---------------------------------------------------------------------------------


def is_own_nomination(actor, appointment: Appointment) -> bool:
    return appointment.person.user_id == actor.pk or appointment.nominated_by_id == actor.pk


def may_decide(actor, appointment: Appointment, station: DutyStation | None = None) -> bool:
    """The DO of the decision station, who is neither the nominee nor the nominator."""
    if is_own_nomination(actor, appointment):
        return False
    return _is_do(actor, appointment, station)


def consultation_closed(appointment: Appointment, today: dt.date) -> bool:
    if appointment.consultation_ends_on and today > appointment.consultation_ends_on:
        return True
    return not appointment.consultations.filter(answer=Answer.PENDING).exists()


@transaction.atomic
def appointment_decide(
    *,
    actor,
    appointment: Appointment,
    approve: bool,
    reason: str = "",
    today: dt.date | None = None,
) -> Appointment:
    appointment = locked(appointment)
    check_transition(appointment, "approve" if approve else "reject")
    today = today or timezone.localdate()
    if is_own_nomination(actor, appointment):
        raise ValidationError({"decision": [_("Nobody decides on their own nomination.")]})
    if not may_decide(actor, appointment):
        raise ValidationError(
            {"decision": [_("Only the Designated Official of the duty station decides.")]}
        )
    if not consultation_closed(appointment, today):
        raise ValidationError(
            {
                "decision": [
                    _("The SMT consultation runs until %(date)s and not every member has answered.")
                    % {"date": appointment.consultation_ends_on}
                ]
            }
        )
    if not approve and not reason.strip():
        raise ValidationError({"reason": [_("Give the reason for the rejection.")]})
    if approve:
        if appointment.released_at is None:
            raise ValidationError(
                {"release": [_("The employing agency has not released the nominee's time.")]}
            )
        _check_single_warden(appointment)
    appointment.decided_by = actor
    appointment.decided_at = timezone.now()
    appointment.decision_reason = reason.strip()
    appointment.status = S.PENDING if approve else S.REJECTED
    appointment.save()
    if approve:
        from appointments.letters import letter_request

        letter_request(appointment=appointment)
        if appointment.start_date <= today:
            appointment_activate(appointment=appointment)
    notify_person(
        person=appointment.person,
        key=f"decision:{appointment.pk}",
        subject=_("Your appointment as %(role)s was %(decision)s")
        % {"role": appointment.role, "decision": _("approved") if approve else _("rejected")},
        body=reason or str(appointment),
        url=_url(appointment),
    )
    return appointment


def _check_single_warden(appointment: Appointment) -> None:
    """One warden per zone; alternates as many as needed (¶19). Checked at nomination, at
    submission and at the decision, on the field that resolves it: nominate an alternate."""
    if appointment.role.code != "warden" or appointment.is_alternate:
        return
    others = Appointment.objects.filter(
        role__code="warden",
        scope_zone_id=appointment.scope_zone_id,
        is_alternate=False,
        status__in=LIVE_STATUSES,
    ).exclude(pk=appointment.pk)
    existing = (
        overlapping(others, appointment.start_date, appointment.end_date)
        .order_by("start_date", "pk")
        .first()
    )
    if existing is None:
        return
    if existing.end_date:
        message = _(
            "%(zone)s already has a warden (%(status)s) from %(start)s to %(end)s, and a zone "
            "has one warden (¶19). Nominate an alternate warden, or dates outside that period."
        )
    else:
        message = _(
            "%(zone)s already has a warden (%(status)s) from %(start)s, and a zone has one "
            "warden (¶19). Nominate an alternate warden instead."
        )
    raise ValidationError(
        {
            "is_alternate": [
                message
                % {
                    "zone": appointment.scope_zone,
                    "status": existing.get_status_display().lower(),
                    "start": existing.start_date,
                    "end": existing.end_date,
                }
            ]
        }
    )


@transaction.atomic
def appointment_revoke(*, actor, appointment: Appointment, reason: str) -> Appointment:
    """The DO revokes an ASC or warden with a reason; rights go the same day."""
    appointment = locked(appointment)
    check_transition(appointment, "revoke")
    if appointment.role.code not in WORKFLOW_ROLES:
        # Other roles end through appointment_end, behind the appointment's edit rights.
        raise ValidationError(
            {"role": [_("Only area coordinators and wardens are revoked this way.")]}
        )
    if not may_revoke(actor, appointment):
        raise ValidationError({"decision": [_("Only the Designated Official revokes.")]})
    return appointment_end(actor=actor, appointment=appointment, reason=reason, revoke=True)


@transaction.atomic
def nomination_withdraw(*, actor, appointment: Appointment, reason: str = "") -> Appointment:
    appointment = locked(appointment)
    check_transition(appointment, "withdraw")
    _require_nominator_or_do(actor, appointment)
    appointment.status = S.ENDED
    appointment.ended_on = timezone.localdate()
    appointment.end_reason = reason.strip() or _("Nomination withdrawn.")
    appointment.save(update_fields=["status", "ended_on", "end_reason", "updated_at"])
    return appointment


def _require_nominator_or_do(actor, appointment: Appointment) -> None:
    if not may_steer(actor, appointment):
        raise ValidationError({"status": [_("Only the nominator or the DO may do this.")]})


# --- Who may take which step ------------------------------------------------------------------
# Each service asks the same predicate before it acts, and available_actions asks them all, so
# the buttons a page shows and the actions the API lists are the ones the services accept.
# ``station`` is the decision station when the caller already has it (None: looked up here).
# What the services check besides (the statements, an SMT to consult, the consultation
# closed, the release, one warden per zone, the reasons given) is about the dossier and the
# input, and is answered by the service's error on its field.

ACTIONS = ("submit", "consult", "release", "approve", "reject", "revoke", "withdraw")


def _is_do(actor, appointment: Appointment, station: DutyStation | None = None) -> bool:
    if station is None:
        try:
            station = decision_station(appointment)
        except ValidationError:
            return False  # an area whose country has no capital: no DO decides there
    return scoping.holds_on_station(actor, "decide_appointments", station)


def may_nominate(actor, station: DutyStation) -> bool:
    """The FSCO, an SMT member or the DO of the decision station (¶17, ¶19)."""
    return scoping.holds_on_station(actor, "nominate", station)


def may_steer(actor, appointment: Appointment, station: DutyStation | None = None) -> bool:
    """The nominator or the DO submits and withdraws a nomination (¶17, ¶19)."""
    if actor.pk == appointment.nominated_by_id or actor.is_superuser:
        return True
    return _is_do(actor, appointment, station)


def consultation_of(actor, appointment: Appointment) -> Consultation | None:
    """The actor's own consultation on the nomination, if the SMT member is asked. Read from
    ``appointment.consultations`` when the page prefetched them (with their members)."""
    if "consultations" in getattr(appointment, "_prefetched_objects_cache", {}):
        return next(
            (c for c in appointment.consultations.all() if c.member.user_id == actor.pk), None
        )
    return appointment.consultations.filter(member__user=actor).first()


def may_release(actor, appointment: Appointment) -> bool:
    """The nominee's country representative, of the nominee's own agency (¶17, ¶19)."""
    person = appointment.person
    return actor.is_superuser or (
        actor.organization_id == person.organization_id
        and scoping.holds_on_station(actor, "release_staff", person.duty_station)
    )


def may_revoke(actor, appointment: Appointment, station: DutyStation | None = None) -> bool:
    """The DO of the decision station revokes an ASC or warden (¶17, ¶19)."""
    return appointment.role.code in WORKFLOW_ROLES and _is_do(actor, appointment, station)


def available_actions(*, user, appointment: Appointment) -> frozenset[str]:
    """The workflow steps ``user`` may take on ``appointment`` now (names as in ACTIONS and
    the API's actions): the state the transition table allows and the same right the service
    asks. Nothing for a role outside the workflow. ``appointment`` should come with its
    person, role and scope rows; prefetch ``consultations__member`` to save a query."""
    if appointment.role.code not in WORKFLOW_ROLES:
        return frozenset()
    try:
        station = decision_station(appointment)  # once, for every predicate below
    except ValidationError:
        station = None
    rights = {
        "submit": lambda: may_steer(user, appointment, station),
        "withdraw": lambda: may_steer(user, appointment, station),
        "consult": lambda: consultation_of(user, appointment) is not None,
        "release": lambda: may_release(user, appointment),
        "approve": lambda: may_decide(user, appointment, station),
        "reject": lambda: may_decide(user, appointment, station),
        "revoke": lambda: may_revoke(user, appointment, station),
    }
    return frozenset(
        action for action in ACTIONS if transition_allowed(appointment, action) and rights[action]()
    )


def locked(appointment: Appointment) -> Appointment:
    # Two browser tabs or API clients acting at once: the second sees the first's state.
    return (
        Appointment.objects.select_for_update(of=("self",))
        .select_related("role", "person", "scope_zone", "scope_area")
        .get(pk=appointment.pk)
    )
