"""The dashboard: what needs the signed-in user's action, for the roles it holds."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db.models import Count, OuterRef, Q, Subquery
from django.shortcuts import render
from django.utils import timezone

from accountability.core import panels, scoping
from actors import models as m

SHOWN = 10  # rows per panel; each panel also shows the full count


def _panel(qs, limit=SHOWN):
    rows = list(qs[: limit + 1])
    return {"rows": rows[:limit], "more": len(rows) > limit}


@login_required
def dashboard(request):
    user = request.user
    today = timezone.localdate()

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
        # What the apps above actors add, in their stable order (appointments/panels.py: the
        # user's appointments, those ending soon, the structure gaps; training/panels.py: its
        # training due; inspections/panels.py: the findings it may report rectified).
        "panels": panels.for_page("dashboard", user=user, today=today),
        "stale_lists": _panel(stale_lists),
        "max_age": max_age,
        "people_count": scoping.visible_to(user, m.Person).filter(is_active=True).count(),
        "dependants_count": scoping.visible_to(user, m.Dependant)
        .filter(person__is_active=True)
        .count(),
    }
    return render(request, "actors/dashboard.html", context)
