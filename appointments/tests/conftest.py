import datetime as dt

import pytest
from django.utils import timezone

from actors import models as m
from actors.tests.factories import (
    AreaFactory,
    CountryFactory,
    DutyStationFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
    WardenZoneFactory,
    user_with_role,
)


@pytest.fixture
def station_world(db):
    """A capital with a DO, an FSCO, two SMT members, a country representative, a zone, an
    area, and a nominee with a login; plus a DO of another country."""
    country = CountryFactory(name="Kenya", iso_code="KE")
    capital = DutyStationFactory(country=country, name="Nairobi", is_capital=True)
    area = AreaFactory(country=country, name="Coast")
    field = DutyStationFactory(country=country, name="Mombasa", area=area)
    zone = WardenZoneFactory(duty_station=capital, name="Gigiri")
    undp, unicef = OrganizationFactory(code="undp"), OrganizationFactory(code="unicef")
    world = {
        "country": country,
        "capital": capital,
        "area": area,
        "field": field,
        "zone": zone,
        "undp": undp,
        "unicef": unicef,
        "do": user_with_role(
            "designated_official", country, organization=undp, duty_station=capital, username="do"
        ),
        "fsco": user_with_role("fsco", capital, organization=undp, username="fsco"),
        "smt1": user_with_role("smt", capital, organization=undp, username="smt1"),
        "smt2": user_with_role("smt", capital, organization=unicef, username="smt2"),
        "rep": user_with_role(
            "country_representative",
            country,
            organization=unicef,
            duty_station=capital,
            username="rep",
        ),
        "other_do": user_with_role("designated_official", CountryFactory(), username="otherdo"),
    }
    nominee_user = UserFactory(organization=unicef, username="nominee")
    world["nominee"] = PersonFactory(
        organization=unicef, duty_station=capital, user=nominee_user, residential_zone=zone
    )
    world["field_nominee"] = PersonFactory(organization=unicef, duty_station=field)
    world["warden"] = m.Role.objects.get(code="warden")
    world["asc"] = m.Role.objects.get(code="area_coordinator")
    world["start"] = timezone.localdate() + dt.timedelta(days=10)
    return world


def statements_for(role) -> dict[int, str]:
    return {c.pk: f"Shows {c.name_en.lower()} daily." for c in role.competencies.all()}
