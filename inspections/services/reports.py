"""The mission report of the debrief and the non-compliance report (A/57/365 ¶40), rendered
once in Celery through accountability.core.pdfs.

Who gets what (¶40):
- the full mission report (``MissionReport.organization`` empty) goes to the Designated
  Official and the Security Management Team: the station's summary and every finding with its
  rectification date;
- an agency's copy (``organization`` set) goes to that agency's headquarters focal point: the
  same station summary (counts only) and that agency's own findings in full, nothing of the
  other agencies' findings beyond the counts;
- the non-compliance report (``Escalation``) goes to the agencies concerned and the HLCM: the
  station, the dates, the responsible agencies and each finding not rectified by the
  follow-up visit, without the inspectors' notes.

The contexts hold plain rows read with ``values()`` in a constant number of queries (listed
at each function), however many findings there are: a 150-finding report must spend its time
in WeasyPrint, not in Django (bench/inspections.py). The templates use block layout only (no
flex, no grid, no page-long tables: one short block per finding that never breaks across
pages; WeasyPrint #1166, #1296), system fonts, and
the core's URL fetcher (``accountability.core.pdfs``), which refuses every resource.
"""

from __future__ import annotations

from django.db.models import Count, F, Max, Min
from django.utils import timezone

from accountability.core import pdfs

from ..models import (
    ChecklistItem,
    Escalation,
    Finding,
    FindingStatus,
    ItemResult,
    MissionMember,
    MissionReport,
    Severity,
)

MISSION_REPORT_TEMPLATE = "inspections/pdf/mission_report.html"
NON_COMPLIANCE_TEMPLATE = "inspections/pdf/non_compliance_report.html"
# Most severe first, in the summary's columns and the finding blocks' colours.
SEVERITIES = (Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)

# What a finding block shows, read in one joined query (lean rows, no model instances).
_FINDING_FIELDS = {
    "reference": F("checklist_item__reference"),
    "text_en": F("checklist_item__text_en"),
    "text_zh": F("checklist_item__text_zh"),
    "result": F("checklist_item__result"),
    "notes": F("checklist_item__notes"),
    "role_name": F("role__name"),
    "role_name_zh": F("role__name_zh"),
    "given_names": F("accountable_person__given_names"),
    "family_name": F("accountable_person__family_name"),
    "agency_code": F("organization__code"),
    "agency_name": F("organization__name"),
}


def is_chinese(language: str) -> bool:
    return language.lower().startswith("zh")


def _local_date(moment):
    return timezone.localdate(moment) if moment else None


def _finding_row(row: dict, number: int, *, chinese: bool) -> dict:
    """One finding as its block prints it: the duty and the role in the report's language
    (the catalogue holds English and Chinese; French reports quote the English)."""
    return {
        "number": number,
        "reference": row["reference"],
        "duty": (row["text_zh"] if chinese and row["text_zh"] else row["text_en"]),
        "role": (row["role_name_zh"] if chinese and row["role_name_zh"] else row["role_name"]),
        "person": f"{row['given_names']} {row['family_name']}",
        "agency_code": row["agency_code"],
        "agency_name": row["agency_name"],
        "severity": row["severity"],
        "severity_label": Severity(row["severity"]).label,
        "result_label": ItemResult(row["result"]).label if row["result"] else "",
        "status_label": FindingStatus(row["status"]).label,
        "notes": row.get("notes", ""),
        "recommendation": row["recommendation"],
        "deadline": row["deadline"],
    }


def _finding_rows(queryset, *, chinese: bool, notes: bool = True) -> list[dict]:
    fields = dict(_FINDING_FIELDS)
    if not notes:
        del fields["notes"]
    rows = queryset.order_by("checklist_item__position").values(
        "severity", "recommendation", "deadline", "status", **fields
    )
    return [_finding_row(row, number, chinese=chinese) for number, row in enumerate(rows, 1)]


def summary(mission) -> dict:
    """The station's summary every recipient sees (one query): checklist items by result,
    findings by agency and severity, and the first and last rectification dates.

    One GROUP BY over the items with their finding (a finding is one deficient item)."""
    rows = (
        ChecklistItem.objects.filter(mission=mission)
        .order_by()
        .values(
            "result",
            "finding__organization__code",
            "finding__organization__name",
            "finding__severity",
        )
        .annotate(
            count=Count("pk"),
            first_deadline=Min("finding__deadline"),
            last_deadline=Max("finding__deadline"),
        )
    )
    results = dict.fromkeys(ItemResult.values, 0)
    unrecorded = 0
    agencies: dict[str, dict] = {}
    by_severity = dict.fromkeys(SEVERITIES, 0)
    deadlines = []
    for row in rows:
        if row["result"]:
            results[row["result"]] += row["count"]
        else:
            unrecorded += row["count"]
        code = row["finding__organization__code"]
        if code is None:
            continue
        agency = agencies.setdefault(
            code,
            {
                "code": code,
                "name": row["finding__organization__name"],
                "total": 0,
                "severities": dict.fromkeys(SEVERITIES, 0),
                "last_deadline": row["last_deadline"],
            },
        )
        agency["total"] += row["count"]
        agency["severities"][row["finding__severity"]] += row["count"]
        agency["last_deadline"] = max(agency["last_deadline"], row["last_deadline"])
        by_severity[row["finding__severity"]] += row["count"]
        deadlines += [row["first_deadline"], row["last_deadline"]]
    by_agency = [
        {**agency, "severities": [agency["severities"][s] for s in SEVERITIES]}
        for _code, agency in sorted(agencies.items())
    ]
    return {
        "items_total": sum(results.values()) + unrecorded,
        "results": [
            {"label": label, "count": results[value]} for value, label in ItemResult.choices
        ],
        "unrecorded": unrecorded,
        "findings_total": sum(by_severity.values()),
        "severities": [{"label": s.label, "count": by_severity[s]} for s in SEVERITIES],
        "by_agency": by_agency,
        "first_deadline": min(deadlines, default=None),
        "last_deadline": max(deadlines, default=None),
    }


def _mission_dates(mission) -> dict:
    visit = getattr(mission, "follow_up", None)
    return {
        "announced_on": _local_date(mission.announced_at),
        "debriefed_on": _local_date(mission.debriefed_at),
        "visit": visit,
        "visit_completed_on": _local_date(visit.completed_at) if visit else None,
    }


def _team(mission) -> list[str]:
    """The team's names, the lead inspector first (one query)."""
    members = (
        MissionMember.objects.filter(mission=mission)
        .exclude(person_id=mission.lead_inspector_id)
        .values_list("person__given_names", "person__family_name")
        .order_by("person__family_name", "person__given_names", "pk")
    )
    lead = mission.lead_inspector
    return [lead.full_name] + [f"{given} {family}" for given, family in members]


def mission_report_queryset():
    """The report with everything its context reads on the mission (one query)."""
    return MissionReport.objects.select_related(
        "mission__duty_station__country",
        "mission__lead_inspector",
        "mission__template",
        "mission__follow_up",
        "organization",
    )


def mission_report_context(report: MissionReport) -> dict:
    """Three queries on a report read by ``mission_report_queryset``: the team, the
    station's summary, the findings shown in full (all, or the copy's agency's)."""
    mission = report.mission
    findings = Finding.objects.filter(mission=mission)
    if report.organization_id is not None:
        # ¶40: an agency's focal point gets the summary and its own findings in full.
        findings = findings.filter(organization_id=report.organization_id)
    return {
        "report": report,
        "mission": mission,
        "station": mission.duty_station,
        "agency": report.organization,
        "team": _team(mission),
        "summary": summary(mission),
        "severity_labels": [s.label for s in SEVERITIES],
        "findings": _finding_rows(findings, chinese=is_chinese(report.language)),
        "issued_on": _local_date(report.issued_at),
        **_mission_dates(mission),
    }


def mission_report_render(report: MissionReport) -> bool:
    return pdfs.render_once(
        mission_report_queryset(),
        report.pk,
        template=MISSION_REPORT_TEMPLATE,
        context=mission_report_context,
        url_fetcher=pdfs.url_fetcher(),
    )


def escalation_queryset():
    """The non-compliance report with its mission, station and visit (one query)."""
    return Escalation.objects.select_related(
        "mission__duty_station__country",
        "mission__lead_inspector",
        "mission__follow_up",
        "duty_station__country",
    )


def number_ranges(numbers: list[int]) -> str:
    """1, 2, 3, 5, 7, 8 -> "1–3, 5, 7–8": an agency's findings in a line, not a column."""
    spans: list[list[int]] = []
    for number in sorted(numbers):
        if spans and number == spans[-1][1] + 1:
            spans[-1][1] = number
        else:
            spans.append([number, number])
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in spans)


def escalation_context(escalation: Escalation) -> dict:
    """One query on an escalation read by ``escalation_queryset``: the reported findings,
    each with the agency that answers for it. No notes of the inspectors: the report goes
    beyond the station, to the agencies and the HLCM (¶40)."""
    mission = escalation.mission
    # The findings written into the report when the follow-up visit left them unrectified.
    findings = _finding_rows(
        Finding.objects.filter(escalations=escalation),
        chinese=is_chinese(escalation.language),
        notes=False,
    )
    agencies: dict[str, dict] = {}
    for finding in findings:
        agency = agencies.setdefault(
            finding["agency_code"],
            {
                "code": finding["agency_code"],
                "name": finding["agency_name"],
                "numbers": [],
                "last_deadline": finding["deadline"],
            },
        )
        agency["numbers"].append(finding["number"])
        agency["last_deadline"] = max(agency["last_deadline"], finding["deadline"])
    deadlines = [finding["deadline"] for finding in findings]
    return {
        "escalation": escalation,
        "mission": mission,
        "station": escalation.duty_station,
        "findings": findings,
        "agencies": [
            {
                **agencies[code],
                "count": len(agencies[code]["numbers"]),
                "numbers": number_ranges(agencies[code]["numbers"]),
            }
            for code in sorted(agencies)
        ],
        "first_deadline": min(deadlines, default=None),
        "last_deadline": max(deadlines, default=None),
        "issued_on": _local_date(escalation.issued_at),
        **_mission_dates(mission),
    }


def escalation_render(escalation: Escalation) -> bool:
    return pdfs.render_once(
        escalation_queryset(),
        escalation.pk,
        template=NON_COMPLIANCE_TEMPLATE,
        context=escalation_context,
        url_fetcher=pdfs.url_fetcher(),
    )
