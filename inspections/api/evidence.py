"""/api/v1/evidence/: the photographs and documents attached to checklist items (by the
team) and to rectification reports (by the reporter), and ``…/file/`` serving the stored
file to whoever may see it (scoping: the item's or the report's finding seen), 404 to anyone
else. Files are added through the item's or the report's ``…/evidence/``.

A list or a detail costs three queries (the token, the user's grants, the rows); the file
as much, then the storage read.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action

from accountability.core.api.base import ReadOnlyScopedViewSet
from inspections.models import Evidence
from inspections.services.evidence import evidence_response

from .common import EVIDENCE_FIELDS, EvidenceSerializer, shape_evidence
from .filters import EvidenceFilter


@extend_schema_view(
    list=extend_schema(summary="Evidence you may see; ?checklist_item=, ?rectification="),
    retrieve=extend_schema(summary="One evidence file's record"),
    file=extend_schema(
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
        summary="The stored file (PDF, PNG or JPEG)",
    ),
)
class EvidenceViewSet(ReadOnlyScopedViewSet):
    model = Evidence
    output_fields = EVIDENCE_FIELDS
    output_serializer_class = EvidenceSerializer
    filterset_class = EvidenceFilter
    ordering_fields = ("id",)
    ordering = ("id",)
    http_method_names = ["get", "head", "options"]

    def shape(self, row: dict) -> dict:
        return shape_evidence(self.request, row)

    @action(detail=True, methods=["get"], filter_backends=[])
    def file(self, request, pk=None, format=None):
        return evidence_response(self.get_object())
