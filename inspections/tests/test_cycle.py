"""The whole cycle of ¶39–¶40 through the services: plan, announce, record, debrief,
deadline, follow-up, escalate, close."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from inspections.models import (
    Escalation,
    EscalationDelivery,
    Finding,
    FindingStatus,
    FollowUpResult,
    MissionReport,
    MissionStatus,
)
from inspections.selectors import non_compliant_station_ids
from inspections.services import deadlines
from inspections.services.findings import rectification_decide, rectification_report
from inspections.services.followups import follow_up_check_record, follow_up_complete

from .factories import debriefed_mission, follow_up_done, station_world

pytestmark = pytest.mark.django_db(transaction=False)
START = dt.date(2026, 3, 2)


@pytest.fixture
def world(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), tick=False):
        yield station_world()


def test_the_whole_cycle_ends_in_a_non_compliance_report_and_a_flag_until_closed(
    world, django_capture_on_commit_callbacks
):
    with (
        time_machine.travel(dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        mission = debriefed_mission(world, starts_on=START)
    assert mission.status == MissionStatus.DEBRIEFED
    assert mission.compliance_score is not None and mission.compliance_score < 100
    findings = list(mission.findings.order_by("checklist_item__position"))
    assert [f.role.code for f in findings] == ["designated_official", "warden"]
    # The full report and one copy per agency with findings (A: DO and warden).
    assert MissionReport.objects.filter(mission=mission).count() == 2
    do_finding, warden_finding = findings

    # The warden's agency reports the rectification; the inspector verifies it.
    with django_capture_on_commit_callbacks(execute=True):
        rect = rectification_report(
            user=world.warden, finding=warden_finding, description="Zone list updated."
        )
        rectification_decide(user=world.inspector, rectification=rect, accepted=True)
    warden_finding.refresh_from_db()
    assert warden_finding.status == FindingStatus.RECTIFIED

    # Reminders 7 days before the DO finding's date and on it, each once.
    deadline = do_finding.deadline
    for day in (deadline - dt.timedelta(days=7), deadline - dt.timedelta(days=7), deadline):
        with django_capture_on_commit_callbacks(execute=True):
            deadlines.scan_reminders(today=day)
    assert do_finding.reminders.count() == 2
    assert do_finding.reminders.filter(sent_at__isnull=True).count() == 0

    # The last date passes: a follow-up visit is scheduled once.
    after = deadline + dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert deadlines.scan_follow_ups(today=after).created == 1
        assert deadlines.scan_follow_ups(today=after).created == 0
    mission.refresh_from_db()
    assert mission.status == MissionStatus.FOLLOW_UP_SCHEDULED
    visit = mission.follow_up

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        follow_up_check_record(
            user=world.inspector,
            visit=visit,
            finding=do_finding,
            result=FollowUpResult.NOT_RECTIFIED,
        )
        follow_up_complete(user=world.inspector, visit=visit)
    mission.refresh_from_db()
    do_finding.refresh_from_db()
    assert mission.status == MissionStatus.CLOSED
    assert do_finding.status == FindingStatus.NOT_RECTIFIED
    escalation = Escalation.objects.get(mission=mission)
    assert escalation.sha256
    assert set(EscalationDelivery.objects.values_list("recipient", flat=True)) == {
        "agencya",
        "hlcm",
    }
    assert EscalationDelivery.objects.filter(sent_at__isnull=True).count() == 0
    hlcm_mail = [msg for msg in mail.outbox if "hlcm@example.org" in msg.to]
    assert hlcm_mail and hlcm_mail[0].attachments[0][2] == "application/pdf"
    assert world.station.pk in non_compliant_station_ids()

    # The DO reports and the inspector verifies: the flag lifts.
    rect = rectification_report(user=world.do, finding=do_finding, description="Plan updated.")
    rectification_decide(user=world.inspector, rectification=rect, accepted=True)
    escalation.refresh_from_db()
    assert escalation.closed_at is not None
    assert world.station.pk not in non_compliant_station_ids()


def test_no_escalation_when_the_follow_up_finds_everything_rectified(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mission = debriefed_mission(world, starts_on=START)
        last = max(f.deadline for f in mission.findings.all())
        deadlines.scan_follow_ups(today=last + dt.timedelta(days=1))
        mission.refresh_from_db()
        follow_up_done(world.inspector, mission.follow_up, default=FollowUpResult.RECTIFIED)
    assert not Escalation.objects.exists()
    assert set(Finding.objects.values_list("status", flat=True)) == {FindingStatus.RECTIFIED}
    assert world.station.pk not in non_compliant_station_ids()
