"""The mission report of the debrief and the non-compliance report (¶40), rendered once in
Celery through accountability.core.pdfs, from block-layout templates (no nested flex, no
page-long tables: one short block per finding) so that WeasyPrint stays fast.

Each context is read in a constant number of queries whatever the number of findings.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import Prefetch
from django.utils import timezone

from accountability.core import pdfs
from structure.letters import url_fetcher

from .models import Escalation, Finding, MissionReport


def _findings(queryset):
    return queryset.select_related(
        "organization", "role", "accountable_person", "checklist_item"
    ).order_by("checklist_item__position")


def summary(mission) -> dict:
    """The station's summary every recipient sees: counts by result, severity and agency
    (two queries)."""
    results = Counter(mission.checklist_items.values_list("result", flat=True).iterator())
    by_agency: dict[str, dict] = {}
    for code, name, severity in mission.findings.values_list(
        "organization__code", "organization__name", "severity"
    ).order_by("organization__code"):
        row = by_agency.setdefault(
            code, {"code": code, "name": name, "total": 0, "severities": Counter()}
        )
        row["total"] += 1
        row["severities"][severity] += 1
    return {
        "items_total": sum(results.values()),
        "results": results,
        "findings_total": sum(row["total"] for row in by_agency.values()),
        "by_agency": list(by_agency.values()),
    }


def mission_report_context(report: MissionReport) -> dict:
    mission = report.mission
    findings = Finding.objects.filter(mission=mission)
    if report.organization_id is not None:
        findings = findings.filter(organization_id=report.organization_id)
    return {
        "report": report,
        "mission": mission,
        "station": mission.duty_station,
        "team": [member.person for member in mission.members.select_related("person")],
        "summary": summary(mission),
        "findings": list(_findings(findings)),
        "issued_on": timezone.localdate(report.issued_at) if report.issued_at else None,
    }


def mission_report_render(report: MissionReport) -> bool:
    return pdfs.render_once(
        MissionReport.objects.select_related(
            "mission__duty_station__country", "mission__lead_inspector", "organization"
        ),
        report.pk,
        template="inspections/pdf/mission_report.html",
        context=mission_report_context,
        url_fetcher=url_fetcher(),
    )


def escalation_context(escalation: Escalation) -> dict:
    findings = list(
        _findings(escalation.findings.all()).prefetch_related(
            Prefetch("follow_up_checks", to_attr="checks")
        )
    )
    agencies = sorted({f.organization for f in findings}, key=lambda o: o.code)
    return {
        "escalation": escalation,
        "mission": escalation.mission,
        "station": escalation.duty_station,
        "visit": getattr(escalation.mission, "follow_up", None),
        "findings": findings,
        "agencies": agencies,
        "issued_on": timezone.localdate(escalation.issued_at) if escalation.issued_at else None,
    }


def escalation_render(escalation: Escalation) -> bool:
    return pdfs.render_once(
        Escalation.objects.select_related(
            "mission__duty_station__country", "mission__follow_up", "duty_station__country"
        ),
        escalation.pk,
        template="inspections/pdf/non_compliance_report.html",
        context=escalation_context,
        url_fetcher=url_fetcher(),
    )
