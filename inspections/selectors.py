"""Reads of the inspection cycle, built on accountability.core.scoping: the web pages, the
API, the exports and the station's compliance chart all start here."""

from __future__ import annotations

import datetime as dt

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.utils import timezone

from accountability.core import scoping

from .models import Escalation, Finding, Mission
from .models.findings import AWAITING_ACTION, UNRESOLVED
from .models.missions import REPORTED


def overdue_q(today: dt.date, prefix: str = "") -> Q:
    """Findings past their date still awaiting action (open, or not rectified after the
    follow-up visit); a reported rectification awaits the inspector, not the station."""
    return Q(**{f"{prefix}status__in": AWAITING_ACTION, f"{prefix}deadline__lt": today})


def missions_for(user) -> QuerySet[Mission]:
    return scoping.visible_to(user, Mission).select_related(
        "duty_station__country", "lead_inspector"
    )


def findings_for(
    user,
    *,
    station: int | None = None,
    agency: int | None = None,
    status: str | None = None,
    overdue: bool | None = None,
    today: dt.date | None = None,
) -> QuerySet[Finding]:
    """The findings ``user`` may see, filtered, each with ``is_overdue``."""
    today = today or timezone.localdate()
    queryset = scoping.visible_to(user, Finding).annotate(
        is_overdue=ExpressionWrapper(overdue_q(today), output_field=BooleanField())
    )
    if station is not None:
        queryset = queryset.filter(mission__duty_station_id=station)
    if agency is not None:
        queryset = queryset.filter(organization_id=agency)
    if status:
        queryset = queryset.filter(status=status)
    if overdue is not None:
        queryset = (
            queryset.filter(overdue_q(today)) if overdue else queryset.exclude(overdue_q(today))
        )
    return queryset


def non_compliant_station_ids(station_ids=None) -> set[int]:
    """Stations flagged non-compliant: a non-compliance report of theirs is open (¶40). The
    flag is about the station, public to whoever sees the station."""
    open_reports = Escalation.objects.filter(closed_at__isnull=True)
    if station_ids is not None:
        open_reports = open_reports.filter(duty_station_id__in=station_ids)
    return set(open_reports.values_list("duty_station_id", flat=True))


def non_compliant_q(prefix: str = "") -> Q:
    """Lazy form of the flag, for annotating lists of stations."""
    return Q(
        Exists(
            Escalation.objects.filter(
                duty_station_id=OuterRef(f"{prefix}pk"), closed_at__isnull=True
            )
        )
    )


def station_compliance(
    user, *, stations: list[int] | None = None, today: dt.date | None = None
) -> list[dict]:
    """Per duty station the user sees reported missions of: the compliance score of each
    reported mission in date order (the trend), open and overdue findings by agency, and the
    non-compliance flag. Three queries whatever the number of stations and missions.

    The agencies' counts are the station's summary, which every recipient of a report sees
    (¶40); the findings themselves stay scoped.
    """
    today = today or timezone.localdate()
    missions = scoping.visible_to(user, Mission).filter(status__in=REPORTED)
    if stations is not None:
        missions = missions.filter(duty_station_id__in=stations)
    rows: dict[int, dict] = {}
    for mission in missions.order_by("duty_station_id", "ends_on", "pk").values(
        "pk",
        "reference",
        "starts_on",
        "ends_on",
        "status",
        "compliance_score",
        "duty_station_id",
        "duty_station__name",
        "duty_station__country__name",
    ):
        station = rows.setdefault(
            mission["duty_station_id"],
            {
                "duty_station": mission["duty_station_id"],
                "duty_station_name": mission["duty_station__name"],
                "country": mission["duty_station__country__name"],
                "non_compliant": False,
                "latest_score": None,
                "trend": [],
                "by_agency": [],
            },
        )
        station["trend"].append(
            {
                "mission": mission["pk"],
                "reference": mission["reference"],
                "starts_on": mission["starts_on"],
                "ends_on": mission["ends_on"],
                "status": mission["status"],
                "score": mission["compliance_score"],
            }
        )
        if mission["compliance_score"] is not None:
            station["latest_score"] = mission["compliance_score"]
    if not rows:
        return []
    counts = (
        Finding.objects.filter(mission__in=missions.values("pk"), status__in=UNRESOLVED)
        .values(
            "mission__duty_station_id",
            "organization_id",
            "organization__code",
            "organization__name",
        )
        .annotate(open=Count("pk"), overdue=Count("pk", filter=overdue_q(today)))
        .order_by("mission__duty_station_id", "organization__code")
    )
    for row in counts:
        rows[row["mission__duty_station_id"]]["by_agency"].append(
            {
                "organization": row["organization_id"],
                "code": row["organization__code"],
                "name": row["organization__name"],
                "open": row["open"],
                "overdue": row["overdue"],
            }
        )
    for station_id in non_compliant_station_ids(list(rows)):
        rows[station_id]["non_compliant"] = True
    return list(rows.values())
