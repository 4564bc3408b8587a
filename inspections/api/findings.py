"""/api/v1/findings/ and /api/v1/rectifications/: deficiencies with the date by which they
must be rectified, and the responsible actors' reports that they were (¶40).

Before the debrief the team completes a finding (severity, recommendation, date; PATCH,
through inspections.services.findings.finding_update); afterwards only its date moves. The
responsible actors report the rectification with evidence (``…/rectify/``): the accountable
person, the DO or FSCO, the agency's HQ focal point, or its people at the station who answer
for it (inspection_rules.findings_rectifiable_q). A finding one may not see answers 404; one that is
seen but not one's to rectify (an SMT member's, say) answers 403 with the reason. An
inspector of the mission verifies the report (``/rectifications/{id}/decide/``: the team
only, 404 for anyone else).

Whoever sees a finding sees its rectifications and their evidence. Lists cost three
queries (the token, the user's grants, the page); a rectification's detail four (and its
evidence).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import BooleanField, Count, ExpressionWrapper, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from accountability.core import scoping
from accountability.core.api.base import ReadOnlyScopedViewSet, UpdateModelMixin, split_fields
from accountability.core.api.parsers import FormParser, JSONParser, MultiPartParser
from inspections.models import (
    Evidence,
    Finding,
    FindingStatus,
    Rectification,
    RectificationDecision,
)
from inspections.selectors import overdue_q
from inspections.services import findings as finding_services
from inspections.services import recording

from .checklist import result_field, severity_field
from .common import (
    EvidenceSerializer,
    EvidenceUploadSerializer,
    NamedChoiceField,
    checked_upload,
    evidence_rows,
    person_columns,
    refused,
)
from .filters import FindingFilter, RectificationFilter


def status_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(FindingStatus.choices, enum_name="FindingStatusEnum", **kwargs)


class FindingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organization = serializers.IntegerField(help_text=_("The agency concerned."))
    organization_code = serializers.CharField()
    mission = serializers.IntegerField()
    mission_reference = serializers.CharField()
    duty_station = serializers.IntegerField()
    duty_station_name = serializers.CharField()
    checklist_item = serializers.IntegerField()
    reference = serializers.CharField(help_text=_("The paragraph of A/57/365, e.g. ¶8(c)."))
    text_en = serializers.CharField()
    text_zh = serializers.CharField()
    result = result_field()
    accountable_person = serializers.IntegerField()
    accountable_person_family_name = serializers.CharField()
    accountable_person_given_names = serializers.CharField()
    role = serializers.IntegerField()
    role_code = serializers.CharField()
    severity = severity_field()
    recommendation = serializers.CharField()
    deadline = serializers.DateField(help_text=_("Rectify by (¶40)."))
    deadline_set_by_hand = serializers.BooleanField(
        help_text=_("False while the date is the severity's default, which follows the severity.")
    )
    status = status_field()
    closed_at = serializers.DateTimeField(allow_null=True)
    is_overdue = serializers.BooleanField(
        help_text=_("Past its date and still awaiting action (open or not rectified).")
    )
    created_at = serializers.DateTimeField()


class FindingUpdateSerializer(serializers.Serializer):
    severity = severity_field(required=False)
    recommendation = serializers.CharField(required=False, max_length=20000)
    deadline = serializers.DateField(required=False, help_text=_("Rectify by (¶40)."))


class RectifyJSONSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=20000, help_text=_("What was done."))


class RectifySerializer(RectifyJSONSerializer):
    files = serializers.ListField(
        child=serializers.FileField(),
        required=False,
        max_length=20,
        help_text=_("Evidence: PDF, PNG or JPEG files, each within the size limit."),
    )

    def validate_files(self, files):
        return [checked_upload(upload, "files") for upload in files]


class RectificationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organization = serializers.IntegerField()
    organization_code = serializers.CharField()
    finding = serializers.IntegerField()
    mission = serializers.IntegerField()
    reference = serializers.CharField()
    description = serializers.CharField()
    reported_by = serializers.IntegerField(allow_null=True)
    reported_at = serializers.DateTimeField()
    status_before = status_field()
    decision = NamedChoiceField(
        RectificationDecision.choices, enum_name="RectificationDecisionEnum"
    )
    decided_by = serializers.IntegerField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    decision_note = serializers.CharField()
    evidence_count = serializers.IntegerField()


class RectificationDetailSerializer(RectificationSerializer):
    evidence = EvidenceSerializer(many=True)


class DecideSerializer(serializers.Serializer):
    accepted = serializers.BooleanField(help_text=_("Verified rectified, or sent back."))
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20000,
        help_text=_("Required when the rectification is not accepted."),
    )


RECTIFICATION_FIELDS = (
    "id",
    "organization",
    ("organization_code", "organization__code"),
    "finding",
    ("mission", "finding__mission_id"),
    ("reference", "finding__checklist_item__reference"),
    "description",
    "reported_by",
    "reported_at",
    "status_before",
    "decision",
    "decided_by",
    "decided_at",
    "decision_note",
    "evidence_count",
)


@extend_schema_view(
    list=extend_schema(
        summary="Findings you may see (¶40); ?duty_station=, ?agency=, ?status=, ?overdue="
    ),
    retrieve=extend_schema(summary="One finding"),
    partial_update=extend_schema(
        request=FindingUpdateSerializer,
        responses={200: FindingSerializer},
        summary="Complete a finding: severity and recommendation until the debrief, the date",
    ),
    rectify=extend_schema(
        request={
            "multipart/form-data": RectifySerializer,
            "application/json": RectifyJSONSerializer,
        },
        responses={201: RectificationDetailSerializer},
        summary="Report the rectification, with evidence; it awaits verification (¶40)",
    ),
)
class FindingViewSet(UpdateModelMixin, ReadOnlyScopedViewSet):
    model = Finding
    output_fields = (
        "id",
        "organization",
        ("organization_code", "organization__code"),
        "mission",
        ("mission_reference", "mission__reference"),
        ("duty_station", "mission__duty_station_id"),
        ("duty_station_name", "mission__duty_station__name"),
        "checklist_item",
        ("reference", "checklist_item__reference"),
        ("text_en", "checklist_item__text_en"),
        ("text_zh", "checklist_item__text_zh"),
        ("result", "checklist_item__result"),
        *person_columns("accountable_person"),
        "role",
        ("role_code", "role__code"),
        "severity",
        "recommendation",
        "deadline",
        "deadline_set_by_hand",
        "status",
        "closed_at",
        "is_overdue",
        "created_at",
    )
    output_serializer_class = FindingSerializer
    update_serializer_class = FindingUpdateSerializer
    filterset_class = FindingFilter
    ordering_fields = ("deadline", "id")
    ordering = ("deadline", "id")
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def base_queryset(self):
        # The selectors' rule of lateness (inspections.selectors.overdue_q), in the page's query.
        late = overdue_q(timezone.localdate())
        return Finding.objects.annotate(
            is_overdue=ExpressionWrapper(late, output_field=BooleanField())
        )

    def perform_update(self, obj, data):
        return finding_services.finding_update(user=self.request.user, finding=obj, **data)

    @action(detail=True, methods=["post"])
    def rectify(self, request, pk=None, format=None):
        # Among the findings one sees (404 otherwise); whether one answers for it is the
        # service's question (inspections.rules.findings_rectifiable_q): 403 with its reason.
        finding = self.get_object()
        data = self.validated(RectifySerializer)
        try:
            rectification = finding_services.rectification_report(
                user=request.user,
                finding=finding,
                description=data["description"],
                files=data.get("files", ()),
            )
        except DjangoPermissionDenied as exc:
            raise refused(exc) from None
        return Response(
            rectification_detail(request, rectification.pk), status=status.HTTP_201_CREATED
        )


def rectifications() -> QuerySet:
    return Rectification.objects.annotate(evidence_count=Count("evidence"))


def rectification_detail(request, pk) -> dict:
    """A rectification report the user sees, with its evidence (two queries; 404 otherwise)."""
    names, renames = split_fields(RECTIFICATION_FIELDS)
    rows = scoping.visible_to(request.user, Rectification, rectifications())
    row = rows.filter(pk=pk).values(*names, **renames).first()
    if row is None:
        raise exceptions.NotFound()
    row["evidence"] = evidence_rows(request, Evidence.objects.filter(rectification_id=row["id"]))
    return row


@extend_schema_view(
    list=extend_schema(summary="Rectification reports of the findings you may see (¶40)"),
    retrieve=extend_schema(
        responses={200: RectificationDetailSerializer},
        summary="One rectification report with its evidence",
    ),
    decide=extend_schema(
        request=DecideSerializer,
        responses={200: RectificationDetailSerializer},
        summary="Verify the rectification, or send it back with a note (the mission's team)",
    ),
)
class RectificationViewSet(ReadOnlyScopedViewSet):
    model = Rectification
    output_fields = RECTIFICATION_FIELDS
    output_serializer_class = RectificationSerializer
    filterset_class = RectificationFilter
    ordering_fields = ("reported_at", "id")
    ordering = ("-reported_at", "-id")
    change_actions = frozenset({"decide"})
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    http_method_names = ["get", "post", "head", "options"]

    def base_queryset(self):
        return rectifications()

    def retrieve(self, request, pk=None, format=None):
        try:
            return Response(rectification_detail(request, int(pk)))
        except ValueError:
            raise exceptions.NotFound() from None

    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None, format=None):
        rectification = self.get_object()
        data = self.validated(DecideSerializer)
        finding_services.rectification_decide(
            user=request.user,
            rectification=rectification,
            accepted=data["accepted"],
            note=data.get("note", ""),
        )
        return Response(rectification_detail(request, rectification.pk))

    @extend_schema(
        methods=["GET"],
        responses={200: EvidenceSerializer(many=True)},
        summary="The report's evidence",
    )
    @extend_schema(
        methods=["POST"],
        request={"multipart/form-data": EvidenceUploadSerializer},
        responses={201: EvidenceSerializer},
        summary="Add evidence to your report while it awaits verification",
    )
    @action(detail=True, methods=["get", "post"], filter_backends=[], pagination_class=None)
    def evidence(self, request, pk=None, format=None):
        rectification = self.get_object()
        if request.method == "POST":
            data = self.validated(EvidenceUploadSerializer)
            try:
                added = recording.evidence_add(
                    user=request.user, upload=data["file"], rectification=rectification
                )
            except DjangoPermissionDenied as exc:
                raise refused(exc) from None
            [row] = evidence_rows(request, Evidence.objects.filter(pk=added.pk))
            return Response(row, status=status.HTTP_201_CREATED)
        return Response(
            evidence_rows(request, Evidence.objects.filter(rectification=rectification))
        )
