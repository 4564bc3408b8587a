"""Bodies too deep, too big or with too many fields: a 400 or 413, never a 500.

JSON nested 100,000 deep, JSON over the body limit and a 10 MB form answered 500 (issue 10,
item 12). The API answers in its error format (drf-standardized-errors); web forms get a
plain 413 page; nothing is written.
"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation
from rest_framework import parsers
from rest_framework.test import APIClient

from accountability.core.api.parsers import JSONParser
from actors import models as m
from actors.tests.api_helpers import client_for

pytestmark = pytest.mark.django_db

MB = 1024 * 1024
CSRF_SECRET = "a" * 32
DEEP = "[" * 100_000 + "]" * 100_000
TOO_LARGE = {
    "type": "client_error",
    "errors": [
        {
            "code": "request_too_large",
            "detail": "The request body is too large: at most 5.0 MB are accepted.",
            "attr": None,
        }
    ],
}


def session_client(user) -> APIClient:
    """Signed in with a session and checked for CSRF, with the cookie and header a page sends."""
    client = APIClient(enforce_csrf_checks=True, headers={"X-CSRFToken": CSRF_SECRET})
    client.cookies[settings.CSRF_COOKIE_NAME] = CSRF_SECRET
    client.force_login(user)
    return client


def dependant_body(person, name="x") -> dict:
    return {"person": person.pk, "family_name": name, "given_names": name, "relationship": "child"}


def test_json_nested_100000_deep_answers_400(outsider, lists):
    before = m.Dependant.objects.count()
    response = client_for(outsider).post(
        "/api/v1/dependants/", DEEP, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "type": "client_error",
        "errors": [
            {
                "code": "parse_error",
                "detail": "JSON parse error - the data is nested too deeply.",
                "attr": None,
            }
        ],
    }
    # A view naming its own parsers (the staff-list import) answers the same.
    response = client_for(lists["rep_a"]).post(
        "/api/v1/staff-lists/import/", DEEP, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "parse_error"
    assert m.Dependant.objects.count() == before


def api_views():
    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns)
            elif isinstance(pattern, URLPattern):
                view = getattr(pattern.callback, "cls", None)
                if view is not None and hasattr(view, "parser_classes"):
                    yield view

    return set(walk(get_resolver().url_patterns))


def test_no_api_view_parses_json_with_drfs_own_parser():
    views = api_views()
    assert len(views) > 20
    unsafe = {
        view.__qualname__
        for view in views
        for parser in view.parser_classes
        if issubclass(parser, parsers.JSONParser) and not issubclass(parser, JSONParser)
    }
    assert unsafe == set()


def test_json_over_the_body_limit_answers_413(outsider):
    before = m.Dependant.objects.count()
    body = '{"family_name": "' + "a" * (6 * MB) + '"}'
    for client in (client_for(outsider), session_client(outsider)):
        response = client.post("/api/v1/dependants/", body, content_type="application/json")
        assert response.status_code == 413
        assert response.json() == TOO_LARGE
    assert m.Dependant.objects.count() == before


def test_a_10_mb_form_answers_413_over_the_api(outsider):
    before = m.Dependant.objects.count()
    form = "family_name=" + "a" * (10 * MB)
    for client in (client_for(outsider), session_client(outsider)):
        response = client.post(
            "/api/v1/dependants/", form, content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code == 413
        assert response.json() == TOO_LARGE
    # A multipart form whose text field alone is over the limit (files are not counted).
    response = client_for(outsider).post(
        "/api/v1/dependants/",
        {**dependant_body(outsider.person), "family_name": "a" * (10 * MB)},
        format="multipart",
    )
    assert response.status_code == 413
    assert response.json() == TOO_LARGE
    assert m.Dependant.objects.count() == before


def test_a_form_with_too_many_fields_answers_400_over_the_api(outsider):
    before = m.Dependant.objects.count()
    form = "&".join(f"f{n}=1" for n in range(1001))
    response = client_for(outsider).post(
        "/api/v1/dependants/", form, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert response.json() == {
        "type": "client_error",
        "errors": [
            {
                "code": "parse_error",
                "detail": "The form has too many fields: at most 1000 are accepted.",
                "attr": None,
            }
        ],
    }
    assert m.Dependant.objects.count() == before


@pytest.mark.parametrize("enforce_csrf_checks", [True, False])
def test_a_10_mb_web_form_answers_a_plain_413_page(lists, enforce_csrf_checks):
    # With CSRF checks the body is refused by the middleware, before the view; without, when
    # the view reads the form. Either way a 413 page, and no one is imported.
    client = Client(enforce_csrf_checks=enforce_csrf_checks)
    client.cookies[settings.CSRF_COOKIE_NAME] = CSRF_SECRET
    client.force_login(lists["rep_a"])
    before = m.Person.objects.count()
    form = "organization=1&file=" + "a" * (10 * MB)
    response = client.post(
        "/staff-lists/import/", form, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/html")
    assert b"at most 5.0 MB are accepted" in response.content
    # The middleware leaves French active in this thread; override() puts English back.
    with translation.override(settings.LANGUAGE_CODE):
        response = client.post(
            "/staff-lists/import/",
            {"organization": "1", "note": "a" * (10 * MB)},
            HTTP_ACCEPT_LANGUAGE="fr",
        )
    assert response.status_code == 413
    assert 'lang="fr"' in response.content.decode()
    assert "5.0" in response.content.decode()
    assert "request body is too large" not in response.content.decode()
    assert m.Person.objects.count() == before
