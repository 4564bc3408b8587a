"""/api/v1/briefings/: the FSCO records arrival briefings, each person acknowledges in writing
for self and dependants (¶10(j), ¶22(c), ¶33)."""

import csv
import datetime as dt
import io

import pytest

from actors.tests.api_helpers import client_for, error_attrs, ids
from training.models import Briefing, BriefingAttendee
from training.tests.factories import course
from training.tests.test_api_fixtures import build_world, people_at

URL = "/api/v1/briefings/"
# A fixed day, and the clock frozen on it for each test: a date read at import disagreed
# with the code's own once a run crossed midnight UTC.
T = dt.date(2026, 6, 16)
pytestmark = [pytest.mark.django_db, pytest.mark.frozen_on(T)]


@pytest.fixture
def world(outsider):
    return build_world(outsider)


def body(w, **overrides) -> dict:
    return {
        "duty_station": w["nairobi"].pk,
        "given_on": T.isoformat(),
        "given_by": w["fsco"].person.pk,
        "version": "2026-11",
        "content": "Relocation routes, radio checks, curfew, the warden system.",
        "people": [w["alice"].person.pk, w["ben"].person.pk],
        "dependants": [w["child"].pk],
    } | overrides


@pytest.fixture
def briefing(world):
    response = client_for(world["fsco"]).post(URL, body(world))
    assert response.status_code == 201, response.content
    world["briefing"] = response.json()
    world["rows"] = {
        (a.person_id, a.dependant_id): a.pk
        for a in BriefingAttendee.objects.filter(briefing_id=world["briefing"]["id"])
    }
    return world


def attendee(w, key, dependant=None) -> int:
    return w["rows"][(w[key].person.pk, dependant.pk if dependant else None)]


def test_the_fsco_records_a_briefing_with_its_attendees(briefing):
    w = briefing
    row = w["briefing"]
    assert (row["course_code"], row["version"], row["given_by"]) == (
        "BRIEF",
        "2026-11",
        w["fsco"].person.pk,
    )
    assert (row["attendees_count"], row["acknowledged_count"]) == (3, 0)
    assert (row["organization"], row["duty_station_name"]) == (w["undp"].pk, "Nairobi")
    detail = client_for(w["fsco"]).get(f"{URL}{row['id']}/").json()
    assert {(a["person"], a["dependant"]) for a in detail["attendees"]} == set(w["rows"])
    assert all(a["acknowledged_at"] is None for a in detail["attendees"])


def test_who_sees_a_briefing_and_which_attendees(briefing):
    w = briefing
    url = f"{URL}{w['briefing']['id']}/"
    # alice was briefed: she sees her own and her child's rows.
    rows = client_for(w["alice"]).get(url).json()["attendees"]
    assert {(a["person"], a["dependant"]) for a in rows} == {
        (w["alice"].person.pk, None),
        (w["alice"].person.pk, w["child"].pk),
    }
    # UNICEF's focal point sees the station's briefings and its own people in them.
    rows = client_for(w["cfp"]).get(url).json()["attendees"]
    assert [a["person"] for a in rows] == [w["ben"].person.pk]
    for user in ("outsider", "carl", "hq"):
        assert client_for(w[user]).get(url).status_code == 404, user
        assert ids(client_for(w[user]).get(URL)) == set(), user


def test_each_person_acknowledges_in_writing_for_self_and_dependants(briefing):
    w = briefing
    alice = client_for(w["alice"])
    url = f"{URL}{w['briefing']['id']}/acknowledge/"
    response = alice.post(url, {"attendee": attendee(w, "alice")})
    assert response.status_code == 200
    row = response.json()
    assert row["acknowledged_at"] and row["acknowledged_by"] == w["alice"].pk
    assert row["record"] is not None
    response = alice.post(url, {"attendee": attendee(w, "alice", w["child"])})
    assert response.status_code == 200 and response.json()["dependant"] == w["child"].pk
    # Again: nothing changes (the first acknowledgement stands).
    again = alice.post(url, {"attendee": attendee(w, "alice")}).json()
    assert again["acknowledged_at"] == row["acknowledged_at"]
    assert (
        client_for(w["fsco"]).get(f"{URL}{w['briefing']['id']}/").json()["acknowledged_count"] == 2
    )
    # The briefing requirement is met (¶33).
    requirement = alice.get(
        "/api/v1/training-requirements/", {"course_kind": "arrival_briefing"}
    ).json()["results"]
    assert [r["status"] for r in requirement] == ["compliant"]


def test_no_one_acknowledges_for_someone_else(briefing):
    w = briefing
    url = f"{URL}{w['briefing']['id']}/acknowledge/"
    for user in ("alice", "fsco"):
        response = client_for(w[user]).post(url, {"attendee": attendee(w, "ben")})
        assert response.status_code == 400 and error_attrs(response) == {"attendee"}
    response = client_for(w["ben"]).post(url, {})
    assert response.status_code == 400 and error_attrs(response) == {"attendee"}
    # A briefing one may not see: 404, whatever the body.
    response = client_for(w["outsider"]).post(url, {"attendee": attendee(w, "ben")})
    assert response.status_code == 404
    assert not BriefingAttendee.objects.filter(acknowledged_at__isnull=False).exists()


def test_recording_a_briefing_names_each_problem(world):
    w = world
    fsco = client_for(w["fsco"])
    response = fsco.post(URL, {})
    assert response.status_code == 400
    assert error_attrs(response) == {"duty_station", "given_on", "given_by", "version", "content"}
    future = (T + dt.timedelta(days=1)).isoformat()
    response = fsco.post(URL, body(w, given_on=future))
    assert error_attrs(response) == {"given_on"}
    response = fsco.post(URL, body(w, people=[], dependants=[]))
    assert error_attrs(response) == {"people"}
    response = fsco.post(URL, body(w, course=course("BSITF").pk))
    assert error_attrs(response) == {"course"}
    # People one may not see (carl at Kisumu) are "does not exist".
    response = fsco.post(URL, body(w, people=[w["carl"].person.pk]))
    assert error_attrs(response) == {"people"}
    # Only those who train at the station brief there.
    cfp = w["cfp"].person.pk
    response = client_for(w["cfp"]).post(
        URL, body(w, given_by=cfp, people=[w["ben"].person.pk], dependants=[])
    )
    assert response.status_code == 400 and error_attrs(response) == {"duty_station"}
    response = fsco.post(URL, body(w, duty_station=w["kisumu"].pk, people=[], dependants=[]))
    assert error_attrs(response) == {"duty_station"}
    assert not Briefing.objects.exists()


def test_briefing_queries_are_constant(briefing, django_assert_num_queries):
    w = briefing
    url = f"{URL}{w['briefing']['id']}/"

    def check():
        for user in ("fsco", "alice", "cfp", "outsider"):
            client = client_for(w[user])
            for params in ({"page_size": 1}, {"page_size": 100}, {"format": "csv"}):
                # 1 token + user, 1 grants, 1 page with the attendee counts.
                with django_assert_num_queries(3):
                    assert client.get(URL, params).status_code == 200
        for user in ("fsco", "alice"):
            client = client_for(w[user])
            # 1 token + user, 1 grants, 1 row, 1 attendees one may see.
            with django_assert_num_queries(4):
                assert client.get(url).status_code == 200

    check()
    more = [p.pk for p in people_at(w["nairobi"], w["unicef"], 10)]
    fsco = client_for(w["fsco"])
    for _ in range(3):
        assert fsco.post(URL, body(w, people=more, dependants=[])).status_code == 201
    check()


def test_csv_export_of_briefings(briefing):
    response = client_for(briefing["fsco"]).get(URL, {"format": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    [row] = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert (row["version"], row["attendees_count"], row["duty_station_name"]) == (
        "2026-11",
        "3",
        "Nairobi",
    )
