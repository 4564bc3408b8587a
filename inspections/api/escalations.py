"""/api/v1/escalations/: non-compliance reports (¶40). Findings still not rectified after
the follow-up visit are reported to the agencies concerned and to the HLCM; the duty station
stays flagged non-compliant while the report is open (``closed_at`` empty), until each of
its findings is verified rectified. Written by the follow-up visit, never through the API.

Seen by the station's DO, FSCO and SMT, by the agencies concerned and by UNSECOORD; each
sees the report's agencies and dates, and the ids of the findings it may see. ``…/pdf/``
serves the stored report, 404 until it is rendered. A list costs three queries (the token,
the user's grants, the page); a detail four (and the findings one may see).
"""

from __future__ import annotations

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef, Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from accountability.core import pdfs, scoping
from accountability.core.api.base import ReadOnlyScopedViewSet
from inspections.models import Escalation, EscalationFinding

from .filters import EscalationFilter


class EscalationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    mission = serializers.IntegerField()
    mission_reference = serializers.CharField()
    duty_station = serializers.IntegerField()
    duty_station_name = serializers.CharField()
    agencies = serializers.ListField(
        child=serializers.IntegerField(), help_text=_("The agencies concerned (ids).")
    )
    agency_codes = serializers.ListField(child=serializers.CharField())
    created_at = serializers.DateTimeField(help_text=_("When the report was written."))
    issued_at = serializers.DateTimeField(allow_null=True, help_text=_("When the PDF was issued."))
    closed_at = serializers.DateTimeField(
        allow_null=True, help_text=_("When its last finding was verified rectified.")
    )
    verification_code = serializers.CharField()
    rendered = serializers.BooleanField(help_text=_("Whether the PDF is ready."))
    sha256 = serializers.CharField(help_text=_("Of the stored PDF, once rendered."))


class EscalationDetailSerializer(EscalationSerializer):
    findings = serializers.ListField(
        child=serializers.IntegerField(), help_text=_("The reported findings you may see.")
    )


@extend_schema_view(
    list=extend_schema(summary="Non-compliance reports you may see (¶40); ?open=true"),
    retrieve=extend_schema(
        responses={200: EscalationDetailSerializer},
        summary="One non-compliance report with the findings you may see",
    ),
    pdf=extend_schema(
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
        summary="The report as sent to the agencies and the HLCM (404 until rendered)",
    ),
)
class EscalationViewSet(ReadOnlyScopedViewSet):
    model = Escalation
    output_fields = (
        "id",
        "mission",
        ("mission_reference", "mission__reference"),
        "duty_station",
        ("duty_station_name", "duty_station__name"),
        "agencies",
        "agency_codes",
        "created_at",
        "issued_at",
        "closed_at",
        "verification_code",
        "rendered",
        "sha256",
    )
    output_serializer_class = EscalationSerializer
    filterset_class = EscalationFilter
    ordering_fields = ("created_at", "id")
    ordering = ("-created_at", "-id")
    http_method_names = ["get", "head", "options"]

    def base_queryset(self):
        # The agencies are the report's recipients: whoever sees the report sees them.
        entries = EscalationFinding.objects.filter(escalation_id=OuterRef("pk"))
        return Escalation.objects.annotate(
            agencies=ArraySubquery(
                entries.values("organization_id").distinct().order_by("organization_id")
            ),
            agency_codes=ArraySubquery(
                entries.values("organization__code").distinct().order_by("organization__code")
            ),
            rendered=~Q(sha256="") & ~Q(pdf=""),
        )

    def retrieve(self, request, pk=None, format=None):
        row = self.row_for(pk)
        row["findings"] = list(
            scoping.visible_to(request.user, EscalationFinding)
            .filter(escalation_id=row["id"])
            .order_by("finding_id")
            .values_list("finding_id", flat=True)
        )
        return Response(row)

    @action(detail=True, methods=["get"], filter_backends=[])
    def pdf(self, request, pk=None, format=None):
        escalation = self.get_object()
        if not escalation.sha256 or not escalation.pdf:
            raise Http404("The report is not rendered yet.")
        return pdfs.stored_pdf_response(
            request,
            escalation.pdf,
            escalation.sha256,
            filename=f"non-compliance-{escalation.verification_code}.pdf",
        )
