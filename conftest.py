"""Shared fixtures. Every test world has an outsider organization whose user must see nothing."""

import pytest

from actors.tests.factories import (
    DependantFactory,
    DutyStationFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
)

# The browser tests' fixtures (page, allow_orm_beside_playwright).
pytest_plugins = ["tests.browser"]


@pytest.fixture
def outsider(db):
    """A user of another organization, holding no appointment, with rows of its own."""
    org = OrganizationFactory(code="outsider", name="Outsider Organization")
    station = DutyStationFactory()
    person = PersonFactory(organization=org, duty_station=station)
    DependantFactory(person=person)
    user = UserFactory(organization=org, username="outsider")
    PersonFactory(organization=org, duty_station=station, user=user)
    return user
