"""The web building blocks every app shares (accountability.core.views): the page of a saved
object by URL convention, one pagination and one pager partial."""

import importlib.util
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from accountability.core import views
from actors.models import (
    Area,
    Country,
    Dependant,
    DutyStation,
    Organization,
    Person,
    Role,
    User,
    WardenZone,
)
from appointments.models import Appointment
from tests.imports import imported_modules

APPS = ("actors", "appointments", "meetings", "training", "inspections")


@pytest.mark.parametrize(
    ("model", "url_name"),
    [
        (Organization, "actors:organization-detail"),
        (Country, "actors:country-detail"),
        (DutyStation, "actors:duty-station-detail"),
        (Area, "actors:area-detail"),
        (WardenZone, "actors:warden-zone-detail"),
        (Person, "actors:person-detail"),
        (Dependant, "actors:dependant-detail"),
        (Appointment, "appointments:appointment-detail"),
        (Role, "actors:role-detail"),
        (User, "actors:user-detail"),
    ],
)
def test_a_saved_object_leads_to_its_page_by_the_url_convention(model, url_name):
    from django.urls import reverse

    assert views.detail_url(model(pk=7)) == reverse(url_name, args=[7])


def test_the_web_building_blocks_import_no_app():
    core = Path(views.__file__).parent
    modules = sorted(core.rglob("*.py"))
    assert len(modules) > 20
    for module in modules:
        imported = imported_modules(module)
        assert not {name for name in imported if name.split(".")[0] in APPS}, module
    # No shim left behind in actors: the core is the one place to import them from.
    assert importlib.util.find_spec("actors.views.base") is None


def test_paginate_keeps_the_filters_and_a_known_page_size():
    request = RequestFactory().get("/x/", {"q": "zone", "page": "2", "page_size": "10"})
    pages = views.paginate(request, list(range(25)))
    assert pages["page"].number == 2
    assert list(pages["page"]) == list(range(10, 20))
    assert pages["page_size"] == 10
    assert pages["page_sizes"] == views.PAGE_SIZES
    assert pages["querystring"] == "q=zone&page_size=10"

    unknown = RequestFactory().get("/x/", {"page_size": "7"})
    assert views.paginate(unknown, list(range(60)))["page_size"] == views.DEFAULT_PAGE_SIZE
    fixed = views.paginate(RequestFactory().get("/x/"), list(range(60)), per_page=50)
    assert fixed["page"].paginator.num_pages == 2


def test_one_pager_partial_with_links_that_htmx_may_swap():
    request = RequestFactory().get("/x/", {"q": "a", "page": "2", "page_size": "10"})
    pages = views.paginate(request, list(range(30)))
    plain = render_to_string("_pagination.html", pages)
    swapping = render_to_string("_pagination.html", {**pages, "hx_target": "#results"})
    for html in (plain, swapping):
        assert 'rel="prev" href="?q=a&amp;page_size=10&amp;page=1"' in html
        assert 'rel="next" href="?q=a&amp;page_size=10&amp;page=3"' in html
        assert "Page 2 of 3" in html
    assert "hx-get" not in plain
    assert swapping.count('hx-target="#results"') == 2
    assert 'hx-get="?q=a&amp;page_size=10&amp;page=3"' in swapping

    one_page = views.paginate(RequestFactory().get("/x/"), [1])
    assert render_to_string("_pagination.html", one_page).strip() == ""
