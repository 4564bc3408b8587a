"""Appointments: scope rules per role, who may appoint, and rights following the dates."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from accountability.core.scoping import visible_to
from actors import models as m
from actors.services.people import person_update
from actors.services.users import user_link_person, user_update
from actors.tests.factories import (
    AreaFactory,
    CountryFactory,
    DutyStationFactory,
    OrganizationFactory,
    PersonFactory,
    UserFactory,
    WardenZoneFactory,
    appoint,
    role,
    superuser,
    unsecoord_org,
    user_with_role,
)
from appointments.models import AppointmentStatus
from appointments.services.appointments import (
    apply_appointment_dates,
    appointment_create,
    appointment_end,
)

# A fixed day, and the clock frozen on it for each test: a date read at import disagreed
# with the code's own once a run crossed midnight UTC.
TODAY = dt.date(2026, 6, 16)
pytestmark = [pytest.mark.django_db, pytest.mark.frozen_on(TODAY)]


@pytest.fixture
def root():
    return superuser()


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def test_scope_kind_must_fit_the_role(root):
    person = PersonFactory()
    with pytest.raises(ValidationError) as excinfo:
        appointment_create(
            actor=root,
            person=person,
            role=role("warden"),
            scope=person.duty_station,
            start_date=TODAY,
        )
    assert "scope" in errors_of(excinfo)


def test_personnel_is_not_an_appointed_role(root):
    person = PersonFactory()
    with pytest.raises(ValidationError) as excinfo:
        appointment_create(
            actor=root,
            person=person,
            role=role("personnel"),
            scope=person.duty_station,
            start_date=TODAY,
        )
    assert "role" in errors_of(excinfo)


def test_scope_must_include_the_persons_station(root):
    person = PersonFactory()
    elsewhere = WardenZoneFactory()
    with pytest.raises(ValidationError) as excinfo:
        appointment_create(
            actor=root, person=person, role=role("warden"), scope=elsewhere, start_date=TODAY
        )
    assert errors_of(excinfo)["scope"] == ["The scope must include the person's duty station."]


def test_one_designated_official_per_country(root):
    country = CountryFactory()
    station = DutyStationFactory(country=country, is_capital=True)
    appoint(PersonFactory(duty_station=station), "designated_official", country)
    with pytest.raises(ValidationError) as excinfo:
        appoint(PersonFactory(duty_station=station), "designated_official", country)
    assert "¶8" in errors_of(excinfo)["scope"][0]
    # A DO ad interim may serve alongside (¶8(b)).
    interim = appoint(
        PersonFactory(duty_station=station), "designated_official", country, is_ad_interim=True
    )
    assert interim.status == AppointmentStatus.ACTIVE


def test_unsecoord_roles_are_held_by_unsecoord_staff_only(root):
    unsecoord = unsecoord_org()
    agency_person = PersonFactory()
    with pytest.raises(ValidationError) as excinfo:
        appointment_create(
            actor=root,
            person=agency_person,
            role=role("unsecoord_inspector"),
            scope=unsecoord,
            start_date=TODAY,
        )
    assert "person" in errors_of(excinfo)


def test_hq_focal_point_appoints_own_people_to_agency_roles_only():
    org = OrganizationFactory()
    hq = user_with_role("hq_focal_point", org, organization=org)
    own = PersonFactory(organization=org)
    rep = appointment_create(
        actor=hq,
        person=own,
        role=role("country_representative"),
        scope=own.duty_station,
        start_date=TODAY,
    )
    assert rep.appointed_by == hq
    with pytest.raises(ValidationError) as excinfo:
        appointment_create(
            actor=hq,
            person=own,
            role=role("designated_official"),
            scope=own.duty_station,
            start_date=TODAY,
        )
    assert "role" in errors_of(excinfo)
    other = PersonFactory()
    with pytest.raises(ValidationError):
        appointment_create(
            actor=hq,
            person=other,
            role=role("country_representative"),
            scope=other.duty_station,
            start_date=TODAY,
        )


def test_future_appointment_grants_nothing_until_it_starts():
    country = CountryFactory()
    station = DutyStationFactory(country=country, is_capital=True)
    user = UserFactory()
    person = PersonFactory(organization=user.organization, duty_station=station, user=user)
    PersonFactory(duty_station=station)  # someone of another organization there
    start = TODAY + dt.timedelta(days=3)
    appointment = appoint(
        person, "designated_official", country, start=start, end=start + dt.timedelta(days=10)
    )
    assert appointment.status == AppointmentStatus.PENDING
    assert visible_to(user, m.Person).count() == 1

    assert apply_appointment_dates(today=start) == {"started": 1, "ended": 0}
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.ACTIVE
    assert visible_to(user, m.Person).count() == 2
    assert apply_appointment_dates(today=start) == {"started": 0, "ended": 0}  # idempotent

    assert apply_appointment_dates(today=start + dt.timedelta(days=11)) == {
        "started": 0,
        "ended": 1,
    }
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.ENDED
    assert visible_to(user, m.Person).count() == 1


def test_revocation_needs_a_reason_and_revokes_rights():
    area = AreaFactory()
    user = user_with_role("area_coordinator", area)
    appointment = user.person.appointments.get()
    with pytest.raises(ValidationError) as excinfo:
        appointment_end(actor=user, appointment=appointment, reason=" ", revoke=True)
    assert "end_reason" in errors_of(excinfo)
    appointment_end(actor=user, appointment=appointment, reason="Left the area", revoke=True)
    assert appointment.status == AppointmentStatus.REVOKED
    assert not m.AreaUserObjectPermission.objects.filter(user=user).exists()


def test_leaving_ends_appointments_and_rights_the_same_day(root):
    zone = WardenZoneFactory()
    user = user_with_role("warden", zone)
    person_update(actor=root, person=user.person, is_active=False)
    assert user.person.appointments.get().status == AppointmentStatus.ENDED
    assert user.person.appointments.get().ended_on == TODAY
    assert not m.WardenZoneUserObjectPermission.objects.filter(user=user).exists()


def test_rights_follow_the_login_link_and_its_activity(root):
    station = DutyStationFactory()
    person = PersonFactory(duty_station=station)
    appoint(person, "fsco", station)
    user = UserFactory(organization=person.organization)
    assert not m.DutyStationUserObjectPermission.objects.filter(user=user).exists()
    user_link_person(actor=root, user=user, person=person)
    assert m.DutyStationUserObjectPermission.objects.filter(user=user).exists()
    user_update(actor=root, user=user, is_active=False)
    assert not m.DutyStationUserObjectPermission.objects.filter(user=user).exists()
