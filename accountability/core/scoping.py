"""Who may see and change what: the one place every page, endpoint, export, PDF, search and
task asks.

Rights come from ACTIVE appointments only. Activating an appointment grants django-guardian
object permissions on its scope object (organization, country, duty station, area, warden
zone); ending it revokes them (``sync_rights``). No permission row is ever written per person
or per record: querysets join through the granted scope objects with lazy subqueries, so a
query's cost does not depend on how much a user may see, and building one costs no query.

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

from collections.abc import Callable, Iterable

from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

# --- Which rights each role grants on its scope object -------------------------------------

PEOPLE_ALL = ("view_people", "change_people", "view_dependant_details")
STRUCTURE = ("view_structure", "change_structure")

ROLE_GRANTS: dict[str, tuple[str, ...]] = {
    "executive_head": PEOPLE_ALL + ("view_structure", "manage_appointments", "manage_users"),
    "hq_focal_point": PEOPLE_ALL + ("view_structure", "manage_appointments", "manage_users"),
    "unsecoord": ("view_everything", "appoint_anyone"),
    "unsecoord_inspector": ("view_everything",),
    "designated_official": PEOPLE_ALL + STRUCTURE,
    "fsco": PEOPLE_ALL + STRUCTURE,
    "fsca": PEOPLE_ALL + ("view_structure",),
    "agency_security_officer": ("view_own_org_people", "view_dependant_details", "view_structure"),
    "country_representative": (
        "view_own_org_people",
        "change_own_org_people",
        "view_dependant_details",
        "view_structure",
    ),
    "country_focal_point": (
        "view_own_org_people",
        "change_own_org_people",
        "view_dependant_details",
        "view_structure",
    ),
    "smt": ("view_own_org_people", "view_structure"),
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

# Who may see dependants' birth dates and addresses, besides the staff member: holders of
# ``view_dependant_details``, that is HQ focal points, DOs, FSCOs, FSCAs, country
# representatives and their focal points, agency security officers (residential security,
# ¶13(f)), ASCs (¶18(d)) and wardens (household visits, ¶20(g)). SMT members do not.
DEPENDANT_PRIVATE_FIELDS = ("birth_date", "residential_address")


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


def _holds_globally(user, codename: str) -> Q:
    m = _models()
    return Q(
        Exists(
            m.OrganizationUserObjectPermission.objects.filter(
                user_id=user.pk,
                permission__codename=codename,
                content_object__kind=m.OrganizationKind.UNSECOORD,
            )
        )
    )


def sees_everything(user) -> bool:
    """One query; prefer the lazy ``_holds_globally`` inside querysets."""
    if user.is_superuser:
        return True
    m = _models()
    return m.OrganizationUserObjectPermission.objects.filter(
        user_id=user.pk,
        permission__codename="view_everything",
        content_object__kind=m.OrganizationKind.UNSECOORD,
    ).exists()


# --- People ----------------------------------------------------------------------------------


def _people_q(user, *, all_orgs: Iterable[str], own_org: Iterable[str], prefix: str = "") -> Q:
    """People covered by the user's scope grants.

    ``all_orgs`` codenames cover every organization's people in the scope; ``own_org``
    codenames cover only the user's own organization's people there.
    """
    m = _models()
    p = prefix
    all_orgs, own_org = tuple(all_orgs), tuple(own_org)
    q = Q(**{f"{p}organization__in": granted(user, m.Organization, *all_orgs)})
    for codes, extra in (
        (all_orgs, Q()),
        (own_org, Q(**{f"{p}organization_id": user.organization_id})),
    ):
        if not codes:
            continue
        q |= extra & (
            Q(**{f"{p}duty_station__in": granted(user, m.DutyStation, *codes)})
            | Q(**{f"{p}duty_station__country__in": granted(user, m.Country, *codes)})
            | Q(**{f"{p}duty_station__area__in": granted(user, m.Area, *codes)})
            | Q(**{f"{p}residential_zone__in": granted(user, m.WardenZone, *codes)})
        )
    return q


def _person_visible_q(user, prefix: str = "") -> Q:
    return (
        Q(**{f"{prefix}user_id": user.pk})
        | _people_q(user, all_orgs=["view_people"], own_org=["view_own_org_people"], prefix=prefix)
        | _holds_globally(user, "view_everything")
    )


def _person_editable_q(user, prefix: str = "") -> Q:
    return Q(**{f"{prefix}user_id": user.pk}) | _people_q(
        user, all_orgs=["change_people"], own_org=["change_own_org_people"], prefix=prefix
    )


def dependant_details_visible(user, dependant) -> bool:
    """Whether ``user`` may see the dependant's birth date and address (see the note above)."""
    m = _models()
    if user.is_superuser:
        return True
    q = Q(user_id=user.pk) | _people_q(
        user, all_orgs=["view_dependant_details"], own_org=["view_dependant_details"]
    )
    return m.Person.objects.filter(q, pk=dependant.person_id).exists()


def dependant_details_q(user, prefix: str = "person__") -> Q:
    """Lazy form of ``dependant_details_visible`` for annotating lists."""
    return Q(**{f"{prefix}user_id": user.pk}) | _people_q(
        user,
        all_orgs=["view_dependant_details"],
        own_org=["view_dependant_details"],
        prefix=prefix,
    )


# --- Structure (appointments) ---------------------------------------------------------------


def _appointments_in_scope_q(user, codenames: tuple[str, ...]) -> Q:
    m = _models()
    stations = granted(user, m.DutyStation, *codenames)
    countries = granted(user, m.Country, *codenames)
    return (
        Q(scope_duty_station__in=stations)
        | Q(scope_duty_station__country__in=countries)
        | Q(scope_country__in=countries)
        | Q(scope_area__country__in=countries)
        | Q(scope_area__in=granted(user, m.Area, *codenames))
        | Q(scope_area__in=_areas_of(stations))
        | Q(scope_zone__duty_station__in=stations)
        | Q(scope_zone__duty_station__country__in=countries)
    )


def _areas_of(station_ids: QuerySet) -> QuerySet:
    # Areas through a subquery, not a join: Area -> stations is to-many and would repeat rows.
    return (
        _models()
        .DutyStation.objects.filter(pk__in=station_ids, area__isnull=False)
        .values("area_id")
    )


def _appointment_visible_q(user) -> Q:
    m = _models()
    return (
        Q(person__user_id=user.pk)
        | Q(organization__in=granted(user, m.Organization, "view_structure"))
        | _appointments_in_scope_q(user, ("view_structure",))
        | _holds_globally(user, "view_everything")
    )


# --- The registry: one rule per model ---------------------------------------------------------

Rule = Callable[[object], Q]
_VISIBLE: dict[type[models.Model], Rule] = {}
_EDITABLE: dict[type[models.Model], Rule] = {}


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
    ):
        _VISIBLE[reference] = _everyone
    _EDITABLE[m.Organization] = _no_one  # superusers only (Django admin and forms)
    _EDITABLE[m.Country] = _no_one
    _EDITABLE[m.Role] = _no_one
    _EDITABLE[m.Responsibility] = _no_one
    _EDITABLE[m.Competency] = _no_one
    _EDITABLE[m.DutyStation] = lambda u: (
        Q(pk__in=granted(u, m.DutyStation, "change_structure"))
        | Q(country__in=granted(u, m.Country, "change_structure"))
    )
    _EDITABLE[m.Area] = lambda u: (
        Q(country__in=granted(u, m.Country, "change_structure"))
        | Q(pk__in=_areas_of(granted(u, m.DutyStation, "change_structure")))
    )
    _EDITABLE[m.WardenZone] = lambda u: (
        Q(duty_station__in=granted(u, m.DutyStation, "change_structure"))
        | Q(duty_station__country__in=granted(u, m.Country, "change_structure"))
    )
    _VISIBLE[m.SecurityPhaseChange] = _everyone
    _EDITABLE[m.SecurityPhaseChange] = _no_one  # written only by duty_station_set_phase

    _VISIBLE[m.Person] = _person_visible_q
    _EDITABLE[m.Person] = _person_editable_q
    _VISIBLE[m.Dependant] = lambda u: _person_visible_q(u, prefix="person__")
    _EDITABLE[m.Dependant] = lambda u: _person_editable_q(u, prefix="person__")

    _VISIBLE[m.Appointment] = _appointment_visible_q
    _EDITABLE[m.Appointment] = lambda u: (
        Q(
            organization__in=granted(u, m.Organization, "manage_appointments"),
            role__code__in=AGENCY_APPOINTABLE_ROLES,
        )
        | _holds_globally(u, "appoint_anyone")
    )

    _VISIBLE[m.User] = lambda u: (
        Q(pk=u.pk)
        | Q(organization__in=granted(u, m.Organization, "manage_users"))
        | _holds_globally(u, "view_everything")
    )
    _EDITABLE[m.User] = lambda u: Q(organization__in=granted(u, m.Organization, "manage_users"))

    _VISIBLE[m.StaffListConfirmation] = lambda u: (
        Q(organization__in=granted(u, m.Organization, "view_people"))
        | Q(duty_station__in=granted(u, m.DutyStation, "view_people"))
        | Q(duty_station__country__in=granted(u, m.Country, "view_people"))
        | Q(
            organization_id=u.organization_id,
            duty_station__in=granted(u, m.DutyStation, "view_own_org_people"),
        )
        | Q(
            organization_id=u.organization_id,
            duty_station__country__in=granted(u, m.Country, "view_own_org_people"),
        )
        | _holds_globally(u, "view_everything")
    )
    _EDITABLE[m.StaffListConfirmation] = _no_one  # written only by stafflist_confirm


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
    m = _models()
    if user.is_superuser:
        return True
    if m.Organization.objects.filter(
        _holds_globally(user, "appoint_anyone"), pk=user.organization_id
    ).exists():
        return True
    return (
        role.code in AGENCY_APPOINTABLE_ROLES
        and m.Organization.objects.filter(
            pk=person.organization_id, id__in=granted(user, m.Organization, "manage_appointments")
        ).exists()
    )


def may_create(user, model: type[models.Model], **parent) -> bool:
    """Whether ``user`` may add a ``model`` row under the given parent objects.

    People and dependants: ``organization`` and ``duty_station`` (people), or ``person``.
    Areas: ``country``; zones: ``duty_station``; users: ``organization``.
    """
    m = _models()
    if user.is_superuser:
        return True
    if model is m.Person:
        # A person that does not exist yet: test the rule on the parent scope objects.
        return _scope_allows_people(user, parent["organization"], parent["duty_station"])
    if model is m.Dependant:
        return can_change(user, parent["person"])
    if model is m.Area:
        return m.Country.objects.filter(
            pk=parent["country"].pk, id__in=granted(user, m.Country, "change_structure")
        ).exists()
    if model is m.WardenZone:
        station = parent["duty_station"]
        return m.DutyStation.objects.filter(
            Q(pk__in=granted(user, m.DutyStation, "change_structure"))
            | Q(country__in=granted(user, m.Country, "change_structure")),
            pk=station.pk,
        ).exists()
    if model is m.User:
        return m.Organization.objects.filter(
            pk=parent["organization"].pk, id__in=granted(user, m.Organization, "manage_users")
        ).exists()
    return False


def _scope_allows_people(user, organization, station) -> bool:
    """Whether the user may keep ``organization``'s staff list at ``station``."""
    m = _models()
    all_codes, own_codes = ("change_people",), ("change_own_org_people",)
    stations = m.DutyStation.objects.filter(pk=station.pk)
    covered = stations.filter(
        Q(pk__in=granted(user, m.DutyStation, *all_codes))
        | Q(country__in=granted(user, m.Country, *all_codes))
        | Q(area__in=granted(user, m.Area, *all_codes))
    )
    if organization.pk == user.organization_id:
        covered = covered | stations.filter(
            Q(pk__in=granted(user, m.DutyStation, *own_codes))
            | Q(country__in=granted(user, m.Country, *own_codes))
        )
    return (
        covered.exists()
        or m.Organization.objects.filter(
            pk=organization.pk, id__in=granted(user, m.Organization, *all_codes)
        ).exists()
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
    return granted_count, revoked_count


def annotate_editable(user, queryset: QuerySet) -> QuerySet:
    """Adds ``can_edit`` to each row in the same query (for lists that show edit links)."""
    _rules()
    if user.is_superuser:
        return queryset.annotate(can_edit=models.Value(True))
    model = queryset.model
    editable = model._default_manager.filter(_EDITABLE[model](user), pk=OuterRef("pk"))
    return queryset.annotate(can_edit=Exists(editable))
