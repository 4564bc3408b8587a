"""Token authentication, the one error format of every 4xx, and the OpenAPI schema."""

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from actors.tests.api_helpers import client_for, error_attrs
from actors.tests.factories import PersonFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_token_is_issued_for_username_and_password_and_works_everywhere(outsider):
    client = APIClient()
    response = client.post(
        "/api/v1/auth/token/", {"username": "outsider", "password": "pass-word-123"}
    )
    assert response.status_code == 200
    token = response.json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    for url in ("/api/v1/personnel/", "/api/v1/roles/", "/api/v1/audit-events/"):
        assert client.get(url).status_code == 200


def test_wrong_password_names_the_problem(outsider):
    response = APIClient().post("/api/v1/auth/token/", {"username": "outsider", "password": "x"})
    assert response.status_code == 400
    assert response.json()["type"] == "validation_error"
    missing = APIClient().post("/api/v1/auth/token/", {})
    assert error_attrs(missing) == {"username", "password"}


def test_without_credentials_401_in_the_standard_format(outsider):
    for url in ("/api/v1/personnel/", "/api/v1/audit-events/", "/api/v1/users/"):
        response = APIClient().get(url)
        assert response.status_code == 401
        assert response.json()["type"] == "client_error"
        assert response.json()["errors"][0]["code"] == "not_authenticated"
    bad = APIClient()
    bad.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert bad.get("/api/v1/personnel/").status_code == 401


def test_inactive_login_is_refused(outsider):
    client = client_for(outsider)
    outsider.is_active = False
    outsider.save()
    assert client.get("/api/v1/personnel/").status_code == 401


@pytest.mark.parametrize("pk", ["987654321", "abc", "99999999999999999999"])
def test_unknown_ids_answer_404(outsider, pk):
    response = client_for(outsider).get(f"/api/v1/personnel/{pk}/")
    assert response.status_code == 404
    assert response.json() == {
        "type": "client_error",
        "errors": [{"code": "not_found", "detail": "Not found.", "attr": None}],
    }


def test_method_not_allowed_and_unsupported_media(outsider):
    client = client_for(outsider)
    response = client.delete(f"/api/v1/personnel/{outsider.person.pk}/")
    assert response.status_code == 405
    assert response.json()["errors"][0]["code"] == "method_not_allowed"
    assert client.post("/api/v1/countries/", {}).status_code == 405
    response = client.post("/api/v1/dependants/", "x", content_type="text/plain")
    assert response.status_code == 415
    response = client.post("/api/v1/dependants/", "{bad json", content_type="application/json")
    assert response.status_code == 400 and response.json()["errors"][0]["code"] == "parse_error"


def test_validation_errors_name_each_field(outsider):
    client = client_for(outsider)
    response = client.post(
        "/api/v1/dependants/",
        {"person": "x", "relationship": "cousin", "birth_date": "31/02/2020"},
    )
    assert response.status_code == 400
    assert response.json()["type"] == "validation_error"
    assert error_attrs(response) == {
        "person",
        "family_name",
        "given_names",
        "relationship",
        "birth_date",
    }
    response = client.get("/api/v1/personnel/", {"is_active": "maybe"})
    assert response.status_code == 400 and error_attrs(response) == {"is_active"}


def test_a_service_error_becomes_a_field_error(outsider):
    own = outsider.person
    other = PersonFactory(organization=own.organization)
    user = UserFactory(organization=own.organization)
    other.user = user
    other.save()
    # Linking the outsider's login to a person who already has one: the service refuses.
    response = client_for(outsider).patch(f"/api/v1/personnel/{own.pk}/", {"user": user.pk})
    assert response.status_code == 400
    assert error_attrs(response) == {"user"}


def test_schema_and_docs_are_served(outsider):
    response = APIClient().get("/api/schema/")
    assert response.status_code == 200
    assert b"/api/v1/personnel/" in response.content
    assert client_for(outsider).get("/api/docs/").status_code == 200


def test_schema_generates_without_warnings(tmp_path):
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml")
    )
    assert (tmp_path / "schema.yaml").read_text().startswith("openapi: 3")


@pytest.mark.django_db
def test_unknown_api_url_answers_the_json_error_format(client):
    response = client.get("/api/v1/no-such-resource/")
    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"
