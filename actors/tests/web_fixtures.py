"""A small world for the web page tests: two agencies at one capital, a field station in an
area, a zone, the outsider's organization elsewhere, and logins for the main roles."""

from __future__ import annotations

import pytest

from actors.tests.factories import (
    AreaFactory,
    CountryFactory,
    DependantFactory,
    DutyStationFactory,
    OrganizationFactory,
    PersonFactory,
    WardenZoneFactory,
    superuser,
    user_with_role,
)


@pytest.fixture
def web_world(outsider):
    country = CountryFactory(name="Kenya")
    capital = DutyStationFactory(country=country, name="Nairobi", is_capital=True)
    area = AreaFactory(country=country, name="Turkana")
    field = DutyStationFactory(country=country, name="Lodwar", area=area)
    zone = WardenZoneFactory(duty_station=capital, name="Gigiri")
    a = OrganizationFactory(code="unicef", name="UNICEF")
    b = OrganizationFactory(code="wfp", name="WFP")
    root = superuser()
    do = user_with_role("designated_official", capital, organization=b, username="do_nairobi")
    hq = user_with_role("hq_focal_point", a, organization=a, username="hq_unicef")
    person = PersonFactory(
        organization=a, duty_station=capital, family_name="Mwangi", given_names="Grace"
    )
    dependant = DependantFactory(person=person, given_names="Amani")
    other = PersonFactory(organization=b, duty_station=field, family_name="Otieno")
    staff = PersonFactory(organization=a, duty_station=capital, family_name="Staff")
    from actors.tests.factories import UserFactory

    staff_user = UserFactory(organization=a, username="staff_a")
    staff.user = staff_user
    staff.save()
    o_person = outsider.person
    return {
        "country": country,
        "capital": capital,
        "field": field,
        "area": area,
        "zone": zone,
        "a": a,
        "b": b,
        "root": root,
        "do": do,
        "hq": hq,
        "staff": staff_user,
        "person": person,
        "dependant": dependant,
        "other": other,
        "outsider": outsider,
        "o_person": o_person,
        "o_org": outsider.organization,
        "o_station": o_person.duty_station,
    }
