"""Query filters of the training API.

Ids are plain number filters on the foreign key column, as in actors.api.filters: no query to
validate them, and since filtering happens inside the scoped queryset another tenant's id
simply matches nothing. Choices are checked: an unknown status is a 400 naming the filter.
"""

from __future__ import annotations

import django_filters as df
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actors.api.filters import _bool, _id
from training import models as t


class CourseFilter(df.FilterSet):
    kind = df.ChoiceFilter(choices=t.CourseKind.choices)
    delivery = df.ChoiceFilter(choices=t.Delivery.choices)
    provider = _id("provider_id", "Provider (organization) id")
    endorsed = df.BooleanFilter(field_name="endorsed_at", lookup_expr="isnull", exclude=True)
    is_active = _bool()

    class Meta:
        model = t.Course
        fields = ["kind", "delivery", "provider", "endorsed", "is_active"]


class TrainingRecordFilter(df.FilterSet):
    person = _id("person_id", "Person id")
    dependant = _id("dependant_id", "Dependant id")
    course = _id("course_id", "Course id")
    organization = _id("organization_id", "Organization id")
    status = df.ChoiceFilter(choices=t.RecordStatus.choices)
    source = df.ChoiceFilter(choices=t.RecordSource.choices)
    completed_after = df.DateFilter(field_name="completed_on", lookup_expr="gte")
    completed_before = df.DateFilter(field_name="completed_on", lookup_expr="lte")

    class Meta:
        model = t.TrainingRecord
        fields = [
            "person",
            "dependant",
            "course",
            "organization",
            "status",
            "source",
            "completed_after",
            "completed_before",
        ]


class CertificateFilter(df.FilterSet):
    person = _id("record__person_id", "Person id")
    course = _id("record__course_id", "Course id")
    organization = _id("record__organization_id", "Organization id")

    class Meta:
        model = t.Certificate
        fields = ["person", "course", "organization"]


class BriefingFilter(df.FilterSet):
    duty_station = _id("duty_station_id", "Duty station id")
    given_after = df.DateFilter(field_name="given_on", lookup_expr="gte")
    given_before = df.DateFilter(field_name="given_on", lookup_expr="lte")

    class Meta:
        model = t.Briefing
        fields = ["duty_station", "given_after", "given_before"]


class TrainingSessionFilter(df.FilterSet):
    course = _id("course_id", "Course id")
    duty_station = _id("duty_station_id", "Duty station id")
    organization = _id("organization_id", "Organization id")
    held_after = df.DateFilter(field_name="held_on", lookup_expr="gte")
    held_before = df.DateFilter(field_name="held_on", lookup_expr="lte")

    class Meta:
        model = t.TrainingSession
        fields = ["course", "duty_station", "organization", "held_after", "held_before"]


class AttemptFilter(df.FilterSet):
    person = _id("person_id", "Person id")
    course = _id("course_id", "Course id")
    passed = _bool()
    open = df.BooleanFilter(field_name="submitted_at", lookup_expr="isnull")

    class Meta:
        model = t.TestAttempt
        fields = ["person", "course", "passed", "open"]


# --- The requirement view's filters (training.selectors.REQUIREMENT_FILTERS) ------------------


@extend_schema_field(
    {"type": "array", "items": {"type": "string", "enum": list(t.RequirementStatus.values)}}
)
class StatusListField(serializers.Field):
    """``?status=overdue&status=expired`` or ``?status=overdue,expired``."""

    default_error_messages = {"invalid_choice": _('"{value}" is not a valid status.')}

    def get_value(self, dictionary):
        if hasattr(dictionary, "getlist"):
            values = dictionary.getlist(self.field_name)
            return values if values else serializers.empty
        return dictionary.get(self.field_name, serializers.empty)

    def to_internal_value(self, data):
        values = data if isinstance(data, list) else [data]
        statuses = []
        for value in values:
            for part in str(value).split(","):
                part = part.strip()
                if not part:
                    continue
                if part not in t.RequirementStatus.values:
                    self.fail("invalid_choice", value=part)
                if part not in statuses:
                    statuses.append(part)
        return statuses

    def to_representation(self, value):
        return value


class RequirementQuerySerializer(serializers.Serializer):
    """The filters of the requirement list and of the compliance aggregation: the keys of
    training.selectors.REQUIREMENT_FILTERS."""

    organization = serializers.IntegerField(required=False, min_value=1)
    duty_station = serializers.IntegerField(required=False, min_value=1)
    person = serializers.IntegerField(required=False, min_value=1)
    course_kind = serializers.ChoiceField(choices=t.CourseKind.choices, required=False)
    rule = serializers.IntegerField(required=False, min_value=1)
    rule_kind = serializers.ChoiceField(choices=t.RuleKind.choices, required=False)
    role = serializers.IntegerField(required=False, min_value=1)


class RequirementListQuerySerializer(RequirementQuerySerializer):
    status = StatusListField(
        required=False,
        help_text=_(
            "One or more of compliant, due_soon, overdue, expired, not_due: repeated or "
            "separated by commas."
        ),
    )
