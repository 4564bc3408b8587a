"""/api/v1/training-requirements/: what each person the user may see must complete, and where
they stand (¶25–¶33, annex ¶26), from training.selectors.requirement_rows.

Requirements are derived by the ``training_requirement`` view, not stored, so there is no
detail: a row's id is the text "rule-person-dependant". The list is ordered by person, rule
and dependant (unique), and paged by cursor on the person with an offset over a person's
few rows, so that a page costs the same however deep. Three queries: the token, the user's
grants, the page.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers

from accountability.core.api.base import ListModelMixin, ScopedViewSet
from accountability.core.api.pagination import FixedCursorPagination
from training import selectors
from training.models import CourseKind, RequirementStatus, RuleKind, TrainingRequirement

from .common import NamedChoiceField, PersonColumnsSerializer, person_columns
from .filters import RequirementListQuerySerializer


class RequirementSerializer(PersonColumnsSerializer):
    id = serializers.CharField(help_text=_("rule-person-dependant"))
    status = NamedChoiceField(RequirementStatus.choices, enum_name="RequirementStatusEnum")
    deadline = serializers.DateField(
        help_text=_("The date that decides the status: valid until, or else due on.")
    )
    days_late = serializers.IntegerField(
        help_text=_("Days past the deadline when overdue or expired.")
    )
    rule = serializers.IntegerField()
    rule_code = serializers.CharField()
    rule_name = serializers.CharField()
    rule_kind = NamedChoiceField(RuleKind.choices, enum_name="RuleKindEnum")
    course_kind = NamedChoiceField(CourseKind.choices, enum_name="CourseKindEnum")
    role = serializers.IntegerField(allow_null=True)
    role_code = serializers.CharField(allow_null=True)
    organization = serializers.IntegerField()
    organization_code = serializers.CharField()
    duty_station = serializers.IntegerField()
    duty_station_name = serializers.CharField()
    anchor_on = serializers.DateField()
    due_on = serializers.DateField()
    completed_on = serializers.DateField(allow_null=True)
    valid_until = serializers.DateField(allow_null=True)
    record = serializers.IntegerField(allow_null=True)


class RequirementPagination(FixedCursorPagination):
    """Cursor on the person id: DRF positions a cursor on the first ordering column and skips
    rows sharing it by offset, here the few requirements of one person."""

    ordering = ("person_id", "rule_id", "dependant_id")

    def _get_position_from_instance(self, instance, ordering):
        return str(instance["person"])


@extend_schema_view(
    list=extend_schema(
        summary="Training requirements of the people you may see, with their status",
        parameters=[RequirementListQuerySerializer],
    )
)
class TrainingRequirementViewSet(ListModelMixin, ScopedViewSet):
    model = TrainingRequirement
    output_fields = (
        "id",
        "status",
        "deadline",
        "days_late",
        "rule",
        ("rule_code", "rule__code"),
        ("rule_name", "rule__name"),
        "rule_kind",
        "course_kind",
        "role",
        ("role_code", "role__code"),
        *person_columns(),
        "organization",
        ("organization_code", "organization__code"),
        "duty_station",
        ("duty_station_name", "duty_station__name"),
        "anchor_on",
        "due_on",
        "completed_on",
        "valid_until",
        "record",
    )
    output_serializer_class = RequirementSerializer
    pagination_class = RequirementPagination
    # The filters are validated by RequirementListQuerySerializer and applied by the selector.
    filter_backends: list = []
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation: no user
            return TrainingRequirement.objects.none()
        query = RequirementListQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        filters = dict(query.validated_data)
        statuses = filters.pop("status", ())
        return selectors.requirement_rows(
            self.request.user, today=timezone.localdate(), statuses=statuses, **filters
        )
