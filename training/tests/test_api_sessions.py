"""/api/v1/training-sessions/: in-person sessions, participants and attendance, which records
each attendee's completion (annex ¶26; ¶30, ¶31: the FSCO trains)."""

import csv
import datetime as dt
import io

import pytest

from actors.tests.api_helpers import client_for, error_attrs, ids
from training.models import SessionParticipant, TrainingRecord, TrainingSession
from training.tests.factories import course
from training.tests.test_api_fixtures import build_world, people_at

URL = "/api/v1/training-sessions/"
# A fixed day, and the clock frozen on it for each test: a date read at import disagreed
# with the code's own once a run crossed midnight UTC.
T = dt.date(2026, 6, 16)
pytestmark = [pytest.mark.django_db, pytest.mark.frozen_on(T)]


@pytest.fixture
def world(outsider):
    return build_world(outsider)


def body(w, **overrides) -> dict:
    return {
        "course": course("WARDEN").pk,
        "duty_station": w["nairobi"].pk,
        "trainer": w["fsco"].person.pk,
        "held_on": T.isoformat(),
        "place": "UN compound, room 4",
    } | overrides


@pytest.fixture
def session(world):
    fsco = client_for(world["fsco"])
    response = fsco.post(URL, body(world))
    assert response.status_code == 201, response.content
    row = response.json()
    response = fsco.post(
        f"{URL}{row['id']}/participants/",
        {"people": [world["alice"].person.pk, world["ben"].person.pk], "dependants": []},
    )
    assert response.status_code == 200, response.content
    world["session"] = response.json()
    world["participants"] = {p["person"]: p["id"] for p in world["session"]["participants"]}
    return world


def test_the_fsco_plans_a_session_and_enrols_people(session):
    w = session
    row = w["session"]
    assert (row["course_code"], row["duty_station_name"], row["trainer"]) == (
        "WARDEN",
        "Nairobi",
        w["fsco"].person.pk,
    )
    assert (row["organization_code"], row["place"], row["attendance_marked_at"]) == (
        "undp",
        "UN compound, room 4",
        None,
    )
    assert (row["participants_count"], row["attended_count"]) == (2, 0)
    assert set(w["participants"]) == {w["alice"].person.pk, w["ben"].person.pk}
    # Enrolling again adds no one twice; a dependant may take part too.
    response = client_for(w["fsco"]).post(
        f"{URL}{row['id']}/participants/",
        {"people": [w["alice"].person.pk], "dependants": [w["child"].pk]},
    )
    assert response.status_code == 200 and response.json()["participants_count"] == 3


def test_marking_attendance_records_the_completions(session):
    w = session
    url = f"{URL}{w['session']['id']}/attendance/"
    alice, ben = w["participants"][w["alice"].person.pk], w["participants"][w["ben"].person.pk]
    response = client_for(w["fsco"]).post(url, {"attended": {alice: True, ben: False}})
    assert response.status_code == 200, response.content
    row = response.json()
    assert (row["records_created"], row["attended_count"]) == (1, 1)
    assert row["attendance_marked_at"]
    assert {p["person"]: p["attended"] for p in row["participants"]} == {
        w["alice"].person.pk: True,
        w["ben"].person.pk: False,
    }
    record = TrainingRecord.objects.get(person=w["alice"].person)
    assert (record.source, record.session_id, record.completed_on) == (
        "session",
        w["session"]["id"],
        T,
    )
    # Marking again records nothing twice.
    again = client_for(w["fsco"]).post(url, {"attended": {alice: True, ben: True}}).json()
    assert again["records_created"] == 1  # ben's, now present
    assert TrainingRecord.objects.filter(session_id=w["session"]["id"]).count() == 2


def test_the_trainer_and_the_agencys_hq_focal_point_run_their_sessions(world):
    w = world
    # UNDP's HQ focal point runs UNDP's sessions anywhere, with carl as the trainer.
    response = client_for(w["hq"]).post(
        URL, body(w, duty_station=w["kisumu"].pk, trainer=w["carl"].person.pk)
    )
    assert response.status_code == 201, response.content
    session_id = response.json()["id"]
    carl = client_for(w["carl"])
    response = carl.post(f"{URL}{session_id}/participants/", {"people": [w["carl"].person.pk]})
    assert response.status_code == 200
    [participant] = response.json()["participants"]
    response = carl.post(f"{URL}{session_id}/attendance/", {"attended": {participant["id"]: True}})
    assert response.status_code == 200 and response.json()["records_created"] == 1


def test_others_may_not_enrol_or_mark_attendance(session):
    w = session
    session_id = w["session"]["id"]
    alice_row = w["participants"][w["alice"].person.pk]
    # alice takes part and sees the session, but it is not hers to change.
    assert client_for(w["alice"]).get(f"{URL}{session_id}/").status_code == 200
    for user in ("alice", "cfp", "outsider", "carl"):
        client = client_for(w[user])
        response = client.post(f"{URL}{session_id}/attendance/", {"attended": {alice_row: True}})
        assert response.status_code == 404, user
        response = client.post(f"{URL}{session_id}/participants/", {"people": [w[user].person.pk]})
        assert response.status_code == 404, user
    assert not TrainingRecord.objects.filter(session_id=session_id).exists()
    for user in ("outsider", "carl"):
        assert client_for(w[user]).get(f"{URL}{session_id}/").status_code == 404
        assert ids(client_for(w[user]).get(URL)) == set()


def test_planning_a_session_names_each_problem(world):
    w = world
    fsco = client_for(w["fsco"])
    response = fsco.post(URL, {})
    assert response.status_code == 400
    assert error_attrs(response) == {"course", "duty_station", "trainer", "held_on", "place"}
    response = fsco.post(URL, body(w, course=course("BSITF").pk))  # online: taken by test
    assert error_attrs(response) == {"course"}
    response = fsco.post(URL, body(w, trainer=w["carl"].person.pk))  # not visible to the FSCO
    assert error_attrs(response) == {"trainer"}
    response = fsco.post(URL, body(w, duty_station=w["kisumu"].pk))
    assert error_attrs(response) == {"duty_station"}
    response = client_for(w["cfp"]).post(URL, body(w, trainer=w["cfp"].person.pk))
    assert response.status_code == 400 and error_attrs(response) == {"duty_station"}
    assert not TrainingSession.objects.exists()


def test_enrolment_and_attendance_name_each_problem(session):
    w = session
    fsco = client_for(w["fsco"])
    session_id = w["session"]["id"]
    response = fsco.post(f"{URL}{session_id}/participants/", {})
    assert response.status_code == 400 and error_attrs(response) == {"people"}
    response = fsco.post(f"{URL}{session_id}/participants/", {"people": [w["carl"].person.pk]})
    assert error_attrs(response) == {"people"}
    url = f"{URL}{session_id}/attendance/"
    for attended in ({}, "everyone", {"x": True}, {"987654": True}):
        response = fsco.post(url, {"attended": attended})
        assert response.status_code == 400 and error_attrs(response) == {"attended"}, attended
    # A session still to come: attendance waits for the day.
    later = fsco.post(URL, body(w, held_on=(T + dt.timedelta(days=5)).isoformat())).json()
    fsco.post(f"{URL}{later['id']}/participants/", {"people": [w["alice"].person.pk]})
    participant = SessionParticipant.objects.get(session_id=later["id"])
    response = fsco.post(f"{URL}{later['id']}/attendance/", {"attended": {participant.pk: True}})
    assert response.status_code == 400 and error_attrs(response) == {"held_on"}


def test_session_queries_are_constant(session, django_assert_num_queries):
    w = session
    url = f"{URL}{w['session']['id']}/"

    def check():
        for user in ("fsco", "alice", "hq", "outsider"):
            client = client_for(w[user])
            for params in ({"page_size": 1}, {"page_size": 100}, {"format": "csv"}):
                # 1 token + user, 1 grants, 1 page with the participant counts.
                with django_assert_num_queries(3):
                    assert client.get(URL, params).status_code == 200
        for user in ("fsco", "alice"):
            client = client_for(w[user])
            # 1 token + user, 1 grants, 1 row, 1 participants one may see.
            with django_assert_num_queries(4):
                assert client.get(url).status_code == 200

    check()
    more = [p.pk for p in people_at(w["nairobi"], w["unicef"], 10)]
    fsco = client_for(w["fsco"])
    fsco.post(f"{URL}{w['session']['id']}/participants/", {"people": more})
    for _ in range(3):
        new = fsco.post(URL, body(w)).json()
        fsco.post(f"{URL}{new['id']}/participants/", {"people": more})
    check()


def test_csv_export_of_sessions(session):
    response = client_for(session["fsco"]).get(URL, {"format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    [row] = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert (row["course_code"], row["participants_count"]) == ("WARDEN", "2")
