"""Helpers of the API tests: token clients and a small two-agency world."""

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from actors.tests.factories import (
    AreaFactory,
    CountryFactory,
    DependantFactory,
    DutyStationFactory,
    OrganizationFactory,
    PersonFactory,
    WardenZoneFactory,
    user_with_role,
)


def client_for(user) -> APIClient:
    """A client that authenticates with ``Authorization: Token …``, as API clients do."""
    token, _ = Token.objects.get_or_create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def error_attrs(response) -> set:
    """The fields named by a drf-standardized-errors body."""
    return {error["attr"] for error in response.json()["errors"]}


def ids(response) -> set:
    return {row["id"] for row in response.json()["results"]}


def build_world(outsider) -> dict:
    """Agencies A and B in one country (capital with a zone, a field station in an area)."""
    country = CountryFactory(name="Kenya", iso_code="KE")
    capital = DutyStationFactory(country=country, name="Nairobi", is_capital=True)
    area = AreaFactory(country=country, name="North")
    field = DutyStationFactory(country=country, name="Lodwar", area=area)
    zone = WardenZoneFactory(duty_station=capital, name="Gigiri")
    a = OrganizationFactory(code="unicef")
    b = OrganizationFactory(code="wfp")
    people = {
        "a_capital": PersonFactory(organization=a, duty_station=capital, residential_zone=zone),
        "a_field": PersonFactory(organization=a, duty_station=field),
        "b_capital": PersonFactory(organization=b, duty_station=capital),
        "b_field": PersonFactory(organization=b, duty_station=field),
    }
    dependants = {key: DependantFactory(person=person) for key, person in people.items()}
    return {
        "country": country,
        "capital": capital,
        "field": field,
        "area": area,
        "zone": zone,
        "a": a,
        "b": b,
        "people": people,
        "dependants": dependants,
        "outsider": outsider,
        "hq_a": user_with_role("hq_focal_point", a, organization=a, duty_station=capital),
        "do": user_with_role("designated_official", country, organization=b),
        "smt_a": user_with_role("smt", capital, organization=a),
        "warden": user_with_role("warden", zone, organization=b),
    }
