"""POST /api/v1/training-records/import/: completions from an LMS export (CSV or XLSX).

The file format is described in ``training.lms.columns``. Multipart fields: ``file``, and
``organization`` (an id; the user's own organization when left out); ``?dry_run=1`` (or a
``dry_run`` field) checks the file and writes nothing. An organization whose training the
user verifies for no one answers 404, like an unknown id. A refused file or bad rows answer
400 in the project's error format, one error per bad cell, ``attr`` naming the row and column
("row 5: course_code") and ``row`` and ``field`` separately (as the staff-list import does).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from accountability.core.api.base import ServiceErrorsMixin
from accountability.core.api.parsers import FormParser, JSONParser, MultiPartParser
from actors.models import Organization
from actors.stafflists.api import error_body
from training.lms.importer import RecordsImportInvalid, records_import


class RecordsImportSerializer(serializers.Serializer):
    file = serializers.FileField(allow_empty_file=True)
    organization = serializers.IntegerField(min_value=1, required=False)
    dry_run = serializers.BooleanField(required=False, default=False)


class RecordsImportResultSerializer(serializers.Serializer):
    dry_run = serializers.BooleanField()
    rows = serializers.IntegerField()
    created = serializers.IntegerField()
    already_recorded = serializers.IntegerField()
    certificates = serializers.IntegerField()
    already_recorded_rows = serializers.ListField(child=serializers.IntegerField())


def _dry_run(request, data) -> bool:
    value = request.query_params.get("dry_run")
    if value is None:
        return data["dry_run"]
    return serializers.BooleanField().to_internal_value(value)


class RecordsImportView(ServiceErrorsMixin, APIView):
    """Import completions for one organization; all or nothing, idempotent."""

    parser_classes = (MultiPartParser, FormParser, JSONParser)
    renderer_classes = (JSONRenderer,)

    @extend_schema(
        tags=["training"],
        request={"multipart/form-data": RecordsImportSerializer},
        parameters=[OpenApiParameter("dry_run", OpenApiTypes.BOOL)],
        responses={
            200: RecordsImportResultSerializer,
            400: OpenApiResponse(description="The file or rows are bad; nothing was written."),
            404: OpenApiResponse(description="No organization whose training the user verifies."),
        },
        summary="Import training records from an LMS export (CSV or XLSX)",
    )
    def post(self, request):
        serializer = RecordsImportSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        dry_run = _dry_run(request, data)
        # Organizations are shared reference data; whether the user imports for this one is
        # the importer's question (404 otherwise).
        organization = Organization.objects.filter(
            pk=data.get("organization", request.user.organization_id)
        ).first()
        if organization is None:
            raise Http404
        try:
            result = records_import(
                actor=request.user, organization=organization, upload=data["file"], dry_run=dry_run
            )
        except PermissionDenied:
            raise Http404 from None
        except RecordsImportInvalid as exc:
            return Response(error_body(exc.errors), status=status.HTTP_400_BAD_REQUEST)
        return Response(result.as_dict())
