"""Appointments outside the ASC/warden workflow: DO ad interim (¶8(b)), FSCO/FSCA by UNSECOORD,
Country Security Focal Point (annex ¶24), agency security officers cleared by UNSECOORD
(annex ¶12) and SMT deputies (annex ¶22); services and their /api/v1/ endpoints."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from accountability.core import scoping
from accountability.core.history import event_model
from actors import models as m
from actors.tests.api_helpers import client_for, error_attrs
from actors.tests.factories import (
    CountryFactory,
    DutyStationFactory,
    PersonFactory,
    UserFactory,
    appoint,
    role,
    user_with_role,
)
from appointments.models import Appointment, AppointmentStatus
from appointments.services import designations
from appointments.services.appointments import appointment_create

S = AppointmentStatus
# A fixed day, and the clock frozen on it for each test: a date read at import disagreed
# with the code's own once a run crossed midnight UTC.
TODAY = dt.date(2026, 6, 16)
pytestmark = [pytest.mark.django_db, pytest.mark.frozen_on(TODAY)]


def fields_of(excinfo) -> set:
    return set(excinfo.value.message_dict)


@pytest.fixture
def w(station_world):
    root = m.User.objects.get(is_superuser=True)  # made by the fixture's appoint()
    unsecoord_org = root.organization
    station_world["root"] = root
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


def recommend(w, **kwargs):
    kwargs.setdefault("person", w["candidate"])
    kwargs.setdefault("country", w["country"])
    kwargs.setdefault("start_date", TODAY)
    kwargs.setdefault("end_date", TODAY + dt.timedelta(days=30))
    return designations.do_interim_recommend(actor=kwargs.pop("actor", w["do"]), **kwargs)


# --- DO ad interim (¶8(b)) -------------------------------------------------------------------


def test_do_recommends_and_unsecoord_approves_an_acting_do(w):
    appointment = recommend(w)
    assert appointment.status == S.DRAFT
    assert appointment.is_ad_interim and appointment.role.code == "designated_official"
    assert appointment.nominated_by == w["do"]
    designations.do_interim_approve(actor=w["coordinator"], appointment=appointment)
    appointment.refresh_from_db()
    assert appointment.status == S.ACTIVE
    assert appointment.decided_by == w["coordinator"] and appointment.decided_at
    # Audited by the database triggers: an event per change of state.
    statuses = list(
        event_model(Appointment)
        .objects.filter(pgh_obj_id=appointment.pk)
        .order_by("pgh_id")
        .values_list("status", flat=True)
    )
    assert statuses[0] == "draft" and statuses[-1] == "active" and "pending" in statuses


def test_future_interim_is_pending_until_its_start(w):
    appointment = recommend(w, start_date=TODAY + dt.timedelta(days=5))
    designations.do_interim_approve(actor=w["coordinator"], appointment=appointment)
    appointment.refresh_from_db()
    assert appointment.status == S.PENDING


@pytest.mark.parametrize("who", ["fsco", "smt1", "other_do", "nominee_user"])
def test_only_the_country_do_recommends(w, who):
    actor = w["nominee"].user if who == "nominee_user" else w[who]
    with pytest.raises(ValidationError) as excinfo:
        recommend(w, actor=actor)
    assert fields_of(excinfo) == {"country"}


def test_recommendation_rules(w):
    with pytest.raises(ValidationError) as excinfo:
        recommend(w, start_date=TODAY - dt.timedelta(days=1))
    assert fields_of(excinfo) == {"start_date"}
    with pytest.raises(ValidationError) as excinfo:
        recommend(w, end_date=TODAY - dt.timedelta(days=1), start_date=TODAY)
    assert fields_of(excinfo) == {"end_date"}
    elsewhere = PersonFactory(organization=w["unicef"], duty_station=DutyStationFactory())
    with pytest.raises(ValidationError) as excinfo:
        recommend(w, person=elsewhere)
    assert fields_of(excinfo) == {"scope"}
    do_person = m.Person.objects.get(user=w["do"])
    with pytest.raises(ValidationError) as excinfo:
        recommend(w, person=do_person)
    assert fields_of(excinfo) == {"person"}
    recommend(w)
    with pytest.raises(ValidationError) as excinfo:
        recommend(w)
    assert fields_of(excinfo) == {"person"}


@pytest.mark.parametrize("who", ["do", "hq_unicef", "fsco"])
def test_only_unsecoord_decides(w, who):
    appointment = recommend(w)
    with pytest.raises(ValidationError) as excinfo:
        designations.do_interim_approve(actor=w[who], appointment=appointment)
    assert fields_of(excinfo) == {"decision"}
    with pytest.raises(ValidationError) as excinfo:
        designations.do_interim_reject(actor=w[who], appointment=appointment, reason="No")
    assert fields_of(excinfo) == {"decision"}
    appointment.refresh_from_db()
    assert appointment.status == S.DRAFT


def test_only_one_acting_do_at_a_time_per_country(w):
    first = recommend(w)
    second_person = PersonFactory(organization=w["undp"], duty_station=w["capital"])
    second = recommend(w, person=second_person, start_date=TODAY + dt.timedelta(days=10))
    designations.do_interim_approve(actor=w["coordinator"], appointment=first)
    with pytest.raises(ValidationError) as excinfo:
        designations.do_interim_approve(actor=w["coordinator"], appointment=second)
    assert fields_of(excinfo) == {"scope"}
    # After the first acting period, another may act.
    later = recommend(
        w,
        person=second_person,
        start_date=TODAY + dt.timedelta(days=31),
        end_date=TODAY + dt.timedelta(days=40),
    )
    designations.do_interim_approve(actor=w["coordinator"], appointment=later)
    assert Appointment.objects.get(pk=later.pk).status == S.PENDING


def test_reject_needs_a_reason_and_illegal_moves_name_status(w):
    appointment = recommend(w)
    with pytest.raises(ValidationError) as excinfo:
        designations.do_interim_reject(actor=w["coordinator"], appointment=appointment, reason=" ")
    assert fields_of(excinfo) == {"reason"}
    designations.do_interim_reject(
        actor=w["coordinator"], appointment=appointment, reason="Too junior"
    )
    appointment.refresh_from_db()
    assert appointment.status == S.REJECTED and appointment.decision_reason == "Too junior"
    for move in (designations.do_interim_approve, designations.do_interim_reject):
        with pytest.raises(ValidationError) as excinfo:
            move(
                actor=w["coordinator"],
                appointment=appointment,
                **({"reason": "x"} if move is designations.do_interim_reject else {}),
            )
        assert fields_of(excinfo) == {"status"}


def test_interim_services_refuse_other_appointments(w):
    fsco_appointment = Appointment.objects.get(person__user=w["fsco"])
    with pytest.raises(ValidationError) as excinfo:
        designations.do_interim_approve(actor=w["coordinator"], appointment=fsco_appointment)
    assert fields_of(excinfo) == {"appointment"}


# --- FSCO, deputy/assistant FSCO, FSCA: UNSECOORD appoints --------------------------------


@pytest.mark.parametrize("role_code", ["fsco", "fsca"])
def test_unsecoord_appoints_fsco_and_fsca_hq_focal_points_cannot(w, role_code):
    person = PersonFactory(organization=w["unicef"], duty_station=w["capital"])
    with pytest.raises(ValidationError) as excinfo:
        appointment_create(
            actor=w["hq_unicef"],
            person=person,
            role=role(role_code),
            scope=w["capital"],
            start_date=TODAY,
        )
    assert fields_of(excinfo) == {"role"}
    appointment = appointment_create(
        actor=w["coordinator"],
        person=person,
        role=role(role_code),
        scope=w["capital"],
        start_date=TODAY,
    )
    assert appointment.status == S.ACTIVE and appointment.appointed_by == w["coordinator"]


# --- Agency security officers (annex ¶12) --------------------------------------------------


def propose_aso(w, start=TODAY):
    person = PersonFactory(organization=w["unicef"], duty_station=w["capital"])
    return appointment_create(
        actor=w["hq_unicef"],
        person=person,
        role=role("agency_security_officer"),
        scope=w["capital"],
        start_date=start,
    )


def test_aso_proposed_by_hq_waits_for_unsecoord_clearance(w):
    appointment = propose_aso(w)
    assert appointment.status == S.DRAFT and appointment.nominated_by == w["hq_unicef"]
    assert not m.DutyStationUserObjectPermission.objects.filter(
        user__person=appointment.person
    ).exists()
    with pytest.raises(ValidationError) as excinfo:
        designations.aso_clear(actor=w["hq_unicef"], appointment=appointment)
    assert fields_of(excinfo) == {"decision"}
    designations.aso_clear(actor=w["coordinator"], appointment=appointment)
    appointment.refresh_from_db()
    assert appointment.status == S.ACTIVE and appointment.decided_by == w["coordinator"]
    with pytest.raises(ValidationError) as excinfo:
        designations.aso_clear(actor=w["coordinator"], appointment=appointment)
    assert fields_of(excinfo) == {"status"}


def test_aso_future_clearance_is_pending_and_refusal_needs_reason(w):
    future = propose_aso(w, start=TODAY + dt.timedelta(days=3))
    designations.aso_clear(actor=w["coordinator"], appointment=future)
    assert Appointment.objects.get(pk=future.pk).status == S.PENDING
    refused = propose_aso(w)
    with pytest.raises(ValidationError) as excinfo:
        designations.aso_refuse(actor=w["coordinator"], appointment=refused, reason="")
    assert fields_of(excinfo) == {"reason"}
    designations.aso_refuse(actor=w["coordinator"], appointment=refused, reason="Not cleared")
    assert Appointment.objects.get(pk=refused.pk).status == S.REJECTED


def test_aso_appointed_by_unsecoord_needs_no_clearance(w):
    person = PersonFactory(organization=w["unicef"], duty_station=w["capital"])
    appointment = appointment_create(
        actor=w["coordinator"],
        person=person,
        role=role("agency_security_officer"),
        scope=w["capital"],
        start_date=TODAY,
    )
    assert appointment.status == S.ACTIVE


def test_aso_services_refuse_other_roles(w):
    appointment = recommend(w)
    with pytest.raises(ValidationError) as excinfo:
        designations.aso_clear(actor=w["coordinator"], appointment=appointment)
    assert fields_of(excinfo) == {"role"}


# --- Country Security Focal Point (annex ¶24) ----------------------------------------------


def test_representative_names_a_focal_point_and_stays_accountable(w):
    appointment = designations.focal_point_name(
        actor=w["rep"], person=w["candidate"], scope=w["country"], start_date=TODAY
    )
    assert appointment.status == S.ACTIVE and appointment.appointed_by == w["rep"]
    assert appointment.role.code == "country_focal_point"
    rep_appointment = Appointment.objects.get(person__user=w["rep"])
    assert rep_appointment.status == S.ACTIVE  # the representative keeps its role
    with pytest.raises(ValidationError) as excinfo:
        designations.focal_point_name(
            actor=w["rep"],
            person=PersonFactory(organization=w["unicef"], duty_station=w["capital"]),
            scope=w["capital"],
            start_date=TODAY,
        )
    assert fields_of(excinfo) == {"scope"}


def test_focal_point_rules(w):
    undp_person = PersonFactory(organization=w["undp"], duty_station=w["capital"])
    with pytest.raises(ValidationError) as excinfo:
        designations.focal_point_name(
            actor=w["rep"], person=undp_person, scope=w["capital"], start_date=TODAY
        )
    assert fields_of(excinfo) == {"person"}
    for who in ("smt2", "do", "hq_unicef"):
        with pytest.raises(ValidationError) as excinfo:
            designations.focal_point_name(
                actor=w[who], person=w["candidate"], scope=w["capital"], start_date=TODAY
            )
        assert fields_of(excinfo) == {"scope"}, who
    other_country_station = DutyStationFactory()
    with pytest.raises(ValidationError) as excinfo:
        designations.focal_point_name(
            actor=w["rep"], person=w["candidate"], scope=other_country_station, start_date=TODAY
        )
    assert fields_of(excinfo) == {"scope"}
    # Another organization's focal point at the same station is no conflict.
    undp_rep = user_with_role(
        "country_representative", w["capital"], organization=w["undp"], username="rep.undp"
    )
    designations.focal_point_name(
        actor=undp_rep, person=undp_person, scope=w["capital"], start_date=TODAY
    )
    designations.focal_point_name(
        actor=w["rep"], person=w["candidate"], scope=w["capital"], start_date=TODAY
    )


# --- SMT deputies (annex ¶22) --------------------------------------------------------------


def test_representative_names_a_deputy_to_sit_in(w):
    rep_appointment = Appointment.objects.get(person__user=w["smt2"])
    deputy = PersonFactory(organization=w["unicef"], duty_station=w["capital"])
    start, end = TODAY, TODAY + dt.timedelta(days=14)
    appointment = designations.smt_deputy_sit_in(
        actor=w["smt2"],
        representative_appointment=rep_appointment,
        deputy=deputy,
        start_date=start,
        end_date=end,
    )
    assert appointment.role.code == "smt" and appointment.scope_duty_station == w["capital"]
    assert appointment.status == S.ACTIVE and appointment.end_date == end
    assert str(rep_appointment.person) in appointment.decision_reason
    with pytest.raises(ValidationError) as excinfo:
        designations.smt_deputy_sit_in(
            actor=w["smt2"],
            representative_appointment=rep_appointment,
            deputy=deputy,
            start_date=start,
            end_date=end,
        )
    assert fields_of(excinfo) == {"deputy"}
    # The HQ focal point of the organization may name one too, for later dates.
    later = designations.smt_deputy_sit_in(
        actor=w["hq_unicef"],
        representative_appointment=rep_appointment,
        deputy=deputy,
        start_date=TODAY + dt.timedelta(days=20),
        end_date=TODAY + dt.timedelta(days=25),
    )
    assert later.status == S.PENDING


def test_deputy_rules(w):
    rep_appointment = Appointment.objects.get(person__user=w["smt2"])
    kwargs = {
        "representative_appointment": rep_appointment,
        "start_date": TODAY,
        "end_date": TODAY + dt.timedelta(days=3),
    }
    undp_deputy = PersonFactory(organization=w["undp"], duty_station=w["capital"])
    with pytest.raises(ValidationError) as excinfo:
        designations.smt_deputy_sit_in(actor=w["smt2"], deputy=undp_deputy, **kwargs)
    assert fields_of(excinfo) == {"deputy"}
    far = PersonFactory(organization=w["unicef"], duty_station=w["field"])
    with pytest.raises(ValidationError) as excinfo:
        designations.smt_deputy_sit_in(actor=w["smt2"], deputy=far, **kwargs)
    assert fields_of(excinfo) == {"deputy"}
    deputy = PersonFactory(organization=w["unicef"], duty_station=w["capital"])
    for who in ("smt1", "do", "rep"):
        with pytest.raises(ValidationError) as excinfo:
            designations.smt_deputy_sit_in(actor=w[who], deputy=deputy, **kwargs)
        assert fields_of(excinfo) == {"representative_appointment"}, who
    fsco_appointment = Appointment.objects.get(person__user=w["fsco"])
    with pytest.raises(ValidationError) as excinfo:
        designations.smt_deputy_sit_in(
            actor=w["root"],
            deputy=deputy,
            **{**kwargs, "representative_appointment": fsco_appointment},
        )
    assert fields_of(excinfo) == {"representative_appointment"}
    with pytest.raises(ValidationError) as excinfo:
        designations.smt_deputy_sit_in(
            actor=w["smt2"], deputy=deputy, **{**kwargs, "end_date": TODAY - dt.timedelta(days=1)}
        )
    assert fields_of(excinfo) == {"end_date"}


# --- The API --------------------------------------------------------------------------------


def test_api_interim_recommend_approve_reject(w, outsider):
    body = {
        "person": w["candidate"].pk,
        "country": w["country"].pk,
        "start_date": TODAY.isoformat(),
    }
    response = client_for(w["do"]).post("/api/v1/interim-designated-officials/", body)
    assert response.status_code == 201, response.content
    row = response.json()
    assert row["status"] == "draft" and row["is_ad_interim"] is True
    pk = row["id"]
    # The DO sees it but may not decide: 400 naming the field; an outsider gets 404.
    response = client_for(w["do"]).post(f"/api/v1/interim-designated-officials/{pk}/approve/")
    assert response.status_code == 400 and error_attrs(response) == {"decision"}
    response = client_for(outsider).post(f"/api/v1/interim-designated-officials/{pk}/approve/")
    assert response.status_code == 404
    response = client_for(w["other_do"]).post(
        f"/api/v1/interim-designated-officials/{pk}/reject/", {"reason": "x"}
    )
    assert response.status_code == 404
    response = client_for(w["coordinator"]).post(
        f"/api/v1/interim-designated-officials/{pk}/approve/"
    )
    assert response.status_code == 200 and response.json()["status"] == "active"
    response = client_for(w["coordinator"]).post(
        f"/api/v1/interim-designated-officials/{pk}/reject/", {"reason": "late"}
    )
    assert response.status_code == 400 and error_attrs(response) == {"status"}
    # Another recommendation from someone else than the DO: 400 naming country.
    response = client_for(w["fsco"]).post("/api/v1/interim-designated-officials/", body)
    assert response.status_code == 400 and error_attrs(response) == {"country"}
    # A non-interim appointment is not found under this endpoint.
    fsco_pk = Appointment.objects.get(person__user=w["fsco"]).pk
    response = client_for(w["coordinator"]).post(
        f"/api/v1/interim-designated-officials/{fsco_pk}/approve/"
    )
    assert response.status_code == 404


def test_api_security_officer_clear_and_refuse(w, outsider):
    first, second = propose_aso(w), propose_aso(w)
    url = "/api/v1/security-officers/{}/{}/"
    assert client_for(outsider).post(url.format(first.pk, "clear")).status_code == 404
    response = client_for(w["hq_unicef"]).post(url.format(first.pk, "clear"))
    assert response.status_code == 400 and error_attrs(response) == {"decision"}
    response = client_for(w["coordinator"]).post(url.format(first.pk, "clear"))
    assert response.status_code == 200 and response.json()["status"] == "active"
    response = client_for(w["coordinator"]).post(url.format(second.pk, "refuse"), {"reason": ""})
    assert response.status_code == 400 and error_attrs(response) == {"reason"}
    response = client_for(w["coordinator"]).post(
        url.format(second.pk, "refuse"), {"reason": "Not cleared"}
    )
    assert response.status_code == 200 and response.json()["status"] == "rejected"


def test_api_focal_point_and_smt_deputy(w, outsider):
    body = {
        "person": w["candidate"].pk,
        "scope_kind": "duty_station",
        "scope_id": w["capital"].pk,
        "start_date": TODAY.isoformat(),
    }
    response = client_for(w["rep"]).post("/api/v1/focal-points/", body)
    assert response.status_code == 201, response.content
    assert response.json()["role_code"] == "country_focal_point"
    # The outsider cannot even name the person (not visible): 400 on person.
    response = client_for(outsider).post("/api/v1/focal-points/", body)
    assert response.status_code == 400 and "person" in error_attrs(response)

    rep_appointment = Appointment.objects.get(person__user=w["smt2"])
    deputy = PersonFactory(organization=w["unicef"], duty_station=w["capital"])
    body = {
        "representative_appointment": rep_appointment.pk,
        "deputy": deputy.pk,
        "start_date": TODAY.isoformat(),
        "end_date": (TODAY + dt.timedelta(days=7)).isoformat(),
    }
    response = client_for(outsider).post("/api/v1/smt-deputies/", body)
    assert response.status_code == 400
    assert error_attrs(response) == {"representative_appointment", "deputy"}
    response = client_for(w["smt2"]).post("/api/v1/smt-deputies/", body)
    assert response.status_code == 201, response.content
    assert response.json()["role_code"] == "smt" and response.json()["status"] == "active"
    # The deputy's login now sits on the SMT: consult rights on the station.
    deputy_user = UserFactory(organization=w["unicef"], username="deputy")
    deputy.user = deputy_user
    deputy.save()
    scoping.sync_rights(deputy_user)
    assert scoping.holds_on_station(deputy_user, "consult", w["capital"])


def test_outsider_country_do_cannot_recommend_here(w):
    other_country = CountryFactory()
    person = PersonFactory(duty_station=DutyStationFactory(country=other_country))
    appoint(person, "designated_official", other_country)
    with pytest.raises(ValidationError) as excinfo:
        recommend(w, actor=w["other_do"])
    assert fields_of(excinfo) == {"country"}
