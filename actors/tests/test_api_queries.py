"""Exact query counts of every list endpoint, at page sizes 10 and 100 and with more data.

Every list costs the same whatever the page size and however many rows exist:
  1. the token and its user (TokenAuthentication, select_related),
  2. for tenant data only (people, dependants, appointments, users): the user's grants, read
     once per request by accountability.core.scoping.grants (reference data needs none),
  3. the page: one ``values()`` query filtered on the granted scope ids, cursor-paginated
     (page_size + 1 rows, no COUNT).
"""

import pytest

from accountability.core.audit import audit_context
from actors import models as m
from actors.tests.api_helpers import build_world, client_for
from actors.tests.factories import (
    AreaFactory,
    DependantFactory,
    PersonFactory,
    WardenZoneFactory,
    appoint,
)

pytestmark = pytest.mark.django_db

REFERENCE_LISTS = [
    "/api/v1/organizations/",
    "/api/v1/countries/",
    "/api/v1/duty-stations/",
    "/api/v1/areas/",
    "/api/v1/warden-zones/",
    "/api/v1/roles/",
    "/api/v1/responsibilities/",
    "/api/v1/competencies/",
]
TENANT_LISTS = [
    "/api/v1/personnel/",
    "/api/v1/dependants/",
    "/api/v1/appointments/",
    "/api/v1/users/",
]
LISTS = [(url, 2) for url in REFERENCE_LISTS] + [(url, 3) for url in TENANT_LISTS]


@pytest.fixture
def world(outsider):
    return build_world(outsider)


def add_data(world, n: int) -> None:
    """More rows of every kind in the DO's scope, of both agencies."""
    for i in range(n):
        zone = WardenZoneFactory(duty_station=world["capital"])
        AreaFactory(country=world["country"])
        for org in (world["a"], world["b"]):
            person = PersonFactory(organization=org, duty_station=world["capital"])
            person.residential_zone = zone
            person.save()
            DependantFactory(person=person)
            if i % 3 == 0:
                appoint(person, "warden", zone)


def assert_constant(client, url, django_assert_num_queries, expected: int, **params):
    for page_size in (10, 100):
        with django_assert_num_queries(expected):
            response = client.get(url, {"page_size": page_size, **params})
        assert response.status_code == 200, response.content


@pytest.mark.parametrize(("url", "expected"), LISTS)
def test_every_list_costs_constant_queries(world, url, expected, django_assert_num_queries):
    # 1 token + user, (tenant data: 1 grants), 1 page.
    for user in (world["do"], world["hq_a"], world["outsider"]):
        assert_constant(client_for(user), url, django_assert_num_queries, expected)
    add_data(world, 15)
    for user in (world["do"], world["hq_a"], world["outsider"]):
        assert_constant(client_for(user), url, django_assert_num_queries, expected)
    # Filters, search, ordering and CSV add no query.
    assert_constant(
        client_for(world["do"]),
        url,
        django_assert_num_queries,
        expected,
        format="csv",
        ordering="-id",
    )


def test_personnel_list_with_filters_and_the_second_page(world, django_assert_num_queries):
    add_data(world, 40)
    client = client_for(world["do"])
    params = {"duty_station": world["capital"].pk, "is_active": "true", "search": "Family"}
    assert_constant(client, "/api/v1/personnel/", django_assert_num_queries, 3, **params)
    first = client.get("/api/v1/personnel/", {"page_size": 10}).json()
    with django_assert_num_queries(3):  # 1 token + user, 1 grants, 1 page after the cursor
        second = client.get(first["next"])
    assert second.status_code == 200 and len(second.json()["results"]) == 10
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second.json()["results"]}


def test_dependants_private_fields_cost_no_extra_query(world, django_assert_num_queries):
    add_data(world, 20)
    for user in (world["warden"], world["smt_a"], world["do"]):
        # 1 token + user, 1 grants, 1 page with the birth date and address masked in SQL.
        assert_constant(client_for(user), "/api/v1/dependants/", django_assert_num_queries, 3)


def test_details_cost_constant_queries(world, django_assert_num_queries):
    client = client_for(world["do"])
    person = world["people"]["a_capital"]
    for url, expected in (
        (f"/api/v1/personnel/{person.pk}/", 3),  # 1 token + user, 1 grants, 1 row
        (f"/api/v1/dependants/{world['dependants']['a_capital'].pk}/", 3),
        (f"/api/v1/duty-stations/{world['capital'].pk}/", 2),  # reference: no grants
        (f"/api/v1/appointments/{world['warden'].person.appointments.get().pk}/", 3),
    ):
        with django_assert_num_queries(expected):
            assert client.get(url).status_code == 200
    # 1 token + user, 1 station row (scoped, 404 if not visible), 1 page of phase changes.
    with django_assert_num_queries(3):
        assert client.get(f"/api/v1/duty-stations/{world['capital'].pk}/phases/").status_code == 200


def test_audit_events_of_one_model_cost_five_queries(world, django_assert_num_queries):
    def touch(n):
        with audit_context(user=world["hq_a"], source="test"):
            m.Person.objects.filter(organization=world["a"]).update(grade=f"P-{n}")

    touch(1)
    client = client_for(world["do"])
    # 1 token + user, 1 grants, 1 events with their context, 1 previous snapshots, 1 usernames.
    assert_constant(client, "/api/v1/audit-events/", django_assert_num_queries, 5, model="person")
    add_data(world, 10)
    touch(2)
    assert_constant(client, "/api/v1/audit-events/", django_assert_num_queries, 5, model="person")


@pytest.mark.parametrize("url", REFERENCE_LISTS + TENANT_LISTS)
def test_every_list_and_detail_answers_a_superuser(world, url, django_assert_num_queries):
    """A superuser's rule is "everything": no grants to read, and no empty ``Q()`` may reach
    a ``When()`` (the dependants' private fields once answered 500 here)."""
    root = client_for(m.User.objects.filter(is_superuser=True).get())
    add_data(world, 3)
    # 1 token + user, 1 page: a superuser's scope needs no grants.
    assert_constant(root, url, django_assert_num_queries, 2)
    rows = root.get(url, {"page_size": 500}).json()["results"]
    assert rows
    with django_assert_num_queries(2):  # 1 token + user, 1 row
        response = root.get(f"{url}{rows[0]['id']}/")
    assert response.status_code == 200, response.content
    if url == "/api/v1/dependants/":
        # Superusers see every household's private fields, like the staff list keepers.
        assert {row["birth_date"] for row in rows} == {"2015-05-17"}
        assert {row["residential_address"] for row in rows} == {"12 Rue de la Paix"}


def test_audit_events_of_dependants_mask_details_in_the_same_queries(
    world, django_assert_num_queries
):
    add_data(world, 5)
    with audit_context(user=world["hq_a"], source="test"):
        m.Dependant.objects.update(residential_address="Elsewhere")
    for user in (world["smt_a"], world["warden"], world["do"]):
        # 1 token + user, 1 grants, 1 events with their context and "may see the details",
        # 1 previous snapshots, 1 usernames.
        assert_constant(
            client_for(user),
            "/api/v1/audit-events/",
            django_assert_num_queries,
            5,
            model="dependant",
        )
