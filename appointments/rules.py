"""Who sees and changes appointments and the records of their workflow (nominations,
consultations, competency statements, letters); which rights an active appointment grants.
Registered with the core's scoping engine from the app's ``ready()``."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, Q, QuerySet

from accountability.core import scoping
from accountability.core.scoping import NOTHING, any_of, grants, no_one
from actors import models as m
from actors.rules import ROLE_GRANTS, SCOPE_MODELS, areas_of, countries_of_capitals
from appointments.models import Appointment, AppointmentStatus

from . import models as st

# Roles an HQ focal point may fill directly with its own organization's people. The
# Designated Official appoints ASCs and wardens (¶17, ¶19) and UNSECOORD the rest.
AGENCY_APPOINTABLE_ROLES = frozenset(
    {
        "country_representative",
        "country_focal_point",
        "agency_security_officer",
        "smt",
        "hq_focal_point",
    }
)


def active_appointment_grants(user: Any) -> set[tuple[type[Model], int, str]]:
    """(scope model, scope id, codename) for every right the user's ACTIVE appointments give."""
    appointments = Appointment.objects.filter(
        person__user_id=user.pk, status=AppointmentStatus.ACTIVE
    ).select_related("role")
    wanted: set[tuple[type[Model], int, str]] = set()
    for appointment in appointments:
        scope_model = SCOPE_MODELS[appointment.scope_kind]
        scope_id = getattr(appointment, f"{appointment.scope_field}_id")
        for codename in ROLE_GRANTS.get(appointment.role.code, ()):
            wanted.add((scope_model, scope_id, codename))
    return wanted


def may_appoint(user: Any, *, person: Any, role: Any) -> bool:
    """UNSECOORD appoints anyone; an HQ focal point its own people to agency roles."""
    if user.is_superuser:
        return True
    g = grants(user)
    if g.holds_globally("appoint_anyone"):
        return True
    return role.code in AGENCY_APPOINTABLE_ROLES and person.organization_id in g.ids(
        "organization", "manage_appointments"
    )


def nominable_people(user: Any) -> QuerySet[Any]:
    """People a nominator may propose as area coordinator or warden, of any agency (¶17, ¶19):
    those at the stations where the user nominates, and for areas anyone in the country of a
    capital where the user nominates. Names and stations only are meant to be shown."""
    if user.is_superuser:
        return m.Person.objects.filter(is_active=True)
    stations = sorted(grants(user).ids("station", "nominate"))
    if not stations:
        return m.Person.objects.none()
    return m.Person.objects.filter(
        Q(duty_station_id__in=stations)
        | Q(duty_station__country_id__in=countries_of_capitals(stations)),
        is_active=True,
    )


def _appointments_in_scope_q(user: Any, codenames: tuple[str, ...]) -> list[Q]:
    g = grants(user)
    stations = sorted(g.ids("station", *codenames))
    countries = sorted(g.ids("country", *codenames))
    areas = sorted(g.ids("area", *codenames))
    parts = []
    if stations:
        parts += [
            Q(scope_duty_station_id__in=stations),
            Q(scope_zone__duty_station_id__in=stations),
            Q(scope_area_id__in=areas_of(stations)),
            # The capital's DO, FSCO and SMT look after the areas of the country (¶17).
            Q(scope_area__country_id__in=countries_of_capitals(stations)),
        ]
    if countries:
        parts += [Q(scope_country_id__in=countries), Q(scope_area__country_id__in=countries)]
    if areas:
        parts.append(Q(scope_area_id__in=areas))
    return parts


def _appointment_visible_q(user: Any) -> Q:
    g = grants(user)
    if g.holds_globally("view_everything"):
        return Q()
    parts = [Q(person__user_id=user.pk), *_appointments_in_scope_q(user, ("view_structure",))]
    orgs = g.ids("organization", "view_structure")
    if orgs:
        parts.append(Q(organization_id__in=sorted(orgs)))
    return any_of(parts)


def _appointment_editable_q(user: Any) -> Q:
    g = grants(user)
    if g.holds_globally("appoint_anyone"):
        return Q()
    orgs = g.ids("organization", "manage_appointments")
    if not orgs:
        return NOTHING
    return Q(organization_id__in=sorted(orgs), role__code__in=sorted(AGENCY_APPOINTABLE_ROLES))


def _consultation_visible_q(user: Any) -> Q:
    """Who answered what is for the DO who decides (and UNSECOORD); each member sees its own
    answer. The nominee does not see who objected."""
    g = grants(user)
    if g.holds_globally("view_everything"):
        return Q()
    parts = [Q(member__user_id=user.pk)]
    deciding = sorted(g.ids("station", "decide_appointments"))
    if deciding:
        parts += [
            Q(appointment__scope_zone__duty_station_id__in=deciding),
            Q(appointment__scope_area__country_id__in=countries_of_capitals(deciding)),
        ]
    return any_of(parts)


def register() -> None:
    scoping.register_grant_source(active_appointment_grants)
    scoping.register(Appointment, visible=_appointment_visible_q, editable=_appointment_editable_q)

    # Records of an appointment are seen by whoever sees the appointment and written only
    # through appointments.services.workflow.
    def through_appointment(u: Any) -> Q:
        return Q(appointment__in=scoping.visible_to(u, Appointment).values("pk"))

    for record in (st.CompetencyStatement, st.AppointmentLetter):
        scoping.register(record, visible=through_appointment, editable=no_one)
    scoping.register(st.Consultation, visible=_consultation_visible_q, editable=no_one)
