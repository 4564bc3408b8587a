"""A task really travels through the broker (Redis with REDIS_URL, else the filesystem
transport under .data/broker) to a real worker, and the beat schedule is well formed."""

import datetime as dt
import time
import uuid

import pytest
from celery.contrib.testing.worker import start_worker
from django.utils import timezone

from accountability.celery import app
from actors import models as m
from actors.tests.factories import (
    CountryFactory,
    DutyStationFactory,
    PersonFactory,
    UserFactory,
    appoint,
)
from appointments.models import Appointment, AppointmentStatus
from appointments.tasks import apply_appointment_dates


@pytest.fixture
def real_broker(settings):
    app.conf.task_always_eager = False
    try:
        yield app
    finally:
        app.conf.task_always_eager = True


# serialized_rollback: a transactional test that ran before (tests/test_browser.py) flushed the
# roles its migrations loaded; reload them.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_scheduled_job_runs_through_the_broker_and_grants_rights(real_broker):
    country = CountryFactory()
    station = DutyStationFactory(country=country, is_capital=True)
    user = UserFactory()
    person = PersonFactory(organization=user.organization, duty_station=station, user=user)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    appointment = appoint(person, "designated_official", country, start=tomorrow)
    assert appointment.status == AppointmentStatus.PENDING
    # The start date comes: the beat job, sent through the broker, activates it.
    Appointment.objects.filter(pk=appointment.pk).update(start_date=timezone.localdate())

    # A queue of its own: another test run on the same broker cannot take the message.
    queue = f"test-{uuid.uuid4().hex}"
    with start_worker(
        real_broker, perform_ping_check=False, pool="solo", loglevel="WARNING", queues=[queue]
    ):
        apply_appointment_dates.apply_async(queue=queue)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            appointment.refresh_from_db()
            if appointment.status == AppointmentStatus.ACTIVE:
                break
            time.sleep(0.2)
    assert appointment.status == AppointmentStatus.ACTIVE
    assert m.CountryUserObjectPermission.objects.filter(user=user, content_object=country).exists()


def test_beat_schedule_entries_name_registered_tasks_and_expire():
    app.loader.import_default_modules()
    for name, entry in app.conf.beat_schedule.items():
        assert entry["task"] in app.tasks, name
        assert entry["options"]["expires"] > 0, name
