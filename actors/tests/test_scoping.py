"""The scoping rules of accountability.core.scoping, role by role."""

import pytest

from accountability.core.scoping import editable_by, get_for_user, visible_to
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
    appoint,
    unsecoord_org,
    user_with_role,
)
from appointments.models import Appointment

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(outsider):
    """Two agencies at two stations of one country, plus a station abroad."""
    country = CountryFactory(name="Kenya", iso_code="KE")
    capital = DutyStationFactory(country=country, name="Nairobi", is_capital=True)
    area = AreaFactory(country=country, name="North")
    field = DutyStationFactory(country=country, name="Lodwar", area=area)
    abroad = DutyStationFactory(name="Kampala")
    zone = WardenZoneFactory(duty_station=capital, name="Gigiri")
    a = OrganizationFactory(code="unicef")
    b = OrganizationFactory(code="wfp")
    people = {
        "a_capital": PersonFactory(organization=a, duty_station=capital, residential_zone=zone),
        "a_field": PersonFactory(organization=a, duty_station=field),
        "a_abroad": PersonFactory(organization=a, duty_station=abroad),
        "b_capital": PersonFactory(organization=b, duty_station=capital),
        "b_field": PersonFactory(organization=b, duty_station=field),
    }
    for person in people.values():
        DependantFactory(person=person)
    return {
        "country": country,
        "capital": capital,
        "field": field,
        "abroad": abroad,
        "area": area,
        "zone": zone,
        "a": a,
        "b": b,
        "people": people,
        "outsider": outsider,
    }


def names(qs):
    return set(qs.values_list("pk", flat=True))


def ids(world, *keys):
    return {world["people"][k].pk for k in keys}


def test_hq_focal_point_sees_its_organization_worldwide(world):
    user = user_with_role("hq_focal_point", world["a"], organization=world["a"])
    visible = names(visible_to(user, m.Person))
    assert ids(world, "a_capital", "a_field", "a_abroad") <= visible
    assert not ids(world, "b_capital", "b_field") & visible
    assert names(editable_by(user, m.Person)) >= ids(world, "a_capital", "a_field", "a_abroad")


def test_country_representative_sees_own_organization_at_its_station(world):
    user = user_with_role("country_representative", world["capital"], organization=world["a"])
    visible = names(visible_to(user, m.Person))
    assert ids(world, "a_capital") <= visible
    assert not ids(world, "a_field", "a_abroad", "b_capital", "b_field") & visible


def test_designated_official_sees_every_organization_in_the_country(world):
    user = user_with_role("designated_official", world["country"], organization=world["b"])
    visible = names(visible_to(user, m.Person))
    assert ids(world, "a_capital", "a_field", "b_capital", "b_field") <= visible
    assert not ids(world, "a_abroad") & visible


def test_fsco_of_a_station_sees_everyone_there(world):
    user = user_with_role("fsco", world["capital"], organization=world["b"])
    visible = names(visible_to(user, m.Person))
    assert ids(world, "a_capital", "b_capital") <= visible
    assert not ids(world, "a_field", "b_field", "a_abroad") & visible


def test_smt_member_sees_structure_and_own_people(world):
    user = user_with_role("smt", world["capital"], organization=world["a"])
    visible = names(visible_to(user, m.Person))
    assert ids(world, "a_capital") <= visible
    assert not ids(world, "b_capital") & visible
    warden = PersonFactory(organization=world["b"], duty_station=world["capital"])
    appointment = appoint(warden, "warden", world["zone"])
    assert appointment in visible_to(user, Appointment)
    assert not editable_by(user, m.Person).filter(pk=world["people"]["a_capital"].pk).exists()


def test_area_coordinator_sees_people_in_its_area(world):
    user = user_with_role("area_coordinator", world["area"], organization=world["b"])
    visible = names(visible_to(user, m.Person))
    assert ids(world, "a_field", "b_field") <= visible
    assert not ids(world, "a_capital", "b_capital") & visible


def test_warden_sees_households_in_its_zone(world):
    user = user_with_role("warden", world["zone"], organization=world["b"])
    visible = names(visible_to(user, m.Person))
    assert visible == ids(world, "a_capital") | {user.person.pk}
    dependants = visible_to(user, m.Dependant)
    assert set(dependants.values_list("person_id", flat=True)) == {world["people"]["a_capital"].pk}


def test_inspector_reads_everything_and_changes_nothing(world):
    unsecoord = unsecoord_org()
    user = user_with_role("unsecoord_inspector", unsecoord, organization=unsecoord)
    assert visible_to(user, m.Person).count() == m.Person.objects.count()
    assert visible_to(user, m.Dependant).count() == m.Dependant.objects.count()
    # Only its own record, as every staff member.
    assert names(editable_by(user, m.Person)) == {user.person.pk}
    assert editable_by(user, m.Dependant).count() == 0


def test_staff_member_sees_self_and_own_dependants(world):
    person = world["people"]["a_capital"]
    user = UserFactory(organization=world["a"])
    person.user = user
    person.save()
    assert names(visible_to(user, m.Person)) == {person.pk}
    assert set(visible_to(user, m.Dependant).values_list("person_id", flat=True)) == {person.pk}


def test_outsider_sees_nobody_else_and_gets_404(world):
    outsider = world["outsider"]
    visible = names(visible_to(outsider, m.Person))
    assert visible == {outsider.person.pk}
    from django.http import Http404

    with pytest.raises(Http404):
        get_for_user(outsider, m.Person, world["people"]["a_capital"].pk)
    with pytest.raises(Http404):
        get_for_user(outsider, m.Person, 987654321)


def test_ending_an_appointment_revokes_its_rights(world):
    from appointments.services.appointments import appointment_end

    user = user_with_role("designated_official", world["country"], organization=world["b"])
    assert visible_to(user, m.Person).count() > 1
    appointment = user.person.appointments.get()
    appointment_end(actor=user, appointment=appointment, reason="Reassigned")
    assert names(visible_to(user, m.Person)) == {user.person.pk}
    assert not m.CountryUserObjectPermission.objects.filter(user=user).exists()
