"""/api/v1/checklist-items/: the checklist of a mission, one duty of one accountable actor
per item (¶39), recorded by the team, often offline (inspections.services.recording).

PATCH records an item: result, notes, severity and ``client_saved_at``, the time the
inspector's device saved the entry. A draft re-sent after the connection came back that is
older than what is stored is not applied (``applied: false`` in the answer, with the stored
item), so that an offline client knows to drop it. A deficient result opens the item's
finding (¶40). ``…/evidence/`` lists the item's photographs and documents (GET) and adds one
(POST, multipart ``file``; its type is read from its bytes, its size limited).

Items are seen as their mission's findings are (accountability.core.scoping): the team,
the station's DO, FSCO and SMT from the announcement, the agency's people from the debrief
on, the accountable person. Only the team records (anyone else: 404). A list costs three
queries (the token, the user's grants, the page), a detail as much; the evidence four.
"""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.response import Response

from accountability.core.api.base import ReadOnlyScopedViewSet, UpdateModelMixin
from accountability.core.api.parsers import FormParser, JSONParser, MultiPartParser
from inspections.models import ChecklistItem, Evidence, ItemResult, Severity
from inspections.services import recording

from .common import (
    EvidenceSerializer,
    EvidenceUploadSerializer,
    NamedChoiceField,
    evidence_rows,
    person_columns,
)
from .filters import ChecklistItemFilter

RESULT_CHOICES = [("", _("Not recorded")), *ItemResult.choices]


def result_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(
        RESULT_CHOICES, enum_name="ChecklistResultEnum", allow_blank=True, **kwargs
    )


def severity_field(**kwargs) -> NamedChoiceField:
    return NamedChoiceField(Severity.choices, enum_name="InspectionSeverityEnum", **kwargs)


class ChecklistItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    mission = serializers.IntegerField()
    mission_reference = serializers.CharField()
    duty_station = serializers.IntegerField()
    organization = serializers.IntegerField(help_text=_("The agency accountable."))
    organization_code = serializers.CharField()
    person = serializers.IntegerField(help_text=_("The accountable person."))
    person_family_name = serializers.CharField()
    person_given_names = serializers.CharField()
    role = serializers.IntegerField()
    role_code = serializers.CharField()
    reference = serializers.CharField(help_text=_("The paragraph of A/57/365, e.g. ¶8(c)."))
    text_en = serializers.CharField()
    text_zh = serializers.CharField()
    severity = severity_field()
    position = serializers.IntegerField()
    result = result_field()
    notes = serializers.CharField()
    recorded_by = serializers.IntegerField(allow_null=True)
    recorded_at = serializers.DateTimeField(allow_null=True)
    client_saved_at = serializers.DateTimeField(allow_null=True)
    finding = serializers.IntegerField(
        allow_null=True, help_text=_("The finding a deficient result opened (¶40).")
    )
    evidence_count = serializers.IntegerField()


class RecordedItemSerializer(ChecklistItemSerializer):
    applied = serializers.BooleanField(
        help_text=_(
            "False when the entry was saved on the device before the one stored: it was "
            "ignored and the stored item is returned."
        )
    )


class RecordSerializer(serializers.Serializer):
    result = result_field(required=False)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=20000)
    severity = severity_field(
        required=False, help_text=_("The finding's severity, for a deficient result.")
    )
    client_saved_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        help_text=_(
            "When the device saved the entry; an older entry than the stored one is ignored."
        ),
    )


@extend_schema_view(
    list=extend_schema(summary="Checklist items you may see (¶39)"),
    retrieve=extend_schema(summary="One checklist item"),
    partial_update=extend_schema(
        request=RecordSerializer,
        responses={200: RecordedItemSerializer},
        summary="Record an item (the team; autosave: an older draft is not applied)",
    ),
)
class ChecklistItemViewSet(UpdateModelMixin, ReadOnlyScopedViewSet):
    model = ChecklistItem
    output_fields = (
        "id",
        "mission",
        ("mission_reference", "mission__reference"),
        ("duty_station", "mission__duty_station_id"),
        "organization",
        ("organization_code", "organization__code"),
        *person_columns("person"),
        "role",
        ("role_code", "role__code"),
        "reference",
        "text_en",
        "text_zh",
        "severity",
        "position",
        "result",
        "notes",
        "recorded_by",
        "recorded_at",
        "client_saved_at",
        "finding",  # the reverse one-to-one: its id
        "evidence_count",
    )
    output_serializer_class = ChecklistItemSerializer
    update_serializer_class = RecordSerializer
    filterset_class = ChecklistItemFilter
    # Items are created in their mission's order: the id keeps a mission's positions in order.
    ordering_fields = ("id",)
    ordering = ("id",)
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def base_queryset(self):
        return ChecklistItem.objects.annotate(evidence_count=Count("evidence"))

    def is_change(self) -> bool:
        # Adding evidence is the team's (editable_by); reading it is whoever sees the item.
        if self.action == "evidence":
            return self.request.method == "POST"
        return super().is_change()

    def partial_update(self, request, pk=None, format=None):
        item = self.get_object()
        data = self.validated(RecordSerializer, partial=True)
        item, applied = recording.checklist_item_record(user=request.user, item=item, **data)
        return Response({**self.row_for(item.pk), "applied": applied})

    @extend_schema(
        methods=["GET"],
        responses={200: EvidenceSerializer(many=True)},
        summary="The item's evidence (photographs and documents)",
    )
    @extend_schema(
        methods=["POST"],
        request={"multipart/form-data": EvidenceUploadSerializer},
        responses={201: EvidenceSerializer},
        summary="Attach evidence to the item (the team, while recording)",
    )
    @action(
        detail=True,
        methods=["get", "post"],
        filter_backends=[],
        pagination_class=None,
    )
    def evidence(self, request, pk=None, format=None):
        item = self.get_object()
        if request.method == "POST":
            data = self.validated(EvidenceUploadSerializer)
            added = recording.evidence_add(
                user=request.user, upload=data["file"], checklist_item=item
            )
            [row] = evidence_rows(request, Evidence.objects.filter(pk=added.pk))
            return Response(row, status=status.HTTP_201_CREATED)
        return Response(evidence_rows(request, Evidence.objects.filter(checklist_item=item)))
