"""Template tags of the workflow pages: the header's notices badge and the duty station's
security structure panel (the actors views stay unaware of them)."""

from __future__ import annotations

from django import template
from django.db.models import Count, Exists, OuterRef, Q

from accountability.core import scoping
from actors import models as m
from actors import rules as actor_rules
from appointments.models import Appointment, AppointmentStatus

register = template.Library()

_ACTIVE = AppointmentStatus.ACTIVE


@register.simple_tag(takes_context=True)
def header_status(context) -> dict:
    """One query for the header: the unread notices, whether the user nominates or decides
    anywhere (then the approval queue is linked) and whether it is UNSECOORD (then its
    decisions page is linked). The rights come from scoping's lazy forms, annotated on this
    one query, so pages that never read the grants do not pay a second query for the link."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread": 0, "workflow": False, "unsecoord": False}
    unsecoord = actor_rules.holds_globally_exists(user, "appoint_anyone")
    rights = actor_rules.holds_on_some_station_q(user, "nominate", "decide_appointments")
    row = (
        m.User.objects.filter(pk=user.pk)
        .annotate(
            unread=Count("notifications", filter=Q(notifications__read_at__isnull=True)),
        )
        .annotate(acts=rights, unsecoord=unsecoord)
        .values("unread", "acts", "unsecoord")
        .first()
    ) or {"unread": 0, "acts": False, "unsecoord": False}
    return {
        "unread": row["unread"],
        "workflow": user.is_superuser or row["acts"],
        "unsecoord": user.is_superuser or row["unsecoord"],
    }


def _active(role_code: str, **filters):
    return Appointment.objects.filter(role__code=role_code, status=_ACTIVE, **filters)


@register.inclusion_tag("appointments/_station_structure.html", takes_context=True)
def station_structure(context, station) -> dict:
    """Areas (for a capital: all the country's areas, ¶17) and zones with their active
    coordinator, warden and alternates, flags for the gaps (¶19: one warden and at least one
    alternate per zone), and the SMT members (¶16). Shown to whoever sees the station's
    structure; the names come through the scoped appointments. Four queries."""
    request = context["request"]
    user = request.user
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
        "station": station,
        "areas": areas,
        "zones": zones,
        "smt": smt,
        # Area coordinators are decided at the capital (¶17): nominate from its page.
        "nominate_zones": nominates,
        "nominate_areas": nominates and station.is_capital,
    }


@register.inclusion_tag("appointments/_station_other.html", takes_context=True)
def station_other_actions(context, station) -> dict:
    """The country representative's links on the duty-station page: name a Country Security
    Focal Point (annex ¶24) and, at its own station, a deputy on the SMT (annex ¶22). No query
    beyond the request's grants."""
    user = context["request"].user
    represents = scoping.holds_on_station(user, "release_staff", station)
    at_own_station = scoping.grants(user).own.get("station") == station.pk
    return {
        "station": station,
        "focal_point": represents,
        "deputy": represents and (at_own_station or user.is_superuser),
    }


@register.simple_tag(takes_context=True)
def recommends_interim(context, country) -> bool:
    """Whether the user is the country's DO, who recommends a DO ad interim (¶8(b))."""
    from appointments.services.designations import may_recommend_interim as check

    return check(context["request"].user, country)
