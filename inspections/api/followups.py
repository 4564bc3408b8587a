"""/api/v1/follow-up-visits/: the visit that confirms the deficiencies were rectified
(¶40), scheduled by the daily scan once a mission's last date has passed
(inspections.services.deadlines). The team records, for every finding still open, whether it
was rectified (``…/checks/``), then completes the visit (``…/complete/``): findings checked
rectified close, the rest go to the agencies and the HLCM in a non-compliance report and the
station is flagged (inspections.services.followups). Both are the team's (anyone else: 404).

A visit is seen by whoever sees its mission; its checks follow their findings. A list costs
three queries (the token, the user's grants, the page); a detail four (and the checks).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from accountability.core import scoping
from accountability.core.api.base import ReadOnlyScopedViewSet, split_fields
from accountability.core.api.base import ScopedPrimaryKeyRelatedField as Scoped
from inspections.models import Finding, FollowUpCheck, FollowUpResult, FollowUpVisit
from inspections.services import followups as followup_services

from .common import NamedChoiceField
from .filters import FollowUpVisitFilter

CHECK_FIELDS = (
    "id",
    "visit",
    "finding",
    ("reference", "finding__checklist_item__reference"),
    "organization",
    ("organization_code", "organization__code"),
    "result",
    "notes",
    "checked_by",
    "checked_at",
)


def result_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(FollowUpResult.choices, enum_name="FollowUpResultEnum", **kwargs)


class CheckSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    visit = serializers.IntegerField()
    finding = serializers.IntegerField()
    reference = serializers.CharField()
    organization = serializers.IntegerField()
    organization_code = serializers.CharField()
    result = result_field()
    notes = serializers.CharField()
    checked_by = serializers.IntegerField(allow_null=True)
    checked_at = serializers.DateTimeField()


class VisitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organization = serializers.IntegerField()
    mission = serializers.IntegerField()
    mission_reference = serializers.CharField()
    duty_station = serializers.IntegerField()
    duty_station_name = serializers.CharField()
    scheduled_for = serializers.DateField()
    completed_at = serializers.DateTimeField(allow_null=True)
    completed_by = serializers.IntegerField(allow_null=True)
    notes = serializers.CharField()


class VisitDetailSerializer(VisitSerializer):
    checks = CheckSerializer(many=True, help_text=_("The checks of the findings you may see."))


class CheckInputSerializer(serializers.Serializer):
    finding = Scoped(Finding, help_text=_("An open finding of the visit's mission."))
    result = result_field()
    notes = serializers.CharField(required=False, allow_blank=True, max_length=20000)


class CompleteSerializer(serializers.Serializer):
    notes = serializers.CharField(required=False, allow_blank=True, max_length=20000)


def check_rows(user, queryset: QuerySet) -> list[dict]:
    names, renames = split_fields(CHECK_FIELDS)
    return list(
        scoping.visible_to(user, FollowUpCheck, queryset)
        .order_by("finding__checklist_item__position", "id")
        .values(*names, **renames)
    )


@extend_schema_view(
    list=extend_schema(summary="Follow-up visits of the missions you may see (¶40)"),
    retrieve=extend_schema(
        responses={200: VisitDetailSerializer},
        summary="One follow-up visit with the checks of the findings you may see",
    ),
    checks=extend_schema(
        request=CheckInputSerializer,
        responses={200: VisitDetailSerializer},
        summary="Record whether an open finding was rectified (the team, until completed)",
    ),
    complete=extend_schema(
        request=CompleteSerializer,
        responses={200: VisitDetailSerializer},
        summary="Complete the visit: what is not rectified is reported to the HLCM (¶40)",
    ),
)
class FollowUpVisitViewSet(ReadOnlyScopedViewSet):
    model = FollowUpVisit
    output_fields = (
        "id",
        "organization",
        "mission",
        ("mission_reference", "mission__reference"),
        ("duty_station", "mission__duty_station_id"),
        ("duty_station_name", "mission__duty_station__name"),
        "scheduled_for",
        "completed_at",
        "completed_by",
        "notes",
    )
    output_serializer_class = VisitSerializer
    filterset_class = FollowUpVisitFilter
    ordering_fields = ("scheduled_for", "id")
    ordering = ("-scheduled_for", "-id")
    change_actions = frozenset({"checks", "complete"})
    http_method_names = ["get", "post", "head", "options"]

    def detail_row(self, pk) -> dict:
        row = self.row_for(pk)
        row["checks"] = check_rows(
            self.request.user, FollowUpCheck.objects.filter(visit_id=row["id"])
        )
        return row

    def retrieve(self, request, pk=None, format=None):
        return Response(self.detail_row(pk))

    @action(detail=True, methods=["post"])
    def checks(self, request, pk=None, format=None):
        visit = self.get_object()
        data = self.validated(CheckInputSerializer)
        followup_services.follow_up_check_record(user=request.user, visit=visit, **data)
        return Response(self.detail_row(visit.pk))

    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None, format=None):
        visit = self.get_object()
        data = self.validated(CompleteSerializer)
        followup_services.follow_up_complete(
            user=request.user, visit=visit, notes=data.get("notes", "")
        )
        return Response(self.detail_row(visit.pk))
