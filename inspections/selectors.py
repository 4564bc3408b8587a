"""Reads of the inspection cycle, built on accountability.core.scoping: the web pages, the
API, the exports and the station's compliance chart all start here."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
)
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accountability.core import scoping
from inspections import rules as inspection_rules

from .models import ChecklistItem, Escalation, Evidence, Finding, ItemResult, Mission
from .models.findings import AWAITING_ACTION, UNRESOLVED
from .models.missions import REPORTED
from .services.scoring import score

# Rows shown in the dashboard panel; the panel says when there are more.
DASHBOARD_ROWS = 10


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


def dashboard_findings(user, today: dt.date | None = None) -> dict:
    """Findings awaiting the user's rectification report (``rules.findings_rectifiable_q``),
    overdue and most urgent first: one query."""
    rows = list(
        findings_for(user, today=today)
        .filter(inspection_rules.findings_rectifiable_q(user))
        .select_related("mission__duty_station", "checklist_item", "role", "organization")
        .order_by("deadline", "pk")[: DASHBOARD_ROWS + 1]
    )
    return {"rows": rows[:DASHBOARD_ROWS], "more": len(rows) > DASHBOARD_ROWS}


# --- The mission page ---------------------------------------------------------------------------


def station_summary(mission: Mission, today: dt.date) -> dict:
    """What every reader of the mission sees (¶40: each agency's copy of the report carries
    the station's summary): the score, the items by result and the findings by agency,
    counted over the whole checklist, whatever the reader may see of it. Two queries."""
    rows = list(
        mission.checklist_items.annotate(
            weight_severity=Coalesce(F("finding__severity"), F("severity"))
        ).values_list("result", "weight_severity")
    )
    counts = Counter(result for result, _severity in rows)
    by_result = [
        {"result": value, "label": label, "count": counts.get(value, 0)}
        for value, label in ItemResult.choices
    ]
    if counts.get(""):
        by_result.append({"result": "", "label": _("Not recorded yet"), "count": counts[""]})
    agencies = list(
        Finding.objects.filter(mission=mission)
        .values("organization_id", "organization__code", "organization__name")
        .annotate(
            total=Count("pk"),
            unresolved=Count("pk", filter=Q(status__in=UNRESOLVED)),
            overdue=Count("pk", filter=overdue_q(today)),
        )
        .order_by("organization__code")
    )
    fixed = mission.compliance_score is not None
    return {
        # Fixed at the debrief; before it, the score of what is recorded so far.
        "score": mission.compliance_score if fixed else score(rows),
        "score_provisional": not fixed,
        "items": len(rows),
        "by_result": by_result,
        "by_agency": agencies,
    }


def _reads_chinese() -> bool:
    return (translation.get_language() or "").startswith("zh")


def item_text(item: ChecklistItem) -> str:
    """The duty in the reader's language: the checklist copies both texts of the catalogue."""
    return item.text_zh if _reads_chinese() and item.text_zh else item.text_en


def checklist_groups(user, mission: Mission, items: QuerySet[ChecklistItem]) -> list[dict]:
    """``items`` (a queryset of the mission's items) grouped by accountable role and person,
    in checklist order, each with the finding and the evidence the user may see. Three
    queries whatever the number of items."""
    rows = list(items.select_related("person", "role", "organization").order_by("position"))
    findings = {
        finding.checklist_item_id: finding
        for finding in scoping.visible_to(user, Finding).filter(mission=mission)
    }
    evidence: dict[int, list[Evidence]] = {}
    for attachment in (
        scoping.visible_to(user, Evidence)
        .filter(checklist_item__mission=mission)
        .order_by("created_at", "pk")
    ):
        evidence.setdefault(attachment.checklist_item_id, []).append(attachment)
    groups: list[dict] = []
    for item in rows:
        item.text = item_text(item)
        item.shown_finding = findings.get(item.pk)
        item.evidence_files = evidence.get(item.pk, [])
        key = (item.role_id, item.person_id)
        if not groups or groups[-1]["key"] != key:
            groups.append(
                {
                    "key": key,
                    "role": item.role,
                    "role_name": item.role.name_zh
                    if _reads_chinese() and item.role.name_zh
                    else item.role.name,
                    "person": item.person,
                    "organization": item.organization,
                    "items": [],
                }
            )
        groups[-1]["items"].append(item)
    return groups
