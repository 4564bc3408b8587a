"""The web pages of the appointments outside the ASC/warden workflow
(appointments.views.designations):
UNSECOORD's decisions on DO ad interim recommendations (¶8(b)) and agency security officers
(annex ¶12), the DO's recommendation, the country representative's focal point (annex ¶24) and
SMT deputy (annex ¶22)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from actors import models as m
from actors.tests.factories import PersonFactory, role, user_with_role
from appointments.models import Appointment, AppointmentStatus
from appointments.services import designations
from appointments.services.appointments import appointment_create

S = AppointmentStatus
# A fixed day, and the clock frozen on it for each test: a date read at import disagreed
# with the code's own once a run crossed midnight UTC.
TODAY = dt.date(2026, 6, 16)
pytestmark = [pytest.mark.django_db, pytest.mark.frozen_on(TODAY)]


DECISIONS = "appointments:unsecoord-decisions"


@pytest.fixture
def w(station_world, outsider):
    root = m.User.objects.get(is_superuser=True)  # made by the fixture's appoint()
    unsecoord_org = root.organization
    station_world["outsider"] = outsider
    station_world["coordinator"] = user_with_role(
        "unsecoord", unsecoord_org, organization=unsecoord_org, username="coordinator"
    )
    station_world["hq_unicef"] = user_with_role(
        "hq_focal_point",
        station_world["unicef"],
        organization=station_world["unicef"],
        username="hq.unicef",
    )
    station_world["candidate"] = PersonFactory(
        organization=station_world["unicef"], duty_station=station_world["capital"]
    )
    return station_world


def recommend(w, person=None, **kwargs):
    return designations.do_interim_recommend(
        actor=w["do"],
        person=person or PersonFactory(organization=w["unicef"], duty_station=w["capital"]),
        country=w["country"],
        start_date=kwargs.get("start_date", TODAY),
        end_date=kwargs.get("end_date", TODAY + dt.timedelta(days=30)),
    )


def propose_officer(w):
    person = PersonFactory(organization=w["unicef"], duty_station=w["capital"])
    return appointment_create(
        actor=w["hq_unicef"],
        person=person,
        role=role("agency_security_officer"),
        scope=w["capital"],
        start_date=TODAY,
    )


def page_messages(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def status(appointment) -> str:
    appointment.refresh_from_db()
    return appointment.status


def post(client, name, appointment, data=None):
    return client.post(
        reverse(f"appointments:{name}", args=[appointment.pk]), data or {}, follow=True
    )


# --- UNSECOORD's decisions ---------------------------------------------------------------------


def test_decisions_page_lists_interims_and_officers_for_unsecoord(client, w):
    interim = recommend(w)
    officer = propose_officer(w)
    decided = recommend(w)
    designations.do_interim_reject(actor=w["coordinator"], appointment=decided, reason="No.")
    client.force_login(w["coordinator"])
    response = client.get(reverse(DECISIONS))
    assert response.status_code == 200
    assert [a.pk for a in response.context["interims"]] == [interim.pk]
    assert [a.pk for a in response.context["officers"]] == [officer.pk]
    body = response.content.decode()
    assert reverse("appointments:interim-approve", args=[interim.pk]) in body
    assert reverse("appointments:officer-refuse", args=[officer.pk]) in body
    assert f'href="{reverse(DECISIONS)}"' in body  # linked in the navigation


@pytest.mark.parametrize("who", ["hq_unicef", "outsider", "do", "rep"])
def test_decisions_are_404_for_everyone_else(client, w, who):
    interim, officer = recommend(w), propose_officer(w)
    client.force_login(w[who])
    assert client.get(reverse(DECISIONS)).status_code == 404
    assert reverse(DECISIONS) not in client.get(reverse("dashboard")).content.decode()
    for name, appointment in (
        ("interim-approve", interim),
        ("interim-reject", interim),
        ("officer-clear", officer),
        ("officer-refuse", officer),
    ):
        url = reverse(f"appointments:{name}", args=[appointment.pk])
        assert client.post(url, {"reason": "r"}).status_code == 404
    assert status(interim) == S.DRAFT and status(officer) == S.DRAFT


def test_unsecoord_approves_and_rejects_an_interim(client, w):
    first, second = (
        recommend(w),
        recommend(
            w, start_date=TODAY + dt.timedelta(days=40), end_date=TODAY + dt.timedelta(days=50)
        ),
    )
    client.force_login(w["coordinator"])
    response = post(client, "interim-approve", first)
    assert response.redirect_chain[-1][0] == reverse(DECISIONS)
    assert status(first) == S.ACTIVE and first.decided_by == w["coordinator"]
    assert any("approved" in text for text in page_messages(response))
    response = post(client, "interim-reject", second, {"reason": "Another candidate."})
    assert status(second) == S.REJECTED and second.decision_reason == "Another candidate."


def test_illegal_interim_decisions_show_the_error_and_change_nothing(client, w):
    first, rival = recommend(w), recommend(w)
    client.force_login(w["coordinator"])
    post(client, "interim-approve", first)
    # Only one acting DO at a time per country (¶8(b)).
    response = post(client, "interim-approve", rival)
    assert status(rival) == S.DRAFT
    assert any("already has a DO ad interim" in text for text in page_messages(response))
    # A rejection needs a reason.
    response = post(client, "interim-reject", rival, {"reason": "  "})
    assert status(rival) == S.DRAFT
    assert "Give the reason for the decision." in page_messages(response)
    # Deciding twice.
    response = post(client, "interim-reject", first, {"reason": "Changed my mind."})
    assert status(first) == S.ACTIVE
    assert any("Cannot reject" in text for text in page_messages(response))
    # An officer is not an interim: the interim URLs do not find it.
    officer = propose_officer(w)
    assert (
        client.post(reverse("appointments:interim-approve", args=[officer.pk])).status_code == 404
    )
    assert status(officer) == S.DRAFT


def test_unsecoord_clears_and_refuses_officers(client, w):
    cleared, refused = propose_officer(w), propose_officer(w)
    client.force_login(w["coordinator"])
    response = post(client, "officer-clear", cleared)
    assert status(cleared) == S.ACTIVE
    assert any("cleared" in text for text in page_messages(response))
    response = post(client, "officer-refuse", refused, {"reason": ""})
    assert status(refused) == S.DRAFT
    assert "Give the reason for the decision." in page_messages(response)
    post(client, "officer-refuse", refused, {"reason": "Not cleared."})
    assert status(refused) == S.REJECTED
    response = post(client, "officer-clear", refused)
    assert status(refused) == S.REJECTED
    assert any("Cannot clear" in text for text in page_messages(response))
    interim = recommend(w)
    assert client.post(reverse("appointments:officer-clear", args=[interim.pk])).status_code == 404


def test_decisions_query_count_does_not_grow(client, w, django_assert_num_queries):
    """Session, user, the user's grants (UNSECOORD: appoint_anyone globally), the awaiting
    appointments (one SELECT with person, organization, role, nominator and scope joined), the
    header's organization, the header's unread count and rights: 6, with 2 or 12 of each
    kind."""
    client.force_login(w["coordinator"])
    for n in (2, 10):
        for _ in range(n):
            recommend(w)
            propose_officer(w)
        with django_assert_num_queries(6):
            response = client.get(reverse(DECISIONS))
        assert response.status_code == 200
        assert len(response.context["interims"]) == len(response.context["officers"])


# --- The DO recommends a DO ad interim -----------------------------------------------------------


def test_do_recommends_an_interim_from_the_country_page(client, w):
    url = reverse("appointments:interim-recommend", args=[w["country"].pk])
    client.force_login(w["do"])
    country_page = client.get(reverse("actors:country-detail", args=[w["country"].pk]))
    assert url in country_page.content.decode()
    assert url in client.get(reverse("dashboard")).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    people = response.context["form"].fields["person"].queryset
    assert w["candidate"] in people and w["field_nominee"] in people  # any agency, any station
    assert not people.filter(user=w["do"]).exists()
    end = TODAY + dt.timedelta(days=20)
    response = client.post(
        url,
        {"person": w["candidate"].pk, "start_date": TODAY.isoformat(), "end_date": end.isoformat()},
    )
    appointment = Appointment.objects.get(person=w["candidate"], role__code="designated_official")
    assert response.status_code == 302
    assert response["Location"] == reverse("appointments:appointment-detail", args=[appointment.pk])
    assert appointment.status == S.DRAFT and appointment.is_ad_interim
    assert appointment.nominated_by == w["do"] and appointment.end_date == end


def test_recommendation_errors_show_and_save_nothing(client, w):
    url = reverse("appointments:interim-recommend", args=[w["country"].pk])
    client.force_login(w["do"])
    response = client.post(
        url,
        {
            "person": w["candidate"].pk,
            "start_date": (TODAY - dt.timedelta(days=3)).isoformat(),
            "end_date": "",
        },
    )
    assert response.status_code == 400
    assert "The start date is in the past." in response.context["form"].errors["start_date"]
    assert not Appointment.objects.filter(person=w["candidate"]).exists()


@pytest.mark.parametrize("who", ["hq_unicef", "outsider", "fsco", "rep", "other_do"])
def test_recommendation_page_is_404_for_everyone_else(client, w, who):
    url = reverse("appointments:interim-recommend", args=[w["country"].pk])
    client.force_login(w[who])
    assert client.get(url).status_code == 404
    body = {"person": w["candidate"].pk, "start_date": TODAY.isoformat()}
    assert client.post(url, body).status_code == 404
    assert not Appointment.objects.filter(person=w["candidate"]).exists()
    page = client.get(reverse("actors:country-detail", args=[w["country"].pk]))
    assert url not in page.content.decode()


# --- The country representative: focal point and SMT deputy -------------------------------------


def test_representative_names_a_focal_point_from_the_station_page(client, w):
    url = reverse("appointments:focal-point-name", args=[w["capital"].pk])
    client.force_login(w["rep"])
    station_page = client.get(reverse("actors:duty-station-detail", args=[w["capital"].pk]))
    assert url in station_page.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    people = response.context["form"].fields["person"].queryset
    assert w["candidate"] in people  # UNICEF, the representative's own organization
    assert not people.exclude(organization=w["unicef"]).exists()
    response = client.post(
        url, {"person": w["candidate"].pk, "scope": "country", "start_date": TODAY.isoformat()}
    )
    appointment = Appointment.objects.get(person=w["candidate"], role__code="country_focal_point")
    assert response.status_code == 302
    assert appointment.status == S.ACTIVE and appointment.scope_country_id == w["country"].pk
    assert appointment.appointed_by == w["rep"]
    # A second one for the same place: the service's error on the form, nothing saved.
    second = PersonFactory(organization=w["unicef"], duty_station=w["capital"])
    response = client.post(
        url, {"person": second.pk, "scope": "duty_station", "start_date": TODAY.isoformat()}
    )
    assert response.status_code == 400
    errors = response.context["form"].errors["scope"]
    assert any("already has a focal point" in error for error in errors)
    assert not Appointment.objects.filter(person=second).exists()


def test_representative_names_an_smt_deputy(client, w):
    url = reverse("appointments:smt-deputy", args=[w["capital"].pk])
    client.force_login(w["rep"])
    station_page = client.get(reverse("actors:duty-station-detail", args=[w["capital"].pk]))
    assert url in station_page.content.decode()
    response = client.get(url)
    assert response.status_code == 200
    seats = list(response.context["form"].fields["representative_appointment"].queryset)
    assert [a.person.user_id for a in seats] == [w["rep"].pk]
    start, end = TODAY + dt.timedelta(days=2), TODAY + dt.timedelta(days=9)
    data = {
        "representative_appointment": seats[0].pk,
        "deputy": w["candidate"].pk,
        "start_date": start.isoformat(),
        "end_date": end.isoformat(),
    }
    # An absence that ends before it starts: the service's error, nothing saved.
    response = client.post(url, {**data, "end_date": (start - dt.timedelta(days=1)).isoformat()})
    assert response.status_code == 400
    assert "The end date is before the start date." in response.context["form"].errors["end_date"]
    assert not Appointment.objects.filter(person=w["candidate"]).exists()
    response = client.post(url, data)
    assert response.status_code == 302
    deputy = Appointment.objects.get(person=w["candidate"], role__code="smt")
    assert deputy.status == S.PENDING and deputy.scope_duty_station_id == w["capital"].pk
    assert (deputy.start_date, deputy.end_date) == (start, end)


@pytest.mark.parametrize("who", ["hq_unicef", "outsider", "do", "smt1"])
@pytest.mark.parametrize("name", ["focal-point-name", "smt-deputy"])
def test_representative_pages_are_404_for_everyone_else(client, w, who, name):
    url = reverse(f"appointments:{name}", args=[w["capital"].pk])
    client.force_login(w[who])
    assert client.get(url).status_code == 404
    body = {
        "person": w["candidate"].pk,
        "deputy": w["candidate"].pk,
        "scope": "duty_station",
        "start_date": TODAY.isoformat(),
        "end_date": (TODAY + dt.timedelta(days=3)).isoformat(),
    }
    assert client.post(url, body).status_code == 404
    assert not Appointment.objects.filter(person=w["candidate"]).exists()
    station_page = client.get(reverse("actors:duty-station-detail", args=[w["capital"].pk]))
    assert url not in station_page.content.decode()


def test_deputy_page_is_404_at_a_station_where_the_representative_does_not_sit(client, w):
    client.force_login(w["rep"])
    url = reverse("appointments:smt-deputy", args=[w["field"].pk])
    assert client.get(url).status_code == 404
