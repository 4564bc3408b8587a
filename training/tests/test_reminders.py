"""Training reminders and escalation with a frozen clock (issue 4; conventions #6, #7).

One digest per person per day listing all their items; weekly digests to the country
representative and focal point of the person's organization and station (¶15, annex ¶24);
escalation to the HQ focal point past TRAINING_ESCALATION_DAYS (annex ¶26); reruns send
nothing; a run killed halfway and rerun sends each digest once; set-based scans.
"""

import datetime as dt
import smtplib

import pytest
from celery.signals import task_prerun
from django.conf import settings
from django.core import mail

from accountability.celery import app
from accountability.core.models import Notification
from actors import models as m
from actors.tests.factories import (
    CountryFactory,
    DependantFactory,
    DutyStationFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
    user_with_role,
)
from appointments.models import Appointment
from appointments.services.appointments import appointment_end
from training import tasks
from training.models import DigestKind, ReminderDigest, ReminderKind, TrainingReminder
from training.services import reminder_digests
from training.services.reminders import daily_scan
from training.tests.factories import RecordFactory, course

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)  # a Monday, ISO week 2026-W25
NOW = dt.datetime(2026, 6, 15, 4, 30, tzinfo=dt.UTC)


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(NOW, tick=False)
    return time_machine


@pytest.fixture
def world(clock):
    """Kenya (Nairobi, the capital, and Kisumu) and Uganda; UNDP and UNICEF.

    Managers, all arrived today (their own training is only due soon): UNDP's representative
    for Kenya, its focal points at Nairobi and at Kisumu, UNICEF's representative for Kenya,
    UNDP's representative for Uganda, and the HQ focal points of UNDP and UNICEF.
    Staff on 15 June 2026:
    - alice (UNDP, Nairobi, login, arrived 20 May, a child at the station): security awareness
      due 19 June (due soon), the child's too; arrival briefing due 27 May (overdue, 19 days);
      stress management valid until 9 January (expired, 157 days).
    - bob (UNDP, Kisumu, no login, an email): security awareness due 5 July (due soon), the
      briefing due 12 June (overdue, 3 days).
    - carol (UNDP, Nairobi): trained and briefed; stress management not due yet.
    - dan (UNICEF, Nairobi, no login): arrived 1 May; security awareness overdue 15 days,
      the briefing 38 days.
    """
    kenya, uganda = CountryFactory(name="Kenya"), CountryFactory(name="Uganda")
    nairobi = DutyStationFactory(country=kenya, name="Nairobi", is_capital=True)
    kisumu = DutyStationFactory(country=kenya, name="Kisumu")
    kampala = DutyStationFactory(country=uganda, name="Kampala", is_capital=True)
    undp, unicef = OrganizationFactory(code="undp"), OrganizationFactory(code="unicef")
    w = {"kenya": kenya, "nairobi": nairobi, "kisumu": kisumu, "undp": undp, "unicef": unicef}
    w["rep"] = user_with_role(
        "country_representative", kenya, organization=undp, duty_station=nairobi, username="rep"
    )
    w["cfp"] = user_with_role("country_focal_point", nairobi, organization=undp, username="cfp")
    w["kisumu_cfp"] = user_with_role(
        "country_focal_point", kisumu, organization=undp, username="kisumucfp"
    )
    w["unicef_rep"] = user_with_role(
        "country_representative", kenya, organization=unicef, duty_station=nairobi, username="ur"
    )
    w["uganda_rep"] = user_with_role(
        "country_representative", uganda, organization=undp, duty_station=kampala, username="ug"
    )
    w["hq"] = user_with_role("hq_focal_point", undp, organization=undp, username="hq")
    w["unicef_hq"] = user_with_role("hq_focal_point", unicef, organization=unicef, username="uhq")

    alice_user = UserFactory(organization=undp, username="alice")
    w["alice"] = PersonFactory(
        organization=undp, duty_station=nairobi, user=alice_user, arrived_on=dt.date(2026, 5, 20)
    )
    w["child"] = DependantFactory(person=w["alice"], given_names="Zoe")
    RecordFactory(
        person=w["alice"],
        course=course("STRESS"),
        completed_on=dt.date(2023, 1, 10),
        valid_until=dt.date(2026, 1, 9),
    )
    w["bob"] = PersonFactory(
        organization=undp,
        duty_station=kisumu,
        email="bob@example.org",
        arrived_on=dt.date(2026, 6, 5),
    )
    w["carol"] = PersonFactory(
        organization=undp, duty_station=nairobi, email="carol@example.org", arrived_on=TODAY
    )
    RecordFactory(person=w["carol"], course=course("BSITF"), completed_on=dt.date(2026, 6, 1))
    RecordFactory(person=w["carol"], course=course("BRIEF"), completed_on=TODAY)
    w["dan"] = PersonFactory(
        organization=unicef,
        duty_station=nairobi,
        email="dan@example.org",
        arrived_on=dt.date(2026, 5, 1),
    )
    mail.outbox.clear()
    return w


def run(task, capture, *args):
    """Run a scan as beat would, with the send tasks it enqueues after commit."""
    with capture(execute=True):
        return task.delay(*args).get()


def mails_to(address):
    return [message for message in mail.outbox if message.to == [address]]


# --- The daily digest ------------------------------------------------------------------------


def test_one_digest_per_person_per_day_lists_every_item(world, django_capture_on_commit_callbacks):
    w = world
    result = run(tasks.scan_training_reminders, django_capture_on_commit_callbacks)
    assert result["period"] == "2026-06-15"

    # alice: one email (through her login's notice) for her four items, not one per course.
    [message] = mails_to(w["alice"].user.email)
    assert message.subject == "Security training: 4 items need your attention"
    body = message.body
    assert body.count("\n- ") == 4
    assert "- you: All personnel and eligible dependants: security awareness [Security " in body
    assert "Due soon, due by 2026-06-19" in body
    assert f"- your dependant {w['child']}: All personnel and eligible" in body
    assert "Everyone arriving at a duty station: the FSCO's briefing [Arrival security " in body
    assert "Overdue, was due by 2026-05-27, 19 days late" in body
    assert "All personnel: stress management [Stress management, ¶25, ¶32] – Expired, " in body
    assert "valid until 2026-01-09, 157 days late" in body
    # The in-app inbox shows the same; the email adds the link to the page.
    notice = Notification.objects.get(user=w["alice"].user)
    assert notice.key == "training-digest:personal:2026-06-15"
    assert notice.url == "/training/"
    assert notice.subject == message.subject
    assert body == f"{notice.body}\n\n{settings.SITE_URL}/training/"

    # bob has no login: the email goes straight to his address, with the link.
    [message] = mails_to("bob@example.org")
    assert message.subject == "Security training: 2 items need your attention"
    assert "Overdue, was due by 2026-06-12, 3 days late" in message.body
    assert message.body.endswith(f"\n\n{settings.SITE_URL}/training/")

    # carol is compliant or not due yet: nothing.
    assert mails_to("carol@example.org") == []
    assert not TrainingReminder.objects.filter(person=w["carol"]).exists()
    # Each reminder was recorded once, with its status as its kind.
    assert sorted(
        TrainingReminder.objects.filter(person=w["alice"]).values_list("kind", flat=True)
    ) == ["due_soon", "due_soon", "expired", "overdue"]
    digest = ReminderDigest.objects.get(recipient=w["alice"], kind=DigestKind.PERSONAL)
    assert digest.items == 4 and digest.sent_at is not None
    # Every person with something due got exactly one email today.
    assert len(mail.outbox) == len({tuple(message.to) for message in mail.outbox})


def test_second_run_sends_nothing_and_the_next_day_sends_again(
    world, clock, django_capture_on_commit_callbacks
):
    first = run(tasks.scan_training_reminders, django_capture_on_commit_callbacks)
    sent = len(mail.outbox)
    assert first["digests"] == sent == 10  # alice, bob, dan and the seven managers
    again = run(tasks.scan_training_reminders, django_capture_on_commit_callbacks)
    assert again["reminders"] == again["digests"] == again["batches"] == 0
    assert len(mail.outbox) == sent

    clock.move_to(NOW + dt.timedelta(days=1), tick=False)
    mail.outbox.clear()
    run(tasks.scan_training_reminders, django_capture_on_commit_callbacks)
    [message] = mails_to("bob@example.org")
    assert "was due by 2026-06-12, 4 days late" in message.body
    assert len(mail.outbox) == sent
    assert ReminderDigest.objects.filter(recipient=world["bob"]).count() == 2


def test_an_item_completed_before_the_send_is_left_out(world, django_capture_on_commit_callbacks):
    w = world
    with django_capture_on_commit_callbacks() as callbacks:
        tasks.scan_training_reminders.delay()
    # bob is briefed between the scan and the send: only his security awareness is left.
    RecordFactory(person=w["bob"], course=course("BRIEF"), completed_on=TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    [message] = mails_to("bob@example.org")
    assert message.subject == "Security training: 1 item needs your attention"
    assert "briefing" not in message.body


def test_a_deactivated_login_is_sent_nothing(world, django_capture_on_commit_callbacks):
    user = world["alice"].user
    with django_capture_on_commit_callbacks() as callbacks:
        tasks.scan_training_reminders.delay()
    m.User.objects.filter(pk=user.pk).update(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    assert mails_to(user.email) == []
    digest = ReminderDigest.objects.get(recipient=world["alice"])
    assert digest.sent_at is not None and digest.items == 0


# --- Weekly: managers and escalation -----------------------------------------------------------


def test_manager_digest_goes_to_the_representative_and_focal_points_of_the_organization(
    world, django_capture_on_commit_callbacks
):
    w = world
    result = run(tasks.scan_training_manager_reminders, django_capture_on_commit_callbacks)
    assert result["period"] == "2026-W25"
    # Late items only: alice's briefing and stress management, bob's briefing, dan's two.
    assert TrainingReminder.objects.filter(kind=ReminderKind.MANAGER).count() == 5

    # UNDP's representative for Kenya: its people at Nairobi and at Kisumu.
    [message] = mails_to(w["rep"].email)
    assert message.subject == "3 overdue security training items of your personnel"
    assert message.body.count("\n- ") == 3
    assert f"- {w['alice']}: Everyone arriving at a duty station" in message.body
    assert f"- {w['alice']}: All personnel: stress management" in message.body
    assert f"- {w['bob']}: Everyone arriving at a duty station" in message.body
    assert "due soon" not in message.body.lower()
    notice = Notification.objects.get(user=w["rep"])
    assert notice.key == "training-digest:manager:2026-W25"
    assert notice.url.startswith("/training/")
    # The focal points: each its own station.
    [message] = mails_to(w["cfp"].email)
    assert message.body.count("\n- ") == 2 and str(w["bob"]) not in message.body
    [message] = mails_to(w["kisumu_cfp"].email)
    assert message.body.count("\n- ") == 1 and str(w["bob"]) in message.body
    # UNICEF's representative hears of UNICEF's people only; Uganda's of nobody here.
    [message] = mails_to(w["unicef_rep"].email)
    assert str(w["dan"]) in message.body and str(w["alice"]) not in message.body
    assert mails_to(w["uganda_rep"].email) == []
    # Nobody else: staff and HQ focal points get no manager digest.
    assert len(mail.outbox) == 4

    again = run(tasks.scan_training_manager_reminders, django_capture_on_commit_callbacks)
    assert again["digests"] == again["batches"] == 0 and len(mail.outbox) == 4


def test_rights_are_checked_when_the_digest_is_sent(world, django_capture_on_commit_callbacks):
    w = world
    with django_capture_on_commit_callbacks() as callbacks:
        tasks.scan_training_manager_reminders.delay()
    assert ReminderDigest.objects.filter(recipient__user=w["rep"]).exists()
    appointment = Appointment.objects.get(person__user=w["rep"])
    root = m.User.objects.get(is_superuser=True)
    appointment_end(actor=root, appointment=appointment, reason="Left the country")
    with django_capture_on_commit_callbacks(execute=True):
        for callback in callbacks:
            callback()
    assert mails_to(w["rep"].email) == []
    assert ReminderDigest.objects.get(recipient__user=w["rep"]).items == 0
    assert len(mails_to(w["cfp"].email)) == 1


def test_escalation_to_the_hq_focal_point_of_the_organization(
    world, django_capture_on_commit_callbacks
):
    w = world
    run(tasks.scan_training_escalations, django_capture_on_commit_callbacks)
    # Late more than 30 days: alice's stress management (157) and dan's briefing (38), not
    # alice's briefing (19), bob's (3) nor dan's security awareness (15).
    [message] = mails_to(w["hq"].email)
    assert message.subject == "Escalation: 1 security training item late more than 30 days"
    assert f"- {w['alice']}: All personnel: stress management" in message.body
    assert "briefing" not in message.body
    [message] = mails_to(w["unicef_hq"].email)
    assert message.body.count("\n- ") == 1
    assert f"- {w['dan']}: Everyone arriving at a duty station" in message.body
    assert "38 days late" in message.body
    assert len(mail.outbox) == 2
    assert Notification.objects.get(user=w["hq"]).key == "training-digest:escalation:2026-W25"


def test_escalation_only_after_the_threshold(world, clock, django_capture_on_commit_callbacks):
    """bob's briefing was due on 12 June: 30 days late on Sunday 12 July, 31 on Monday 13."""
    w = world
    clock.move_to(dt.datetime(2026, 7, 12, 5, 45, tzinfo=dt.UTC), tick=False)
    run(tasks.scan_training_escalations, django_capture_on_commit_callbacks)
    assert not TrainingReminder.objects.filter(person=w["bob"], kind="escalation").exists()
    assert str(w["bob"]) not in mails_to(w["hq"].email)[0].body

    clock.move_to(dt.datetime(2026, 7, 13, 5, 45, tzinfo=dt.UTC), tick=False)
    mail.outbox.clear()
    run(tasks.scan_training_escalations, django_capture_on_commit_callbacks)
    reminder = TrainingReminder.objects.get(person=w["bob"], kind="escalation")
    assert (reminder.period, reminder.due_on) == ("2026-W29", dt.date(2026, 6, 12))
    [message] = mails_to(w["hq"].email)
    assert f"- {w['bob']}: Everyone arriving at a duty station" in message.body
    assert "31 days late" in message.body


# --- Failures and scale ------------------------------------------------------------------------


@pytest.fixture
def retried_as_in_a_worker():
    """Eager tasks retry (instead of raising to the caller) only when they do not propagate."""
    app.conf.task_eager_propagates = False
    try:
        yield
    finally:
        app.conf.task_eager_propagates = True


@pytest.mark.usefixtures("retried_as_in_a_worker")
def test_a_mail_server_failure_is_retried_and_sends_each_once(
    world, monkeypatch, django_capture_on_commit_callbacks
):
    real_send_mail = reminder_digests.send_mail
    calls = []

    def flaky(*args, **kwargs):
        calls.append(args[3])
        if len(calls) == 1:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return real_send_mail(*args, **kwargs)

    monkeypatch.setattr(reminder_digests, "send_mail", flaky)
    run(tasks.scan_training_reminders, django_capture_on_commit_callbacks)
    assert calls[0] == calls[1]  # the failed one again, from the retried batch
    assert len(mails_to("bob@example.org")) == 1
    assert len(mails_to("dan@example.org")) == 1
    assert not ReminderDigest.objects.filter(sent_at__isnull=True).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_run_killed_halfway_and_rerun_sends_each_digest_once(world, monkeypatch):
    """Committed for real, digest by digest, as in a worker: the third send dies before its
    commit; the rerun sends the third and the rest, and the first two never again."""
    deliver = reminder_digests._deliver
    delivered = []

    def killed_at_the_third(digest, *message):
        if len(delivered) == 2:
            raise RuntimeError("worker killed")
        delivered.append(digest.recipient_id)
        return deliver(digest, *message)

    monkeypatch.setattr(reminder_digests, "_deliver", killed_at_the_third)
    with pytest.raises(RuntimeError, match="worker killed"):
        tasks.scan_training_reminders.delay()
    assert len(mail.outbox) == 2
    assert ReminderDigest.objects.filter(sent_at__isnull=False).count() == 2
    assert ReminderDigest.objects.filter(sent_at__isnull=True).count() == 8

    monkeypatch.setattr(reminder_digests, "_deliver", deliver)
    tasks.scan_training_reminders.delay()
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert len(recipients) == len(set(recipients)) == 10
    assert {"bob@example.org", "dan@example.org", world["alice"].user.email} <= set(recipients)
    tasks.scan_training_reminders.delay()
    assert len(mail.outbox) == 10
    assert Notification.objects.count() == 8  # alice and the seven managers, once each


def test_scan_queries_do_not_grow_with_people(
    clock, django_assert_num_queries, django_capture_on_commit_callbacks
):
    station = DutyStationFactory()
    organization = OrganizationFactory()

    def scan_with(people: int) -> int:
        m.Person.objects.bulk_create(
            PersonFactory.build(
                organization=organization,
                duty_station=station,
                email=f"p{people}-{n}@example.org",
                arrived_on=TODAY,
            )
            for n in range(people)
        )
        # 4 INSERT … SELECT of reminders (one per rule kind: all, role, phase, arrival),
        # 1 INSERT … SELECT of the digests, 1 SELECT streaming the unsent digests' ids.
        with django_capture_on_commit_callbacks() as callbacks, django_assert_num_queries(6):
            result = daily_scan(today=TODAY)
        return result.digests, len(callbacks)

    assert scan_with(5) == (5, 1)
    TrainingReminder.objects.all().delete()
    ReminderDigest.objects.all().delete()
    assert scan_with(50) == (55, 1)


def test_one_task_per_batch_of_recipients(clock, django_capture_on_commit_callbacks):
    station = DutyStationFactory()
    organization = OrganizationFactory()
    m.Person.objects.bulk_create(
        PersonFactory.build(
            organization=organization,
            duty_station=station,
            email=f"p{n}@example.org",
            arrived_on=TODAY,
        )
        for n in range(450)
    )
    batches = []

    def record(sender=None, args=None, **kwargs):
        if sender.name == "training.tasks.send_training_digests":
            batches.append(len(args[0]))

    task_prerun.connect(record)
    try:
        run(tasks.scan_training_reminders, django_capture_on_commit_callbacks)
    finally:
        task_prerun.disconnect(record)
    assert batches == [200, 200, 50]
    assert len(mail.outbox) == 450
    assert len({message.to[0] for message in mail.outbox}) == 450


def test_sending_a_digest_costs_the_same_queries_whatever_its_items(
    world, django_assert_num_queries, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks():  # planned, not sent
        tasks.scan_training_reminders.delay()
    alice = ReminderDigest.objects.get(recipient=world["alice"])
    cfp = ReminderDigest.objects.get(recipient__user=world["cfp"])
    for digest, items in ((alice, 4), (cfp, 2)):
        # SAVEPOINT; UPDATE claiming it; SELECT the digest, recipient and login; the login's
        # grants (read twice by scoping.visible_to outside a request); SELECT the reminders;
        # SELECT their current status from the view; UPDATE items; notify: SELECT the notice,
        # SAVEPOINT, INSERT, RELEASE; RELEASE.
        with django_capture_on_commit_callbacks(), django_assert_num_queries(13):
            assert reminder_digests.digest_send(digest_id=digest.pk, today=TODAY)
        digest.refresh_from_db()
        assert digest.items == items


def test_old_reminders_are_pruned_but_unsent_digests_kept(
    world, clock, settings, django_capture_on_commit_callbacks
):
    settings.TRAINING_REMINDER_RETENTION_DAYS = 10
    run(tasks.scan_training_reminders, django_capture_on_commit_callbacks)
    unsent = ReminderDigest.objects.create(
        recipient=world["dan"], kind=DigestKind.PERSONAL, period="2026-06-01"
    )
    kept = TrainingReminder.objects.count()
    # The day the records turn 10 days old they stay; the day after they go.
    assert tasks.prune_training_reminders("2026-06-25") == [0, 0]
    assert tasks.prune_training_reminders("2026-06-26") == [kept, 10]
    assert not TrainingReminder.objects.exists()
    assert list(ReminderDigest.objects.all()) == [unsent]
