"""The inspection missions of the demo (issue 5): every stage of the cycle of ¶39–¶40, the
reports rendered, something for each demo login with inspection rights, seeded once."""

import datetime as dt

import pytest
from django.apps import apps
from django.core.management import call_command

from accountability.core import scoping
from actors import models as m
from inspections import rules as inspection_rules
from inspections.models import (
    ChecklistItem,
    Escalation,
    Finding,
    FindingStatus,
    Mission,
    MissionReport,
    MissionStatus,
    Rectification,
    RectificationDecision,
)
from inspections.models.missions import REPORTED
from inspections.selectors import non_compliant_station_ids, station_compliance
from inspections.services import deadlines

SCALE = 0.002  # 2 countries, 4 duty stations: Nairobi, Mombasa, Kabul, Kandahar
TODAY = dt.date(2026, 6, 16)

# Demo logins that hold inspection rights (scoping: the station's DO, FSCO and SMT; the
# agencies' HQ focal points, representatives, focal points and security officers) or are
# named by findings, and UNSECOORD.
SEEING_FINDINGS = (
    "inspector",
    "unsecoord",
    "do.kenya",
    "do.afghanistan",
    "fsco.kenya",
    "smt.mombasa",
    "rep.unicef.kenya",
    "cfp.unicef.kenya",
    "aso.unhcr.nairobi",
    "asc.coast",
    "warden.nairobi",
    "hq.unicef",
    "hq.undp",
    "hq.wfp",
    "hq.unhcr",
)


def _seed():
    call_command("seed_demo", scale=SCALE, seed=1, today=TODAY, once=True, verbosity=0)


def _pdf(field_file) -> bool:
    with field_file.open("rb") as stored:
        return stored.read(5) == b"%PDF-"


def _rows():
    return {
        model.__name__: sorted(model.objects.values_list("pk", "updated_at"))
        for model in (Mission, ChecklistItem, Finding, Rectification, MissionReport, Escalation)
    }


@pytest.mark.django_db
def test_missions_at_every_stage_with_rendered_reports_seeded_once():
    _seed()
    users = {u.username: u for u in m.User.objects.all()}
    missions = Mission.objects.all()
    assert set(missions.values_list("status", flat=True)) == set(MissionStatus.values)
    assert set(missions.values_list("lead_inspector__user__username", flat=True)) == {"inspector"}

    # Every debrief report rendered: the station's and one per agency with findings (¶40).
    for mission in missions.filter(status__in=REPORTED):
        agencies = set(mission.findings.values_list("organization_id", flat=True))
        assert set(mission.reports.values_list("organization_id", flat=True)) == agencies | {None}
    reports = MissionReport.objects.all()
    assert reports.exists() and not reports.filter(sha256="").exists()
    assert all(_pdf(report.pdf) for report in reports)

    # Debriefed: every date ahead, the first within the week, so the daily scan reminds the
    # accountable person and the DO (¶40); one rectification awaits verification.
    debriefed = Mission.objects.get(status=MissionStatus.DEBRIEFED).findings
    assert not debriefed.filter(deadline__lte=TODAY).exists()
    soon = debriefed.get(deadline__lte=TODAY + dt.timedelta(days=7))
    assert soon.status == FindingStatus.OPEN
    assert debriefed.filter(
        status=FindingStatus.REPORTED, rectifications__decision=RectificationDecision.PENDING
    ).exists()
    assert deadlines.scan_reminders(today=TODAY).created >= 1
    assert soon.reminders.filter(kind="week_before").exists()

    # Follow-up scheduled: every date passed, the visit ahead.
    scheduled = Mission.objects.get(status=MissionStatus.FOLLOW_UP_SCHEDULED)
    assert not scheduled.findings.filter(deadline__gte=TODAY).exists()
    assert scheduled.follow_up.scheduled_for >= TODAY and scheduled.follow_up.completed_at is None

    # Closed with everything rectified, and closed with a non-compliance report still open:
    # rendered, and its station flagged non-compliant until its findings are closed (¶40).
    closed = missions.filter(status=MissionStatus.CLOSED)
    assert any(not mission.findings.exclude(status="rectified").exists() for mission in closed)
    escalation = Escalation.objects.get(closed_at__isnull=True)
    assert escalation.mission.status == MissionStatus.CLOSED
    assert escalation.sha256 and _pdf(escalation.pdf)
    assert set(escalation.findings.values_list("status", flat=True)) == {"not_rectified"}
    assert escalation.duty_station_id in non_compliant_station_ids()

    # The flagged station's compliance chart has at least three scored missions.
    rows = station_compliance(users["inspector"], today=TODAY)
    flagged = next(row for row in rows if row["duty_station"] == escalation.duty_station_id)
    assert flagged["non_compliant"]
    assert len([point for point in flagged["trend"] if point["score"] is not None]) >= 3

    # In progress: part of the checklist recorded.
    in_progress = Mission.objects.get(status=MissionStatus.IN_PROGRESS).checklist_items
    assert in_progress.exclude(result="").exists() and in_progress.filter(result="").exists()

    # Each demo login with inspection rights has findings to see.
    for username in SEEING_FINDINGS:
        assert scoping.visible_to(users[username], Finding).exists(), username
    for username in ("rep.unicef.kenya", "do.kenya", "do.afghanistan"):
        rectifiable = Finding.objects.filter(
            inspection_rules.findings_rectifiable_q(users[username])
        )
        assert rectifiable.exists(), username

    # Written through the services, under the seed's name in the audit trail.
    events = apps.get_model("inspections", "MissionEvent").objects.filter(pgh_label="insert")
    assert set(events.values_list("pgh_context__metadata__source", flat=True)) == {
        "command:seed_demo"
    }

    before = _rows()
    _seed()
    assert _rows() == before
