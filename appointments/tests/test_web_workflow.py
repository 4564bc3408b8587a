"""The web pages of the ASC and warden workflow (¶17, ¶19, ¶24): nominate, the appointment
page's workflow panel and its action forms, the DO's approval queue, the duty-station
structure, the dashboard's gaps and the in-app notifications."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accountability.core.models import Notification
from actors.tests.factories import PersonFactory, appoint
from appointments.models import (
    Answer,
    Appointment,
    AppointmentLetter,
    AppointmentStatus,
    Consultation,
)
from appointments.services import workflow as wf
from appointments.tests.conftest import statements_for

pytestmark = pytest.mark.django_db
S = AppointmentStatus


def nominate(w, *, by="fsco", person=None, alternate=False):
    return wf.nomination_create(
        actor=w[by],
        person=person or w["nominee"],
        role=w["warden"],
        scope=w["zone"],
        start_date=w["start"],
        is_alternate=alternate,
        statements=statements_for(w["warden"]),
    )


def submitted(w, **kwargs):
    appointment = nominate(w, **kwargs)
    wf.nomination_submit(actor=appointment.nominated_by, appointment=appointment)
    return appointment


def ready(w, **kwargs):
    """In consultation, every SMT member answered, the time released: decidable now."""
    appointment = submitted(w, **kwargs)
    for who in ("smt1", "smt2"):
        wf.consultation_answer(actor=w[who], appointment=appointment, answer=Answer.SUPPORT)
    wf.release_record(actor=w["rep"], appointment=appointment, hours_per_week=Decimal("4"))
    return appointment


def detail(appointment) -> str:
    return reverse("appointments:appointment-detail", args=[appointment.pk])


def action(name, appointment) -> str:
    return reverse(f"appointments:{name}", args=[appointment.pk])


def page_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def status(appointment) -> str:
    appointment.refresh_from_db()
    return appointment.status


# --- Nominate ---------------------------------------------------------------------------------


def test_nominate_a_warden_with_competency_statements(client, station_world):
    w = station_world
    client.force_login(w["fsco"])
    url = reverse("appointments:nominate") + f"?zone={w['zone'].pk}"
    response = client.get(url)
    assert response.status_code == 200
    form = response.context["form"]
    competencies = list(w["warden"].competencies.all())
    assert competencies and all(f"competency_{c.pk}" in form.fields for c in competencies)
    assert w["nominee"] in form.fields["person"].queryset
    assert w["field_nominee"] not in form.fields["person"].queryset  # not at the zone's city
    data = {
        "person": w["nominee"].pk,
        "role": w["warden"].pk,
        "is_alternate": "on",
        "start_date": w["start"].isoformat(),
        "end_date": "",
        **{f"competency_{c.pk}": f"Meets {c.name_en}." for c in competencies},
    }
    response = client.post(url, data)
    appointment = Appointment.objects.get(person=w["nominee"], role=w["warden"])
    assert response.status_code == 302 and response["Location"] == detail(appointment)
    assert appointment.status == S.DRAFT and appointment.is_alternate
    assert appointment.nominated_by == w["fsco"]
    assert appointment.competency_statements.count() == len(competencies)


def test_nominate_an_area_coordinator_from_the_capital(client, station_world):
    w = station_world
    client.force_login(w["do"])
    url = reverse("appointments:nominate") + f"?area={w['area'].pk}"
    response = client.get(url)
    assert response.status_code == 200
    form = response.context["form"]
    assert "is_alternate" not in form.fields
    assert list(form.fields["role"].queryset) == [w["asc"]]
    assert list(form.fields["person"].queryset) == [w["field_nominee"]]


def test_nominate_bad_input_shows_the_service_error_and_saves_nothing(client, station_world):
    w = station_world
    client.force_login(w["fsco"])
    url = reverse("appointments:nominate") + f"?zone={w['zone'].pk}"
    past = timezone.localdate() - dt.timedelta(days=3)
    response = client.post(
        url, {"person": w["nominee"].pk, "role": w["warden"].pk, "start_date": past.isoformat()}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["start_date"] == ["The start date is in the past."]
    assert not Appointment.objects.filter(person=w["nominee"]).exists()


@pytest.mark.parametrize("who", ["rep", "other_do", "outsider", "nominee"])
def test_nominate_page_is_404_for_who_may_not_nominate(client, station_world, outsider, who):
    w = {**station_world, "outsider": outsider, "nominee": station_world["nominee"].user}
    client.force_login(w[who])
    base = reverse("appointments:nominate")
    for query in (f"?zone={w['zone'].pk}", f"?area={w['area'].pk}", "", "?zone=999999"):
        assert client.get(base + query).status_code == 404
    data = {"person": w["nominee"].pk, "role": w["warden"].pk, "start_date": "2099-01-01"}
    assert client.post(base + f"?zone={w['zone'].pk}", data).status_code == 404
    assert not Appointment.objects.filter(role=w["warden"]).exists()


def test_pages_need_a_login(client, station_world):
    appointment = nominate(station_world)
    urls = [
        reverse("appointments:nominate") + f"?zone={station_world['zone'].pk}",
        reverse("appointments:approvals"),
        reverse("core:notifications"),
    ]
    for url in urls:
        assert client.get(url)["Location"].startswith("/login/")
    assert client.post(action("submit", appointment))["Location"].startswith("/login/")
    assert status(appointment) == S.DRAFT


# --- The appointment page and its actions -----------------------------------------------------


def test_draft_page_shows_statements_and_submit_to_the_nominator_only(client, station_world):
    w = station_world
    appointment = nominate(w)
    client.force_login(w["fsco"])
    response = client.get(detail(appointment))
    assert response.status_code == 200
    panel = response.context["wf"]
    assert panel["actions"]["submit"] and panel["actions"]["withdraw"]
    assert not panel["actions"]["decide"] and not panel["actions"]["consult"]
    assert len(panel["statements"]) == w["warden"].competencies.count()
    body = response.content.decode()
    assert action("submit", appointment) in body
    assert action("decide", appointment) not in body

    client.force_login(w["smt1"])
    panel = client.get(detail(appointment)).context["wf"]
    assert not panel["any_action"]


def test_submit_then_consult_and_the_consultation_table(client, station_world):
    w = station_world
    appointment = nominate(w)
    client.force_login(w["fsco"])
    response = client.post(action("submit", appointment), follow=True)
    assert status(appointment) == S.CONSULTATION
    assert "The nomination went to the SMT for consultation." in page_messages(response)

    client.force_login(w["smt1"])
    response = client.get(detail(appointment))
    assert response.context["wf"]["actions"]["consult"]
    assert response.context["wf"]["pending"] == 2
    # An objection needs reasons: refused, nothing recorded.
    response = client.post(action("consult", appointment), {"answer": "object"}, follow=True)
    assert "Give the reasons for the objection." in page_messages(response)
    assert not Consultation.objects.filter(appointment=appointment).exclude(answer="pending")
    response = client.post(
        action("consult", appointment),
        {"answer": "object", "reasons": "Travels too often."},
        follow=True,
    )
    consultation = Consultation.objects.get(appointment=appointment, member=w["smt1"].person)
    assert consultation.answer == Answer.OBJECT and consultation.reasons == "Travels too often."
    body = response.content.decode()
    assert "Travels too often." in body and "Objects" in body
    assert response.context["wf"]["counts"]["object"] == 1


def test_release_by_the_country_representative_only(client, station_world):
    w = station_world
    appointment = submitted(w)
    client.force_login(w["smt1"])
    assert not client.get(detail(appointment)).context["wf"]["actions"]["release"]
    response = client.post(action("release", appointment), {"hours_per_week": "4"}, follow=True)
    assert "Only the nominee's country representative releases their time." in page_messages(
        response
    )
    appointment.refresh_from_db()
    assert appointment.released_at is None

    client.force_login(w["rep"])
    assert client.get(detail(appointment)).context["wf"]["actions"]["release"]
    response = client.post(action("release", appointment), {}, follow=True)
    assert "Give either hours per week or a percentage of time." in page_messages(response)
    response = client.post(action("release", appointment), {"percent": "20"}, follow=True)
    appointment.refresh_from_db()
    assert appointment.release_percent == 20 and appointment.released_by == w["rep"]
    assert "20% of working time" in response.content.decode()


def test_the_do_approves_and_sees_the_decision(client, station_world):
    w = station_world
    appointment = ready(w)
    client.force_login(w["do"])
    panel = client.get(detail(appointment)).context["wf"]
    assert panel["actions"]["decide"] and panel["closed"]
    response = client.post(action("decide", appointment), {"decision": "approve"}, follow=True)
    assert status(appointment) == S.PENDING
    assert "The appointment is approved." in page_messages(response)
    assert response.context["wf"]["actions"]["revoke"]
    assert not response.context["wf"]["actions"]["decide"]
    assert "by do on" in response.content.decode()


def test_illegal_decisions_show_the_error_and_change_nothing(client, station_world):
    w = station_world
    appointment = submitted(w)  # nobody answered, nothing released
    client.force_login(w["do"])
    response = client.post(action("decide", appointment), {"decision": "approve"}, follow=True)
    assert any("The SMT consultation runs until" in text for text in page_messages(response))
    assert status(appointment) == S.CONSULTATION
    for who in ("smt1", "smt2"):
        wf.consultation_answer(actor=w[who], appointment=appointment, answer=Answer.NO_VIEW)
    response = client.post(action("decide", appointment), {"decision": "reject"}, follow=True)
    assert "Give the reason for the rejection." in page_messages(response)
    response = client.post(action("decide", appointment), {"decision": "approve"}, follow=True)
    assert "The employing agency has not released the nominee's time." in page_messages(response)
    assert status(appointment) == S.CONSULTATION
    # The nominator (FSCO) sees the appointment but may not decide.
    client.force_login(w["fsco"])
    response = client.post(action("decide", appointment), {"decision": "reject", "reason": "x"})
    assert response.status_code == 302 and status(appointment) == S.CONSULTATION
    # Submitting twice: the state machine refuses.
    response = client.post(action("submit", appointment), follow=True)
    assert "Cannot submit an appointment that is in consultation with the smt." in page_messages(
        response
    )
    # A reject with its reason works.
    client.force_login(w["do"])
    client.post(action("decide", appointment), {"decision": "reject", "reason": "Too busy."})
    assert status(appointment) == S.REJECTED


def test_revoke_needs_a_reason_and_the_do(client, station_world):
    w = station_world
    appointment = ready(w)
    wf.appointment_decide(actor=w["do"], appointment=appointment, approve=True)
    client.force_login(w["do"])
    response = client.post(action("revoke", appointment), {"reason": " "}, follow=True)
    assert "Give the reason for the revocation." in page_messages(response)
    assert status(appointment) == S.PENDING
    client.force_login(w["fsco"])
    client.post(action("revoke", appointment), {"reason": "No longer here."})
    assert status(appointment) == S.PENDING
    client.force_login(w["do"])
    client.post(action("revoke", appointment), {"reason": "No longer here."})
    assert status(appointment) == S.REVOKED


def test_withdraw_by_the_nominator(client, station_world):
    w = station_world
    appointment = submitted(w)
    client.force_login(w["smt2"])
    client.post(action("withdraw", appointment), {"reason": "x"})
    assert status(appointment) == S.CONSULTATION
    client.force_login(w["fsco"])
    response = client.post(action("withdraw", appointment), {"reason": "Moved away."}, follow=True)
    assert status(appointment) == S.ENDED
    assert "The nomination is withdrawn." in page_messages(response)
    assert not response.context["wf"]["any_action"]


def test_letter_link_once_rendered(client, station_world):
    w = station_world
    appointment = ready(w)
    wf.appointment_decide(actor=w["do"], appointment=appointment, approve=True)
    client.force_login(w["do"])
    letter_url = reverse("letter-pdf", args=[appointment.pk])
    response = client.get(detail(appointment))
    assert response.context["wf"]["letter_pending"]
    assert letter_url not in response.content.decode()
    AppointmentLetter.objects.filter(appointment=appointment).update(sha256="a" * 64)
    assert letter_url in client.get(detail(appointment)).content.decode()


ACTIONS = {
    "submit": {},
    "consult": {"answer": "support"},
    "release": {"hours_per_week": "4"},
    "decide": {"decision": "approve"},
    "revoke": {"reason": "x"},
    "withdraw": {"reason": "x"},
}


@pytest.mark.parametrize("who", ["other_do", "outsider"])
def test_out_of_scope_users_get_404_on_every_action(client, station_world, outsider, who):
    w = {**station_world, "outsider": outsider}
    appointment = ready(w)
    client.force_login(w[who])
    assert client.get(detail(appointment)).status_code == 404
    for name, data in ACTIONS.items():
        assert client.post(action(name, appointment), data).status_code == 404, name
    appointment.refresh_from_db()
    assert appointment.status == S.CONSULTATION and appointment.decided_at is None
    assert client.get(reverse("appointments:approvals")).status_code == (
        200 if who == "other_do" else 404
    )


def test_actions_answer_only_post(client, station_world):
    w = station_world
    appointment = nominate(w)
    client.force_login(w["fsco"])
    assert client.get(action("submit", appointment)).status_code == 405


def test_other_roles_have_no_workflow_panel(client, station_world):
    w = station_world
    smt_appointment = Appointment.objects.get(person__user=w["smt1"], role__code="smt")
    client.force_login(w["do"])
    response = client.get(detail(smt_appointment))
    assert response.status_code == 200 and "wf" not in response.context


# --- The approval queue -----------------------------------------------------------------------


def test_approval_queue_for_the_do_and_drafts_for_the_nominator(client, station_world):
    w = station_world
    decidable = ready(w)
    open_one = submitted(
        w, person=PersonFactory(organization=w["unicef"], duty_station=w["capital"])
    )
    wf.consultation_answer(actor=w["smt1"], appointment=open_one, answer=Answer.OBJECT, reasons="r")
    draft = nominate(w, by="do", alternate=True)

    client.force_login(w["do"])
    response = client.get(reverse("appointments:approvals"))
    assert response.status_code == 200
    rows = {a.pk: a for a in response.context["queue"]}
    assert set(rows) == {decidable.pk, open_one.pk}
    assert rows[decidable.pk].decidable_now and rows[decidable.pk].n_support == 2
    assert not rows[open_one.pk].decidable_now
    assert (rows[open_one.pk].n_object, rows[open_one.pk].n_pending) == (1, 1)
    assert len(rows[decidable.pk].statements) == w["warden"].competencies.count()
    assert [a.pk for a in response.context["drafts"]] == [draft.pk]
    body = response.content.decode()
    assert "2 support · 0 object · 0 no view · 0 pending" in body
    assert reverse("appointments:approvals") in body  # linked in the navigation

    # The FSCO nominates but does not decide: its own nominations are not in its queue.
    client.force_login(w["fsco"])
    response = client.get(reverse("appointments:approvals"))
    assert response.context["queue"] == [] and response.context["drafts"] == []


@pytest.mark.parametrize("who", ["rep", "outsider", "nominee"])
def test_approval_queue_is_404_for_who_neither_decides_nor_nominates(
    client, station_world, outsider, who
):
    w = {**station_world, "outsider": outsider, "nominee": station_world["nominee"].user}
    ready(station_world)
    client.force_login(w[who])
    assert client.get(reverse("appointments:approvals")).status_code == 404
    assert (
        reverse("appointments:approvals") not in client.get(reverse("dashboard")).content.decode()
    )


def test_approval_queue_query_count_does_not_grow(client, station_world, django_assert_num_queries):
    """Session, user, the user's grants, the queue (one SELECT: the consultation counts, the
    release, "decidable now" and the statements as aggregates and an array subquery), the
    drafts with their statement counts, the header's organization, the header's unread count
    and rights: 7, with 2 or 12 nominations in the queue and as many drafts."""
    w = station_world
    client.force_login(w["do"])
    for n in (2, 10):
        for _ in range(n):
            person = PersonFactory(organization=w["unicef"], duty_station=w["capital"])
            submitted(w, person=person)
            nominate(w, by="do", person=person, alternate=True)
        with django_assert_num_queries(7):
            response = client.get(reverse("appointments:approvals"))
        assert response.status_code == 200
        assert len(response.context["queue"]) == len(response.context["drafts"])


# --- Duty station and dashboard ---------------------------------------------------------------


def test_duty_station_page_shows_the_structure_and_its_gaps(client, station_world, outsider):
    w = station_world
    warden = PersonFactory(organization=w["undp"], duty_station=w["capital"], family_name="Kamau")
    appoint(warden, "warden", w["zone"])
    client.force_login(w["do"])
    response = client.get(reverse("actors:duty-station-detail", args=[w["capital"].pk]))
    body = response.content.decode()
    assert "Kamau" in body and "no alternate" in body and "no warden" not in body
    assert "Coast" in body and "no Area Security Coordinator" in body  # the country's areas
    assert w["smt1"].person.family_name in body and w["smt2"].person.family_name in body
    assert reverse("appointments:nominate") + f"?zone={w['zone'].pk}" in body

    client.force_login(outsider)
    response = client.get(reverse("actors:duty-station-detail", args=[w["capital"].pk]))
    body = response.content.decode()
    assert response.status_code == 200 and "Gigiri" in body  # reference data
    assert "Kamau" not in body and w["smt1"].person.family_name not in body


def test_dashboard_lists_zones_without_a_warden_or_an_alternate(client, station_world):
    w = station_world
    appoint(PersonFactory(organization=w["undp"], duty_station=w["capital"]), "warden", w["zone"])
    client.force_login(w["do"])

    def zones_without_warden():
        # The dashboard's structure gaps panel (appointments.panels.structure_gaps).
        shown = client.get(reverse("dashboard")).context["panels"]
        gaps = [p["data"] for p in shown if p["name"] == "structure_gaps"]
        return gaps[0]["zones_without_warden"]["rows"] if gaps else []

    rows = zones_without_warden()
    assert [(z.pk, z.has_warden, z.has_alternate) for z in rows] == [(w["zone"].pk, True, False)]
    alternate = PersonFactory(organization=w["undp"], duty_station=w["capital"])
    a = appoint(alternate, "warden", w["zone"])
    Appointment.objects.filter(pk=a.pk).update(is_alternate=True)
    assert zones_without_warden() == []


# --- Notifications ----------------------------------------------------------------------------


def test_notifications_list_badge_and_mark_read(client, station_world, outsider):
    w = station_world
    appointment = submitted(w)  # notifies both SMT members
    client.force_login(w["smt1"])
    response = client.get(reverse("dashboard"))
    assert 'class="badge badge--count"' in response.content.decode()
    response = client.get(reverse("core:notifications"))
    notices = response.context["notices"]
    assert [n.key for n in notices] == [f"consult:{appointment.pk}"]
    notice = notices[0]
    assert detail(appointment) in response.content.decode()

    # Someone else's notice: 404, untouched.
    client.force_login(w["smt2"])
    assert client.post(reverse("core:notification-read", args=[notice.pk])).status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None

    client.force_login(w["smt1"])
    response = client.post(
        reverse("core:notification-read", args=[notice.pk]), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200 and "Mark read" not in response.content.decode()
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert "badge--count" not in client.get(reverse("dashboard")).content.decode()

    client.force_login(w["smt2"])
    client.post(reverse("core:notifications-read-all"))
    assert not Notification.objects.filter(user=w["smt2"], read_at__isnull=True).exists()

    client.force_login(outsider)
    response = client.get(reverse("core:notifications"))
    assert response.status_code == 200 and response.context["notices"] == []


def test_notifications_query_count_does_not_grow(client, station_world, django_assert_num_queries):
    """Session, user, COUNT of the user's notices (the paginator), the page of notices, the
    header's organization, the header's unread count and rights: 6, with 3 or 60 notices."""
    w = station_world
    user = w["smt1"]
    client.force_login(user)
    made = 0
    for n in (3, 57):
        Notification.objects.bulk_create(
            Notification(user=user, key=f"k{made + i}", subject="s", body="b") for i in range(n)
        )
        made += n
        with django_assert_num_queries(6):
            response = client.get(reverse("core:notifications"))
        assert len(response.context["notices"]) == min(made, 50)
