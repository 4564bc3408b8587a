"""factory_boy factories for the actors app. Appointments go through the service so that
rights are granted exactly as in production."""

import datetime as dt

import factory
from django.utils import timezone

from actors import models as m
from appointments.models import Appointment


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Organization
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"org{n}")
    name = factory.LazyAttribute(lambda o: f"Organization {o.code.upper()}")
    kind = m.OrganizationKind.AGENCY


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Country

    # A digit and a letter: never one of the real (alphabetic) codes tests name, like "KE".
    iso_code = factory.Sequence(lambda n: f"{n % 10}{chr(65 + (n // 10) % 26)}")
    name = factory.Sequence(lambda n: f"Country {n}")


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Area

    country = factory.SubFactory(CountryFactory)
    name = factory.Sequence(lambda n: f"Area {n}")


class DutyStationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.DutyStation

    country = factory.SubFactory(CountryFactory)
    name = factory.Sequence(lambda n: f"Station {n}")
    time_zone = "UTC"


class WardenZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.WardenZone

    duty_station = factory.SubFactory(DutyStationFactory)
    name = factory.Sequence(lambda n: f"Zone {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    organization = factory.SubFactory(OrganizationFactory)
    password = factory.PostGenerationMethodCall("set_password", "pass-word-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Person

    organization = factory.SubFactory(OrganizationFactory)
    duty_station = factory.SubFactory(DutyStationFactory)
    family_name = factory.Sequence(lambda n: f"Family{n}")
    given_names = factory.Sequence(lambda n: f"Given{n}")
    index_number = factory.Sequence(lambda n: f"IX{n:06d}")
    category = m.PersonCategory.INTERNATIONAL
    contract_type = m.ContractType.FIXED_TERM
    grade = "P-3"


class DependantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = m.Dependant

    person = factory.SubFactory(PersonFactory)
    organization = factory.SelfAttribute("person.organization")
    family_name = factory.SelfAttribute("person.family_name")
    given_names = factory.Sequence(lambda n: f"Child{n}")
    relationship = m.Relationship.CHILD
    birth_date = dt.date(2015, 5, 17)
    residential_address = "12 Rue de la Paix"


def role(code: str) -> m.Role:
    return m.Role.objects.get(code=code)


def unsecoord_org() -> m.Organization:
    return OrganizationFactory(
        code="unsecoord", name="UNSECOORD", kind=m.OrganizationKind.UNSECOORD
    )


def superuser() -> m.User:
    return UserFactory(
        username="root", is_superuser=True, is_staff=True, organization=unsecoord_org()
    )


def appoint(
    person: m.Person, role_code: str, scope, *, start=None, end=None, **kwargs
) -> Appointment:
    """Appoint through the service, acting as a superuser, so rights are granted for real."""
    from appointments.services.appointments import appointment_create

    actor = m.User.objects.filter(is_superuser=True).first() or superuser()
    return appointment_create(
        actor=actor,
        person=person,
        role=role(role_code),
        scope=scope,
        start_date=start or timezone.localdate(),
        end_date=end,
        **kwargs,
    )


def user_with_role(role_code: str, scope, *, organization=None, duty_station=None, **user_kwargs):
    """A login with a person record holding ``role_code`` over ``scope``."""
    organization = organization or OrganizationFactory()
    if duty_station is None:
        duty_station = {
            m.DutyStation: lambda s: s,
            m.WardenZone: lambda s: s.duty_station,
            m.Area: lambda s: DutyStationFactory(country=s.country, area=s),
            m.Country: lambda s: DutyStationFactory(country=s, is_capital=True),
        }.get(type(scope), lambda s: DutyStationFactory())(scope)
    user = UserFactory(organization=organization, **user_kwargs)
    person = PersonFactory(organization=organization, duty_station=duty_station, user=user)
    appoint(person, role_code, scope)
    return user
