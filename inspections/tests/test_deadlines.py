"""The clock of ¶40 under a frozen clock: reminders 7 days before each rectification date and
on it, the follow-up visit once the last date has passed, and the non-compliance report after a
failed follow-up; every job run twice, or killed halfway and run again, acts once."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from accountability.core.models import Notification
from inspections.models import (
    Escalation,
    EscalationDelivery,
    FindingReminder,
    FindingStatus,
    FollowUpResult,
    MissionStatus,
)
from inspections.services import deadlines
from inspections.services.escalations import escalation_send
from inspections.services.findings import rectification_report
from inspections.tasks import scan_finding_deadlines, scan_follow_ups

from .factories import debriefed_mission, follow_up_done, station_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    return station_world()


@pytest.fixture
def mission(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return debriefed_mission(world)


def reminder_notices(finding) -> list[tuple[str, str]]:
    return sorted(
        Notification.objects.filter(key__startswith="finding-reminder:")
        .filter(key__in=[f"finding-reminder:{r.pk}" for r in finding.reminders.all()])
        .values_list("user__username", "key")
    )


def run_scan(day, capture):
    with time_machine.travel(dt.datetime.combine(day, dt.time(4, 45), dt.UTC), tick=False):
        with capture(execute=True):
            return scan_finding_deadlines.delay(day.isoformat()).get()


def test_reminders_go_7_days_before_and_on_the_date_once_each(
    world, mission, django_capture_on_commit_callbacks
):
    finding = mission.findings.get(role__code="designated_official")
    warden_finding = mission.findings.get(role__code="warden")
    deadline = finding.deadline
    assert run_scan(deadline - dt.timedelta(days=8), django_capture_on_commit_callbacks) == {
        "created": 0,
        "sent": 0,
    }
    week_before = deadline - dt.timedelta(days=7)
    first = run_scan(week_before, django_capture_on_commit_callbacks)
    again = run_scan(week_before, django_capture_on_commit_callbacks)
    assert first["sent"] >= 1 and again == {"created": 0, "sent": 0}
    # The accountable person (the DO here) and the station's DO: one notice each, deduplicated.
    assert [u for u, _ in reminder_notices(finding)] == ["do"]
    assert not warden_finding.reminders.exists()  # its date is further away
    run_scan(deadline, django_capture_on_commit_callbacks)
    run_scan(deadline, django_capture_on_commit_callbacks)
    assert sorted(finding.reminders.values_list("kind", flat=True)) == [
        "on_deadline",
        "week_before",
    ]
    assert len(reminder_notices(finding)) == 2
    assert any("must be rectified by" in m.subject for m in mail.outbox)


def test_the_warden_and_the_do_are_both_reminded_of_the_wardens_finding(
    world, mission, django_capture_on_commit_callbacks
):
    finding = mission.findings.get(role__code="warden")
    run_scan(finding.deadline, django_capture_on_commit_callbacks)
    assert sorted(u for u, _ in reminder_notices(finding)) == ["do", "warden"]


def test_a_scan_killed_halfway_sends_the_rest_once_when_run_again(
    world, mission, django_capture_on_commit_callbacks
):
    day = max(mission.findings.values_list("deadline", flat=True))
    # Both findings fall due on the same day for this test.
    mission.findings.update(deadline=day)
    created = deadlines.reminders_create(today=day)
    assert created == 2
    pending = list(FindingReminder.objects.filter(sent_at__isnull=True).order_by("pk"))
    with django_capture_on_commit_callbacks(execute=True):
        assert deadlines.reminder_send(reminder_id=pending[0].pk)
    # ... the worker dies here; the next run picks up what is left and nothing twice.
    result = run_scan(day, django_capture_on_commit_callbacks)
    assert result == {"created": 0, "sent": 1}
    assert not FindingReminder.objects.filter(sent_at__isnull=True).exists()
    keys = Notification.objects.filter(key__startswith="finding-reminder:")
    assert keys.count() == keys.values("user", "key").distinct().count() == 3


def test_no_reminder_for_a_reported_rectification_and_a_missed_day_catches_up(
    world, mission, django_capture_on_commit_callbacks
):
    warden_finding = mission.findings.get(role__code="warden")
    rectification_report(user=world.warden, finding=warden_finding, description="Done.")
    finding = mission.findings.get(role__code="designated_official")
    # The scan did not run on the day itself; the next day it still sends the reminder.
    run_scan(finding.deadline + dt.timedelta(days=1), django_capture_on_commit_callbacks)
    assert finding.reminders.filter(kind="on_deadline").exists()
    assert not warden_finding.reminders.exists()


def test_the_follow_up_is_scheduled_once_after_the_last_date_and_told(
    world, mission, django_capture_on_commit_callbacks
):
    last = max(mission.findings.values_list("deadline", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        assert scan_follow_ups.delay(last.isoformat()).get() == {"created": 0, "sent": 0}
        assert (
            scan_follow_ups.delay((last + dt.timedelta(days=1)).isoformat()).get()["created"] == 1
        )
        assert (
            scan_follow_ups.delay((last + dt.timedelta(days=2)).isoformat()).get()["created"] == 0
        )
    mission.refresh_from_db()
    assert mission.status == MissionStatus.FOLLOW_UP_SCHEDULED
    told = set(
        Notification.objects.filter(key=f"inspection:{mission.pk}:follow-up").values_list(
            "user__username", flat=True
        )
    )
    assert told == {"inspector", "do"}


def complete_follow_up(world, mission, results, capture):
    last = max(mission.findings.values_list("deadline", flat=True))
    with capture(execute=True):
        deadlines.scan_follow_ups(today=last + dt.timedelta(days=1))
        mission.refresh_from_db()
        follow_up_done(world.inspector, mission.follow_up, results=results)


def test_escalation_only_after_a_failed_follow_up(
    world, mission, django_capture_on_commit_callbacks
):
    complete_follow_up(
        world,
        mission,
        {"designated_official": FollowUpResult.RECTIFIED, "warden": FollowUpResult.RECTIFIED},
        django_capture_on_commit_callbacks,
    )
    assert not Escalation.objects.exists()
    mission.refresh_from_db()
    assert mission.status == MissionStatus.CLOSED


def test_a_failed_follow_up_reports_to_the_agencies_and_the_hlcm_once(
    world, mission, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    complete_follow_up(
        world,
        mission,
        {"designated_official": FollowUpResult.NOT_RECTIFIED, "warden": FollowUpResult.RECTIFIED},
        django_capture_on_commit_callbacks,
    )
    escalation = Escalation.objects.get()
    assert list(escalation.findings.values_list("status", flat=True)) == [
        FindingStatus.NOT_RECTIFIED
    ]
    sent_first = len(mail.outbox)
    hlcm = [m for m in mail.outbox if m.to == ["hlcm@example.org"]]
    assert len(hlcm) == 1 and hlcm[0].attachments[0][0].endswith(".pdf")
    assert any("hq.a@" in ",".join(m.to) for m in mail.outbox)
    # Sent again (a redelivered task): nothing goes out twice.
    with django_capture_on_commit_callbacks(execute=True):
        assert escalation_send(escalation=escalation) == 0
    assert len(mail.outbox) == sent_first


def test_an_escalation_killed_halfway_sends_the_rest(
    world, mission, django_capture_on_commit_callbacks, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = False  # the task is lost; the resend job finds it
    from unittest import mock

    with mock.patch("inspections.tasks.send_escalation.delay"):
        complete_follow_up(
            world,
            mission,
            {
                "designated_official": FollowUpResult.NOT_RECTIFIED,
                "warden": FollowUpResult.NOT_RECTIFIED,
            },
            django_capture_on_commit_callbacks,
        )
    escalation = Escalation.objects.get()
    # One delivery went out before the worker died.
    EscalationDelivery.objects.filter(recipient="hlcm").update(sent_at=dt.datetime.now(dt.UTC))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert escalation_send(escalation=escalation) == 1
    assert [m.to for m in mail.outbox if "hlcm@example.org" in m.to] == []
    assert not EscalationDelivery.objects.filter(sent_at__isnull=True).exists()


def test_the_command_runs_both_scans_now(world, mission, django_capture_on_commit_callbacks):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    day = mission.findings.get(role__code="designated_official").deadline
    with django_capture_on_commit_callbacks(execute=True):
        call_command("inspection_deadlines", date=day.isoformat(), stdout=out)
    assert "scan_finding_deadlines: {'created': 1" in out.getvalue()
    assert "scan_follow_ups" in out.getvalue()


def test_the_command_finds_its_tasks_in_a_fresh_process():
    """``make run`` runs the command in its own process, where no tasks module is imported yet
    (inside pytest they all are, which hid a NotRegistered error)."""
    import os
    import subprocess
    import sys

    from django.conf import settings

    code = (
        "import django; django.setup(); "
        "from accountability.core.commands import task_for; "
        "print(task_for('inspections.tasks.scan_follow_ups').name, "
        "task_for('training.tasks.scan_training_reminders').name)"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "accountability.settings.test"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "inspections.tasks.scan_follow_ups",
        "training.tasks.scan_training_reminders",
    ]
