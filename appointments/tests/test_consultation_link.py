"""An SMT member with no login answers a consultation through the personal link of their email
(the DO consults every SMT member of the station, ¶17, ¶19): otherwise the DO waits out the
period for a member who was told but could not answer (issue 10, item 8)."""

import datetime as dt
import logging
import re
from decimal import Decimal

import pytest
from django.core import mail, signing
from django.test import Client
from django.utils import translation

from actors import models as m
from actors.tests.factories import PersonFactory, appoint
from appointments.models import Answer, Appointment, Consultation, ConsultationEvent
from appointments.services import consultation_links, reminders
from appointments.services import workflow as wf
from appointments.services.appointments import appointment_end
from appointments.tests.conftest import statements_for

TODAY = dt.date(2026, 11, 27)  # a Friday: the consultation runs until Friday 4 December
pytestmark = [pytest.mark.django_db, pytest.mark.frozen_on(TODAY, hour=9)]
ENDS_ON = dt.date(2026, 12, 4)
EMAIL = "amina.diallo@unicef.example"
LINK = re.compile(r"https?://[^/\s]+(/consultations/answer/[^/\s]+/)")


def at(time_machine, day: dt.date) -> None:
    time_machine.move_to(dt.datetime.combine(day, dt.time(9), dt.UTC), tick=False)


def member_without_login(w) -> m.Person:
    person = PersonFactory(
        organization=w["unicef"], duty_station=w["capital"], family_name="Diallo", email=EMAIL
    )
    appoint(person, "smt", w["capital"])
    return person


def submitted(w, capture, *, is_alternate=False) -> Appointment:
    appointment = wf.nomination_create(
        actor=w["fsco"],
        person=w["nominee"],
        role=w["warden"],
        scope=w["zone"],
        start_date=w["start"],
        is_alternate=is_alternate,
        statements=statements_for(w["warden"]),
    )
    with capture(execute=True):
        wf.nomination_submit(actor=w["fsco"], appointment=appointment, today=TODAY)
    return appointment


def link_in(message) -> str:
    found = LINK.search(message.body)
    assert found, message.body
    return found.group(1)


@pytest.fixture
def linked(station_world, django_capture_on_commit_callbacks):
    """A nomination in consultation, and the path of the login-less member's link."""
    w = station_world
    member = member_without_login(w)
    appointment = submitted(w, django_capture_on_commit_callbacks)
    [message] = [msg for msg in mail.outbox if msg.to == [EMAIL]]
    consultation = Consultation.objects.get(appointment=appointment, member=member)
    return {
        **w,
        "member": member,
        "appointment": appointment,
        "consultation": consultation,
        "path": link_in(message),
    }


def csrf_client(path: str) -> Client:
    """A browser with no login that opened the page: CSRF checks on, as in production."""
    client = Client(enforce_csrf_checks=True)
    assert client.get(path).status_code == 200
    return client


def post(client: Client, path: str, **data):
    return client.post(path, {"csrfmiddlewaretoken": client.cookies["csrftoken"].value, **data})


def test_the_email_to_a_member_without_login_carries_a_personal_link(linked):
    w = linked
    [message] = [msg for msg in mail.outbox if msg.to == [EMAIL]]
    assert message.body.startswith(f"{w['nominee']} is nominated as Warden")
    assert w["path"].startswith("/consultations/answer/")
    assert f"/appointments/{w['appointment'].pk}/" not in message.body
    # Members with a login keep the signed-in path: their email links the appointment page.
    for user in (w["smt1"], w["smt2"]):
        [theirs] = [msg for msg in mail.outbox if msg.to == [user.email]]
        assert f"/appointments/{w['appointment'].pk}/" in theirs.body
        assert "/consultations/answer/" not in theirs.body


def test_the_link_shows_the_nomination_privately(linked, django_assert_num_queries):
    w = linked
    # 1 the consultation with its nomination, member, nominee, role and zone; 2 whether the
    # member still sits on the SMT; 3 the competency statements.
    with django_assert_num_queries(3):
        response = Client().get(w["path"])
    assert response.status_code == 200
    page = response.content.decode()
    assert w["nominee"].full_name in page
    assert "Warden" in page and "Gigiri" in page
    assert w["start"].isoformat() in page and ENDS_ON.isoformat() in page
    for statement in statements_for(w["warden"]).values():
        assert statement in page
    assert 'name="csrfmiddlewaretoken"' in page and 'value="object"' in page
    # The token leaves neither by a Referer nor through a cache.
    assert response["Referrer-Policy"] == "strict-origin"
    assert "no-store" in response["Cache-Control"]
    # Only the nomination: other members' answers are not shown.
    assert "smt1" not in page and w["smt1"].person.family_name not in page


def test_support_by_link_is_recorded_and_audited_with_its_source(linked, django_assert_num_queries):
    w = linked
    client = csrf_client(w["path"])
    # CSRF protection stays on: a post without the form's token is refused.
    assert client.post(w["path"], {"answer": "support"}).status_code == 403
    # 1 the consultation with its nomination; 2 the member still on the SMT; 3 savepoint;
    # 4 the nomination locked; 5 the answer saved (its audit event written by the trigger);
    # 6 savepoint released.
    with django_assert_num_queries(6):
        response = post(client, w["path"], answer="support")
    assert response.status_code == 302 and response["Location"] == w["path"]
    assert response["Referrer-Policy"] == "strict-origin"
    consultation = Consultation.objects.get(pk=w["consultation"].pk)
    assert consultation.answer == Answer.SUPPORT
    assert consultation.answered_at is not None and consultation.answered_by is None
    event = ConsultationEvent.objects.filter(pgh_obj_id=consultation.pk).latest("pgh_id")
    assert event.answer == Answer.SUPPORT
    context = event.pgh_context.metadata
    assert context["source"] == "link:consultation"
    assert context["person"] == w["member"].pk
    assert context.get("user") is None
    # The audit trail keeps no token.
    assert context["url"] == "/consultations/answer/redacted/"
    assert "Your view is recorded." in client.get(w["path"]).content.decode()


def test_the_answer_may_be_changed_while_the_consultation_is_open(linked, time_machine):
    w = linked
    client = csrf_client(w["path"])
    assert post(client, w["path"], answer="support").status_code == 302
    at(time_machine, ENDS_ON)  # the last day of the period
    assert post(client, w["path"], answer="object", reasons="Not trained yet.").status_code == 302
    consultation = Consultation.objects.get(pk=w["consultation"].pk)
    assert (consultation.answer, consultation.reasons) == (Answer.OBJECT, "Not trained yet.")
    page = client.get(w["path"]).content.decode()
    assert "Not trained yet." in page and "You may change it" in page


def test_an_objection_without_reasons_is_refused_naming_the_reasons(linked):
    w = linked
    client = csrf_client(w["path"])
    response = post(client, w["path"], answer="object", reasons="  ")
    assert response.status_code == 400
    page = response.content.decode()
    assert re.search(r'id="id_reasons_errors"[^>]*>\s*<li>Give the reasons for the objection', page)
    assert Consultation.objects.get(pk=w["consultation"].pk).answer == Answer.PENDING
    # An answer that is not one of the three: the form names the field.
    response = post(client, w["path"], answer="maybe")
    assert response.status_code == 400
    assert 'id="id_answer_errors"' in response.content.decode()


def not_found(path: str) -> bool:
    """GET and POST both answer the site's 404 page, and nothing is recorded."""
    client = Client()
    get = client.get(path)
    posted = client.post(path, {"answer": "support"})
    return (
        get.status_code == posted.status_code == 404
        and "There is nothing here" in get.content.decode()
        and get["Referrer-Policy"] == "strict-origin"
    )


def test_a_tampered_token_answers_404(linked):
    w = linked
    token = w["path"].split("/")[-2]
    payload, timestamp, signature = token.split(":")
    flipped = signature[:-1] + ("A" if signature[-1] != "A" else "B")
    assert not_found(f"/consultations/answer/{payload}:{timestamp}:{flipped}/")
    assert not_found("/consultations/answer/not-a-token/")
    # Signed with the site's key, but not for this purpose (another salt).
    other = signing.TimestampSigner(salt="another").sign_object(
        {"c": w["consultation"].pk, "p": w["member"].pk}
    )
    assert not_found(f"/consultations/answer/{other}/")
    assert Consultation.objects.get(pk=w["consultation"].pk).answer == Answer.PENDING


def test_the_token_never_reaches_the_logs(linked, caplog):
    w = linked
    token = w["path"].split("/")[-2]
    with caplog.at_level(logging.WARNING, logger="django.request"):
        Client().get(w["path"].replace(token, token + "x"))
        client = csrf_client(w["path"])
        post(client, w["path"], answer="object")  # 400
    lines = [record.getMessage() for record in caplog.records]
    assert "Not Found: /consultations/answer/redacted/" in lines
    assert "Bad Request: /consultations/answer/redacted/" in lines
    assert not any(token in line for line in lines)


def test_an_expired_link_answers_404(linked, settings, time_machine):
    w = linked
    settings.CONSULTATION_LINK_MAX_AGE_DAYS = 2
    at(time_machine, TODAY + dt.timedelta(days=2))
    assert Client().get(w["path"]).status_code == 200
    # Still within the consultation period, but older than the links' maximum age.
    at(time_machine, TODAY + dt.timedelta(days=3))
    assert not_found(w["path"])


def test_the_link_stops_when_the_consultation_period_is_over(linked, time_machine):
    w = linked
    at(time_machine, ENDS_ON + dt.timedelta(days=1))
    assert not_found(w["path"])
    assert Consultation.objects.get(pk=w["consultation"].pk).answer == Answer.PENDING


def test_the_link_stops_once_the_do_decided(linked):
    w = linked
    appointment = w["appointment"]
    for who in ("smt1", "smt2"):
        wf.consultation_answer(actor=w[who], appointment=appointment, answer=Answer.SUPPORT)
    client = csrf_client(w["path"])
    assert post(client, w["path"], answer="no_view").status_code == 302
    wf.release_record(actor=w["rep"], appointment=appointment, hours_per_week=Decimal("4"))
    wf.appointment_decide(actor=w["do"], appointment=appointment, approve=True)
    assert not_found(w["path"])
    assert Consultation.objects.get(pk=w["consultation"].pk).answer == Answer.NO_VIEW


def test_the_link_stops_when_the_member_leaves_the_smt(linked):
    w = linked
    smt = w["member"].appointments.get(role__code="smt")
    appointment_end(actor=w["do"], appointment=smt, reason="Left the country.")
    assert not_found(w["path"])
    assert Consultation.objects.get(pk=w["consultation"].pk).answer == Answer.PENDING


def test_one_nominations_link_does_not_answer_another(linked, django_capture_on_commit_callbacks):
    w = linked
    mail.outbox.clear()
    second = submitted(w, django_capture_on_commit_callbacks, is_alternate=True)
    [message] = [msg for msg in mail.outbox if msg.to == [EMAIL]]
    assert link_in(message) != w["path"]
    other = Consultation.objects.get(appointment=second, member=w["member"])
    # The first link answers the first nomination only.
    client = csrf_client(w["path"])
    assert post(client, w["path"], answer="support").status_code == 302
    assert Consultation.objects.get(pk=w["consultation"].pk).answer == Answer.SUPPORT
    assert Consultation.objects.get(pk=other.pk).answer == Answer.PENDING
    # Its signature does not carry over to the second consultation's id.
    payload, timestamp, signature = w["path"].split("/")[-2].split(":")
    forged = signing.b64_encode(f'{{"c":{other.pk},"p":{w["member"].pk}}}'.encode()).decode()
    assert forged != payload
    assert not_found(f"/consultations/answer/{forged}:{timestamp}:{signature}/")
    assert Consultation.objects.get(pk=other.pk).answer == Answer.PENDING


def test_the_reminder_carries_a_link_that_answers(linked, django_capture_on_commit_callbacks):
    w = linked
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.consultation_reminders_send(today=dt.date(2026, 12, 3)) == 3
    [message] = [msg for msg in mail.outbox if msg.to == [EMAIL]]
    path = link_in(message)
    client = csrf_client(path)
    assert post(client, path, answer="no_view").status_code == 302
    assert Consultation.objects.get(pk=w["consultation"].pk).answer == Answer.NO_VIEW
    [theirs] = [msg for msg in mail.outbox if msg.to == [w["smt1"].email]]
    assert "/consultations/answer/" not in theirs.body


def test_the_page_is_translated(linked):
    w = linked
    # The override puts English back for the tests after this one.
    with translation.override("en"):
        page = Client(headers={"accept-language": "fr"}).get(w["path"]).content.decode()
        assert "Votre avis sur une proposition" in page
        page = Client(headers={"accept-language": "zh-hans"}).get(w["path"]).content.decode()
        assert "您对一项提名的意见" in page


def test_a_consultation_token_is_bound_to_consultation_and_member(linked):
    w = linked
    token = consultation_links.answer_token(w["consultation"])
    assert consultation_links.consultation_for_token(token) == w["consultation"]
    # The same consultation id with another person's id does not verify.
    data = {"c": w["consultation"].pk, "p": w["smt1"].person.pk}
    forged = signing.TimestampSigner(salt=consultation_links.SALT).sign_object(data)
    assert consultation_links.consultation_for_token(forged) is None
