"""Reads of the duty-station security structure, built on accountability.core.scoping.

- ``approval_queue``: the nominations in SMT consultation on which the user decides as the
  Designated Official of the decision station (¶17, ¶19), with the consultation summary,
  the release and the competency statements in ONE query.
- ``vacancies``: areas without an Area Security Coordinator, zones without a warden or an
  alternate, duty stations without a DO or an FSCO (¶8, ¶10, ¶17, ¶19), in three queries
  whatever the size of the structure.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import JSONObject
from django.utils import timezone

from accountability.core import scoping
from actors.models import Area, DutyStation, WardenZone
from appointments.models import Answer, Appointment, CompetencyStatement
from appointments.models import AppointmentStatus as S

# --- The DO's approval queue -----------------------------------------------------------------


def approval_queue(user, *, today: dt.date | None = None) -> QuerySet:
    """Nominations in consultation that ``user`` decides, annotated for the queue.

    The decision station is the zone's city, or for an area the capital of its country
    (appointments.services.workflow.decision_station); the user decides where it holds
    ``decide_appointments`` on that station (scoping.holds_on_station), which is read here
    from the station ids of the user's grants. Nominations of, or by, the user are left out:
    nobody decides on their own nomination.

    Annotations: ``n_support``, ``n_object``, ``n_no_view``, ``n_pending``,
    ``consultation_closed``, ``released``, ``decidable_now`` (closed and released, so the
    DO may approve now) and ``statements`` (a list of {competency, name, statement}).
    """
    today = today or timezone.localdate()
    queryset = scoping.visible_to(user, Appointment).filter(status=S.CONSULTATION)
    if not user.is_superuser:
        stations = sorted(scoping.grants(user).ids("station", "decide_appointments"))
        # No decide_appointments grant: an empty filter, known empty without a query.
        capitals = DutyStation.objects.filter(pk__in=stations, is_capital=True).values("country_id")
        queryset = queryset.filter(
            Q(scope_zone__duty_station_id__in=stations) | Q(scope_area__country_id__in=capitals)
        )
    queryset = queryset.exclude(person__user_id=user.pk).exclude(nominated_by_id=user.pk)

    def answered(answer: str) -> Count:
        return Count("consultations", filter=Q(consultations__answer=answer))

    closed = Q(consultation_ends_on__lt=today) | Q(n_pending=0)
    return queryset.annotate(
        n_support=answered(Answer.SUPPORT),
        n_object=answered(Answer.OBJECT),
        n_no_view=answered(Answer.NO_VIEW),
        n_pending=answered(Answer.PENDING),
    ).annotate(
        consultation_closed=Case(When(closed, then=Value(True)), default=Value(False)),
        released=Case(
            When(released_at__isnull=False, then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        decidable_now=Case(
            When(closed & Q(released_at__isnull=False), then=Value(True)), default=Value(False)
        ),
        statements=ArraySubquery(
            CompetencyStatement.objects.filter(appointment=OuterRef("pk"))
            .order_by("competency__position")
            .values(
                json=JSONObject(
                    competency="competency_id",
                    name="competency__name_en",
                    statement="statement",
                )
            )
        ),
    )


# --- Vacancies -------------------------------------------------------------------------------

VACANCY_KINDS = ("area", "zone", "duty_station")
MISSING = ("area_coordinator", "warden", "alternate", "designated_official", "fsco")


def _active(role_code: str, **filters) -> QuerySet:
    return Appointment.objects.filter(role__code=role_code, status=S.ACTIVE, **filters)


def _covering(role_code: str) -> Exists:
    """An active appointment of ``role_code`` over the outer station or its country."""
    return Exists(
        _active(role_code).filter(
            Q(scope_country_id=OuterRef("country_id")) | Q(scope_duty_station_id=OuterRef("pk"))
        )
    )


def vacancies(user) -> list[dict]:
    """The vacancies of the structure ``user`` may see, one row per missing post.

    Each row: ``kind`` (area | zone | duty_station), ``id``, ``name``, ``country``,
    ``country_name``, ``duty_station`` and ``duty_station_name`` (the zone's city, or the
    station itself; null for an area) and ``missing`` (area_coordinator | warden |
    alternate | designated_official | fsco).

    Scope: UNSECOORD (``view_everything``) and superusers see all; others the duty stations
    on which they hold ``view_structure`` (directly or through a country or an area), the
    zones of those stations, and the areas of their countries, of those areas, and of the
    countries whose capital they hold (the capital's DO and SMT decide on ASCs, ¶17).
    Three queries at most, none per row; rights are read afresh outside a request, so the
    weekly digest checks them at send time.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    if user.is_superuser or scoping.grants(user).holds_globally("view_everything"):
        areas, zones, stations = Area.objects.all(), WardenZone.objects.all(), DutyStation.objects
        stations = stations.all()
    else:
        g = scoping.grants(user)
        station_ids = sorted(g.ids("station", "view_structure"))
        country_ids = sorted(g.ids("country", "view_structure"))
        area_ids = sorted(g.ids("area", "view_structure"))
        if not (station_ids or country_ids or area_ids):
            return []
        granted = DutyStation.objects.filter(pk__in=station_ids)
        areas = Area.objects.filter(
            Q(country_id__in=country_ids)
            | Q(pk__in=area_ids)
            | Q(pk__in=granted.filter(area__isnull=False).values("area_id"))
            | Q(country_id__in=granted.filter(is_capital=True).values("country_id"))
        )
        zones = WardenZone.objects.filter(duty_station_id__in=station_ids)
        stations = DutyStation.objects.filter(pk__in=station_ids)

    rows: list[dict] = []
    area_rows = (
        areas.annotate(has_asc=Exists(_active("area_coordinator", scope_area_id=OuterRef("pk"))))
        .filter(has_asc=False)
        .values("id", "name", "country_id", country_name=F("country__name"))
    )
    for area in area_rows:
        rows.append(_row("area", area, None, None, "area_coordinator"))

    zone_rows = (
        zones.annotate(
            has_warden=Exists(_active("warden", scope_zone_id=OuterRef("pk"), is_alternate=False)),
            has_alternate=Exists(
                _active("warden", scope_zone_id=OuterRef("pk"), is_alternate=True)
            ),
        )
        .filter(Q(has_warden=False) | Q(has_alternate=False))
        .values(
            "id",
            "name",
            "has_warden",
            "has_alternate",
            "duty_station_id",
            "duty_station__name",
            country_id=F("duty_station__country_id"),
            country_name=F("duty_station__country__name"),
        )
    )
    for zone in zone_rows:
        for flag, missing in (("has_warden", "warden"), ("has_alternate", "alternate")):
            if not zone[flag]:
                rows.append(
                    _row("zone", zone, zone["duty_station_id"], zone["duty_station__name"], missing)
                )

    station_rows = (
        stations.annotate(has_do=_covering("designated_official"), has_fsco=_covering("fsco"))
        .filter(Q(has_do=False) | Q(has_fsco=False))
        .values("id", "name", "country_id", "has_do", "has_fsco", country_name=F("country__name"))
    )
    for station in station_rows:
        for flag, missing in (("has_do", "designated_official"), ("has_fsco", "fsco")):
            if not station[flag]:
                rows.append(_row("duty_station", station, station["id"], station["name"], missing))

    order = {kind: i for i, kind in enumerate(VACANCY_KINDS)}
    rows.sort(key=lambda r: (r["country_name"], order[r["kind"]], r["name"], r["id"], r["missing"]))
    return rows


def _row(kind: str, values: dict, station_id, station_name, missing: str) -> dict:
    return {
        "kind": kind,
        "id": values["id"],
        "name": values["name"],
        "country": values["country_id"],
        "country_name": values["country_name"],
        "duty_station": station_id,
        "duty_station_name": station_name,
        "missing": missing,
    }
