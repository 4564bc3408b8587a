"""Scheduled reminders of the appointment workflow, run daily or weekly by Celery beat.

Each reminder is a Notification keyed by (user, key): a run that repeats, or overlaps with
another, finds the rows the first one wrote and sends nothing twice. Rights are checked at
send time (grants are read afresh outside a request), never when the reminder was planned.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from accountability.core import scoping
from accountability.core.notifications import notify, notify_person
from actors.models import ScopeKind, User
from appointments import selectors
from appointments.models import Answer, Appointment, Consultation
from appointments.models import AppointmentStatus as S
from appointments.officials import designated_officials
from appointments.services import workflow
from appointments.services.consultation_links import answer_path


def _url(appointment: Appointment) -> str:
    return reverse("appointments:appointment-detail", args=[appointment.pk])


def consultation_reminders_send(*, today: dt.date) -> int:
    """Remind once each SMT member who has not answered a consultation that closes within a
    working day (¶17, ¶19), by email alone when they have no login, so that the DO need not
    wait out the period for a member who forgot. Only members still on the SMT of the
    decision station are reminded."""
    horizon = workflow.add_working_days(today, 1)
    consultations = (
        Consultation.objects.filter(
            answer=Answer.PENDING,
            appointment__status=S.CONSULTATION,
            appointment__consultation_ends_on__gte=today,
            appointment__consultation_ends_on__lte=horizon,
        )
        .select_related(
            "member__user",
            "appointment__person",
            "appointment__role",
            "appointment__scope_zone__duty_station",
            "appointment__scope_area",
        )
        .order_by("appointment_id", "pk")
    )
    members_of: dict[int, set[int]] = {}
    sent = 0
    for consultation in consultations:
        appointment = consultation.appointment
        try:
            station = workflow.decision_station(appointment)
        except ValidationError:
            continue
        if station.pk not in members_of:
            members_of[station.pk] = {p.pk for p in workflow.smt_members(station)}
        if consultation.member_id not in members_of[station.pk]:
            continue
        sent += bool(
            notify_person(
                person=consultation.member,
                key=f"consult-reminder:{appointment.pk}",
                subject=_("Your view on a nomination is due by %(date)s")
                % {"date": appointment.consultation_ends_on},
                body=_(
                    "%(person)s is nominated as %(role)s for %(scope)s. The SMT consultation "
                    "closes on %(date)s and your view is not recorded yet."
                )
                % workflow.nomination_terms(appointment),
                url=_url(appointment),
                # A member with no login is reminded with a fresh personal link to answer by.
                public_url=answer_path(consultation),
            )
        )
    return sent


def decision_reminders_send(*, today: dt.date) -> int:
    """Remind the DO, once a day, of each nomination whose SMT consultation has closed."""
    sent = 0
    appointments = (
        Appointment.objects.filter(status=S.CONSULTATION)
        .select_related("person", "role", "scope_zone__duty_station", "scope_area")
        .order_by("pk")
    )
    for appointment in appointments:
        if not workflow.consultation_closed(appointment, today):
            continue
        try:
            station = workflow.decision_station(appointment)
        except ValidationError:  # an area whose country has no capital: nobody to remind
            continue
        for official in designated_officials(station):
            user = official.user
            if user is None or not workflow.may_decide(user, appointment):
                continue
            sent += bool(
                notify(
                    user=user,
                    key=f"decision-due:{appointment.pk}:{today.isoformat()}",
                    subject=_("A nomination awaits your decision"),
                    body=_(
                        "The SMT consultation on %(person)s as %(role)s for %(scope)s has "
                        "closed. Approve or reject the nomination."
                    )
                    % workflow.nomination_terms(appointment),
                    url=_url(appointment),
                )
            )
    return sent


def ending_notices_send(*, today: dt.date) -> int:
    """Tell the DO once, ``APPOINTMENT_ENDING_NOTICE_DAYS`` ahead, that an appointment of the
    duty station's structure ends (ASCs, wardens and station-level posts)."""
    horizon = today + dt.timedelta(days=settings.APPOINTMENT_ENDING_NOTICE_DAYS)
    appointments = (
        Appointment.objects.filter(
            status__in=(S.ACTIVE, S.PENDING),
            end_date__gte=today,
            end_date__lte=horizon,
            scope_kind__in=(ScopeKind.ZONE, ScopeKind.AREA, ScopeKind.DUTY_STATION),
        )
        .select_related(
            "person", "role", "scope_zone__duty_station", "scope_area", "scope_duty_station"
        )
        .order_by("pk")
    )
    sent = 0
    for appointment in appointments:
        if appointment.scope_kind == ScopeKind.DUTY_STATION:
            station = appointment.scope_duty_station
        else:
            try:
                station = workflow.decision_station(appointment)
            except ValidationError:
                continue
        for official in designated_officials(station):
            user = official.user
            if user is None or not scoping.holds_on_station(user, "view_structure", station):
                continue
            sent += bool(
                notify(
                    user=user,
                    key=f"ending:{appointment.pk}:{appointment.end_date.isoformat()}",
                    subject=_("An appointment ends on %(date)s") % {"date": appointment.end_date},
                    body=_("%(appointment)s ends on %(date)s. Nominate a successor in time.")
                    % {"appointment": appointment, "date": appointment.end_date},
                    url=_url(appointment),
                )
            )
    return sent


def vacancy_digest_send(*, today: dt.date) -> int:
    """Send each DO and FSCO the vacancies of their scope, once per ISO week."""
    year, week, _weekday = today.isocalendar()
    users = (
        User.objects.filter(
            is_active=True,
            person__appointments__status=S.ACTIVE,
            person__appointments__role__code__in=("designated_official", "fsco"),
        )
        .distinct()
        .order_by("pk")
    )
    sent = 0
    for user in users:
        rows = selectors.vacancies(user)  # rights as they are now
        if not rows:
            continue
        labels = {
            "area_coordinator": _("no Area Security Coordinator"),
            "warden": _("no warden"),
            "alternate": _("no alternate warden"),
            "designated_official": _("no Designated Official"),
            "fsco": _("no FSCO"),
        }
        lines = [
            f"- {row['name']} ({row['duty_station_name'] or row['country_name']}): "
            f"{labels[row['missing']]}"
            for row in rows
        ]
        sent += bool(
            notify(
                user=user,
                key=f"vacancies:{user.pk}:{year}-W{week:02d}",
                subject=_("%(count)s vacant security posts") % {"count": len(rows)},
                body="\n".join(lines),
                url=reverse("vacancies"),
            )
        )
    return sent
