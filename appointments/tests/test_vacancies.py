"""Vacancies (¶8, ¶10, ¶17, ¶19): areas without an ASC, zones without a warden or an
alternate, duty stations without a DO or an FSCO, scoped, in constant queries."""

import pytest
from rest_framework.test import APIClient

from actors.tests.api_helpers import client_for
from actors.tests.factories import (
    AreaFactory,
    DutyStationFactory,
    PersonFactory,
    WardenZoneFactory,
    appoint,
    unsecoord_org,
    user_with_role,
)
from appointments.selectors import vacancies

pytestmark = pytest.mark.django_db


def found(user) -> set:
    return {(row["kind"], row["name"], row["missing"]) for row in vacancies(user)}


def test_vacancies_of_the_do_fsco_and_outsider(station_world, outsider):
    w = station_world
    kenya = {
        ("area", "Coast", "area_coordinator"),
        ("zone", "Gigiri", "warden"),
        ("zone", "Gigiri", "alternate"),
        ("duty_station", "Mombasa", "fsco"),
    }
    # The DO (country): all of Kenya; Nairobi has its DO (by country) and its FSCO.
    assert found(w["do"]) == kenya
    # The FSCO and an SMT member of Nairobi: its zones, and the areas its DO decides on.
    capital_view = kenya - {("duty_station", "Mombasa", "fsco")}
    assert found(w["fsco"]) == capital_view
    assert found(w["smt1"]) == capital_view
    # The other country's DO sees its own station only (no FSCO there), never Kenya's.
    assert {(k, m) for k, _n, m in found(w["other_do"])} == {("duty_station", "fsco")}
    assert found(outsider) == set() and found(w["nominee"].user) == set()
    row = next(r for r in vacancies(w["do"]) if r["kind"] == "zone")
    assert row["duty_station"] == w["capital"].pk and row["duty_station_name"] == "Nairobi"
    assert row["country"] == w["country"].pk and row["country_name"] == "Kenya"


def test_filled_posts_leave_the_list(station_world):
    w = station_world
    zone_person = PersonFactory(duty_station=w["capital"])
    appoint(zone_person, "warden", w["zone"])
    assert ("zone", "Gigiri", "warden") not in found(w["do"])
    assert ("zone", "Gigiri", "alternate") in found(w["do"])
    alternate = appoint(PersonFactory(duty_station=w["capital"]), "warden", w["zone"])
    alternate.is_alternate = True  # the factory's service appoints principals only
    alternate.save(update_fields=["is_alternate"])
    appoint(PersonFactory(duty_station=w["field"]), "area_coordinator", w["area"])
    appoint(PersonFactory(duty_station=w["field"]), "fsco", w["field"])
    assert found(w["do"]) == set()
    # An ended appointment leaves its post vacant again.
    from appointments.services.appointments import appointment_end

    appointment_end(actor=w["do"], appointment=zone_person.appointments.get(), reason="Left")
    assert found(w["do"]) == {("zone", "Gigiri", "warden")}


def test_unsecoord_sees_every_country(station_world):
    w = station_world
    unsecoord = user_with_role("unsecoord_inspector", unsecoord_org(), organization=unsecoord_org())
    countries = {row["country"] for row in vacancies(unsecoord)}
    assert {w["country"].pk, w["other_do"].person.duty_station.country_id} <= countries


def add_structure(w, n: int) -> None:
    for _ in range(n):
        zone = WardenZoneFactory(duty_station=w["capital"])
        appoint(PersonFactory(duty_station=w["capital"]), "warden", zone)
        area = AreaFactory(country=w["country"])
        station = DutyStationFactory(country=w["country"], area=area)
        appoint(PersonFactory(duty_station=station), "fsco", station)


def test_api_scoped_csv_and_constant_queries(station_world, outsider, django_assert_num_queries):
    # 1 token and user, 1 grants; then 3 (areas, zones, stations) for a user who sees some
    # structure, none for one who sees none.
    w = station_world
    sizes = []
    for n in (0, 10):
        add_structure(w, n)
        for user, expected in ((w["do"], 5), (w["fsco"], 5), (outsider, 2)):
            client = client_for(user)
            with django_assert_num_queries(expected):
                response = client.get("/api/v1/vacancies/")
            assert response.status_code == 200, response.content
        sizes.append(client_for(w["do"]).get("/api/v1/vacancies/").json()["count"])
    assert sizes[1] > sizes[0]
    body = client_for(w["do"]).get("/api/v1/vacancies/").json()
    assert body["count"] == len(body["results"])
    assert client_for(outsider).get("/api/v1/vacancies/").json() == {"count": 0, "results": []}
    csv = client_for(w["do"]).get("/api/v1/vacancies/", {"format": "csv"})
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    header = csv.content.decode().splitlines()[0]
    assert header == "kind,id,name,country,country_name,duty_station,duty_station_name,missing"
    assert APIClient().get("/api/v1/vacancies/").status_code in (401, 403)
