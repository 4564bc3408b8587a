"""Every /api/v1/ resource for an authorised role and for the outsider, who sees nothing of
another organization: 404 on its ids in the path, nothing for its ids in filters, and its ids
in a body rejected."""

import datetime as dt

import pytest

from actors import models as m
from actors.tests.api_helpers import build_world, client_for, error_attrs, ids
from actors.tests.factories import PersonFactory, superuser

# A fixed day, and the clock frozen on it for each test: a date read at import disagreed
# with the code's own once a run crossed midnight UTC.
TODAY = dt.date(2026, 6, 16)
pytestmark = [pytest.mark.django_db, pytest.mark.frozen_on(TODAY)]


@pytest.fixture
def world(outsider):
    return build_world(outsider)


# --- Reference data: every signed-in user reads it -------------------------------------------


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("/api/v1/organizations/", "a"),
        ("/api/v1/countries/", "country"),
        ("/api/v1/duty-stations/", "capital"),
        ("/api/v1/areas/", "area"),
        ("/api/v1/warden-zones/", "zone"),
    ],
)
def test_reference_lists_and_details(world, url, key):
    obj = world[key]
    for user in (world["hq_a"], world["outsider"]):
        client = client_for(user)
        listed = client.get(url, {"page_size": 500})
        assert listed.status_code == 200
        assert obj.pk in ids(listed)
        detail = client.get(f"{url}{obj.pk}/")
        assert detail.status_code == 200 and detail.json()["id"] == obj.pk


def test_roles_responsibilities_and_competencies(world):
    client = client_for(world["outsider"])
    roles = client.get("/api/v1/roles/", {"page_size": 100}).json()["results"]
    assert "designated_official" in {role["code"] for role in roles}
    warden = next(role for role in roles if role["code"] == "warden")
    assert client.get(f"/api/v1/roles/{warden['id']}/").json()["scope_kinds"] == ["zone"]
    for url in ("/api/v1/responsibilities/", "/api/v1/competencies/"):
        response = client.get(url, {"role": "designated_official"})
        assert response.status_code == 200
        assert {row["role_code"] for row in response.json()["results"]} <= {"designated_official"}
    response = client.get("/api/v1/responsibilities/", {"source": "report", "paragraph": 8})
    assert response.status_code == 200
    for row in response.json()["results"]:
        assert row["reference"].startswith("¶8")


def test_only_superusers_add_or_change_organizations(world):
    response = client_for(world["hq_a"]).post(
        "/api/v1/organizations/", {"code": "new", "name": "New", "kind": "fund"}
    )
    assert response.status_code == 400
    root = client_for(m.User.objects.filter(is_superuser=True).first() or superuser())
    created = root.post("/api/v1/organizations/", {"code": "new", "name": "New", "kind": "fund"})
    assert created.status_code == 201, created.json()
    # ¶8(l): only MOU partners carry an MOU date.
    response = root.patch(
        f"/api/v1/organizations/{created.json()['id']}/", {"mou_signed_on": "2002-08-21"}
    )
    assert response.status_code == 400
    response = root.patch(f"/api/v1/organizations/{created.json()['id']}/", {"name": "Renamed"})
    assert response.json()["name"] == "Renamed"
    assert (
        client_for(world["hq_a"])
        .patch(f"/api/v1/organizations/{world['a'].pk}/", {"name": "x"})
        .status_code
        == 404
    )


# --- Structure: the DO changes it, nobody else -------------------------------------------------


def test_designated_official_records_a_phase_change(world):
    station = world["capital"]
    client = client_for(world["do"])
    response = client.post(
        f"/api/v1/duty-stations/{station.pk}/phase/",
        {"phase": 3, "effective_from": str(TODAY), "reason": "Unrest"},
    )
    assert response.status_code == 201, response.json()
    assert client.get(f"/api/v1/duty-stations/{station.pk}/").json()["security_phase"] == 3
    history = client_for(world["outsider"]).get(f"/api/v1/duty-stations/{station.pk}/phases/")
    assert [row["phase"] for row in history.json()["results"]] == [3]
    # Someone who may read the station but not change it gets 404, like a missing one.
    assert (
        client_for(world["outsider"])
        .post(f"/api/v1/duty-stations/{station.pk}/phase/", {"phase": 1})
        .status_code
        == 404
    )
    bad = client.post(f"/api/v1/duty-stations/{station.pk}/phase/", {"phase": 9})
    assert bad.status_code == 400 and error_attrs(bad) == {"phase"}
    assert client.get("/api/v1/duty-stations/987654/phases/").status_code == 404


def test_areas_and_zones_are_created_and_changed_by_the_do(world):
    client = client_for(world["do"])
    area = client.post("/api/v1/areas/", {"country": world["country"].pk, "name": "South"})
    assert area.status_code == 201, area.json()
    zone = client.post("/api/v1/warden-zones/", {"duty_station": world["capital"].pk, "name": "Z2"})
    assert zone.status_code == 201, zone.json()
    renamed = client.patch(f"/api/v1/warden-zones/{zone.json()['id']}/", {"name": "Runda"})
    assert renamed.json()["name"] == "Runda"
    duplicate = client.post("/api/v1/areas/", {"country": world["country"].pk, "name": "North"})
    assert duplicate.status_code == 400
    outsider = client_for(world["outsider"])
    response = outsider.post("/api/v1/areas/", {"country": world["country"].pk, "name": "East"})
    assert response.status_code == 400 and error_attrs(response) == {"country"}
    assert outsider.patch(f"/api/v1/areas/{world['area'].pk}/", {"name": "x"}).status_code == 404
    assert (
        outsider.patch(f"/api/v1/duty-stations/{world['capital'].pk}/", {"name": "x"}).status_code
        == 404
    )


# --- People -----------------------------------------------------------------------------


def test_personnel_for_hq_focal_point_and_outsider(world):
    people = world["people"]
    hq = client_for(world["hq_a"])
    listed = hq.get("/api/v1/personnel/", {"page_size": 100})
    assert {people["a_capital"].pk, people["a_field"].pk} <= ids(listed)
    assert not {people["b_capital"].pk, people["b_field"].pk} & ids(listed)
    assert hq.get(f"/api/v1/personnel/{people['a_field'].pk}/").status_code == 200
    assert hq.get(f"/api/v1/personnel/{people['b_field'].pk}/").status_code == 404

    outsider = client_for(world["outsider"])
    assert ids(outsider.get("/api/v1/personnel/")) == {world["outsider"].person.pk}
    for person in people.values():
        response = outsider.get(f"/api/v1/personnel/{person.pk}/")
        assert response.status_code == 404
        assert response.json()["type"] == "client_error"
        assert outsider.patch(f"/api/v1/personnel/{person.pk}/", {"grade": "X"}).status_code == 404
    for params in (
        {"organization": world["a"].pk},
        {"duty_station": world["capital"].pk},
        {"search": people["a_capital"].family_name},
    ):
        assert outsider.get("/api/v1/personnel/", params).json()["results"] == []


def test_personnel_filters_and_search(world):
    people = world["people"]
    do = client_for(world["do"])
    assert ids(do.get("/api/v1/personnel/", {"organization": world["a"].pk})) >= {
        people["a_capital"].pk,
        people["a_field"].pk,
    }
    at_field = ids(do.get("/api/v1/personnel/", {"duty_station": world["field"].pk}))
    assert at_field == {people["a_field"].pk, people["b_field"].pk}
    assert ids(do.get("/api/v1/personnel/", {"search": people["b_field"].index_number})) == {
        people["b_field"].pk
    }
    assert do.get("/api/v1/personnel/", {"category": "local"}).json()["results"] == []
    bad = do.get("/api/v1/personnel/", {"category": "martian", "organization": "x"})
    assert bad.status_code == 400 and error_attrs(bad) == {"category", "organization"}


def test_personnel_create_and_update_through_services(world):
    hq = client_for(world["hq_a"])
    body = {
        "organization": world["a"].pk,
        "duty_station": world["field"].pk,
        "family_name": "Mwangi",
        "given_names": "Grace",
        "index_number": "A-1",
        "category": "local",
        "contract_type": "fixed_term",
    }
    created = hq.post("/api/v1/personnel/", body)
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert hq.patch(f"/api/v1/personnel/{pk}/", {"grade": "G-6"}).json()["grade"] == "G-6"
    again = hq.post("/api/v1/personnel/", body)
    assert again.status_code == 400 and error_attrs(again) == {"index_number"}
    missing = hq.post("/api/v1/personnel/", {"organization": world["a"].pk})
    assert missing.status_code == 400
    assert {"duty_station", "family_name", "given_names", "index_number"} <= error_attrs(missing)
    # The outsider may not add people to A's list, nor move its own person into B's zone.
    outsider = client_for(world["outsider"])
    response = outsider.post("/api/v1/personnel/", body | {"index_number": "A-2"})
    assert response.status_code == 400 and error_attrs(response) == {"duty_station"}
    own = world["outsider"].person.pk
    response = outsider.patch(f"/api/v1/personnel/{own}/", {"residential_zone": world["zone"].pk})
    assert response.status_code == 400 and error_attrs(response) == {"residential_zone"}


def test_dependants_private_fields_hidden_from_smt_shown_to_warden(world):
    dependant = world["dependants"]["a_capital"]
    smt = client_for(world["smt_a"]).get(f"/api/v1/dependants/{dependant.pk}/")
    assert smt.status_code == 200
    assert smt.json()["birth_date"] is None and smt.json()["residential_address"] is None
    listed = client_for(world["smt_a"]).get("/api/v1/dependants/").json()["results"]
    assert dependant.pk in {row["id"] for row in listed}
    assert all(row["birth_date"] is None for row in listed)

    warden = client_for(world["warden"]).get(f"/api/v1/dependants/{dependant.pk}/")
    assert warden.json()["birth_date"] == "2015-05-17"
    assert warden.json()["residential_address"] == "12 Rue de la Paix"
    listed = client_for(world["warden"]).get("/api/v1/dependants/").json()["results"]
    assert [row["birth_date"] for row in listed] == ["2015-05-17"]


def test_dependants_scoped_and_written_through_services(world):
    person = world["people"]["a_capital"]
    outsider = client_for(world["outsider"])
    for dependant in world["dependants"].values():
        assert outsider.get(f"/api/v1/dependants/{dependant.pk}/").status_code == 404
        assert outsider.delete(f"/api/v1/dependants/{dependant.pk}/").status_code == 404
    assert outsider.get("/api/v1/dependants/", {"person": person.pk}).json()["results"] == []
    body = {"person": person.pk, "family_name": "X", "given_names": "Y", "relationship": "child"}
    response = outsider.post("/api/v1/dependants/", body)
    assert response.status_code == 400 and error_attrs(response) == {"person"}
    # The SMT member sees the household but does not keep the list.
    response = client_for(world["smt_a"]).post("/api/v1/dependants/", body)
    assert response.status_code == 400 and error_attrs(response) == {"person"}

    hq = client_for(world["hq_a"])
    created = hq.post("/api/v1/dependants/", body | {"birth_date": "2020-01-02"})
    assert created.status_code == 201, created.json()
    assert created.json()["birth_date"] == "2020-01-02"
    pk = created.json()["id"]
    bad = hq.patch(f"/api/v1/dependants/{pk}/", {"relationship": "cousin", "birth_date": "x"})
    assert bad.status_code == 400 and error_attrs(bad) == {"relationship", "birth_date"}
    assert hq.delete(f"/api/v1/dependants/{pk}/").status_code == 204
    assert not m.Dependant.objects.filter(pk=pk).exists()


# --- Appointments --------------------------------------------------------------------------


def test_appointment_create_and_end_grant_and_revoke_rights(world):
    from actors.tests.factories import UserFactory

    a, capital = world["a"], world["capital"]
    login = UserFactory(organization=a)
    appointee = PersonFactory(organization=a, duty_station=capital, user=login)
    target = world["people"]["a_capital"]
    appointee_client = client_for(login)
    assert appointee_client.get(f"/api/v1/personnel/{target.pk}/").status_code == 404

    hq = client_for(world["hq_a"])
    body = {
        "person": appointee.pk,
        "role": "country_representative",
        "scope_kind": "duty_station",
        "scope_id": capital.pk,
        "start_date": str(TODAY),
    }
    created = hq.post("/api/v1/appointments/", body)
    assert created.status_code == 201, created.json()
    assert created.json()["status"] == "active" and created.json()["scope_id"] == capital.pk
    assert appointee_client.get(f"/api/v1/personnel/{target.pk}/").status_code == 200

    pk = created.json()["id"]
    no_reason = hq.post(f"/api/v1/appointments/{pk}/end/", {"revoke": True})
    assert no_reason.status_code == 400 and error_attrs(no_reason) == {"end_reason"}
    ended = hq.post(f"/api/v1/appointments/{pk}/end/", {"revoke": True, "reason": "Misconduct"})
    assert ended.status_code == 200 and ended.json()["status"] == "revoked"
    assert appointee_client.get(f"/api/v1/personnel/{target.pk}/").status_code == 404
    again = hq.post(f"/api/v1/appointments/{pk}/end/", {"reason": "x"})
    assert again.status_code == 400 and error_attrs(again) == {"status"}

    # The HQ focal point may not appoint wardens (the DO does, ¶19), nor B's people.
    response = hq.post(
        "/api/v1/appointments/",
        body | {"role": "warden", "scope_kind": "zone", "scope_id": world["zone"].pk},
    )
    assert response.status_code == 400 and error_attrs(response) == {"role"}
    response = hq.post("/api/v1/appointments/", body | {"person": world["people"]["b_capital"].pk})
    assert response.status_code == 400 and error_attrs(response) == {"person"}
    response = hq.post("/api/v1/appointments/", body | {"scope_id": 987654})
    assert response.status_code == 400 and error_attrs(response) == {"scope_id"}


def test_appointments_visible_in_scope_only(world):
    smt = client_for(world["smt_a"])
    listed = smt.get("/api/v1/appointments/", {"zone": world["zone"].pk})
    warden_appointment = world["warden"].person.appointments.get()
    assert warden_appointment.pk in ids(listed)
    assert smt.get("/api/v1/appointments/", {"role": "warden"}).status_code == 200
    outsider = client_for(world["outsider"])
    assert outsider.get("/api/v1/appointments/").json()["results"] == []
    assert outsider.get(f"/api/v1/appointments/{warden_appointment.pk}/").status_code == 404
    response = outsider.post(f"/api/v1/appointments/{warden_appointment.pk}/end/", {"reason": "x"})
    assert response.status_code == 404
    # Seeing is not changing: the SMT member cannot end it either.
    response = smt.post(f"/api/v1/appointments/{warden_appointment.pk}/end/", {"reason": "x"})
    assert response.status_code == 404


# --- Logins ---------------------------------------------------------------------------------


def test_hq_focal_point_manages_its_organizations_logins(world):
    hq = client_for(world["hq_a"])
    listed = ids(hq.get("/api/v1/users/", {"page_size": 100}))
    assert {world["hq_a"].pk, world["smt_a"].pk} <= listed
    assert not {world["do"].pk, world["warden"].pk, world["outsider"].pk} & listed
    person = world["people"]["a_field"]
    created = hq.post(
        "/api/v1/users/",
        {"username": "field.a", "password": "a-Long-pass-phrase-9", "person": person.pk},
    )
    assert created.status_code == 201, created.json()
    assert created.json()["organization"] == world["a"].pk
    assert created.json()["person"] == person.pk
    pk = created.json()["id"]
    weak = hq.post("/api/v1/users/", {"username": "weak", "password": "123"})
    assert weak.status_code == 400 and error_attrs(weak) == {"password"}
    updated = hq.patch(f"/api/v1/users/{pk}/", {"is_active": False, "email": "f@example.org"})
    assert updated.json()["is_active"] is False

    outsider = client_for(world["outsider"])
    assert ids(outsider.get("/api/v1/users/")) == {world["outsider"].pk}
    assert outsider.get(f"/api/v1/users/{pk}/").status_code == 404
    assert outsider.patch(f"/api/v1/users/{pk}/", {"email": "x@example.org"}).status_code == 404
    response = outsider.post("/api/v1/users/", {"username": "x", "organization": world["a"].pk})
    assert response.status_code == 400 and error_attrs(response) == {"organization"}
    response = hq.patch(f"/api/v1/users/{pk}/", {"person": world["people"]["b_field"].pk})
    assert response.status_code == 400 and error_attrs(response) == {"person"}


# --- CSV ----------------------------------------------------------------------------------


def test_csv_export_of_a_list_escapes_formulas(world):
    PersonFactory(
        organization=world["a"], duty_station=world["capital"], family_name="=cmd|' /C calc'!A0"
    )
    response = client_for(world["hq_a"]).get("/api/v1/personnel/", {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode()
    header = text.splitlines()[0].split(",")
    assert header[0] == "id" and {"family_name", "organization_code"} <= set(header)
    assert "'=cmd" in text and ",=cmd" not in text


def test_csv_export_follows_pages_through_the_link_header(world):
    client = client_for(world["do"])
    response = client.get("/api/v1/personnel/", {"format": "csv", "page_size": 2})
    assert response.status_code == 200
    assert len(response.content.decode().strip().splitlines()) == 3  # header and two rows
    assert 'rel="next"' in response["Link"]
    for url in ("/api/v1/dependants/", "/api/v1/appointments/", "/api/v1/countries/"):
        assert client.get(url, {"format": "csv"})["Content-Type"].startswith("text/csv")
