"""The dashboard: what needs the signed-in user's action, for the roles it holds."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.shortcuts import render
from django.utils import timezone

from accountability.core import panels, scoping
from actors import models as m
from appointments.models import Appointment, AppointmentStatus
from appointments.views.appointments import SCOPE_RELATED

SHOWN = 10  # rows per panel; each panel also shows the full count
LIVE = (AppointmentStatus.PENDING, AppointmentStatus.ACTIVE)


def _panel(qs, limit=SHOWN):
    rows = list(qs[: limit + 1])
    return {"rows": rows[:limit], "more": len(rows) > limit}


@login_required
def dashboard(request):
    user = request.user
    today = timezone.localdate()

    my_appointments = (
        Appointment.objects.filter(person__user_id=user.pk, status__in=LIVE)
        .select_related("role", *SCOPE_RELATED)
        .order_by("role__sort_order", "start_date")
    )

    # Structure gaps where the user keeps the structure (DO, FSCO: change_structure, ¶8, ¶10):
    # each zone needs one active warden and at least one active alternate (¶19).
    def warden(alternate: bool) -> Exists:
        return Exists(
            Appointment.objects.filter(
                scope_zone=OuterRef("pk"),
                role__code="warden",
                is_alternate=alternate,
                status=AppointmentStatus.ACTIVE,
            )
        )

    zones_without_warden = (
        m.WardenZone.objects.filter(duty_station__in=scoping.editable_by(user, m.DutyStation))
        .annotate(has_warden=warden(False), has_alternate=warden(True))
        .filter(Q(has_warden=False) | Q(has_alternate=False))
        .select_related("duty_station__country")
        .order_by("duty_station__name", "name")
    )
    coordinator = Appointment.objects.filter(
        scope_area=OuterRef("pk"),
        role__code="area_coordinator",
        status=AppointmentStatus.ACTIVE,
    )
    areas_without_coordinator = (
        scoping.editable_by(user, m.Area)
        .exclude(Exists(coordinator))
        .select_related("country")
        .order_by("country__name", "name")
    )

    # Duty stations without an active DO (by country or station) or FSCO (¶8, ¶9).
    def holder(role_code: str) -> Exists:
        return Exists(
            Appointment.objects.filter(
                Q(scope_duty_station=OuterRef("pk")) | Q(scope_country=OuterRef("country_id")),
                role__code=role_code,
                status=AppointmentStatus.ACTIVE,
            )
        )

    stations_without_officials = (
        scoping.editable_by(user, m.DutyStation)
        .annotate(has_do=holder("designated_official"), has_fsco=holder("fsco"))
        .filter(Q(has_do=False) | Q(has_fsco=False))
        .select_related("country")
        .order_by("country__name", "name")
    )

    ending_soon = (
        scoping.visible_to(user, Appointment)
        .filter(status__in=LIVE, end_date__gte=today, end_date__lte=today + dt.timedelta(days=30))
        .select_related("person", "role", *SCOPE_RELATED)
        .order_by("end_date", "pk")
    )

    # Staff lists the user keeps (¶8, ¶10(e), ¶15(i), ¶16(d)): its own person row aside,
    # the people it may change, grouped by organization and duty station.
    max_age = settings.STAFF_LIST_CONFIRMATION_MAX_AGE_DAYS
    cutoff = timezone.now() - dt.timedelta(days=max_age)
    last_confirmed = (
        m.StaffListConfirmation.objects.filter(
            organization_id=OuterRef("organization_id"),
            duty_station_id=OuterRef("duty_station_id"),
        )
        .order_by("-confirmed_at")
        .values("confirmed_at")[:1]
    )
    stale_lists = (
        scoping.editable_by(user, m.Person)
        .exclude(user_id=user.pk)
        .filter(is_active=True)
        .values(
            "organization_id",
            "organization__code",
            "duty_station_id",
            "duty_station__name",
        )
        .annotate(people=Count("pk"), last_confirmed=Subquery(last_confirmed))
        .filter(Q(last_confirmed__isnull=True) | Q(last_confirmed__lt=cutoff))
        .order_by("duty_station__name", "organization__code")
    )

    context = {
        # What the apps above actors add (training/panels.py, inspections/panels.py: the
        # user's training due, the findings it may report rectified), in their stable order.
        "panels": panels.for_page("dashboard", user=user, today=today),
        "my_appointments": list(my_appointments),
        "zones_without_warden": _panel(zones_without_warden),
        "areas_without_coordinator": _panel(areas_without_coordinator),
        "stations_without_officials": _panel(stations_without_officials),
        "ending_soon": _panel(ending_soon),
        "stale_lists": _panel(stale_lists),
        "max_age": max_age,
        "people_count": scoping.visible_to(user, m.Person).filter(is_active=True).count(),
        "dependants_count": scoping.visible_to(user, m.Dependant)
        .filter(person__is_active=True)
        .count(),
    }
    return render(request, "actors/dashboard.html", context)
