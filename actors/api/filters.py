"""Query filters of the actors API.

Ids are plain number filters on the foreign key column: a ModelChoiceFilter would spend a
query to validate each id (and would say whether another tenant's row exists). Filtering
happens inside the scoped queryset, so another tenant's id simply matches nothing.
"""

import django_filters as df

from actors import models as m
from actors.models.catalogue import Source


def _bool(**kwargs) -> df.TypedChoiceFilter:
    """``true`` or ``false``; anything else is a 400, not silently ignored."""
    return df.TypedChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        coerce=lambda value: value == "true",
        **kwargs,
    )


def _id(field_name: str, label: str) -> df.NumberFilter:
    return df.NumberFilter(field_name=field_name, label=label)


class OrganizationFilter(df.FilterSet):
    kind = df.ChoiceFilter(choices=m.OrganizationKind.choices)
    is_active = _bool()

    class Meta:
        model = m.Organization
        fields = ["kind", "is_active"]


class CountryFilter(df.FilterSet):
    iso_code = df.CharFilter(lookup_expr="iexact")

    class Meta:
        model = m.Country
        fields = ["iso_code"]


class DutyStationFilter(df.FilterSet):
    country = _id("country_id", "Country id")
    area = _id("area_id", "Area id")
    is_capital = _bool()
    security_phase = df.ChoiceFilter(choices=m.SecurityPhase.choices)

    class Meta:
        model = m.DutyStation
        fields = ["country", "area", "is_capital", "security_phase"]


class AreaFilter(df.FilterSet):
    country = _id("country_id", "Country id")

    class Meta:
        model = m.Area
        fields = ["country"]


class WardenZoneFilter(df.FilterSet):
    duty_station = _id("duty_station_id", "Duty station id")

    class Meta:
        model = m.WardenZone
        fields = ["duty_station"]


class PersonFilter(df.FilterSet):
    organization = _id("organization_id", "Organization id")
    duty_station = _id("duty_station_id", "Duty station id")
    country = _id("duty_station__country_id", "Country id of the duty station")
    residential_zone = _id("residential_zone_id", "Warden zone id")
    category = df.ChoiceFilter(choices=m.PersonCategory.choices)
    contract_type = df.ChoiceFilter(choices=m.ContractType.choices)
    is_active = _bool()

    class Meta:
        model = m.Person
        fields = [
            "organization",
            "duty_station",
            "country",
            "residential_zone",
            "category",
            "contract_type",
            "is_active",
        ]


class DependantFilter(df.FilterSet):
    person = _id("person_id", "Person id")
    organization = _id("organization_id", "Organization id")
    duty_station = _id("person__duty_station_id", "Duty station id of the person")
    relationship = df.ChoiceFilter(choices=m.Relationship.choices)
    lives_at_duty_station = _bool()

    class Meta:
        model = m.Dependant
        fields = ["person", "organization", "duty_station", "relationship", "lives_at_duty_station"]


class RoleFilter(df.FilterSet):
    code = df.CharFilter()

    class Meta:
        model = m.Role
        fields = ["code"]


class ResponsibilityFilter(df.FilterSet):
    role = df.CharFilter(field_name="role__code", label="Role code")
    source = df.ChoiceFilter(choices=Source.choices)
    paragraph = df.NumberFilter()
    letter = df.CharFilter()

    class Meta:
        model = m.Responsibility
        fields = ["role", "source", "paragraph", "letter"]


class CompetencyFilter(df.FilterSet):
    role = df.CharFilter(field_name="role__code", label="Role code")
    paragraph_letter = df.CharFilter()

    class Meta:
        model = m.Competency
        fields = ["role", "paragraph_letter"]


class UserFilter(df.FilterSet):
    is_active = _bool()
    organization = _id("organization_id", "Organization id")

    class Meta:
        model = m.User
        fields = ["is_active", "organization"]
