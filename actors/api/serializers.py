"""Explicit input and output serializers of the actors API.

Output serializers document the rows the views build from ``values()`` (see
accountability.core.api.base); at run time no serializer walks a list row by row. Input
serializers validate a request body before it reaches a service; ids resolve among the rows
the user may see, so another tenant's id is "does not exist".
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accountability.core.api.base import ScopedPrimaryKeyRelatedField as Scoped
from accountability.core.history import tracked_keys
from actors import models as m
from actors.models.catalogue import Source

# --- Output rows ----------------------------------------------------------------------------


class OrganizationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.ChoiceField(choices=m.OrganizationKind.choices)
    mou_signed_on = serializers.DateField(allow_null=True)
    is_active = serializers.BooleanField()


class CountrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    iso_code = serializers.CharField()
    name = serializers.CharField()


class DutyStationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    country = serializers.IntegerField()
    country_name = serializers.CharField()
    is_capital = serializers.BooleanField()
    area = serializers.IntegerField(allow_null=True)
    time_zone = serializers.CharField()
    security_phase = serializers.ChoiceField(choices=m.SecurityPhase.choices)
    security_phase_since = serializers.DateField(allow_null=True)


class SecurityPhaseChangeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    duty_station = serializers.IntegerField()
    phase = serializers.ChoiceField(choices=m.SecurityPhase.choices)
    effective_from = serializers.DateField()
    reason = serializers.CharField()
    declared_by = serializers.IntegerField(allow_null=True)
    created_at = serializers.DateTimeField()


class SecurityPhaseChangePageSerializer(serializers.Serializer):
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = SecurityPhaseChangeSerializer(many=True)


class AreaSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    country = serializers.IntegerField()
    country_name = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()


class WardenZoneSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    duty_station = serializers.IntegerField()
    duty_station_name = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organization = serializers.IntegerField()
    organization_code = serializers.CharField()
    duty_station = serializers.IntegerField()
    duty_station_name = serializers.CharField()
    family_name = serializers.CharField()
    given_names = serializers.CharField()
    index_number = serializers.CharField()
    category = serializers.ChoiceField(choices=m.PersonCategory.choices)
    contract_type = serializers.ChoiceField(choices=m.ContractType.choices)
    grade = serializers.CharField()
    email = serializers.CharField()
    phone = serializers.CharField()
    radio_call_sign = serializers.CharField()
    residential_address = serializers.CharField()
    residential_zone = serializers.IntegerField(allow_null=True)
    arrived_on = serializers.DateField(help_text=_("Training due dates count from arrival (¶33)."))
    language = serializers.ChoiceField(choices=settings.LANGUAGES)
    user = serializers.IntegerField(allow_null=True)
    is_active = serializers.BooleanField()
    updated_at = serializers.DateTimeField()


class DependantSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    person = serializers.IntegerField()
    organization = serializers.IntegerField()
    family_name = serializers.CharField()
    given_names = serializers.CharField()
    relationship = serializers.ChoiceField(choices=m.Relationship.choices)
    birth_date = serializers.DateField(
        allow_null=True, help_text=_("Null unless your roles may see dependants' details.")
    )
    residential_address = serializers.CharField(
        allow_null=True, help_text=_("Null unless your roles may see dependants' details.")
    )
    lives_at_duty_station = serializers.BooleanField()


class RoleSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    name_zh = serializers.CharField()
    accountable_to = serializers.CharField()
    paragraphs = serializers.CharField()
    scope_kinds = serializers.ListField(child=serializers.ChoiceField(m.ScopeKind.choices))
    unsecoord_only = serializers.BooleanField()
    sort_order = serializers.IntegerField()


class ResponsibilitySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    role = serializers.IntegerField()
    role_code = serializers.CharField()
    source = serializers.ChoiceField(choices=Source.choices)
    paragraph = serializers.IntegerField()
    letter = serializers.CharField()
    reference = serializers.CharField(help_text=_("As cited, e.g. ¶8(c) or annex ¶24."))
    text_zh = serializers.CharField()
    text_en = serializers.CharField()


class CompetencySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    role = serializers.IntegerField()
    role_code = serializers.CharField()
    paragraph_letter = serializers.CharField()
    position = serializers.IntegerField()
    name_zh = serializers.CharField()
    name_en = serializers.CharField()


class UserSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    email = serializers.CharField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    organization = serializers.IntegerField()
    person = serializers.IntegerField(allow_null=True)
    is_active = serializers.BooleanField()
    last_login = serializers.DateTimeField(allow_null=True)


class AuditEventSerializer(serializers.Serializer):
    id = serializers.CharField(help_text=_("<model>:<event id>"))
    model = serializers.CharField()
    object_id = serializers.IntegerField()
    action = serializers.ChoiceField(choices=["insert", "update", "delete"])
    at = serializers.DateTimeField()
    user_id = serializers.IntegerField(allow_null=True)
    username = serializers.CharField(allow_null=True)
    source = serializers.CharField(allow_null=True)
    changes = serializers.DictField(
        child=serializers.ListField(), help_text=_("field: [before, after]")
    )


class AuditEventPageSerializer(serializers.Serializer):
    results = AuditEventSerializer(many=True)
    next = serializers.URLField(allow_null=True)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()


# --- Input --------------------------------------------------------------------------------


class OrganizationInputSerializer(serializers.Serializer):
    code = serializers.SlugField(max_length=20)
    name = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=m.OrganizationKind.choices)
    mou_signed_on = serializers.DateField(required=False, allow_null=True)
    is_active = serializers.BooleanField(required=False, default=True)


class OrganizationUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, required=False)
    kind = serializers.ChoiceField(choices=m.OrganizationKind.choices, required=False)
    mou_signed_on = serializers.DateField(required=False, allow_null=True)
    is_active = serializers.BooleanField(required=False)


class DutyStationUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120, required=False)
    is_capital = serializers.BooleanField(required=False)
    area = Scoped(m.Area, required=False, allow_null=True)
    time_zone = serializers.CharField(max_length=63, required=False)


class PhaseChangeInputSerializer(serializers.Serializer):
    phase = serializers.ChoiceField(choices=m.SecurityPhase.choices)
    effective_from = serializers.DateField(required=False)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class AreaInputSerializer(serializers.Serializer):
    country = Scoped(m.Country)
    name = serializers.CharField(max_length=120)
    description = serializers.CharField(required=False, allow_blank=True, default="")


class AreaUpdateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120, required=False)
    description = serializers.CharField(required=False, allow_blank=True)


class WardenZoneInputSerializer(serializers.Serializer):
    duty_station = Scoped(m.DutyStation)
    name = serializers.CharField(max_length=120)
    description = serializers.CharField(required=False, allow_blank=True, default="")


class PersonUpdateSerializer(serializers.Serializer):
    duty_station = Scoped(m.DutyStation, required=False)
    family_name = serializers.CharField(max_length=100, required=False)
    given_names = serializers.CharField(max_length=150, required=False)
    index_number = serializers.CharField(max_length=30, required=False)
    category = serializers.ChoiceField(choices=m.PersonCategory.choices, required=False)
    contract_type = serializers.ChoiceField(choices=m.ContractType.choices, required=False)
    grade = serializers.CharField(max_length=20, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    radio_call_sign = serializers.CharField(max_length=30, required=False, allow_blank=True)
    residential_address = serializers.CharField(required=False, allow_blank=True)
    residential_zone = Scoped(m.WardenZone, required=False, allow_null=True)
    user = Scoped(m.User, required=False, allow_null=True)
    is_active = serializers.BooleanField(required=False)


class PersonInputSerializer(PersonUpdateSerializer):
    organization = Scoped(m.Organization)
    duty_station = Scoped(m.DutyStation)
    family_name = serializers.CharField(max_length=100)
    given_names = serializers.CharField(max_length=150)
    index_number = serializers.CharField(max_length=30)
    category = serializers.ChoiceField(choices=m.PersonCategory.choices)
    contract_type = serializers.ChoiceField(choices=m.ContractType.choices)


class DependantUpdateSerializer(serializers.Serializer):
    family_name = serializers.CharField(max_length=100, required=False)
    given_names = serializers.CharField(max_length=150, required=False)
    relationship = serializers.ChoiceField(choices=m.Relationship.choices, required=False)
    birth_date = serializers.DateField(required=False, allow_null=True)
    residential_address = serializers.CharField(required=False, allow_blank=True)
    lives_at_duty_station = serializers.BooleanField(required=False)


class DependantInputSerializer(DependantUpdateSerializer):
    # Only people whose list the user keeps: anyone else's id is "does not exist".
    person = Scoped(m.Person, for_change=True)
    family_name = serializers.CharField(max_length=100)
    given_names = serializers.CharField(max_length=150)
    relationship = serializers.ChoiceField(choices=m.Relationship.choices)


class UserUpdateSerializer(serializers.Serializer):
    email = serializers.EmailField(required=False, allow_blank=True)
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    is_active = serializers.BooleanField(required=False)
    person = Scoped(m.Person, required=False, allow_null=True)


class UserInputSerializer(UserUpdateSerializer):
    username = serializers.CharField(max_length=150)
    organization = Scoped(
        m.Organization, required=False, help_text=_("Defaults to your own organization.")
    )
    password = serializers.CharField(
        write_only=True, required=False, style={"input_type": "password"}
    )


class AuditEventQuerySerializer(serializers.Serializer):
    model = serializers.ChoiceField(choices=(), required=False)
    object_id = serializers.IntegerField(required=False, min_value=1)
    before = serializers.DateTimeField(required=False)
    before_event = serializers.RegexField(
        r"^[a-z-]+:[0-9]+$",
        required=False,
        help_text=_("With before: the id of the last event seen (events may share a time)."),
    )
    since = serializers.DateTimeField(required=False)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=500, default=50)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Later apps register their audited models at import time: read the keys late.
        self.fields["model"].choices = tracked_keys()
