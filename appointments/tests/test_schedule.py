"""The scheduled work: a static beat schedule of registered tasks with expiries, and each
task run twice with a frozen clock sends nothing the second time (conventions #6, #7)."""

import datetime as dt

import pytest
import time_machine
from celery.schedules import crontab
from django.core import mail

from accountability.celery import app
from accountability.core.models import Notification
from actors.tests.factories import (
    CountryFactory,
    DutyStationFactory,
    PersonFactory,
    appoint,
    user_with_role,
)
from appointments import tasks
from appointments.models import Answer, Appointment
from appointments.services import workflow as wf
from appointments.tests.conftest import statements_for

pytestmark = pytest.mark.django_db

MONDAY = dt.datetime(2026, 3, 2, 5, 0, tzinfo=dt.UTC)


def test_beat_schedule_names_registered_tasks_with_expiry():
    app.loader.import_default_modules()
    schedule = app.conf.beat_schedule
    names = {entry["task"] for entry in schedule.values()}
    assert {
        "appointments.tasks.apply_appointment_dates",
        "appointments.tasks.remind_pending_decisions",
        "appointments.tasks.notify_ending_appointments",
        "appointments.tasks.send_vacancy_digest",
    } <= names
    for key, entry in schedule.items():
        assert entry["task"] in app.tasks, key
        assert isinstance(entry["schedule"], crontab), key
        expires = entry["options"]["expires"]
        assert 0 < expires < 24 * 60 * 60, key  # gone before the next daily run
        assert app.tasks[entry["task"]].acks_late, key
    assert app.conf.timezone == "UTC"


def run_twice(task, django_capture_on_commit_callbacks) -> tuple[int, int]:
    """Run ``task`` twice; returns (notices, mails) of the first run after asserting the
    second adds none."""
    before = (Notification.objects.count(), len(mail.outbox))
    with django_capture_on_commit_callbacks(execute=True):
        task.delay()
    first = (Notification.objects.count(), len(mail.outbox))
    with django_capture_on_commit_callbacks(execute=True):
        assert task.delay().get() == 0
    assert (Notification.objects.count(), len(mail.outbox)) == first
    return first[0] - before[0], first[1] - before[1]


def in_consultation(w, *, by="fsco"):
    appointment = wf.nomination_create(
        actor=w[by],
        person=w["nominee"],
        role=w["warden"],
        scope=w["zone"],
        start_date=dt.date(2026, 3, 20),
        statements=statements_for(w["warden"]),
    )
    return wf.nomination_submit(actor=w[by], appointment=appointment)


def test_remind_pending_decisions_once_a_day(station_world, django_capture_on_commit_callbacks):
    w = station_world
    with time_machine.travel(MONDAY, tick=False):
        appointment = in_consultation(w)  # consultation until Monday 9 March
        own = in_consultation(w, by="do")  # the DO's own: nobody to remind here
        wf.consultation_answer(actor=w["smt1"], appointment=own, answer=Answer.SUPPORT)
        mail.outbox.clear()
        # Still open and not everyone answered: nothing.
        assert run_twice(tasks.remind_pending_decisions, django_capture_on_commit_callbacks) == (
            0,
            0,
        )
    with time_machine.travel(dt.datetime(2026, 3, 10, 5, 0, tzinfo=dt.UTC), tick=False):
        assert run_twice(tasks.remind_pending_decisions, django_capture_on_commit_callbacks) == (
            1,
            1,
        )
        assert mail.outbox[-1].to == [w["do"].email]
        assert Notification.objects.filter(
            user=w["do"], key=f"decision-due:{appointment.pk}:2026-03-10"
        ).exists()
    # The next day: one more reminder, once.
    with time_machine.travel(dt.datetime(2026, 3, 11, 5, 0, tzinfo=dt.UTC), tick=False):
        assert run_twice(tasks.remind_pending_decisions, django_capture_on_commit_callbacks) == (
            1,
            1,
        )
    assert not Notification.objects.filter(key__startswith=f"decision-due:{own.pk}:").exists()


def test_remind_as_soon_as_every_member_answered(station_world, django_capture_on_commit_callbacks):
    w = station_world
    with time_machine.travel(MONDAY, tick=False):
        appointment = in_consultation(w)
        for who in ("smt1", "smt2"):
            wf.consultation_answer(actor=w[who], appointment=appointment, answer=Answer.SUPPORT)
        assert tasks.remind_pending_decisions.delay().get() == 1
    # An explicit date (a replay) uses the same key.
    assert tasks.remind_pending_decisions.delay("2026-03-02").get() == 0


def test_notify_ending_appointments_once(station_world, django_capture_on_commit_callbacks):
    w = station_world
    with time_machine.travel(MONDAY, tick=False):
        today = dt.date(2026, 3, 2)
        ending = appoint(
            PersonFactory(duty_station=w["capital"]), "warden", w["zone"], end=today.replace(day=22)
        )
        appoint(
            PersonFactory(duty_station=w["field"]),
            "area_coordinator",
            w["area"],
            end=dt.date(2026, 5, 1),  # beyond 30 days: not yet
        )
        fsco = appoint(PersonFactory(duty_station=w["field"]), "fsco", w["field"], end=today)
        mail.outbox.clear()
        assert run_twice(tasks.notify_ending_appointments, django_capture_on_commit_callbacks) == (
            2,
            2,
        )
        keys = set(Notification.objects.filter(user=w["do"]).values_list("key", flat=True))
        assert {f"ending:{ending.pk}:2026-03-22", f"ending:{fsco.pk}:2026-03-02"} <= keys
    # Days later the same appointments are still ending: nothing new.
    with time_machine.travel(dt.datetime(2026, 3, 12, 5, 0, tzinfo=dt.UTC), tick=False):
        assert tasks.notify_ending_appointments.delay().get() == 0


def test_weekly_vacancy_digest(station_world, outsider, django_capture_on_commit_callbacks):
    w = station_world
    # A DO and an FSCO whose structure is complete get no digest.
    calm = CountryFactory(name="Calmland")
    capital = DutyStationFactory(country=calm, is_capital=True)
    calm_do = user_with_role("designated_official", calm, duty_station=capital)
    calm_fsco = user_with_role("fsco", capital)
    with time_machine.travel(MONDAY, tick=False):
        mail.outbox.clear()
        notices, mails = run_twice(tasks.send_vacancy_digest, django_capture_on_commit_callbacks)
        digests = Notification.objects.filter(key__startswith="vacancies:")
        recipients = set(digests.values_list("user__username", flat=True))
        # Kenya's DO and FSCO; the other country's DO (its station has no FSCO).
        assert recipients == {"do", "fsco", "otherdo"}
        assert notices == mails == 3
        assert not digests.filter(user__in=[calm_do, calm_fsco, outsider, w["rep"]]).exists()
        body = digests.get(user=w["do"]).body
        assert "Gigiri (Nairobi): no alternate warden" in body
        assert "Coast (Kenya): no Area Security Coordinator" in body
        assert digests.get(user=w["do"]).key == f"vacancies:{w['do'].pk}:2026-W10"
    # Rights are checked when sending: the FSCO's appointment ended, no digest next week.
    fsco_appointment = Appointment.objects.get(person__user=w["fsco"], role__code="fsco")
    from appointments.services.appointments import appointment_end

    appointment_end(actor=w["do"], appointment=fsco_appointment, reason="Left")
    with time_machine.travel(MONDAY + dt.timedelta(days=7), tick=False):
        notices, _mails = run_twice(tasks.send_vacancy_digest, django_capture_on_commit_callbacks)
        assert notices == 2
        assert not Notification.objects.filter(user=w["fsco"], key__endswith="W11").exists()
