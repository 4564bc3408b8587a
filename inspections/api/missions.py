"""/api/v1/inspections/: inspection missions (¶39–¶40).

UNSECOORD's inspectors plan a mission (its lead inspector and team), announce it (the
checklist is generated for the actors present and the station is told, ¶39), record it and
debrief the DO and the SMT (¶40); all through inspections.services.missions. Only the team
changes a mission: the changes look it up through ``editable_by``, so anyone else gets 404.
Who sees a mission is accountability.core.scoping's rule: inspectors everything, the
station's DO, FSCO and SMT from the announcement, an agency with findings there its summary
from the debrief on.

A list costs three queries (the token, the user's grants, the page); a detail five (and the
items counted by result, the findings counted by agency: the station's summary every
recipient of the report sees).
"""

from __future__ import annotations

from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import Count, F, OuterRef, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.settings import api_settings

from accountability.core import pdfs, scoping
from accountability.core.api.base import ReadOnlyScopedViewSet, UpdateModelMixin
from accountability.core.api.base import ScopedPrimaryKeyRelatedField as Scoped
from actors.models import DutyStation, Person
from inspections import rules as inspection_rules
from inspections.models import (
    ChecklistItem,
    Finding,
    ItemResult,
    Mission,
    MissionMember,
    MissionReport,
    MissionStatus,
)
from inspections.models.findings import UNRESOLVED
from inspections.selectors import overdue_q
from inspections.services import missions as mission_services

from .common import NamedChoiceField, person_columns
from .filters import MissionFilter

UNRECORDED = "unrecorded"
PLAN_REFUSED = gettext_lazy("Only UNSECOORD and its inspectors plan inspection missions (¶39).")


class MissionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField(help_text=gettext_lazy("INS-YYYY-NNNN"))
    organization = serializers.IntegerField(help_text=gettext_lazy("UNSECOORD, who inspects."))
    duty_station = serializers.IntegerField()
    duty_station_name = serializers.CharField()
    country = serializers.IntegerField()
    country_name = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    lead_inspector = serializers.IntegerField()
    lead_inspector_family_name = serializers.CharField()
    lead_inspector_given_names = serializers.CharField()
    team = serializers.ListField(
        child=serializers.IntegerField(),
        help_text=gettext_lazy("The team's person ids, the lead inspector included."),
    )
    status = NamedChoiceField(MissionStatus.choices, enum_name="MissionStatusEnum")
    objectives = serializers.CharField()
    personnel_sample_size = serializers.IntegerField()
    checklist_version = serializers.IntegerField(
        allow_null=True,
        help_text=gettext_lazy("The frozen catalogue version the checklist was generated from."),
    )
    announced_at = serializers.DateTimeField(allow_null=True)
    started_at = serializers.DateTimeField(allow_null=True)
    debriefed_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    debrief_summary = serializers.CharField()
    compliance_score = serializers.FloatField(
        allow_null=True,
        help_text=gettext_lazy("Per cent, fixed at the debrief (inspections.scoring)."),
    )
    created_at = serializers.DateTimeField()


def _result_counts_fields() -> dict:
    return {value: serializers.IntegerField() for value in (*ItemResult.values, UNRECORDED)}


ItemResultCountsSerializer = type(
    "ItemResultCountsSerializer", (serializers.Serializer,), _result_counts_fields()
)


class AgencyFindingsSerializer(serializers.Serializer):
    organization = serializers.IntegerField()
    organization_code = serializers.CharField()
    organization_name = serializers.CharField()
    total = serializers.IntegerField()
    open = serializers.IntegerField(help_text=gettext_lazy("Not yet verified rectified."))
    overdue = serializers.IntegerField(help_text=gettext_lazy("Past the date, awaiting action."))


class MissionSummarySerializer(serializers.Serializer):
    items_total = serializers.IntegerField()
    items_by_result = ItemResultCountsSerializer()
    findings_total = serializers.IntegerField()
    findings_by_agency = AgencyFindingsSerializer(many=True)


class MissionDetailSerializer(MissionSerializer):
    summary = MissionSummarySerializer(
        help_text=gettext_lazy(
            "The station's summary every recipient of the report sees (¶40): counts only; "
            "the findings themselves are scoped (/api/v1/findings/)."
        )
    )


class MissionUpdateSerializer(serializers.Serializer):
    """The plan: dates and objectives until the debrief, team and sample until announced."""

    starts_on = serializers.DateField(required=False)
    ends_on = serializers.DateField(required=False)
    objectives = serializers.CharField(required=False, allow_blank=True, max_length=10000)
    personnel_sample_size = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=200,
        help_text=gettext_lazy("Staff members sampled for the personnel items (¶22)."),
    )
    team = Scoped(
        Person,
        many=True,
        required=False,
        help_text=gettext_lazy("UNSECOORD inspectors; the lead inspector is always on it."),
    )


class MissionPlanSerializer(MissionUpdateSerializer):
    duty_station = Scoped(DutyStation)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    lead_inspector = Scoped(Person)


class DebriefSerializer(serializers.Serializer):
    summary = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20000,
        help_text=gettext_lazy("What the team told the DO and the SMT (¶40)."),
    )


def mission_summary(mission_id: int) -> dict:
    """Items counted by result and findings by agency (two queries)."""
    results = dict.fromkeys((*ItemResult.values, UNRECORDED), 0)
    for result, count in (
        ChecklistItem.objects.filter(mission_id=mission_id)
        .values_list("result")
        .annotate(count=Count("id"))
        .order_by()
    ):
        results[result or UNRECORDED] = count
    agencies = list(
        Finding.objects.filter(mission_id=mission_id)
        .values(
            "organization",
            organization_code=F("organization__code"),
            organization_name=F("organization__name"),
        )
        .annotate(
            total=Count("id"),
            open=Count("id", filter=Q(status__in=UNRESOLVED)),
            overdue=Count("id", filter=overdue_q(timezone.localdate())),
        )
        .order_by("organization_code")
    )
    return {
        "items_total": sum(results.values()),
        "items_by_result": results,
        "findings_total": sum(agency["total"] for agency in agencies),
        "findings_by_agency": agencies,
    }


def report_for(user, mission_pk) -> MissionReport:
    """The debrief report of the mission that ``user`` may read: the full one when they may
    see it (the station, the team), else their agency's copy (¶40). 404 alike for none
    visible and not yet rendered (it is rendered by a task, never in the request)."""
    try:
        report = (
            scoping.visible_to(user, MissionReport)
            .filter(mission_id=mission_pk)
            .select_related("mission", "organization")
            .order_by(F("organization_id").asc(nulls_first=True), "organization__code")
            .first()
        )
    except (ValueError, TypeError):
        report = None
    if report is None or not report.sha256 or not report.pdf:
        raise Http404("No mission report matches the given query.")
    return report


@extend_schema_view(
    list=extend_schema(summary="Inspection missions you may see (¶39); ?search= a reference"),
    retrieve=extend_schema(
        responses={200: MissionDetailSerializer},
        summary="One mission with the station's summary: items by result, findings by agency",
    ),
    create=extend_schema(
        request=MissionPlanSerializer,
        responses={201: MissionDetailSerializer},
        summary="Plan a mission (UNSECOORD's inspectors, ¶39)",
    ),
    partial_update=extend_schema(
        request=MissionUpdateSerializer,
        responses={200: MissionDetailSerializer},
        summary="Change the plan (the mission's team)",
    ),
    announce=extend_schema(
        request=None,
        responses={200: MissionDetailSerializer},
        summary="Announce: the checklist is generated and the station told (¶39)",
    ),
    start=extend_schema(
        request=None,
        responses={200: MissionDetailSerializer},
        summary="Start recording (the first recorded item also starts it)",
    ),
    debrief=extend_schema(
        request=DebriefSerializer,
        responses={200: MissionDetailSerializer},
        summary="Debrief the DO and the SMT: score fixed, report rendered (¶40); 400 names "
        "what is missing",
    ),
    report=extend_schema(
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
        summary="The debrief report: the full one, or your agency's copy (404 until rendered)",
    ),
)
class MissionViewSet(UpdateModelMixin, ReadOnlyScopedViewSet):
    model = Mission
    output_fields = (
        "id",
        "reference",
        "organization",
        "duty_station",
        ("duty_station_name", "duty_station__name"),
        ("country", "duty_station__country_id"),
        ("country_name", "duty_station__country__name"),
        "starts_on",
        "ends_on",
        *person_columns("lead_inspector"),
        "team",
        "status",
        "objectives",
        "personnel_sample_size",
        ("checklist_version", "template__version"),
        "announced_at",
        "started_at",
        "debriefed_at",
        "closed_at",
        "debrief_summary",
        "compliance_score",
        "created_at",
    )
    output_serializer_class = MissionSerializer
    input_serializer_class = MissionPlanSerializer
    update_serializer_class = MissionUpdateSerializer
    filterset_class = MissionFilter
    search_fields = ("reference",)
    ordering_fields = ("starts_on", "id")
    ordering = ("-starts_on", "-id")
    change_actions = frozenset({"update", "partial_update", "announce", "start", "debrief"})
    http_method_names = ["get", "post", "patch", "head", "options"]

    def base_queryset(self):
        team = MissionMember.objects.filter(mission_id=OuterRef("pk")).order_by("person_id")
        return Mission.objects.annotate(team=ArraySubquery(team.values("person_id")))

    def detail_row(self, pk) -> dict:
        row = self.row_for(pk)
        row["summary"] = mission_summary(row["id"])
        return row

    def retrieve(self, request, pk=None, format=None):
        return Response(self.detail_row(pk))

    def create(self, request, *args, **kwargs):
        # Checked before the body: whoever may not plan learns nothing from field errors.
        # A 400 as training's creations answer a user without the right (never 403 on a
        # list URL, tests/test_isolation.py).
        if not inspection_rules.may_plan_inspections(request.user):
            raise exceptions.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: [PLAN_REFUSED]})
        mission = self.perform_create(self.validated())
        return Response(self.detail_row(mission.pk), status=status.HTTP_201_CREATED)

    def perform_create(self, data):
        try:
            return mission_services.mission_plan(user=self.request.user, **data)
        except DjangoPermissionDenied:
            raise exceptions.ValidationError(
                {api_settings.NON_FIELD_ERRORS_KEY: [PLAN_REFUSED]}
            ) from None

    def partial_update(self, request, pk=None, format=None):
        mission = self.get_object()
        data = self.validated(MissionUpdateSerializer, partial=True)
        mission_services.mission_update(user=request.user, mission=mission, **data)
        return Response(self.detail_row(mission.pk))

    @action(detail=True, methods=["post"])
    def announce(self, request, pk=None, format=None):
        mission = mission_services.mission_announce(user=request.user, mission=self.get_object())
        return Response(self.detail_row(mission.pk))

    @action(detail=True, methods=["post"])
    def start(self, request, pk=None, format=None):
        mission = mission_services.mission_start(user=request.user, mission=self.get_object())
        return Response(self.detail_row(mission.pk))

    @action(detail=True, methods=["post"])
    def debrief(self, request, pk=None, format=None):
        mission = self.get_object()
        data = self.validated(DebriefSerializer)
        mission_services.mission_debrief(
            user=request.user, mission=mission, summary=data.get("summary", "")
        )
        return Response(self.detail_row(mission.pk))

    @action(detail=True, methods=["get"], filter_backends=[])
    def report(self, request, pk=None, format=None):
        report = report_for(request.user, pk)
        suffix = f"-{report.organization.code}" if report.organization_id else ""
        return pdfs.stored_pdf_response(
            request,
            report.pdf,
            report.sha256,
            filename=f"inspection-{report.mission.reference}{suffix}.pdf",
        )
