"""Who may see and change what: the one place every page, endpoint, export, PDF, search and
task asks.

Rights come from ACTIVE appointments only. Activating an appointment grants django-guardian
object permissions on its scope object (organization, country, duty station, area, warden
zone); ending it revokes them (``sync_rights``). No permission row is ever written per person
or per record: querysets filter on the ids of the granted scope objects, read once per
request (``grants``), so a list costs the same number of queries whatever its size.

Rules (A/57/365 paragraph in brackets):
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

import contextvars
import dataclasses
from collections.abc import Callable, Iterable

from django.db import connection, models, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

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

# Who records a duty station's SMT meetings (¶16(b)): its SMT members, DO and FSCO.
SMT_MEETING_RECORDERS = ("consult", "decide_appointments", "nominate")

# Who may see dependants' birth dates and addresses, besides the staff member: holders of
# ``view_dependant_details``, that is HQ focal points, DOs, FSCOs, FSCAs, country
# representatives and their focal points, agency security officers (residential security,
# ¶13(f)), ASCs (¶18(d)) and wardens (household visits, ¶20(g)). SMT members do not.
DEPENDANT_PRIVATE_FIELDS = ("birth_date", "residential_address")
# Who administers the site and since when: the users API shows these to no one, so the
# history of a login shows them to superusers alone.
USER_PRIVATE_FIELDS = ("is_staff", "is_superuser", "date_joined")


def _models():
    from actors import models as m

    return m


def _perm_model(scope_model):
    m = _models()
    return {
        m.Organization: m.OrganizationUserObjectPermission,
        m.Country: m.CountryUserObjectPermission,
        m.DutyStation: m.DutyStationUserObjectPermission,
        m.Area: m.AreaUserObjectPermission,
        m.WardenZone: m.WardenZoneUserObjectPermission,
    }[scope_model]


def granted(user, scope_model, *codenames: str) -> QuerySet:
    """Ids of the ``scope_model`` objects on which ``user`` holds any of ``codenames`` (lazy)."""
    return (
        _perm_model(scope_model)
        .objects.filter(user_id=user.pk, permission__codename__in=codenames)
        .values("content_object_id")
    )


# --- The user's grants, read once per request ------------------------------------------------
#
# Rules filter on the literal ids of the few scope objects a user holds rights on, not on
# subqueries: with literals PostgreSQL walks the (organization, family_name, id) index for an
# HQ focal point's page of 100 instead of scanning and sorting every person (measured at
# 100,000 people: 0.8 ms against 16-34 ms, see bench/). The ids are those of scope objects
# (organizations, countries, stations, areas, zones), never of the rows being listed, and they
# are read in one query, cached for the request by ScopeCacheMiddleware.

_request_cache: contextvars.ContextVar[dict | None] = contextvars.ContextVar(
    "scope_cache", default=None
)


@dataclasses.dataclass(frozen=True)
class Grants:
    """The scope objects a user holds each right on.

    ``station`` also holds every duty station inside a granted country or area, so that
    people are matched on their own ``duty_station_id`` alone.
    """

    ids_by: dict[tuple[str, str], frozenset[int]]
    global_codes: frozenset[str]
    own: dict[str, int | None]  # the user's own person: organization, station, zone

    def ids(self, kind: str, *codenames: str) -> frozenset[int]:
        found: set[int] = set()
        for code in codenames:
            found |= self.ids_by.get((kind, code), frozenset())
        return frozenset(found)

    def holds_globally(self, codename: str) -> bool:
        return codename in self.global_codes


def _grants_sql() -> str:
    """One statement for every grant of a user, with countries and areas expanded to stations.

    The permission table is joined once over the union, not in each branch: planning the
    statement is most of its cost (0.9 ms against 0.35 ms at scale 1).
    """
    from django.contrib.auth.models import Permission

    m = _models()
    station = m.DutyStation._meta.db_table

    def part(kind, perm_model, join="", obj="g.content_object_id", flag="false"):
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


def grants(user) -> Grants:
    """The user's grants: one query, cached for the current request."""
    cache = _request_cache.get()
    if cache is not None and user.pk in cache:
        return cache[user.pk]
    ids_by: dict[tuple[str, str], set[int]] = {}
    global_codes: set[str] = set()
    own: dict[str, int | None] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            _grants_sql(), {"user": user.pk, "unsecoord": _models().OrganizationKind.UNSECOORD}
        )
        for kind, object_id, codename, is_global in cursor.fetchall():
            if kind == "own":
                own[codename] = object_id
                continue
            ids_by.setdefault((kind, codename), set()).add(object_id)
            if is_global:
                global_codes.add(codename)
    result = Grants(
        ids_by={key: frozenset(value) for key, value in ids_by.items()},
        global_codes=frozenset(global_codes),
        own=own,
    )
    if cache is not None:
        cache[user.pk] = result
    return result


def forget_grants(user) -> None:
    cache = _request_cache.get()
    if cache is not None:
        cache.pop(user.pk, None)


class ScopeCacheMiddleware:
    """Each request reads a user's grants once; outside requests (tasks, shells) they are
    read afresh on every call, so a task always checks rights as they are now."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_cache.set({})
        try:
            return self.get_response(request)
        finally:
            _request_cache.reset(token)


def holds_globally_exists(user, codename: str) -> Exists:
    """Lazy form of ``grants(user).holds_globally`` for annotating one query."""
    m = _models()
    return Exists(
        granted(user, m.Organization, codename).filter(
            content_object__kind=m.OrganizationKind.UNSECOORD
        )
    )


def holds_on_some_station_q(user, *codenames: str) -> Q:
    """Lazy form of ``holds(user, *codenames, kind="station")`` (a station, its country or
    its area), for annotating one query without reading the grants."""
    m = _models()
    return (
        Q(Exists(granted(user, m.DutyStation, *codenames)))
        | Q(Exists(granted(user, m.Country, *codenames)))
        | Q(Exists(granted(user, m.Area, *codenames)))
    )


def holds(user, *codenames: str, kind: str | None = None) -> bool:
    """Whether ``user`` holds any of ``codenames`` on any scope object (of ``kind``)."""
    if user.is_superuser:
        return True
    ids_by = grants(user).ids_by
    return any(code in codenames and (kind is None or k == kind) for k, code in ids_by)


def holds_on_station(user, codename: str, station) -> bool:
    """Whether ``user`` holds ``codename`` on ``station`` (directly or through its country or
    area)."""
    if user.is_superuser:
        return True
    return station.pk in grants(user).ids("station", codename)


def sees_everything(user) -> bool:
    return user.is_superuser or grants(user).holds_globally("view_everything")


NOTHING = Q(pk__in=[])


def everything_q(prefix: str = "") -> Q:
    """Every row, as a condition ``When()`` accepts: an empty ``Q()`` means "everything" to
    ``filter()`` but is refused as a ``When()`` condition (ValueError), so rules that may say
    "everything" (superusers, UNSECOORD) give this where a condition is built."""
    return Q(**{f"{prefix}pk__isnull": False})


def _any(parts: list[Q]) -> Q:
    if not parts:
        return NOTHING
    result = parts[0]
    for part in parts[1:]:
        result |= part
    return result


# --- People ----------------------------------------------------------------------------------


def _people_q(
    user, *, all_orgs: Iterable[str], own_org: Iterable[str], prefix: str = ""
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
    return _any(parts), covers_self


def _person_visible_q(user, prefix: str = "") -> Q:
    if grants(user).holds_globally("view_everything"):
        return Q()
    q, covers_self = _people_q(
        user, all_orgs=["view_people"], own_org=["view_own_org_people"], prefix=prefix
    )
    return q if covers_self else q | Q(**{f"{prefix}user_id": user.pk})


def _person_editable_q(user, prefix: str = "") -> Q:
    q, covers_self = _people_q(
        user, all_orgs=["change_people"], own_org=["change_own_org_people"], prefix=prefix
    )
    return q if covers_self else q | Q(**{f"{prefix}user_id": user.pk})


def dependant_details_q(user, prefix: str = "person__") -> Q:
    """People whose dependants' birth dates and addresses ``user`` may see (see the note above).

    Never an empty ``Q()``: callers put it in ``When()``, which refuses one.
    """
    if user.is_superuser:
        return everything_q(prefix)
    q, covers_self = _people_q(
        user,
        all_orgs=["view_dependant_details"],
        own_org=["view_dependant_details"],
        prefix=prefix,
    )
    return q if covers_self else q | Q(**{f"{prefix}user_id": user.pk})


# --- Fields not every reader of a row may see ------------------------------------------------
#
# Declared once per model in ``_PRIVATE`` (filled by ``_rules``): the fields, and the rule over
# the model's own rows of who may see them. The API and the pages mask them with it, and the
# audit trail leaves them out of those rows' history, whose snapshots hold the same values.


def private_fields(model: type[models.Model]) -> tuple[str, ...]:
    """The fields of ``model`` that only some of those who see a row may see."""
    _rules()
    entry = _PRIVATE.get(model)
    return entry[0] if entry else ()


def private_fields_q(user, model: type[models.Model]) -> Q:
    """Rows of ``model`` whose private fields ``user`` may see, as a condition that ``When()``
    and ``Exists()`` accept alike (never an empty ``Q()``)."""
    _rules()
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOTHING
    entry = _PRIVATE.get(model)
    if entry is None or user.is_superuser:
        return everything_q()
    return entry[1](user) or everything_q()


# --- Structure (appointments) ---------------------------------------------------------------


def _areas_of(station_ids) -> QuerySet:
    # Areas through a subquery, not a join: Area -> stations is to-many and would repeat rows.
    return (
        _models()
        .DutyStation.objects.filter(pk__in=station_ids, area__isnull=False)
        .values("area_id")
    )


def _appointments_in_scope_q(user, codenames: tuple[str, ...]) -> list[Q]:
    g = grants(user)
    stations = sorted(g.ids("station", *codenames))
    countries = sorted(g.ids("country", *codenames))
    areas = sorted(g.ids("area", *codenames))
    parts = []
    if stations:
        parts += [
            Q(scope_duty_station_id__in=stations),
            Q(scope_zone__duty_station_id__in=stations),
            Q(scope_area_id__in=_areas_of(stations)),
            # The capital's DO, FSCO and SMT look after the areas of the country (¶17).
            Q(scope_area__country_id__in=_countries_of_capitals(stations)),
        ]
    if countries:
        parts += [Q(scope_country_id__in=countries), Q(scope_area__country_id__in=countries)]
    if areas:
        parts.append(Q(scope_area_id__in=areas))
    return parts


def _countries_of_capitals(station_ids) -> QuerySet:
    return (
        _models()
        .DutyStation.objects.filter(pk__in=station_ids, is_capital=True)
        .values("country_id")
    )


def nominable_people(user) -> QuerySet:
    """People a nominator may propose as area coordinator or warden, of any agency (¶17, ¶19):
    those at the stations where the user nominates, and for areas anyone in the country of a
    capital where the user nominates. Names and stations only are meant to be shown."""
    m = _models()
    if user.is_superuser:
        return m.Person.objects.filter(is_active=True)
    stations = sorted(grants(user).ids("station", "nominate"))
    if not stations:
        return m.Person.objects.none()
    return m.Person.objects.filter(
        Q(duty_station_id__in=stations)
        | Q(duty_station__country_id__in=_countries_of_capitals(stations)),
        is_active=True,
    )


def _consultation_visible_q(user) -> Q:
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
            Q(appointment__scope_area__country_id__in=_countries_of_capitals(deciding)),
        ]
    return _any(parts)


def _appointment_visible_q(user) -> Q:
    g = grants(user)
    if g.holds_globally("view_everything"):
        return Q()
    parts = [Q(person__user_id=user.pk), *_appointments_in_scope_q(user, ("view_structure",))]
    orgs = g.ids("organization", "view_structure")
    if orgs:
        parts.append(Q(organization_id__in=sorted(orgs)))
    return _any(parts)


def _appointment_editable_q(user) -> Q:
    g = grants(user)
    if g.holds_globally("appoint_anyone"):
        return Q()
    orgs = g.ids("organization", "manage_appointments")
    if not orgs:
        return NOTHING
    return Q(organization_id__in=sorted(orgs), role__code__in=sorted(AGENCY_APPOINTABLE_ROLES))


def _stations_q(user, codenames, field: str) -> Q:
    stations = grants(user).ids("station", *codenames)
    return Q(**{f"{field}__in": sorted(stations)}) if stations else NOTHING


def _user_visible_q(user) -> Q:
    g = grants(user)
    if g.holds_globally("view_everything"):
        return Q()
    orgs = g.ids("organization", "manage_users")
    return Q(pk=user.pk) | (Q(organization_id__in=sorted(orgs)) if orgs else NOTHING)


def _user_editable_q(user) -> Q:
    orgs = grants(user).ids("organization", "manage_users")
    return Q(organization_id__in=sorted(orgs)) if orgs else NOTHING


def stafflists_q(
    user, *, all_orgs, own_org, organization="organization", station="duty_station"
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
    return _any(parts)


def _stafflist_visible_q(user) -> Q:
    if grants(user).holds_globally("view_everything"):
        return Q()
    return stafflists_q(user, all_orgs=["view_people"], own_org=["view_own_org_people"])


# --- The registry: one rule per model ---------------------------------------------------------

Rule = Callable[[object], Q]
_VISIBLE: dict[type[models.Model], Rule] = {}
_EDITABLE: dict[type[models.Model], Rule] = {}
_PRIVATE: dict[type[models.Model], tuple[tuple[str, ...], Rule]] = {}


def _everyone(user) -> Q:
    return Q()


def _no_one(user) -> Q:
    return Q(pk__in=[])


def _rules():
    if _VISIBLE:
        return
    m = _models()
    for reference in (
        m.Organization,
        m.Country,
        m.DutyStation,
        m.Area,
        m.WardenZone,
        m.Role,
        m.Responsibility,
        m.Competency,
        m.SecurityPhaseChange,
    ):
        _VISIBLE[reference] = _everyone
    _EDITABLE[m.Organization] = _no_one  # superusers only (Django admin and forms)
    _EDITABLE[m.Country] = _no_one
    _EDITABLE[m.Role] = _no_one
    _EDITABLE[m.Responsibility] = _no_one
    _EDITABLE[m.Competency] = _no_one
    _EDITABLE[m.SecurityPhaseChange] = _no_one  # written only by duty_station_set_phase
    # A DO or FSCO changes the structure of the stations it covers (stations of a granted
    # country included); areas of its country or of its stations.
    _EDITABLE[m.DutyStation] = lambda u: _stations_q(u, ["change_structure"], "id")
    _EDITABLE[m.WardenZone] = lambda u: _stations_q(u, ["change_structure"], "duty_station_id")
    _EDITABLE[m.Area] = lambda u: _any(
        [Q(country_id__in=sorted(c)) for c in [grants(u).ids("country", "change_structure")] if c]
        + [
            Q(pk__in=_areas_of(sorted(st)))
            for st in [grants(u).ids("station", "change_structure")]
            if st
        ]
    )

    _VISIBLE[m.Person] = _person_visible_q
    _EDITABLE[m.Person] = _person_editable_q
    _VISIBLE[m.Dependant] = lambda u: _person_visible_q(u, prefix="person__")
    _EDITABLE[m.Dependant] = lambda u: _person_editable_q(u, prefix="person__")
    _PRIVATE[m.Dependant] = (
        DEPENDANT_PRIVATE_FIELDS,
        lambda u: dependant_details_q(u, prefix="person__"),
    )

    _VISIBLE[m.Appointment] = _appointment_visible_q
    _EDITABLE[m.Appointment] = _appointment_editable_q

    _VISIBLE[m.User] = _user_visible_q
    _EDITABLE[m.User] = _user_editable_q
    _PRIVATE[m.User] = (USER_PRIVATE_FIELDS, _no_one)

    _VISIBLE[m.StaffListConfirmation] = _stafflist_visible_q
    _EDITABLE[m.StaffListConfirmation] = _no_one  # written only by stafflist_confirm

    # The appointment workflow (structure app): records of an appointment are seen by whoever
    # sees the appointment and written only through structure.workflow.
    from accountability.core.models import Notification
    from structure import models as st

    def through_appointment(u) -> Q:
        return Q(appointment__in=visible_to(u, m.Appointment).values("pk"))

    for record in (st.CompetencyStatement, st.AppointmentLetter):
        _VISIBLE[record] = through_appointment
        _EDITABLE[record] = _no_one
    _VISIBLE[st.Consultation] = _consultation_visible_q
    _EDITABLE[st.Consultation] = _no_one  # answered only through structure.workflow
    # SMT meetings (¶16(b)): the station's structure; recorded by its SMT members, DO, FSCO.
    _VISIBLE[st.SmtMeeting] = lambda u: (
        Q()
        if grants(u).holds_globally("view_everything")
        else _stations_q(u, ["view_structure"], "duty_station_id")
    )
    _EDITABLE[st.SmtMeeting] = lambda u: _stations_q(u, SMT_MEETING_RECORDERS, "duty_station_id")
    _VISIBLE[st.ActionItem] = lambda u: Q(meeting__in=visible_to(u, st.SmtMeeting).values("pk"))
    _EDITABLE[st.ActionItem] = lambda u: Q(meeting__in=editable_by(u, st.SmtMeeting).values("pk"))
    _VISIBLE[Notification] = lambda u: Q(user_id=u.pk)
    _EDITABLE[Notification] = lambda u: Q(user_id=u.pk)
    _training_rules()
    _inspection_rules()


# --- Training, briefings and certificates (training app) --------------------------------------
#
# Completions, certificates, test attempts and requirements follow the person: whoever sees the
# person sees them (¶27: each organization keeps its records; ¶32: the representative sees its
# staff's). Completions from elsewhere are verified by the HQ focal point (its organization),
# the FSCO (every organization at the station) or the country representative and focal point
# (their own organization there), never by the person themselves. The FSCO, FSCA and DO run
# sessions and arrival briefings at their stations (¶30, ¶31, ¶33), an HQ focal point its
# agency's sessions anywhere, UNSECOORD any; UNSECOORD endorses agencies' courses (annex ¶26).


def _training_verifiers_q(user, prefix: str) -> Q:
    q, _covers_self = _people_q(
        user, all_orgs=["verify_training"], own_org=["verify_own_org_training"], prefix=prefix
    )
    return q & ~Q(**{f"{prefix}user_id": user.pk})


def _trains_q(user, station_field: str, organization_field: str) -> Q:
    g = grants(user)
    if g.holds_globally("train"):
        return Q()
    orgs = g.ids("organization", "train")
    parts = [Q(**{f"{organization_field}__in": sorted(orgs)})] if orgs else []
    stations = g.ids("station", "train")
    if stations:
        parts.append(Q(**{f"{station_field}__in": sorted(stations)}))
    return _any(parts)


def _courses_editable_q(user) -> Q:
    g = grants(user)
    if g.holds_globally("endorse_courses"):
        return Q()
    orgs = g.ids("organization", "train")
    # An agency's own courses, until UNSECOORD has endorsed them (annex ¶26).
    return Q(provider_id__in=sorted(orgs), endorsed_at__isnull=True) if orgs else NOTHING


def _sessions_visible_q(user) -> Q:
    from training.models import SessionParticipant

    g = grants(user)
    if g.holds_globally("view_everything"):
        return Q()
    return (
        _trains_q(user, "duty_station_id", "organization_id")
        | _stations_q(user, ["view_structure"], "duty_station_id")
        | Q(trainer__user_id=user.pk)
        | Q(
            Exists(
                SessionParticipant.objects.filter(
                    session_id=OuterRef("pk"), person__user_id=user.pk
                )
            )
        )
    )


def _briefings_visible_q(user) -> Q:
    from training.models import BriefingAttendee

    if grants(user).holds_globally("view_everything"):
        return Q()
    return (
        _stations_q(user, ["view_structure", "train"], "duty_station_id")
        | Q(given_by__user_id=user.pk)
        | Q(
            Exists(
                BriefingAttendee.objects.filter(briefing_id=OuterRef("pk"), person__user_id=user.pk)
            )
        )
    )


def _training_rules():
    from training import models as tr

    for reference in (tr.Course, tr.TrainingRule):
        _VISIBLE[reference] = _everyone
    _EDITABLE[tr.Course] = _courses_editable_q
    _EDITABLE[tr.TrainingRule] = lambda u: (
        Q() if grants(u).holds_globally("endorse_courses") else NOTHING
    )
    # The question bank holds the answers: only those who keep the course see it.
    for bank, field in ((tr.Question, "course__"), (tr.Choice, "question__course__")):
        _VISIBLE[bank] = _EDITABLE[bank] = lambda u, f=field: Q(
            **{f"{f[:-2]}__in": editable_by(u, tr.Course).values("pk")}
        )
    _VISIBLE[tr.TrainingRecord] = lambda u: _person_visible_q(u, prefix="person__")
    _EDITABLE[tr.TrainingRecord] = lambda u: _training_verifiers_q(u, "person__")
    _VISIBLE[tr.Certificate] = lambda u: _person_visible_q(u, prefix="record__person__")
    _EDITABLE[tr.Certificate] = _no_one  # rendered by a task, never changed
    _VISIBLE[tr.TestAttempt] = lambda u: _person_visible_q(u, prefix="person__")
    _EDITABLE[tr.TestAttempt] = lambda u: Q(person__user_id=u.pk)  # one's own test only
    _VISIBLE[tr.TrainingSession] = _sessions_visible_q
    _EDITABLE[tr.TrainingSession] = lambda u: (
        _trains_q(u, "duty_station_id", "organization_id") | Q(trainer__user_id=u.pk)
    )
    # A participant list shows the people one sees; the trainer sees the whole list.
    _VISIBLE[tr.SessionParticipant] = lambda u: (
        (
            Q(session__in=visible_to(u, tr.TrainingSession).values("pk"))
            & _person_visible_q(u, prefix="person__")
        )
        | Q(session__in=editable_by(u, tr.TrainingSession).values("pk"))
    )
    _EDITABLE[tr.SessionParticipant] = lambda u: Q(
        session__in=editable_by(u, tr.TrainingSession).values("pk")
    )
    _VISIBLE[tr.Briefing] = _briefings_visible_q
    _EDITABLE[tr.Briefing] = lambda u: (
        Q() if grants(u).holds_globally("train") else _stations_q(u, ["train"], "duty_station_id")
    )
    _VISIBLE[tr.BriefingAttendee] = lambda u: (
        _person_visible_q(u, prefix="person__")
        | Q(briefing__in=editable_by(u, tr.Briefing).values("pk"))
    )
    # The written acknowledgement is the staff member's own, for self and dependants (¶33).
    _EDITABLE[tr.BriefingAttendee] = lambda u: Q(person__user_id=u.pk)
    # The requirement view carries the person's organization, station, zone and login.
    _VISIBLE[tr.TrainingRequirement] = lambda u: _person_visible_q(u, prefix="")
    _EDITABLE[tr.TrainingRequirement] = _no_one
    for internal in (tr.TrainingReminder, tr.ReminderDigest):
        _VISIBLE[internal] = _EDITABLE[internal] = _no_one


def courses_offered_q(user) -> Q:
    """Courses ``user`` may take, teach or upload a certificate of: UNSECOORD's and the
    endorsed ones, which count (annex ¶26), and the user's own agency's courses awaiting
    endorsement. Another agency's unendorsed course counts for no one and is its own business."""
    m = _models()
    return (
        Q(provider__kind=m.OrganizationKind.UNSECOORD)
        | Q(endorsed_at__isnull=False)
        | Q(provider_id=user.organization_id)
    )


def training_verifiable_q(user, prefix: str = "") -> Q:
    """People (through ``prefix``) whose completions ``user`` may verify, import or reject:
    never the user's own."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOTHING
    if user.is_superuser:
        return ~Q(**{f"{prefix}user_id": user.pk})
    return _training_verifiers_q(user, prefix)


def may_verify_training(user, person) -> bool:
    """Whether ``user`` may verify or reject a completion recorded for ``person``."""
    m = _models()
    return m.Person.objects.filter(training_verifiable_q(user), pk=person.pk).exists()


def may_train(user, *, duty_station, organization=None) -> bool:
    """Whether ``user`` may run a session (for ``organization``) or brief at ``duty_station``."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    g = grants(user)
    return (
        g.holds_globally("train")
        or duty_station.pk in g.ids("station", "train")
        or (organization is not None and organization.pk in g.ids("organization", "train"))
    )


# --- Inspections (inspections app, ¶39–¶40) -------------------------------------------------
#
# UNSECOORD's inspectors read everything; a mission's lead inspector and team change it. The
# station's DO, FSCO and SMT see its missions from the announcement on (¶39: the checklists
# are given to them) and every finding at the station. From the debrief on (¶40: the report
# goes to the HQ focal points), an agency's HQ focal point sees its agency's findings
# worldwide, and its country representative, country focal point and security officer see
# them at their station, with only the summary of other agencies' (the mission itself). The
# accountable person sees the findings and items that name them. Rectification is reported by
# the accountable person, the DO or FSCO, the agency's HQ focal point, or its people at the
# station who answer for it (¶13, ¶15).


def _mission_statuses():
    from inspections.models.missions import REPORTED, SHOWN_TO_STATION

    return SHOWN_TO_STATION, REPORTED


def _own_agency_q(user, codenames_all, codenames_own, prefix: str) -> Q:
    """Rows of an agency (``{prefix}organization``) at a station (``{prefix}mission__
    duty_station``) that the org-wide or own-organization-at-station grants cover."""
    return stafflists_q(
        user,
        all_orgs=codenames_all,
        own_org=codenames_own,
        organization=f"{prefix}organization",
        station=f"{prefix}mission__duty_station",
    )


def _inspection_team_q(user) -> Q:
    """Missions whose team the user is on (the lead inspector included), holding ``inspect``."""
    if not grants(user).holds_globally("inspect"):
        return NOTHING
    from inspections.models import MissionMember

    return Q(lead_inspector__user_id=user.pk) | Q(
        Exists(MissionMember.objects.filter(mission_id=OuterRef("pk"), person__user_id=user.pk))
    )


def _team_of_mission_q(user, mission_field: str) -> Q:
    """Rows whose mission (``mission_field``) the user may change."""
    from inspections.models import Mission

    return Q(**{f"{mission_field}__in": editable_by(user, Mission).values("pk")})


def _inspection_rows_q(user, *, prefix: str, person_field: str) -> Q:
    """Checklist items or findings (their mission through ``prefix``mission) the user sees."""
    shown, reported = _mission_statuses()
    g = grants(user)
    if g.holds_globally("view_everything"):
        return Q()
    station_ids = g.ids("station", "view_inspections")
    parts = [
        Q(**{f"{person_field}__user_id": user.pk, f"{prefix}mission__status__in": shown}),
        _team_of_mission_q(user, f"{prefix}mission"),
    ]
    if station_ids:
        parts.append(
            Q(
                **{
                    f"{prefix}mission__duty_station_id__in": sorted(station_ids),
                    f"{prefix}mission__status__in": shown,
                }
            )
        )
    own_agency = _own_agency_q(user, ["view_org_findings"], ["view_own_org_findings"], prefix)
    if own_agency != NOTHING:
        parts.append(own_agency & Q(**{f"{prefix}mission__status__in": reported}))
    return _any(parts)


def _missions_visible_q(user) -> Q:
    from inspections.models import Finding

    shown, reported = _mission_statuses()
    g = grants(user)
    if g.holds_globally("view_everything"):
        return Q()
    parts = [_inspection_team_q(user)]
    station_ids = g.ids("station", "view_inspections")
    if station_ids:
        parts.append(Q(duty_station_id__in=sorted(station_ids), status__in=shown))
    # The agencies with findings get the station's summary with their report (¶40).
    concerned = _own_agency_q(user, ["view_org_findings"], ["view_own_org_findings"], "")
    mine = Q(accountable_person__user_id=user.pk)
    findings = Finding.objects.filter(mission_id=OuterRef("pk"))
    parts.append(Q(Exists(findings.filter(concerned | mine)), status__in=reported))
    return _any(parts)


def findings_rectifiable_q(user, prefix: str = "") -> Q:
    """Findings (through ``prefix``) whose rectification ``user`` may report, once reported
    to the station (the debrief) and while not yet rectified."""
    from inspections.models.findings import AWAITING_ACTION

    _shown, reported = _mission_statuses()
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NOTHING
    state = Q(**{f"{prefix}status__in": AWAITING_ACTION, f"{prefix}mission__status__in": reported})
    if user.is_superuser:
        return state
    who = Q(**{f"{prefix}accountable_person__user_id": user.pk}) | _own_agency_q(
        user, ["rectify_findings"], ["rectify_own_org_findings"], prefix
    )
    return state & who


def may_plan_inspections(user) -> bool:
    """UNSECOORD and its inspectors plan missions (¶39)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or grants(user).holds_globally("inspect")


def _escalations_visible_q(user) -> Q:
    from inspections.models import EscalationFinding

    g = grants(user)
    if g.holds_globally("view_everything"):
        return Q()
    parts = [_stations_q(user, ["view_inspections"], "duty_station_id")]
    # The agencies concerned receive the report (¶40).
    orgs = g.ids("organization", "view_org_findings")
    own_stations = g.ids("station", "view_own_org_findings")
    agencies = EscalationFinding.objects.filter(escalation_id=OuterRef("pk"))
    if orgs:
        parts.append(Q(Exists(agencies.filter(organization_id__in=sorted(orgs)))))
    if own_stations:
        parts.append(
            Q(
                Exists(agencies.filter(organization_id=user.organization_id)),
                duty_station_id__in=sorted(own_stations),
            )
        )
    return _any(parts)


def _inspection_rules():
    from inspections import models as ins

    _VISIBLE[ins.ChecklistTemplate] = _VISIBLE[ins.ChecklistTemplateItem] = _everyone
    _EDITABLE[ins.ChecklistTemplate] = _EDITABLE[ins.ChecklistTemplateItem] = _no_one
    _VISIBLE[ins.Mission] = _missions_visible_q
    _EDITABLE[ins.Mission] = _inspection_team_q
    _VISIBLE[ins.MissionMember] = lambda u: Q(mission__in=visible_to(u, ins.Mission).values("pk"))
    _EDITABLE[ins.MissionMember] = lambda u: _team_of_mission_q(u, "mission")
    _VISIBLE[ins.ChecklistItem] = lambda u: _inspection_rows_q(u, prefix="", person_field="person")
    _EDITABLE[ins.ChecklistItem] = lambda u: _team_of_mission_q(u, "mission")
    _VISIBLE[ins.Finding] = lambda u: _inspection_rows_q(
        u, prefix="", person_field="accountable_person"
    )
    _EDITABLE[ins.Finding] = lambda u: _team_of_mission_q(u, "mission")
    _VISIBLE[ins.Rectification] = lambda u: Q(finding__in=visible_to(u, ins.Finding).values("pk"))
    _EDITABLE[ins.Rectification] = lambda u: _team_of_mission_q(u, "finding__mission")
    _VISIBLE[ins.FollowUpVisit] = lambda u: Q(mission__in=visible_to(u, ins.Mission).values("pk"))
    _EDITABLE[ins.FollowUpVisit] = lambda u: _team_of_mission_q(u, "mission")
    _VISIBLE[ins.FollowUpCheck] = lambda u: Q(finding__in=visible_to(u, ins.Finding).values("pk"))
    _EDITABLE[ins.FollowUpCheck] = lambda u: _team_of_mission_q(u, "visit__mission")
    _VISIBLE[ins.Evidence] = lambda u: (
        Q(checklist_item__in=visible_to(u, ins.ChecklistItem).values("pk"))
        | Q(rectification__in=visible_to(u, ins.Rectification).values("pk"))
    )
    _EDITABLE[ins.Evidence] = _no_one  # added by the services, never changed
    # The full report is the station's; an agency's copy is the agency's (¶40).
    _VISIBLE[ins.MissionReport] = lambda u: (
        Q()
        if grants(u).holds_globally("view_everything")
        else _team_of_mission_q(u, "mission")
        | (
            Q(mission__status__in=_mission_statuses()[1])
            & (
                _stations_q(u, ["view_inspections"], "mission__duty_station_id")
                | (
                    Q(organization__isnull=False)
                    & _own_agency_q(u, ["view_org_findings"], ["view_own_org_findings"], "")
                )
            )
        )
    )
    _EDITABLE[ins.MissionReport] = _no_one  # rendered by a task
    _VISIBLE[ins.Escalation] = _escalations_visible_q
    _EDITABLE[ins.Escalation] = _no_one  # written by the follow-up, closed by its findings
    _VISIBLE[ins.EscalationFinding] = lambda u: (
        Q(escalation__in=visible_to(u, ins.Escalation).values("pk"))
        & Q(finding__in=visible_to(u, ins.Finding).values("pk"))
    )
    _EDITABLE[ins.EscalationFinding] = _no_one
    for internal in (ins.FindingReminder, ins.EscalationDelivery):
        _VISIBLE[internal] = _EDITABLE[internal] = _no_one


def station_holders(station, *codenames: str) -> QuerySet:
    """Active users holding any of ``codenames`` on ``station``, its country or its area
    (the people to tell: the DO, the FSCO, the SMT)."""
    m = _models()
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


def organization_holders(organization_ids, *codenames: str) -> QuerySet:
    """Active users holding any of ``codenames`` on one of the organizations (HQ roles)."""
    m = _models()
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


def register(model: type[models.Model], *, visible: Rule, editable: Rule) -> None:
    """Later apps add their models' rules here, next to the rules above."""
    _rules()
    _VISIBLE[model] = visible
    _EDITABLE[model] = editable


def visible_to(user, model: type[models.Model], queryset: QuerySet | None = None) -> QuerySet:
    """Every row of ``model`` that ``user`` may see."""
    _rules()
    qs = model._default_manager.all() if queryset is None else queryset
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return qs.none()
    if user.is_superuser:
        return qs
    return qs.filter(_VISIBLE[model](user))


def editable_by(user, model: type[models.Model], queryset: QuerySet | None = None) -> QuerySet:
    """Every row of ``model`` that ``user`` may change."""
    _rules()
    qs = model._default_manager.all() if queryset is None else queryset
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return qs.none()
    if user.is_superuser:
        return qs
    return qs.filter(_EDITABLE[model](user))


def get_for_user(user, model: type[models.Model], pk, *, for_change: bool = False, queryset=None):
    """The object, or 404 alike for "missing" and "not yours" (never 403)."""
    scoped = editable_by(user, model, queryset) if for_change else visible_to(user, model, queryset)
    try:
        return scoped.get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404(f"No {model._meta.verbose_name} matches the given query.") from None


def may_appoint(user, *, person, role) -> bool:
    """UNSECOORD appoints anyone; an HQ focal point its own people to agency roles."""
    if user.is_superuser:
        return True
    g = grants(user)
    if g.holds_globally("appoint_anyone"):
        return True
    return role.code in AGENCY_APPOINTABLE_ROLES and person.organization_id in g.ids(
        "organization", "manage_appointments"
    )


def may_create(user, model: type[models.Model], **parent) -> bool:
    """Whether ``user`` may add a ``model`` row under the given parent objects.

    People: ``organization`` and ``duty_station``; dependants: ``person``; areas: ``country``;
    zones: ``duty_station``; users: ``organization``; SMT meetings: ``duty_station``.
    """
    m = _models()
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    g = grants(user)
    if model is m.Person:
        # A person that does not exist yet: test the rule on the parent scope objects.
        return keeps_stafflist(user, parent["organization"], parent["duty_station"])
    if model is m.Dependant:
        return can_change(user, parent["person"])
    if model is m.Area:
        return parent["country"].pk in g.ids("country", "change_structure")
    if model is m.WardenZone:
        return parent["duty_station"].pk in g.ids("station", "change_structure")
    if model is m.User:
        return parent["organization"].pk in g.ids("organization", "manage_users")
    from structure.models import SmtMeeting

    if model is SmtMeeting:
        return parent["duty_station"].pk in g.ids("station", *SMT_MEETING_RECORDERS)
    return False


def keeps_stafflist(user, organization, station) -> bool:
    """Whether the user may keep ``organization``'s staff list at ``station``."""
    return _keeps_stafflist(user, organization.pk, station.pk)


def _keeps_stafflist(user, organization_id, station_id) -> bool:
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


# A staff member answers for their own security (¶21, ¶22) and keeps their own contact details
# current. The rest of a person's record (names, index number, category, contract type, grade,
# duty station, warden zone, login, active) is the staff list's: kept by the organization's
# focal points and representative, the DO and the FSCO (¶8, ¶10(e), ¶15, annex ¶24), by hand
# or by a staff-list import, never by the staff member.
PERSON_SELF_FIELDS = ("email", "phone", "radio_call_sign", "residential_address")


def keeps_person_record(user, person) -> bool:
    """Whether ``user`` keeps ``person``'s whole record (the staff list it is on), rather
    than only the contact details that one keeps of oneself (``PERSON_SELF_FIELDS``)."""
    return _keeps_stafflist(user, person.organization_id, person.duty_station_id)


def stafflists_kept_q(
    user, *, organization: str = "organization", station: str = "duty_station"
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


def can_change(user, obj) -> bool:
    return editable_by(user, type(obj)).filter(pk=obj.pk).exists()


# --- Granting and revoking ----------------------------------------------------------------------


def desired_grants(user) -> set[tuple[type[models.Model], int, str]]:
    """(scope model, scope id, codename) for every right the user's ACTIVE appointments give."""
    m = _models()
    appointments = m.Appointment.objects.filter(
        person__user_id=user.pk, status=m.AppointmentStatus.ACTIVE
    ).select_related("role")
    scope_models = {
        "organization": m.Organization,
        "country": m.Country,
        "duty_station": m.DutyStation,
        "area": m.Area,
        "zone": m.WardenZone,
    }
    wanted = set()
    for appointment in appointments:
        scope_model = scope_models[appointment.scope_kind]
        scope_id = getattr(appointment, f"{appointment.scope_field}_id")
        for codename in ROLE_GRANTS.get(appointment.role.code, ()):
            wanted.add((scope_model, scope_id, codename))
    return wanted


@transaction.atomic
def sync_rights(user) -> tuple[int, int]:
    """Make the user's object permissions exactly those its active appointments give.

    Idempotent: called whenever an appointment starts, ends or changes, or a login is linked
    to or unlinked from a person. Returns (granted, revoked) counts.
    """
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    m = _models()
    wanted = desired_grants(user) if user.is_active else set()
    granted_count = revoked_count = 0
    for scope_model in (m.Organization, m.Country, m.DutyStation, m.Area, m.WardenZone):
        perm_model = _perm_model(scope_model)
        content_type = ContentType.objects.get_for_model(scope_model)
        existing = {
            (row.content_object_id, row.permission.codename): row.pk
            for row in perm_model.objects.filter(user_id=user.pk).select_related("permission")
        }
        want_here = {(sid, code) for model, sid, code in wanted if model is scope_model}
        stale = [pk for key, pk in existing.items() if key not in want_here]
        if stale:
            revoked_count += perm_model.objects.filter(pk__in=stale).delete()[0]
        missing = want_here - existing.keys()
        if missing:
            permissions = dict(
                Permission.objects.filter(
                    content_type=content_type, codename__in={code for _, code in missing}
                ).values_list("codename", "pk")
            )
            perm_model.objects.bulk_create(
                perm_model(user_id=user.pk, content_object_id=sid, permission_id=permissions[code])
                for sid, code in missing
            )
            granted_count += len(missing)
    forget_grants(user)
    return granted_count, revoked_count


def annotate_editable(user, queryset: QuerySet) -> QuerySet:
    """Adds ``can_edit`` to each row in the same query (for lists that show edit links)."""
    _rules()
    if user.is_superuser:
        return queryset.annotate(can_edit=models.Value(True))
    model = queryset.model
    editable = model._default_manager.filter(_EDITABLE[model](user), pk=OuterRef("pk"))
    return queryset.annotate(can_edit=Exists(editable))
