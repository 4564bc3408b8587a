"""An accountable person with no login is still told of their findings (¶40): the debrief and
the rectification reminders reach them by email at their person record's address, through the
same notice rule as every other notice (accountability.core.notifications.notify_person)."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from accountability.core.models import Notification
from actors import models as m
from inspections.tasks import scan_finding_deadlines

from .factories import debriefed_mission, station_world

pytestmark = pytest.mark.django_db

ADDRESS = "zone.warden@agencya.example"


@pytest.fixture
def world(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    world = station_world()
    # The zone's warden is on the staff list with an email but was never given a login.
    m.Person.objects.filter(user=world.warden).update(user=None, email=ADDRESS)
    return world


def sent_to_warden() -> list:
    return [message for message in mail.outbox if message.to == [ADDRESS]]


def test_warden_without_login_is_told_of_the_debrief_and_reminded_by_email(
    world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        mission = debriefed_mission(world)
    finding = mission.findings.select_related("accountable_person").get(role__code="warden")
    person = finding.accountable_person
    assert person.user_id is None
    [debrief] = sent_to_warden()
    assert "report and rectification dates" in debrief.subject
    assert Notification.objects.get(key=f"inspection:{mission.pk}:debriefed", person=person)

    mail.outbox.clear()
    day = finding.deadline
    for _run in range(2):  # a scan run twice tells no one twice
        with time_machine.travel(dt.datetime.combine(day, dt.time(4, 45), dt.UTC), tick=False):
            with django_capture_on_commit_callbacks(execute=True):
                scan_finding_deadlines.delay(day.isoformat()).get()
    [reminder] = sent_to_warden()
    assert f"was due to be rectified on {day}" in reminder.subject
    keys = {f"finding-reminder:{r.pk}" for r in finding.reminders.all()}
    assert Notification.objects.filter(key__in=keys, person=person, user=None).count() == 1
    # The DO is still reminded in the app, as before.
    assert Notification.objects.filter(key__in=keys, user=world.do).exists()
