"""Exact query counts of every list page, at two page sizes and two data sizes.

The counts must not move when the page or the data grows: any query per row would show.
Every list page runs, in order:
  1. the session row;
  2. the signed-in user;
  3. COUNT(*) of the scoped, searched, filtered rows (the paginator);
  4. one SELECT of the page, with its select_related joins and annotations (scope rules,
     "has a warden", "may see the birth date" are subqueries inside it, not extra queries);
  on pages of tenant data (people, dependants, appointments, users) and where the page asks
  "may this user add one?": the user's grants, read once per request
  (accountability.core.scoping.grants; the scope filter and the question share it);
  then, on the full page only (not the htmx partial that refreshes the results):
  5. the user's organization (the header shows its code);
  5b. the header's unread notifications and "nominates or decides" (one query,
     appointments.templatetags.appointments_web.header_status, counted in the numbers below);
  6. the choices of each ModelChoiceField of the filter form, one query each.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from actors import models as m
from actors.tests.factories import (
    AreaFactory,
    CountryFactory,
    DependantFactory,
    DutyStationFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
    WardenZoneFactory,
)
from appointments.models import Appointment, AppointmentStatus

pytestmark = pytest.mark.django_db


def _organizations(w, n):
    for _ in range(n):
        OrganizationFactory()


def _countries(w, n):
    for _ in range(n):
        CountryFactory()


def _stations(w, n):
    for _ in range(n):
        DutyStationFactory(country=w["country"])


def _areas(w, n):
    for _ in range(n):
        AreaFactory(country=w["country"])


def _zones(w, n):
    for _ in range(n):
        WardenZoneFactory(duty_station=w["capital"])


def _people(w, n):
    for _ in range(n):
        PersonFactory(organization=w["a"], duty_station=w["capital"])


def _dependants(w, n):
    for _ in range(n):
        DependantFactory(person=w["person"])


def _appointments(w, n):
    role = m.Role.objects.get(code="smt")
    Appointment.objects.bulk_create(
        Appointment(
            organization=w["a"],
            person=PersonFactory(organization=w["a"], duty_station=w["capital"]),
            role=role,
            scope_kind="duty_station",
            scope_duty_station=w["capital"],
            start_date="2020-01-01",
            status=AppointmentStatus.PENDING,
        )
        for _ in range(n)
    )


def _users(w, n):
    for _ in range(n):
        UserFactory(organization=w["a"])


def _roles(w, n):
    """Roles are fixed data (14 rows): the two sizes are page sizes over the same rows."""


def grow(maker, w, n):
    maker(w, n)


# (url name, user, how to add rows)
LISTS = [
    ("actors:organization-list", "hq", _organizations),
    ("actors:country-list", "hq", _countries),
    ("actors:duty-station-list", "do", _stations),
    ("actors:area-list", "do", _areas),
    ("actors:warden-zone-list", "do", _zones),
    ("actors:person-list", "hq", _people),
    ("actors:dependant-list", "hq", _dependants),
    ("appointments:appointment-list", "hq", _appointments),
    ("actors:role-list", "hq", _roles),
    ("actors:user-list", "hq", _users),
]


# name: (full page, htmx partial). The queries beyond the four above:
EXPECTED = {
    # + header organization
    "actors:organization-list": (6, 4),
    # + header organization
    "actors:country-list": (6, 4),
    # + header organization, + country choices
    "actors:duty-station-list": (7, 4),
    # + grants ("may add areas"), + header organization, + country choices
    "actors:area-list": (8, 5),
    # + grants ("may add zones"), + header organization, + station choices
    "actors:warden-zone-list": (8, 5),
    # + grants (scope filter and "may add people"), + header organization,
    # + organization choices, + duty station choices
    "actors:person-list": (9, 5),
    # + grants, + header organization, + organization choices
    "actors:dependant-list": (8, 5),
    # + grants, + header organization, + role choices, + organization choices
    "appointments:appointment-list": (9, 5),
    # + header organization (the counts of responsibilities are aggregates of the page SELECT)
    "actors:role-list": (6, 4),
    # + grants (scope filter and "may add logins"), + header organization,
    # + organization choices
    "actors:user-list": (8, 5),
}


@pytest.mark.parametrize("name,user_key,maker", LISTS, ids=[row[0] for row in LISTS])
def test_list_page_query_counts(
    client, web_world, django_assert_num_queries, name, user_key, maker
):
    full, partial = EXPECTED[name]
    client.force_login(web_world[user_key])
    url = reverse(name)
    for rows, size in ((12, 10), (60, 50)):
        grow(maker, web_world, rows)
        with django_assert_num_queries(full):
            response = client.get(url, {"page_size": size})
        assert response.status_code == 200
        if maker is not _roles:
            assert len(response.context["rows"]) == size  # the page really is full
        with django_assert_num_queries(partial):
            client.get(url, {"page_size": size, "page": 2}, HTTP_HX_REQUEST="true")
        with django_assert_num_queries(full):
            client.get(url, {"page_size": size, "q": "a"})


def test_dashboard_query_count_does_not_grow(client, web_world, django_assert_num_queries):
    """The DO's dashboard: session, user, its grants (read once for every scoped query below),
    its own appointments, its own training due (the requirement view), zones without a warden,
    areas without a coordinator, stations without a DO or an FSCO, appointments ending within
    30 days, stale staff lists (one GROUP BY with the last confirmation as a subquery), people
    count, dependants count, the header's organization, the header's unread count and rights,
    and the inspection findings the user may report rectified (one query, inspections.views.
    findings.dashboard_findings, ¶40): 15, with 3 or 33 more people, zones, appointments and
    dependants."""
    client.force_login(web_world["do"])
    for rows in (3, 30):
        for maker in (_people, _zones, _appointments, _dependants):
            grow(maker, web_world, rows)
        with django_assert_num_queries(15):
            assert client.get(reverse("dashboard")).status_code == 200


def test_person_detail_query_count_does_not_grow(client, web_world, django_assert_num_queries):
    """Session, user, its grants (for the scope filters and "may appoint"), the person (404 if
    out of scope) with its joins, "may edit" (EXISTS), its history (one query: a single insert
    event, no earlier snapshot, no user to name), the header's organization, the dependants
    with "may see the birth date" annotated, the appointments with their scopes joined, the
    header's unread count and rights: 10, with 3 or 33 dependants."""
    w = web_world
    client.force_login(w["hq"])
    url = reverse("actors:person-detail", args=[w["person"].pk])
    for rows in (3, 30):
        grow(_dependants, w, rows)
        with django_assert_num_queries(10):
            assert client.get(url).status_code == 200


_READS_GRANTS = {
    "actors:area-list",
    "actors:warden-zone-list",
    "actors:person-list",
    "actors:dependant-list",
    "appointments:appointment-list",
    "actors:user-list",
}

# A superuser's scope is everything: no grants to read, so one query fewer on tenant pages.
SUPERUSER_EXPECTED = {
    name: (full - (name in _READS_GRANTS), partial - (name in _READS_GRANTS))
    for name, (full, partial) in EXPECTED.items()
}


@pytest.mark.parametrize("name,user_key,maker", LISTS, ids=[row[0] for row in LISTS])
def test_list_pages_answer_a_superuser(
    client, web_world, django_assert_num_queries, name, user_key, maker
):
    """No empty ``Q()`` (a superuser's "everything") may reach a ``When()``: the dependants'
    "may see the birth date" flag is one."""
    full, partial = SUPERUSER_EXPECTED[name]
    client.force_login(web_world["root"])
    url = reverse(name)
    grow(maker, web_world, 12)
    with django_assert_num_queries(full):
        response = client.get(url, {"page_size": 10})
    assert response.status_code == 200
    assert len(response.context["rows"]) == 10
    with django_assert_num_queries(partial):
        client.get(url, {"page_size": 10, "page": 2}, HTTP_HX_REQUEST="true")
