"""What appointments add to the pages of actors (registered from AppointmentsConfig.ready(),
see accountability.core.panels): who holds which role, and where a role still wants a holder.

- the dashboard: the user's own appointments, the appointments ending within 30 days and the
  structure gaps at the stations it keeps (¶8–¶10, ¶17, ¶19);
- a duty station: its security structure (areas, zones, SMT, ¶16–¶19) and the country
  representative's arrangements (annex ¶22, ¶24);
- an area and a warden zone: their active appointments; a person: its appointments;
- a country: the DO's recommendation of a DO ad interim (¶8(b));
- the lists of areas and zones: whether each has its coordinator or warden (one subquery of
  the list's own SELECT).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from accountability.core import scoping
from actors import models as m
from appointments.models import Appointment, AppointmentStatus
from appointments.services.designations import may_recommend_interim
from appointments.views.appointments import SCOPE_RELATED

SHOWN = 10  # rows per dashboard panel; a "more" link when there are others
LIVE = (AppointmentStatus.PENDING, AppointmentStatus.ACTIVE)
_ACTIVE = AppointmentStatus.ACTIVE


def _rows(qs, limit: int = SHOWN) -> dict:
    rows = list(qs[: limit + 1])
    return {"rows": rows[:limit], "more": len(rows) > limit}


def _active(role_code: str, **filters) -> Any:
    return Appointment.objects.filter(role__code=role_code, status=_ACTIVE, **filters)


# --- The dashboard --------------------------------------------------------------------------


def my_appointments(*, user, today: dt.date) -> dict:
    """The user's own pending and active appointments: one query."""
    rows = (
        Appointment.objects.filter(person__user_id=user.pk, status__in=LIVE)
        .select_related("role", *SCOPE_RELATED)
        .order_by("role__sort_order", "start_date")
    )
    return {"rows": list(rows)}


def ending_soon(*, user, today: dt.date) -> dict:
    """Appointments the user sees that end within 30 days: one query."""
    return _rows(
        scoping.visible_to(user, Appointment)
        .filter(status__in=LIVE, end_date__gte=today, end_date__lte=today + dt.timedelta(days=30))
        .select_related("person", "role", *SCOPE_RELATED)
        .order_by("end_date", "pk")
    )


def structure_gaps(*, user, today: dt.date) -> dict | None:
    """Where the user keeps the structure (DO, FSCO: change_structure, ¶8, ¶10): zones without
    an active warden or alternate (¶19), areas without a coordinator (¶17), duty stations
    without an active DO (by country or station) or FSCO (¶8, ¶9). Three queries; None when
    nothing is missing."""

    def warden(alternate: bool) -> Exists:
        return Exists(_active("warden", scope_zone=OuterRef("pk"), is_alternate=alternate))

    zones = (
        m.WardenZone.objects.filter(duty_station__in=scoping.editable_by(user, m.DutyStation))
        .annotate(has_warden=warden(False), has_alternate=warden(True))
        .filter(Q(has_warden=False) | Q(has_alternate=False))
        .select_related("duty_station__country")
        .order_by("duty_station__name", "name")
    )
    areas = (
        scoping.editable_by(user, m.Area)
        .exclude(Exists(_active("area_coordinator", scope_area=OuterRef("pk"))))
        .select_related("country")
        .order_by("country__name", "name")
    )

    def holder(role_code: str) -> Exists:
        return Exists(
            _active(role_code).filter(
                Q(scope_duty_station=OuterRef("pk")) | Q(scope_country=OuterRef("country_id"))
            )
        )

    stations = (
        scoping.editable_by(user, m.DutyStation)
        .annotate(has_do=holder("designated_official"), has_fsco=holder("fsco"))
        .filter(Q(has_do=False) | Q(has_fsco=False))
        .select_related("country")
        .order_by("country__name", "name")
    )
    gaps = {
        "zones_without_warden": _rows(zones),
        "areas_without_coordinator": _rows(areas),
        "stations_without_officials": _rows(stations),
    }
    return gaps if any(gap["rows"] for gap in gaps.values()) else None


# --- A duty station -------------------------------------------------------------------------


def station_structure(*, user, station) -> dict:
    """Areas (for a capital: all the country's areas, ¶17) and zones with their active
    coordinator, warden and alternates, flags for the gaps (¶19: one warden and at least one
    alternate per zone), and the SMT members (¶16). Shown to whoever sees the station's
    structure; the names come through the scoped appointments. Four queries; one (the zones'
    names, reference data) for the others."""
    if not (
        scoping.sees_everything(user) or scoping.holds_on_station(user, "view_structure", station)
    ):
        # Zone names are reference data; who holds them is not.
        return {"shown": False, "zones": station.zones.order_by("name")}
    if station.is_capital:
        areas = m.Area.objects.filter(country_id=station.country_id)
    else:
        areas = (
            m.Area.objects.filter(pk=station.area_id) if station.area_id else m.Area.objects.none()
        )
    areas = list(
        areas.annotate(
            has_coordinator=Exists(_active("area_coordinator", scope_area_id=OuterRef("pk")))
        ).order_by("name")
    )
    zones = list(
        station.zones.annotate(
            has_warden=Exists(_active("warden", scope_zone_id=OuterRef("pk"), is_alternate=False)),
            has_alternate=Exists(
                _active("warden", scope_zone_id=OuterRef("pk"), is_alternate=True)
            ),
        ).order_by("name")
    )
    holders = (
        scoping.visible_to(user, Appointment)
        .filter(status=_ACTIVE)
        .filter(
            Q(role__code="warden", scope_zone__duty_station_id=station.pk)
            | Q(role__code="area_coordinator", scope_area_id__in=[a.pk for a in areas])
            | Q(role__code="smt", scope_duty_station_id=station.pk)
        )
        .select_related("person__organization", "role")
        .order_by("person__family_name", "pk")
    )
    by_zone: dict[int, dict[str, list]] = {z.pk: {"wardens": [], "alternates": []} for z in zones}
    by_area: dict[int, list] = {a.pk: [] for a in areas}
    smt = []
    for appointment in holders:
        code = appointment.role.code
        if code == "warden" and appointment.scope_zone_id in by_zone:
            key = "alternates" if appointment.is_alternate else "wardens"
            by_zone[appointment.scope_zone_id][key].append(appointment)
        elif code == "area_coordinator" and appointment.scope_area_id in by_area:
            by_area[appointment.scope_area_id].append(appointment)
        elif code == "smt":
            smt.append(appointment)
    for zone in zones:
        zone.wardens = by_zone[zone.pk]["wardens"]
        zone.alternates = by_zone[zone.pk]["alternates"]
    for area in areas:
        area.coordinators = by_area[area.pk]
    nominates = scoping.holds_on_station(user, "nominate", station)
    return {
        "shown": True,
        "areas": areas,
        "zones": zones,
        "smt": smt,
        # Area coordinators are decided at the capital (¶17): nominate from its page.
        "nominate_zones": nominates,
        "nominate_areas": nominates and station.is_capital,
    }


def representative(*, user, station) -> dict | None:
    """The country representative's links: name a Country Security Focal Point (annex ¶24)
    and, at its own station, a deputy on the SMT (annex ¶22). No query beyond the request's
    grants; None for whoever may do neither."""
    represents = scoping.holds_on_station(user, "release_staff", station)
    at_own_station = scoping.grants(user).own.get("station") == station.pk
    if not represents:
        return None
    return {
        "station": station,
        "focal_point": True,
        "deputy": at_own_station or user.is_superuser,
    }


# --- An area, a warden zone, a person, a country --------------------------------------------


def area_appointments(*, user, area) -> dict:
    """The area's active appointments the user sees: one query."""
    return {
        "appointments": scoping.visible_to(user, Appointment)
        .filter(scope_area=area, status=_ACTIVE)
        .select_related("person", "role")
    }


def zone_appointments(*, user, zone) -> dict:
    """The zone's active appointments (its warden and alternates) the user sees: one query."""
    return {
        "appointments": scoping.visible_to(user, Appointment)
        .filter(scope_zone=zone, status=_ACTIVE)
        .select_related("person", "role")
    }


def person_appointments(*, user, person) -> dict:
    """The person's appointments the user sees, with their scopes (one query), and whether the
    user may appoint anyone (the request's grants)."""
    return {
        "appointments": scoping.visible_to(user, Appointment)
        .filter(person=person)
        .select_related("role", *SCOPE_RELATED),
        "may_appoint": scoping.holds(user, "manage_appointments", "appoint_anyone"),
        "person": person,
    }


def country_interim(*, user, country) -> dict | None:
    """The link to recommend a DO ad interim, for the country's DO (¶8(b)); no query beyond
    the request's grants."""
    return {"country": country} if may_recommend_interim(user, country) else None


# --- The lists of areas and zones -----------------------------------------------------------


def area_has_coordinator() -> dict:
    return {"has_asc": Exists(_active("area_coordinator", scope_area=OuterRef("pk")))}


def area_coordinator_cell(area) -> Any:
    return _("Yes") if area.has_asc else _("None")


def zone_has_warden() -> dict:
    return {"has_warden": Exists(_active("warden", scope_zone=OuterRef("pk")))}


def zone_warden_cell(zone) -> Any:
    return _("Yes") if zone.has_warden else _("None")
