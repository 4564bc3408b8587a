"""In-person sessions (¶30, ¶31, annex ¶26): scheduling at a duty station, enrolling people
the user may see, marking attendance, which records the completions; who may see and change
what; query counts constant in the number of sessions and participants."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from actors.tests.factories import PersonFactory
from training.models import RecordSource, SessionParticipant, TrainingRecord, TrainingSession
from training.services.sessions import session_create, session_participants_add
from training.tests import test_web_fixtures as fx
from training.tests.factories import course

pytestmark = pytest.mark.django_db
web_world = fx.web_world

CREATE = reverse("training:session-create")
LIST = reverse("training:session-list")


def scheduled(w, *, held_on=None, people=()):
    session = session_create(
        actor=w["fsco"],
        course=course("WARDEN"),
        duty_station=w["nairobi"],
        trainer=w["fsco"].person,
        held_on=held_on or w["today"] - dt.timedelta(days=1),
        place="UN compound, hall B",
    )
    if people:
        session_participants_add(actor=w["fsco"], session=session, people=people)
    return session


def detail(session) -> str:
    return reverse("training:session-detail", args=[session.pk])


def test_schedule_a_session_in_two_steps(web_world, client):
    w = web_world
    client.force_login(w["fsco"])
    response = client.get(CREATE)
    assert response.status_code == 200 and "duty_station" in response.context["form"].fields
    url = f"{CREATE}?duty_station={w['nairobi'].pk}"
    response = client.get(url)
    form = response.context["form"]
    assert form.initial["trainer"] == w["fsco"].person.pk
    # Only in-person courses; trainers from the station's people the FSCO sees.
    assert set(form.fields["course"].queryset.values_list("delivery", flat=True)) == {"in_person"}
    assert not form.fields["course"].queryset.filter(code="BRIEF").exists()
    assert w["kamau"] not in form.fields["trainer"].queryset
    response = client.post(
        url,
        {
            "course": course("WARDEN").pk,
            "trainer": w["fsco"].person.pk,
            "held_on": w["today"].isoformat(),
            "place": "UN compound, hall B",
            "notes": "Bring radios.",
        },
    )
    session = TrainingSession.objects.get()
    assert response["Location"] == detail(session)
    assert session.organization == w["undp"] and session.duty_station == w["nairobi"]
    assert session.created_by == w["fsco"]


def test_schedule_errors_name_their_field(web_world, client):
    w = web_world
    client.force_login(w["fsco"])
    url = f"{CREATE}?duty_station={w['nairobi'].pk}"
    response = client.post(
        url,
        {
            "course": course("BSITF").pk,  # online: completed by its test
            "trainer": w["kamau"].pk,  # not someone the FSCO sees
            "held_on": "soon",
            "place": "",
        },
    )
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"course", "trainer", "held_on", "place"}
    assert not TrainingSession.objects.exists()
    # Without the duty station, the first step again.
    assert client.post(CREATE, {"place": "x"}).status_code == 400


def test_only_those_who_train_there_may_schedule(web_world, client):
    w = web_world
    client.force_login(w["rep"])
    assert client.get(f"{CREATE}?duty_station={w['nairobi'].pk}").status_code == 404
    client.force_login(w["fsco"])
    assert client.get(f"{CREATE}?duty_station={w['elsewhere'].pk}").status_code == 404
    assert client.get(f"{CREATE}?duty_station=999999").status_code == 404
    assert reverse("training:session-create") in fx.text(client.get(LIST))
    client.force_login(w["mary_user"])
    assert reverse("training:session-create") not in fx.text(client.get(LIST))


def test_enrol_people_of_the_station(web_world, client):
    w = web_world
    session = scheduled(w)
    client.force_login(w["fsco"])
    form = client.get(detail(session)).context["participants_form"]
    assert w["mary"] in form.fields["people"].queryset
    assert w["child"] in form.fields["dependants"].queryset
    url = reverse("training:session-participants", args=[session.pk])
    response = client.post(
        url, {"people": [w["mary"].pk, w["wanjiru"].pk], "dependants": [w["child"].pk]}
    )
    assert response["Location"] == detail(session)
    assert session.participants.count() == 3
    # Enrolled people leave the choices.
    form = client.get(detail(session)).context["participants_form"]
    assert w["mary"] not in form.fields["people"].queryset
    # Someone the FSCO does not see is not a valid choice; nothing chosen is an error.
    response = client.post(url, {"people": [w["kamau"].pk]})
    assert response.status_code == 400
    assert "people" in response.context["participants_form"].errors
    response = client.post(url, {})
    assert response.context["participants_form"].non_field_errors() == [
        "Choose at least one staff member or dependant."
    ]
    assert session.participants.count() == 3


def test_attendance_records_the_completions(web_world, client):
    w = web_world
    session = scheduled(w, people=[w["mary"], w["wanjiru"], w["otieno"]])
    session_participants_add(actor=w["fsco"], session=session, dependants=[w["child"]])
    by_name = {
        (p.person.family_name, p.dependant_id): p
        for p in session.participants.select_related("person")
    }
    present = [by_name[("Achieng", None)], by_name[("Achieng", w["child"].pk)]]
    client.force_login(w["fsco"])
    page = fx.text(client.get(detail(session)))
    assert reverse("training:session-attendance", args=[session.pk]) in page
    url = reverse("training:session-attendance", args=[session.pk])
    response = client.post(url, {"attended": [p.pk for p in present]}, follow=True)
    assert fx.page_messages(response) == ["Attendance marked: 2 completions recorded."]
    records = TrainingRecord.objects.filter(session=session)
    assert {(r.person_id, r.dependant_id) for r in records} == {
        (w["mary"].pk, None),
        (w["mary"].pk, w["child"].pk),
    }
    assert all(
        r.source == RecordSource.SESSION and r.completed_on == session.held_on for r in records
    )
    attended = {
        (p.person.family_name, p.dependant_id): p.attended
        for p in session.participants.select_related("person")
    }
    assert attended == {
        ("Achieng", None): True,
        ("Achieng", w["child"].pk): True,
        ("Wanjiru", None): False,
        ("Otieno", None): False,
    }
    # Marking again records nothing twice.
    response = client.post(url, {"attended": [p.pk for p in present]}, follow=True)
    assert fx.page_messages(response) == ["Attendance marked: 0 completions recorded."]
    assert TrainingRecord.objects.filter(session=session).count() == 2


def test_attendance_waits_for_the_session(web_world, client):
    w = web_world
    session = scheduled(w, held_on=w["today"] + dt.timedelta(days=3), people=[w["mary"]])
    client.force_login(w["fsco"])
    response = client.get(detail(session))
    assert response.context["may_mark"] is False
    assert "Attendance is marked once the session has been held." in fx.text(response)
    participant = session.participants.get()
    response = client.post(
        reverse("training:session-attendance", args=[session.pk]),
        {"attended": [participant.pk]},
        follow=True,
    )
    assert fx.page_messages(response) == ["Attendance is marked once the session is held."]
    assert not TrainingRecord.objects.exists()


def test_participants_read_but_do_not_change(web_world, client, outsider):
    w = web_world
    session = scheduled(w, people=[w["mary"], w["wanjiru"]])
    client.force_login(w["mary_user"])
    response = client.get(detail(session))
    assert response.status_code == 200
    assert response.context["can_edit"] is False and response.context["participants_form"] is None
    # A participant sees the people they may see: themself.
    assert [p.person for p in response.context["participants"]] == [w["mary"]]
    assert [s.pk for s in client.get(LIST).context["page"]] == [session.pk]
    participant = session.participants.get(person=w["mary"])
    for name, data in (
        ("training:session-attendance", {"attended": [participant.pk]}),
        ("training:session-participants", {"people": [w["otieno"].pk]}),
    ):
        assert client.post(reverse(name, args=[session.pk]), data).status_code == 404
    client.force_login(outsider)
    assert client.get(detail(session)).status_code == 404
    assert list(client.get(LIST).context["page"]) == []
    assert not TrainingRecord.objects.exists() and session.participants.count() == 2


def test_list_and_detail_query_counts_are_constant(web_world, client, django_assert_num_queries):
    w = web_world
    client.force_login(w["fsco"])
    for n in (1, 6):
        people = [
            PersonFactory(organization=w["unicef"], duty_station=w["nairobi"]) for _ in range(n)
        ]
        for _ in range(n):
            session = scheduled(w, people=people)
        # session, user, the grants, COUNT, the page with course, station, trainer and
        # participant counts, the base template's two.
        with django_assert_num_queries(7):
            response = client.get(LIST)
        assert response.status_code == 200
        # session, user, the grants, the session, may the user change it, the participants,
        # the enrolment form's two choice lists, the base template's two.
        with django_assert_num_queries(10):
            response = client.get(detail(session))
        assert len(response.context["participants"]) == n
    assert SessionParticipant.objects.count() == 1 + 6 * 6
