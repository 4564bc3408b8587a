"""One reading of who is the Designated Official of a duty station (¶8, ¶8(b)), shared by the
appointment workflow's reminders and the inspection notices."""

import pytest

from actors.tests.factories import (
    CountryFactory,
    DutyStationFactory,
    PersonFactory,
    UserFactory,
    appoint,
    user_with_role,
)
from appointments.officials import designated_officials

pytestmark = pytest.mark.django_db


def ad_interim(station, *, username):
    """A DO ad interim at ``station`` (¶8(b)), with a login."""
    user = UserFactory(username=username)
    person = PersonFactory(organization=user.organization, duty_station=station, user=user)
    appoint(person, "designated_official", station, is_ad_interim=True)
    return user


@pytest.fixture
def station():
    return DutyStationFactory(country=CountryFactory(), is_capital=True)


def test_the_do_of_the_country_and_a_do_ad_interim_at_the_station(station):
    do = user_with_role("designated_official", station.country, username="do").person
    interim = ad_interim(station, username="interim").person
    # Neither another country's DO nor the station's FSCO holds the office here.
    user_with_role("designated_official", CountryFactory(), username="elsewhere")
    user_with_role("fsco", station, username="fsco")

    assert set(designated_officials(station)) == {do, interim}


def test_a_do_without_a_login_still_holds_the_office(station):
    person = PersonFactory(duty_station=station, user=None)
    appoint(person, "designated_official", station.country)
    assert list(designated_officials(station)) == [person]

    from inspections.notices import designated_official_logins

    assert list(designated_official_logins(station)) == []


def test_an_ended_appointment_holds_no_office(station):
    from appointments.models import AppointmentStatus

    person = user_with_role("designated_official", station.country, username="do").person
    person.appointments.update(status=AppointmentStatus.ENDED)
    assert list(designated_officials(station)) == []


def test_the_workflow_and_the_inspections_share_the_one_definition(
    station, django_assert_num_queries
):
    from appointments.services import workflow
    from inspections import notices

    assert not hasattr(workflow, "designated_officials")
    assert notices.designated_officials is designated_officials
    do = user_with_role("designated_official", station.country, username="do")
    interim = ad_interim(station, username="ai")
    interim.is_active = False
    interim.save(update_fields=["is_active"])
    # One query: the active logins of the persons holding the office.
    with django_assert_num_queries(1):
        assert list(notices.designated_official_logins(station)) == [do]
