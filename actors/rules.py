"""Who sees and keeps the actors' rows: organizations, places, people, dependants, logins and
staff lists; the scope models the rights are granted on; which rights each role grants.

Registered with the core's scoping engine from ``ActorsConfig.ready()`` (A/57/365 paragraph
in brackets):
- HQ focal point and Executive Head: everything of their own organization, worldwide (¶7).
- Country representative, its country focal point, the agency security officer: their own
  organization's people at their duty station(s) (¶13, ¶15(b), annex ¶24).
- Designated Official, FSCO, FSCA: everyone of every organization at their duty station(s);
  they keep the staff lists (¶8, ¶10(e), ¶11(b)).
- SMT member: the duty station's structure and its own organization's people there (¶16).
- Area Security Coordinator: the people in its area (¶18(d)); Warden: the households in its
  zone (¶20).
- UNSECOORD and its inspectors: read everything; inspectors change only inspection data.
- Every staff member: self and own dependants (¶22).
Countries, duty stations, areas, zones, organizations, roles and the catalogue are shared
reference data that every signed-in user may read.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import Permission
from django.db import connection
from django.db.models import Exists, Model, OuterRef, Q, QuerySet

from accountability.core import scoping
from accountability.core.scoping import NOTHING, any_of, grants, no_one, stations_q

from . import models as m

# --- Which rights each role grants on its scope object -------------------------------------

PEOPLE_ALL = ("view_people", "change_people", "view_dependant_details")
STRUCTURE = ("view_structure", "change_structure")
# An agency's people at a station see and answer their own agency's findings (¶13, ¶15).
OWN_ORG_FINDINGS = ("view_own_org_findings", "rectify_own_org_findings")

ROLE_GRANTS: dict[str, tuple[str, ...]] = {
    # The HQ focal point keeps its agency's training and attendance records (annex ¶26) and
    # receives the inspection team's report on its agency (¶40).
    "executive_head": PEOPLE_ALL
    + ("view_structure", "manage_appointments", "manage_users", "view_org_findings"),
    "hq_focal_point": PEOPLE_ALL
    + ("view_structure", "manage_appointments", "manage_users", "train", "verify_training")
    + ("view_org_findings", "rectify_findings"),
    "unsecoord": ("view_everything", "appoint_anyone", "endorse_courses", "train", "inspect"),
    "unsecoord_inspector": ("view_everything", "inspect"),
    # The DO decides on ASC and warden appointments (¶17, ¶19); DO, FSCO and SMT nominate.
    # The DO and SMT see a mission's checklist once announced and its findings (¶39, ¶40).
    "designated_official": PEOPLE_ALL
    + STRUCTURE
    + ("nominate", "decide_appointments", "view_inspections", "rectify_findings"),
    # The FSCO trains the station's staff, ASCs and wardens and briefs arrivals (¶30, ¶31, ¶33).
    "fsco": PEOPLE_ALL
    + STRUCTURE
    + ("nominate", "train", "verify_training", "view_inspections", "rectify_findings"),
    "fsca": PEOPLE_ALL + ("view_structure", "train"),
    "agency_security_officer": (
        "view_own_org_people",
        "view_dependant_details",
        "view_structure",
    )
    + OWN_ORG_FINDINGS,
    # The employing agency sets the time its staff give to a security role (¶17, ¶19).
    "country_representative": (
        "view_own_org_people",
        "change_own_org_people",
        "view_dependant_details",
        "view_structure",
        "release_staff",
        "verify_own_org_training",
    )
    + OWN_ORG_FINDINGS,
    # The representative ensures its staff and dependants hold the certificates (¶27, ¶32).
    "country_focal_point": (
        "view_own_org_people",
        "change_own_org_people",
        "view_dependant_details",
        "view_structure",
        "verify_own_org_training",
    )
    + OWN_ORG_FINDINGS,
    "smt": ("view_own_org_people", "view_structure", "nominate", "consult", "view_inspections"),
    "area_coordinator": ("view_people", "view_dependant_details", "view_structure"),
    "warden": ("view_people", "view_dependant_details"),
    "personnel": (),
}

# The scope model each kind of appointment scope grants its rights on.
SCOPE_MODELS = {
    "organization": m.Organization,
    "country": m.Country,
    "duty_station": m.DutyStation,
    "area": m.Area,
    "zone": m.WardenZone,
}
PERMISSION_MODELS: dict[type[Model], type[Model]] = {
    m.Organization: m.OrganizationUserObjectPermission,
    m.Country: m.CountryUserObjectPermission,
    m.DutyStation: m.DutyStationUserObjectPermission,
    m.Area: m.AreaUserObjectPermission,
    m.WardenZone: m.WardenZoneUserObjectPermission,
}

# Who may see dependants' birth dates and addresses, besides the staff member: holders of
# ``view_dependant_details``, that is HQ focal points, DOs, FSCOs, FSCAs, country
# representatives and their focal points, agency security officers (residential security,
# ¶13(f)), ASCs (¶18(d)) and wardens (household visits, ¶20(g)). SMT members do not.
DEPENDANT_PRIVATE_FIELDS = ("birth_date", "residential_address")
# Who administers the site and since when: the users API shows these to no one, so the
# history of a login shows them to superusers alone.
USER_PRIVATE_FIELDS = ("is_staff", "is_superuser", "date_joined")

# A staff member answers for their own security (¶21, ¶22) and keeps their own contact details
# current. The rest of a person's record (names, index number, category, contract type, grade,
# duty station, warden zone, login, active) is the staff list's: kept by the organization's
# focal points and representative, the DO and the FSCO (¶8, ¶10(e), ¶15, annex ¶24), by hand
# or by a staff-list import, never by the staff member.
PERSON_SELF_FIELDS = ("email", "phone", "radio_call_sign", "residential_address")


# --- Reading a user's grants ------------------------------------------------------------------


def _grants_sql() -> str:
    """One statement for every grant of a user, with countries and areas expanded to stations.

    The permission table is joined once over the union, not in each branch: planning the
    statement is most of its cost (0.9 ms against 0.35 ms at scale 1).
    """
    station = m.DutyStation._meta.db_table

    def part(
        kind: str,
        perm_model: type[Model],
        join: str = "",
        obj: str = "g.content_object_id",
        flag: str = "false",
    ) -> str:
        # Table and column names come from model metadata, never from input.
        return (
            f"SELECT '{kind}' AS kind, {obj} AS obj, g.permission_id AS perm, {flag} AS flag "  # noqa: S608
            f"FROM {perm_model._meta.db_table} g {join} WHERE g.user_id = %(user)s"
        )

    parts = [
        part(
            "organization",
            m.OrganizationUserObjectPermission,
            join=f"JOIN {m.Organization._meta.db_table} o ON o.id = g.content_object_id",
            flag="o.kind = %(unsecoord)s",
        ),
        part("country", m.CountryUserObjectPermission),
        part("area", m.AreaUserObjectPermission),
        part("zone", m.WardenZoneUserObjectPermission),
        part("station", m.DutyStationUserObjectPermission),
        part(
            "station",
            m.CountryUserObjectPermission,
            join=f"JOIN {station} s ON s.country_id = g.content_object_id",
            obj="s.id",
        ),
        part(
            "station",
            m.AreaUserObjectPermission,
            join=f"JOIN {station} s ON s.area_id = g.content_object_id",
            obj="s.id",
        ),
    ]
    union = "\nUNION ALL\n".join(parts)
    return (
        f"SELECT u.kind, u.obj, a.codename, u.flag FROM ({union}) u "  # noqa: S608
        f"JOIN {Permission._meta.db_table} a ON a.id = u.perm "
        # The user's own person: its organization, station and zone, one row each.
        "UNION ALL SELECT 'own', v.obj, v.name, false "
        f"FROM {m.Person._meta.db_table} p CROSS JOIN LATERAL (VALUES "
        "(p.organization_id, 'organization'), (p.duty_station_id, 'station'), "
        "(p.residential_zone_id, 'zone')) v(obj, name) WHERE p.user_id = %(user)s"
    )


def read_grants(user_pk: Any) -> list[tuple[Any, ...]]:
    """Every grant of one user, and its own person's places, in one statement."""
    with connection.cursor() as cursor:
        cursor.execute(_grants_sql(), {"user": user_pk, "unsecoord": m.OrganizationKind.UNSECOORD})
        return list(cursor.fetchall())


def granted(user: Any, scope_model: Any, *codenames: str) -> QuerySet[Any]:
    """Ids of the ``scope_model`` objects on which ``user`` holds any of ``codenames`` (lazy)."""
    rows: QuerySet[Any] = (
        PERMISSION_MODELS[scope_model]
        ._default_manager.filter(user_id=user.pk, permission__codename__in=codenames)
        .values("content_object_id")
    )
    return rows


def holds_globally_exists(user: Any, codename: str) -> Exists:
    """Lazy form of ``grants(user).holds_globally`` for annotating one query."""
    return Exists(
        granted(user, m.Organization, codename).filter(
            content_object__kind=m.OrganizationKind.UNSECOORD
        )
    )


def holds_on_some_station_q(user: Any, *codenames: str) -> Q:
    """Lazy form of ``holds(user, *codenames, kind="station")`` (a station, its country or
    its area), for annotating one query without reading the grants."""
    return (
        Q(Exists(granted(user, m.DutyStation, *codenames)))
        | Q(Exists(granted(user, m.Country, *codenames)))
        | Q(Exists(granted(user, m.Area, *codenames)))
    )


def station_holders(station: Any, *codenames: str) -> QuerySet[Any]:
    """Active users holding any of ``codenames`` on ``station``, its country or its area
    (the people to tell: the DO, the FSCO, the SMT)."""
    q = Q(
        Exists(
            m.DutyStationUserObjectPermission.objects.filter(
                user_id=OuterRef("pk"),
                content_object_id=station.pk,
                permission__codename__in=codenames,
            )
        )
    ) | Q(
        Exists(
            m.CountryUserObjectPermission.objects.filter(
                user_id=OuterRef("pk"),
                content_object_id=station.country_id,
                permission__codename__in=codenames,
            )
        )
    )
    if station.area_id:
        q |= Q(
            Exists(
                m.AreaUserObjectPermission.objects.filter(
                    user_id=OuterRef("pk"),
                    content_object_id=station.area_id,
                    permission__codename__in=codenames,
                )
            )
        )
    return m.User.objects.filter(q, is_active=True)


def organization_holders(organization_ids: Any, *codenames: str) -> QuerySet[Any]:
    """Active users holding any of ``codenames`` on one of the organizations (HQ roles)."""
    return m.User.objects.filter(
        Exists(
            m.OrganizationUserObjectPermission.objects.filter(
                user_id=OuterRef("pk"),
                content_object_id__in=organization_ids,
                permission__codename__in=codenames,
            )
        ),
        is_active=True,
    )


# --- People ----------------------------------------------------------------------------------


def people_q(
    user: Any, *, all_orgs: Iterable[str], own_org: Iterable[str], prefix: str = ""
) -> tuple[Q, bool]:
    """People covered by the user's scope grants, and whether that covers the user's own person.

    ``all_orgs`` codenames cover every organization's people in the scope; ``own_org``
    codenames cover only the user's own organization's people there. Empty branches are left
    out so that the planner can use an index for the one that remains.
    """
    g = grants(user)
    p = prefix
    all_orgs, own_org = tuple(all_orgs), tuple(own_org)
    orgs = g.ids("organization", *all_orgs)
    stations = g.ids("station", *all_orgs)
    own_stations = g.ids("station", *own_org) - stations
    zones = g.ids("zone", *all_orgs)
    parts = []
    if orgs:
        parts.append(Q(**{f"{p}organization_id__in": sorted(orgs)}))
    if stations:
        parts.append(Q(**{f"{p}duty_station_id__in": sorted(stations)}))
    if own_stations:
        parts.append(
            Q(
                **{
                    f"{p}organization_id": user.organization_id,
                    f"{p}duty_station_id__in": sorted(own_stations),
                }
            )
        )
    if zones:
        parts.append(Q(**{f"{p}residential_zone_id__in": sorted(zones)}))
    own = g.own
    covers_self = bool(own) and (
        own.get("organization") in orgs
        or own.get("station") in stations
        or (own.get("organization") == user.organization_id and own.get("station") in own_stations)
        or own.get("zone") in zones
    )
    return any_of(parts), covers_self


def person_visible_q(user: Any, prefix: str = "") -> Q:
    """People (through ``prefix``) ``user`` sees: its scopes' and always its own."""
    if grants(user).holds_globally("view_everything"):
        return Q()
    q, covers_self = people_q(
        user, all_orgs=["view_people"], own_org=["view_own_org_people"], prefix=prefix
    )
    return q if covers_self else q | Q(**{f"{prefix}user_id": user.pk})


def person_editable_q(user: Any, prefix: str = "") -> Q:
    q, covers_self = people_q(
        user, all_orgs=["change_people"], own_org=["change_own_org_people"], prefix=prefix
    )
    return q if covers_self else q | Q(**{f"{prefix}user_id": user.pk})


def dependant_details_q(user: Any, prefix: str = "person__") -> Q:
    """People whose dependants' birth dates and addresses ``user`` may see (see the note above).

    Never an empty ``Q()``: callers put it in ``When()``, which refuses one.
    """
    if user.is_superuser:
        return scoping.everything_q(prefix)
    q, covers_self = people_q(
        user,
        all_orgs=["view_dependant_details"],
        own_org=["view_dependant_details"],
        prefix=prefix,
    )
    return q if covers_self else q | Q(**{f"{prefix}user_id": user.pk})


# --- Staff lists --------------------------------------------------------------------------------


def stafflists_q(
    user: Any,
    *,
    all_orgs: Any,
    own_org: Any,
    organization: Any = "organization",
    station: Any = "duty_station",
) -> Q:
    """Rows naming an organization and a duty station whose staff list the codenames cover."""
    g = grants(user)
    orgs = g.ids("organization", *all_orgs)
    stations = g.ids("station", *all_orgs)
    own_stations = g.ids("station", *own_org) - stations
    parts = []
    if orgs:
        parts.append(Q(**{f"{organization}_id__in": sorted(orgs)}))
    if stations:
        parts.append(Q(**{f"{station}_id__in": sorted(stations)}))
    if own_stations:
        parts.append(
            Q(
                **{
                    f"{organization}_id": user.organization_id,
                    f"{station}_id__in": sorted(own_stations),
                }
            )
        )
    return any_of(parts)


def _stafflist_visible_q(user: Any) -> Q:
    if grants(user).holds_globally("view_everything"):
        return Q()
    return stafflists_q(user, all_orgs=["view_people"], own_org=["view_own_org_people"])


def keeps_stafflist(user: Any, organization: Any, station: Any) -> bool:
    """Whether the user may keep ``organization``'s staff list at ``station``."""
    return _keeps_stafflist(user, organization.pk, station.pk)


def _keeps_stafflist(user: Any, organization_id: Any, station_id: Any) -> bool:
    if user.is_superuser:
        return True
    g = grants(user)
    return (
        organization_id in g.ids("organization", "change_people")
        or station_id in g.ids("station", "change_people")
        or (
            organization_id == user.organization_id
            and station_id in g.ids("station", "change_own_org_people")
        )
    )


def keeps_person_record(user: Any, person: Any) -> bool:
    """Whether ``user`` keeps ``person``'s whole record (the staff list it is on), rather
    than only the contact details that one keeps of oneself (``PERSON_SELF_FIELDS``)."""
    return _keeps_stafflist(user, person.organization_id, person.duty_station_id)


def stafflists_kept_q(
    user: Any, *, organization: str = "organization", station: str = "duty_station"
) -> Q:
    """Lazy form of ``keeps_stafflist`` over rows naming an organization and a duty station."""
    if user.is_superuser:
        return Q()
    return stafflists_q(
        user,
        all_orgs=["change_people"],
        own_org=["change_own_org_people"],
        organization=organization,
        station=station,
    )


# --- Places ------------------------------------------------------------------------------------


def areas_of(station_ids: Any) -> QuerySet[Any]:
    """The areas of the stations, as a subquery (a join would repeat rows: to-many)."""
    return m.DutyStation.objects.filter(pk__in=station_ids, area__isnull=False).values("area_id")


def countries_of_capitals(station_ids: Any) -> QuerySet[Any]:
    """The countries whose capital is one of the stations (¶17: the capital's DO, FSCO and
    SMT look after the areas of the country)."""
    return m.DutyStation.objects.filter(pk__in=station_ids, is_capital=True).values("country_id")


def _areas_editable_q(user: Any) -> Q:
    # A DO or FSCO changes the areas of the countries and stations it covers.
    g = grants(user)
    countries = g.ids("country", "change_structure")
    stations = g.ids("station", "change_structure")
    parts = [Q(country_id__in=sorted(countries))] if countries else []
    if stations:
        parts.append(Q(pk__in=areas_of(sorted(stations))))
    return any_of(parts)


# --- Logins ------------------------------------------------------------------------------------


def _user_visible_q(user: Any) -> Q:
    g = grants(user)
    if g.holds_globally("view_everything"):
        return Q()
    orgs = g.ids("organization", "manage_users")
    return Q(pk=user.pk) | (Q(organization_id__in=sorted(orgs)) if orgs else NOTHING)


def _user_editable_q(user: Any) -> Q:
    orgs = grants(user).ids("organization", "manage_users")
    return Q(organization_id__in=sorted(orgs)) if orgs else NOTHING


# --- Registration ------------------------------------------------------------------------------


def register() -> None:
    scoping.register_scopes(scoping.Scopes(read=read_grants, permission_models=PERMISSION_MODELS))
    # Reference data every signed-in user reads; superusers alone change it (admin, forms).
    for reference in (m.Organization, m.Country, m.Role, m.Responsibility, m.Competency):
        scoping.register(reference, visible=scoping.everyone, editable=no_one)
    # Written only by duty_station_set_phase.
    scoping.register(m.SecurityPhaseChange, visible=scoping.everyone, editable=no_one)
    # A DO or FSCO changes the structure of the stations it covers (stations of a granted
    # country included); areas of its country or of its stations.
    scoping.register(
        m.DutyStation,
        visible=scoping.everyone,
        editable=lambda u: stations_q(u, ["change_structure"], "id"),
    )
    scoping.register(
        m.WardenZone,
        visible=scoping.everyone,
        editable=lambda u: stations_q(u, ["change_structure"], "duty_station_id"),
        create=lambda u, *, duty_station: (
            duty_station.pk in grants(u).ids("station", "change_structure")
        ),
    )
    scoping.register(
        m.Area,
        visible=scoping.everyone,
        editable=_areas_editable_q,
        create=lambda u, *, country: country.pk in grants(u).ids("country", "change_structure"),
    )
    scoping.register(
        m.Person,
        visible=person_visible_q,
        editable=person_editable_q,
        # A person that does not exist yet: the rule is tested on the parent scope objects.
        create=lambda u, *, organization, duty_station: keeps_stafflist(
            u, organization, duty_station
        ),
    )
    scoping.register(
        m.Dependant,
        visible=lambda u: person_visible_q(u, prefix="person__"),
        editable=lambda u: person_editable_q(u, prefix="person__"),
        create=lambda u, *, person: scoping.can_change(u, person),
        private=DEPENDANT_PRIVATE_FIELDS,
        private_visible=lambda u: dependant_details_q(u, prefix="person__"),
    )
    scoping.register(
        m.User,
        visible=_user_visible_q,
        editable=_user_editable_q,
        create=lambda u, *, organization: (
            organization.pk in grants(u).ids("organization", "manage_users")
        ),
        private=USER_PRIVATE_FIELDS,
        private_visible=no_one,
    )
    # Written only by stafflist_confirm.
    scoping.register(m.StaffListConfirmation, visible=_stafflist_visible_q, editable=no_one)
