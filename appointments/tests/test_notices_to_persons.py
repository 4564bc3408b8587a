"""Notices reach persons, not only logins: an SMT member or a nominee with no login is told by
email at the address on their person record (the DO consults every SMT member, ¶17, ¶19), and
a login without an email falls back to that address. In-app notices still need a login."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail

from accountability.core.models import Notification
from accountability.core.notifications import mail_address, notify_person
from actors import models as m
from actors.tests.api_helpers import client_for
from actors.tests.factories import PersonFactory, UserFactory, appoint
from appointments import tasks
from appointments.models import Answer, Appointment
from appointments.services import reminders
from appointments.services import workflow as wf
from appointments.services.appointments import appointment_end
from appointments.tests.conftest import statements_for

pytestmark = pytest.mark.django_db


def smt_member_without_login(w, email="amina.diallo@unicef.example") -> m.Person:
    person = PersonFactory(
        organization=w["unicef"], duty_station=w["capital"], family_name="Diallo", email=email
    )
    appoint(person, "smt", w["capital"])
    return person


def nominated(w, **kwargs) -> Appointment:
    return wf.nomination_create(
        actor=w["fsco"],
        person=w["nominee"],
        role=w["warden"],
        scope=w["zone"],
        start_date=w["start"],
        statements=statements_for(w["warden"]),
        **kwargs,
    )


def test_smt_member_without_login_is_asked_by_email(
    station_world, django_capture_on_commit_callbacks
):
    w = station_world
    member = smt_member_without_login(w)
    appointment = nominated(w)
    with django_capture_on_commit_callbacks(execute=True):
        wf.nomination_submit(actor=w["fsco"], appointment=appointment, today=dt.date(2026, 11, 27))
    assert appointment.consultations.filter(member=member).exists()
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [w["smt1"].email, w["smt2"].email, "amina.diallo@unicef.example"]
    )
    [message] = [msg for msg in mail.outbox if msg.to == ["amina.diallo@unicef.example"]]
    assert message.subject == "Your view is asked on a nomination"
    assert "Answer by 2026-12-04" in message.body
    # No login to open the page with: the email carries no link to it.
    assert f"/appointments/{appointment.pk}/" not in message.body
    notice = Notification.objects.get(key=f"consult:{appointment.pk}", person=member)
    assert notice.user is None and notice.emailed_at is not None
    # Nobody sees an email-only notice in the app.
    assert all(
        row["id"] != notice.pk
        for row in client_for(w["smt1"]).get("/api/v1/notifications/").json()["results"]
    )


def test_the_same_notice_to_a_person_goes_once(station_world, django_capture_on_commit_callbacks):
    w = station_world
    member = smt_member_without_login(w)
    with django_capture_on_commit_callbacks(execute=True):
        first = notify_person(person=member, key="k", subject="s", body="b")
        again = notify_person(person=member, key="k", subject="s", body="b")
    assert first is not None and again is None
    assert [message.to for message in mail.outbox] == [["amina.diallo@unicef.example"]]


def test_without_login_or_email_or_when_inactive_nobody_is_written_to(station_world):
    w = station_world
    assert (
        notify_person(person=smt_member_without_login(w, email=""), key="k", subject="s", body="b")
        is None
    )
    gone = smt_member_without_login(w, email="gone@unicef.example")
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    assert notify_person(person=gone, key="k", subject="s", body="b") is None
    assert not Notification.objects.filter(key="k").exists()


def test_a_login_without_email_falls_back_to_the_person_record(
    station_world, django_capture_on_commit_callbacks
):
    w = station_world
    smt1 = w["smt1"]
    m.User.objects.filter(pk=smt1.pk).update(email="")
    m.Person.objects.filter(user=smt1).update(email="smt1.person@undp.example")
    appointment = nominated(w)
    with django_capture_on_commit_callbacks(execute=True):
        wf.nomination_submit(actor=w["fsco"], appointment=appointment)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        ["smt1.person@undp.example", w["smt2"].email]
    )
    # The login still gets its in-app notice, with the link in the email.
    assert Notification.objects.filter(user=smt1, key=f"consult:{appointment.pk}").exists()
    [message] = [msg for msg in mail.outbox if msg.to == ["smt1.person@undp.example"]]
    assert f"/appointments/{appointment.pk}/" in message.body


def test_mail_address_prefers_the_login_then_the_person_record():
    user = UserFactory(email="login@example.org")
    person = PersonFactory(user=user, email="record@example.org")
    assert mail_address(person=person) == mail_address(user=user) == "login@example.org"
    m.User.objects.filter(pk=user.pk).update(email="")
    user.refresh_from_db()
    person.refresh_from_db()
    assert mail_address(person=person) == mail_address(user=user) == "record@example.org"
    assert mail_address(person=PersonFactory(email="alone@example.org")) == "alone@example.org"
    assert mail_address(person=PersonFactory(email="")) == ""
    assert mail_address(user=UserFactory(email="")) == ""  # a login with no person record


def test_nominee_without_login_is_told_the_decision_by_email(
    station_world, django_capture_on_commit_callbacks
):
    w = station_world
    nominee = w["field_nominee"]
    m.Person.objects.filter(pk=nominee.pk).update(email="field.nominee@unicef.example")
    appointment = wf.nomination_create(
        actor=w["fsco"],
        person=nominee,
        role=w["asc"],
        scope=w["area"],
        start_date=w["start"],
        statements=statements_for(w["asc"]),
    )
    wf.nomination_submit(actor=w["fsco"], appointment=appointment)
    for who in ("smt1", "smt2"):
        wf.consultation_answer(actor=w[who], appointment=appointment, answer=Answer.SUPPORT)
    wf.release_record(actor=w["rep"], appointment=appointment, hours_per_week=Decimal("4"))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        wf.appointment_decide(
            actor=w["do"], appointment=appointment, approve=False, reason="Too far away."
        )
    assert [message.to for message in mail.outbox] == [["field.nominee@unicef.example"]]
    assert mail.outbox[0].body == "Too far away."


def test_members_yet_to_answer_are_reminded_once_the_working_day_before_it_closes(
    station_world, django_capture_on_commit_callbacks
):
    w = station_world
    member = smt_member_without_login(w)
    appointment = nominated(w)
    # Friday 27 November: the consultation runs until Friday 4 December.
    wf.nomination_submit(actor=w["fsco"], appointment=appointment, today=dt.date(2026, 11, 27))
    wf.consultation_answer(actor=w["smt1"], appointment=appointment, answer=Answer.SUPPORT)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.remind_consultations.delay("2026-12-02").get() == 0
        assert tasks.remind_consultations.delay("2026-12-03").get() == 2
        assert tasks.remind_consultations.delay("2026-12-04").get() == 0  # once
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [w["smt2"].email, "amina.diallo@unicef.example"]
    )
    assert {message.subject for message in mail.outbox} == {
        "Your view on a nomination is due by 2026-12-04"
    }
    assert Notification.objects.filter(
        key=f"consult-reminder:{appointment.pk}", person=member, user=None
    ).exists()
    assert Notification.objects.filter(
        key=f"consult-reminder:{appointment.pk}", user=w["smt2"]
    ).exists()


def test_no_reminder_to_a_member_who_left_the_smt(
    station_world, django_capture_on_commit_callbacks
):
    w = station_world
    member = smt_member_without_login(w)
    appointment = nominated(w)
    wf.nomination_submit(actor=w["fsco"], appointment=appointment, today=dt.date(2026, 11, 27))
    smt = member.appointments.get(role__code="smt")
    appointment_end(actor=w["do"], appointment=smt, reason="Left the country.")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.consultation_reminders_send(today=dt.date(2026, 12, 3)) == 2
    assert "amina.diallo@unicef.example" not in {message.to[0] for message in mail.outbox}
