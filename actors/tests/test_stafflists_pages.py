"""Staff-list API endpoints and web pages: import, export, confirm, status; 404 outside."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from actors import models as m
from actors.tests.api_helpers import client_for
from actors.tests.factories import PersonFactory
from actors.tests.stafflist_helpers import (
    csv_bytes,
    person_row,
    simple_list,
    upload,
)

pytestmark = pytest.mark.django_db


def ids(world, org="a") -> dict:
    return {"organization": world[org].pk, "duty_station": world["station"].pk}


# --- API -----------------------------------------------------------------------------------


def test_api_import_answers_counts(lists):
    api = client_for(lists["rep_a"])
    data = {**ids(lists), "file": upload(csv_bytes(simple_list(4)))}
    response = api.post("/api/v1/staff-lists/import/", data, format="multipart")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["people"]["created"] == 4 and body["dependants"]["created"] == 2
    again = api.post(
        "/api/v1/staff-lists/import/",
        {**ids(lists), "file": upload(csv_bytes(simple_list(4)))},
        format="multipart",
    )
    assert again.json()["people"] == {"created": 0, "updated": 0, "unchanged": 4, "not_in_file": 2}


def test_api_import_bad_rows_answer_400_naming_rows_and_fields(lists):
    rows = simple_list(2)
    rows[1]["family_name"] = ""
    rows[2]["email"] = "nope"
    response = client_for(lists["rep_a"]).post(
        "/api/v1/staff-lists/import/",
        {**ids(lists), "file": upload(csv_bytes(rows))},
        format="multipart",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "validation_error"
    assert {e["attr"] for e in body["errors"]} == {"row 3: family_name", "row 4: email"}
    assert {(e["row"], e["field"]) for e in body["errors"]} == {(3, "family_name"), (4, "email")}
    assert not m.Person.objects.filter(index_number="00000").exists()


def test_api_import_refuses_bad_files_and_missing_fields(lists):
    api = client_for(lists["rep_a"])
    response = api.post(
        "/api/v1/staff-lists/import/",
        {**ids(lists), "file": upload(b"\x00\x01binary", "list.csv")},
        format="multipart",
    )
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["attr"] == "file" and "not a text file" in error["detail"]
    response = api.post("/api/v1/staff-lists/import/", ids(lists), format="multipart")
    assert response.status_code == 400 and response.json()["errors"][0]["attr"] == "file"


def test_api_import_of_a_list_one_does_not_keep_is_404(lists):
    data = {**ids(lists, "b"), "file": upload(csv_bytes(simple_list(1)))}
    assert (
        client_for(lists["rep_a"])
        .post("/api/v1/staff-lists/import/", data, format="multipart")
        .status_code
        == 404
    )
    data = {**ids(lists), "file": upload(csv_bytes(simple_list(1)))}
    assert (
        client_for(lists["outsider"])
        .post("/api/v1/staff-lists/import/", data, format="multipart")
        .status_code
        == 404
    )
    data = {"organization": 999999, "duty_station": 999999, "file": upload(b"x")}
    assert (
        client_for(lists["rep_a"])
        .post("/api/v1/staff-lists/import/", data, format="multipart")
        .status_code
        == 404
    )
    assert not m.Person.objects.filter(index_number="00000").exists()


def test_api_export_csv_and_xlsx(lists):
    PersonFactory(
        organization=lists["a"], duty_station=lists["station"], family_name="=cmd", index_number="Q"
    )
    api = client_for(lists["rep_a"])
    response = api.get("/api/v1/staff-lists/export/", {**ids(lists), "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "'=cmd" in response.content.decode("utf-8-sig")
    response = api.get("/api/v1/staff-lists/export/", {**ids(lists), "format": "xlsx"})
    assert response.status_code == 200 and response.content.startswith(b"PK")
    response = api.get("/api/v1/staff-lists/export/", {**ids(lists), "format": "pdf"})
    assert response.status_code == 400


def test_api_export_outsider_gets_404(lists):
    PersonFactory(organization=lists["a"], duty_station=lists["station"], family_name="Secret")
    response = client_for(lists["outsider"]).get("/api/v1/staff-lists/export/", ids(lists))
    assert response.status_code == 404
    assert "Secret" not in response.content.decode()


def test_api_confirm_and_status(lists):
    api = client_for(lists["rep_a"])
    old = m.StaffListConfirmation.objects.create(
        organization=lists["a"],
        duty_station=lists["station"],
        confirmed_by=lists["do"],
        confirmed_at=timezone.now() - dt.timedelta(days=400),
        people_count=0,
        dependants_count=0,
    )
    [row] = api.get("/api/v1/staff-lists/").json()["results"]
    assert row["stale"] is True and row["confirmed_by"] == old.confirmed_by.username
    assert row["may_keep"] is True and row["people"] == 2  # the representative and SMT member
    response = api.post("/api/v1/staff-lists/confirm/", ids(lists), format="json")
    assert response.status_code == 201
    assert response.json()["people_count"] == 2
    [row] = api.get("/api/v1/staff-lists/").json()["results"]
    assert row["stale"] is False and row["confirmed_by"] == lists["rep_a"].username
    # A list it does not keep: 404; the outsider sees no list at all.
    assert (
        api.post("/api/v1/staff-lists/confirm/", ids(lists, "b"), format="json").status_code == 404
    )
    outsider = client_for(lists["outsider"])
    assert (
        outsider.post("/api/v1/staff-lists/confirm/", ids(lists), format="json").status_code == 404
    )
    status = outsider.get("/api/v1/staff-lists/").json()["results"]
    assert {row["organization"] for row in status} == {lists["outsider"].organization_id}


def test_api_status_query_count_is_constant(lists, django_assert_max_num_queries):
    api = client_for(lists["do"])
    for n in range(3):
        PersonFactory(organization=lists["b"], duty_station=lists["station"], index_number=f"b{n}")
    # Session/token auth, the grants, the COUNT and the page of grouped rows.
    with django_assert_max_num_queries(5):
        assert len(api.get("/api/v1/staff-lists/").json()["results"]) == 2
    for n in range(5):
        other = m.Organization.objects.create(code=f"x{n}", name=f"X{n}", kind="agency")
        PersonFactory(organization=other, duty_station=lists["station"])
    with django_assert_max_num_queries(5):
        assert len(api.get("/api/v1/staff-lists/").json()["results"]) == 7


# --- Web pages -------------------------------------------------------------------------------


def test_pages_need_a_login(client):
    for name in ("index", "import", "export", "template"):
        response = client.get(reverse(f"stafflists:{name}"))
        assert response.status_code == 302 and "/login" in response["Location"]


def test_index_import_export_confirm_pages(lists, client):
    client.force_login(lists["rep_a"])
    response = client.get(reverse("stafflists:index"))
    assert response.status_code == 200
    assert "UNICEF" in response.content.decode() and "Nairobi" in response.content.decode()
    assert client.get(reverse("stafflists:import"), ids(lists)).status_code == 200
    form = {**{k: str(v) for k, v in ids(lists).items()}}
    rows = simple_list(2)
    rows[0]["contract_type"] = "forever"
    response = client.post(reverse("stafflists:import"), {**form, "file": upload(csv_bytes(rows))})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="import-errors"' in page and "contract_type" in page and "<td>2</td>" in page
    response = client.post(
        reverse("stafflists:import"), {**form, "file": upload(csv_bytes(simple_list(2)))}
    )
    assert response.status_code == 200
    assert m.Person.objects.filter(organization=lists["a"], index_number="00001").exists()
    response = client.get(reverse("stafflists:export"), {**form, "format": "csv"})
    assert response.status_code == 200 and b"00001" in response.content
    response = client.post(reverse("stafflists:confirm"), form)
    assert response.status_code == 302
    assert m.StaffListConfirmation.objects.filter(confirmed_by=lists["rep_a"]).count() == 1
    for file_format in ("csv", "xlsx"):
        template = client.get(reverse("stafflists:template"), {"format": file_format})
        assert template.status_code == 200


def test_web_outsider_gets_404_and_sees_nothing(lists, client):
    PersonFactory(organization=lists["a"], duty_station=lists["station"], family_name="Secret")
    client.force_login(lists["outsider"])
    form = {k: str(v) for k, v in ids(lists).items()}
    assert client.get(reverse("stafflists:export"), form).status_code == 404
    assert client.post(reverse("stafflists:confirm"), form).status_code == 404
    response = client.post(
        reverse("stafflists:import"), {**form, "file": upload(csv_bytes([person_row("1")]))}
    )
    assert response.status_code == 404
    index = client.get(reverse("stafflists:index")).content.decode()
    assert "Secret" not in index and "UNICEF</th>" not in index
    assert not m.Person.objects.filter(index_number="1").exists()
