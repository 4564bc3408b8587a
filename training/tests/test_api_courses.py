"""/api/v1/courses/: the catalogue for everyone, agencies' own courses and UNSECOORD's
endorsement (annex ¶26); the question bank's answers never leave the server."""

import csv
import io

import pytest
from rest_framework.test import APIClient

from actors.tests.api_helpers import client_for, error_attrs
from training.models import Course
from training.tests.factories import CourseFactory, add_question, agency_course, course
from training.tests.test_api_fixtures import build_world

pytestmark = pytest.mark.django_db
URL = "/api/v1/courses/"


@pytest.fixture
def world(outsider):
    return build_world(outsider)


def new_course(**overrides) -> dict:
    body = {
        "code": "UNDP-SEC",
        "title": "UNDP field security",
        "kind": "security_awareness",
        "delivery": "online",
        "paragraph": "¶25",
        "validity_months": 24,
    }
    return body | overrides


def test_everyone_signed_in_reads_the_catalogue(world):
    response = client_for(world["outsider"]).get(URL, {"page_size": 100})
    assert response.status_code == 200
    rows = {row["code"]: row for row in response.json()["results"]}
    assert {"BSITF", "STRESS", "ASITF", "SMT-SM", "HQ-SM", "FSCO-IND", "WARDEN", "BRIEF"} <= set(
        rows
    )
    bsitf = rows["BSITF"]
    assert (bsitf["provider_code"], bsitf["counts"], bsitf["has_test"]) == ("unsecoord", True, True)
    assert (bsitf["validity_months"], bsitf["kind"]) == (36, "security_awareness")
    assert rows["BRIEF"]["has_test"] is False  # in person
    assert APIClient().get(URL).status_code == 401


def test_the_question_bank_and_its_answers_are_never_shown(world):
    bsitf = course("BSITF")
    correct = bsitf.questions.first().choices.get(is_correct=True)
    for user in ("alice", "hq", "unsecoord"):
        client = client_for(world[user])
        for url in (URL, f"{URL}{bsitf.pk}/", f"{URL}?format=csv"):
            body = client.get(url).content.decode()
            assert "is_correct" not in body and 'questions"' not in body
            assert correct.text not in body and bsitf.questions.first().text not in body


def test_list_and_detail_cost_two_queries_whatever_the_catalogue(world, django_assert_num_queries):
    client = client_for(world["alice"])
    bsitf = course("BSITF")

    def check():
        # 1 token + user; 1 page (reference data: no grants), "counts" and "has a test" in it.
        for page_size in (5, 100):
            with django_assert_num_queries(2):
                assert client.get(URL, {"page_size": page_size}).status_code == 200
        with django_assert_num_queries(2):
            assert client.get(f"{URL}{bsitf.pk}/").status_code == 200
        with django_assert_num_queries(2):
            assert client.get(URL, {"format": "csv", "kind": "other"}).status_code == 200

    check()
    for _ in range(15):
        add_question(agency_course(world["undp"]))
    check()


def test_csv_export_of_the_catalogue(world):
    response = client_for(world["alice"]).get(URL, {"format": "csv", "page_size": 100})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {"BSITF", "BRIEF"} <= {row["code"] for row in rows}
    assert rows[0].keys() >= {"id", "code", "title", "kind", "provider_code", "counts"}


def test_filters_and_their_errors(world):
    client = client_for(world["alice"])
    own = agency_course(world["undp"], kind="security_awareness")
    rows = client.get(URL, {"kind": "security_awareness", "page_size": 100}).json()["results"]
    assert {row["code"] for row in rows} == {"BSITF", own.code}
    rows = client.get(URL, {"endorsed": "false", "provider": world["undp"].pk}).json()["results"]
    assert [row["code"] for row in rows] == [own.code]
    response = client.get(URL, {"kind": "juggling", "is_active": "maybe"})
    assert response.status_code == 400 and error_attrs(response) == {"kind", "is_active"}


def test_an_agency_adds_its_course_which_counts_once_endorsed(world):
    hq = client_for(world["hq"])
    response = hq.post(URL, new_course(provider=world["undp"].pk))
    assert response.status_code == 201, response.content
    row = response.json()
    assert (row["code"], row["provider"], row["counts"], row["endorsed_at"]) == (
        "UNDP-SEC",
        world["undp"].pk,
        False,
        None,
    )
    response = hq.patch(f"{URL}{row['id']}/", {"title": "UNDP field security, 2nd ed."})
    assert response.status_code == 200 and response.json()["title"].endswith("2nd ed.")

    # Only UNSECOORD endorses (a 400: the focal point may see and change the course).
    response = hq.post(f"{URL}{row['id']}/endorse/")
    assert response.status_code == 400 and error_attrs(response) == {"non_field_errors"}
    response = client_for(world["unsecoord"]).post(f"{URL}{row['id']}/endorse/")
    assert response.status_code == 200
    assert response.json()["counts"] is True and response.json()["endorsed_at"]
    # Endorsed, it is UNSECOORD's to change.
    assert hq.patch(f"{URL}{row['id']}/", {"title": "Changed"}).status_code == 404
    assert Course.objects.get(pk=row["id"]).title == "UNDP field security, 2nd ed."


def test_others_may_not_change_or_endorse_a_course(world):
    undp_course = agency_course(world["undp"])
    for user in ("cfp", "alice", "outsider", "fsco"):
        client = client_for(world[user])
        assert client.patch(f"{URL}{undp_course.pk}/", {"title": "X"}).status_code == 404
        assert client.post(f"{URL}{undp_course.pk}/endorse/").status_code == 404
    # UNSECOORD's own courses are UNSECOORD's alone.
    bsitf = course("BSITF")
    assert client_for(world["hq"]).patch(f"{URL}{bsitf.pk}/", {"title": "X"}).status_code == 404
    response = client_for(world["unsecoord"]).patch(f"{URL}{bsitf.pk}/", {"validity_months": 24})
    assert response.status_code == 200 and response.json()["validity_months"] == 24
    assert client_for(world["hq"]).delete(f"{URL}{bsitf.pk}/").status_code == 405


def test_adding_a_course_names_each_bad_field(world):
    hq = client_for(world["hq"])
    response = hq.post(URL, {})
    assert response.status_code == 400
    assert error_attrs(response) == {"code", "title", "kind", "delivery", "paragraph", "provider"}
    response = hq.post(
        URL,
        new_course(
            provider=world["undp"].pk, kind="juggling", pass_mark=0, validity_months=0, code="a b"
        ),
    )
    assert error_attrs(response) == {"kind", "pass_mark", "validity_months", "code"}
    # Another provider's course, a code in use: the service names the field.
    response = hq.post(URL, new_course(provider=world["unicef"].pk))
    assert response.status_code == 400 and error_attrs(response) == {"provider"}
    CourseFactory(code="TAKEN")
    response = hq.post(URL, new_course(provider=world["undp"].pk, code="TAKEN"))
    assert response.status_code == 400 and error_attrs(response) == {"code"}
