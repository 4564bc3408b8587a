"""Query filters of the appointments API: ids are plain number filters on the foreign key
column, matched inside the scoped queryset (another tenant's id simply matches nothing)."""

import django_filters as df

from actors import models as m
from actors.api.filters import _id
from appointments.models import Appointment, AppointmentStatus


class AppointmentFilter(df.FilterSet):
    person = _id("person_id", "Person id")
    organization = _id("organization_id", "Organization id of the appointee")
    role = df.CharFilter(field_name="role__code", label="Role code")
    status = df.ChoiceFilter(choices=AppointmentStatus.choices)
    scope_kind = df.ChoiceFilter(choices=m.ScopeKind.choices)
    duty_station = _id("scope_duty_station_id", "Duty station id (station-wide appointments)")
    country = _id("scope_country_id", "Country id (country-wide appointments)")
    area = _id("scope_area_id", "Area id")
    zone = _id("scope_zone_id", "Warden zone id")

    class Meta:
        model = Appointment
        fields = [
            "person",
            "organization",
            "role",
            "status",
            "scope_kind",
            "duty_station",
            "country",
            "area",
            "zone",
        ]
