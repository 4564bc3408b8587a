"""/api/v1/staff-lists/: import, export, confirm, and the confirmation status of each list.

The file format is described in ``actors.stafflists.columns``. Lists another user may not see
(or, to import and confirm, does not keep) answer 404, like unknown ids. A refused file or bad
rows answer 400 in the project's error format (drf-standardized-errors), one error per bad
cell, ``attr`` naming the row and column ("row 5: family_name") and, for convenience, ``row``
and ``field`` separately::

    {"type": "validation_error",
     "errors": [{"code": "invalid", "detail": "This field is required.",
                 "attr": "row 5: family_name", "row": 5, "field": "family_name"}]}
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import pagination, serializers, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from accountability.core.api.base import ServiceErrorsMixin
from accountability.core.api.parsers import FormParser, JSONParser, MultiPartParser
from actors.services.stafflists import stafflist_confirm

from . import exporter, selectors
from .importer import StaffListInvalid, stafflist_import


def error_body(errors) -> dict:
    items = []
    for error in errors:
        if error.row is None:
            attr = error.field or "non_field_errors"
        elif error.field:
            attr = f"row {error.row}: {error.field}"
        else:
            attr = f"row {error.row}"
        items.append(
            {
                "code": "invalid",
                "detail": str(error.message),
                "attr": attr,
                "row": error.row,
                "field": error.field,
            }
        )
    return {"type": "validation_error", "errors": items}


class StaffListListSerializer(serializers.Serializer):
    organization = serializers.IntegerField(min_value=1)
    duty_station = serializers.IntegerField(min_value=1)


class StaffListImportSerializer(StaffListListSerializer):
    file = serializers.FileField(allow_empty_file=True)
    dry_run = serializers.BooleanField(required=False, default=False)


class StaffListExportSerializer(StaffListListSerializer):
    format = serializers.ChoiceField(choices=("csv", "xlsx"), required=False, default="csv")


class StaffListCountsSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    not_in_file = serializers.IntegerField()


class StaffListImportResultSerializer(serializers.Serializer):
    dry_run = serializers.BooleanField()
    people = StaffListCountsSerializer()
    dependants = StaffListCountsSerializer()
    not_in_file = serializers.ListField(child=serializers.CharField())
    appointments_ended = serializers.IntegerField()


class StaffListStatusSerializer(serializers.Serializer):
    organization = serializers.IntegerField()
    organization_code = serializers.CharField()
    organization_name = serializers.CharField()
    duty_station = serializers.IntegerField()
    duty_station_name = serializers.CharField()
    country_name = serializers.CharField()
    people = serializers.IntegerField()
    active_people = serializers.IntegerField()
    dependants = serializers.IntegerField()
    confirmed_at = serializers.DateTimeField(allow_null=True)
    confirmed_by = serializers.CharField(allow_null=True)
    stale = serializers.BooleanField()
    may_keep = serializers.BooleanField()


class StaffListConfirmationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organization = serializers.IntegerField()
    duty_station = serializers.IntegerField()
    confirmed_by = serializers.CharField()
    confirmed_at = serializers.DateTimeField()
    people_count = serializers.IntegerField()
    dependants_count = serializers.IntegerField()


def _validated(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class StatusPagination(pagination.PageNumberPagination):
    # A few hundred lists at most per user; the rows are aggregates, not a large table.
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500


class StaffListStatusView(ServiceErrorsMixin, APIView):
    """The lists the user may see, with counts and who last confirmed them (¶16(d))."""

    renderer_classes = (JSONRenderer,)

    @extend_schema(
        tags=["staff-lists"],
        parameters=[
            OpenApiParameter("organization", OpenApiTypes.INT),
            OpenApiParameter("duty_station", OpenApiTypes.INT),
            OpenApiParameter("page", OpenApiTypes.INT),
        ],
        responses={200: StaffListStatusSerializer(many=True)},
        summary="Staff lists the user may see and their last confirmation",
    )
    def get(self, request):
        filters = {}
        for name in ("organization", "duty_station"):
            value = request.query_params.get(name)
            if value not in (None, ""):
                try:
                    filters[f"{name}_id"] = int(value)
                except ValueError:
                    raise serializers.ValidationError(
                        {name: [_("A number is required.")]}
                    ) from None
        rows = selectors.stafflist_index(request.user, **filters)
        paginator = StatusPagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        limit = selectors.stale_before()
        return paginator.get_paginated_response(
            [selectors.shape(row, stale_limit=limit) for row in page]
        )


class StaffListImportView(ServiceErrorsMixin, APIView):
    """Import one organization's list at one duty station; all or nothing."""

    parser_classes = (MultiPartParser, FormParser, JSONParser)
    renderer_classes = (JSONRenderer,)

    @extend_schema(
        tags=["staff-lists"],
        request={"multipart/form-data": StaffListImportSerializer},
        responses={
            200: StaffListImportResultSerializer,
            400: OpenApiResponse(description="The file or rows are bad; nothing was written."),
            404: OpenApiResponse(description="No such list, or the user does not keep it."),
        },
        summary="Import a staff list (CSV or XLSX)",
    )
    def post(self, request):
        data = _validated(StaffListImportSerializer, request.data)
        organization, station = selectors.get_list_for_user(
            request.user, data["organization"], data["duty_station"], keep=True
        )
        try:
            result = stafflist_import(
                actor=request.user,
                organization=organization,
                duty_station=station,
                upload=data["file"],
                dry_run=data["dry_run"],
            )
        except PermissionDenied:
            raise Http404 from None
        except StaffListInvalid as exc:
            return Response(error_body(exc.errors), status=status.HTTP_400_BAD_REQUEST)
        return Response(result.as_dict())


class StaffListExportView(ServiceErrorsMixin, APIView):
    """The list as CSV or XLSX (``?format=``), as the user may see it."""

    renderer_classes = (JSONRenderer,)

    def perform_content_negotiation(self, request, force=False):
        # ``format`` names the file type here, not a DRF renderer; errors are JSON.
        renderer = JSONRenderer()
        return renderer, renderer.media_type

    @extend_schema(
        tags=["staff-lists"],
        parameters=[StaffListExportSerializer],
        responses={
            (200, "text/csv"): OpenApiTypes.BINARY,
            (200, exporter.XLSX_TYPE): OpenApiTypes.BINARY,
        },
        summary="Export a staff list",
    )
    def get(self, request):
        data = _validated(StaffListExportSerializer, request.query_params)
        organization, station = selectors.get_list_for_user(
            request.user, data["organization"], data["duty_station"]
        )
        return export_response(request.user, organization, station, data["format"])


def export_response(user, organization, station, file_format: str) -> HttpResponse:
    cols, rows = exporter.stafflist_rows(user, organization=organization, duty_station=station)
    if file_format == "xlsx":
        body, content_type = exporter.render_xlsx(cols, rows), exporter.XLSX_TYPE
    else:
        body, content_type = exporter.render_csv(cols, rows), exporter.CSV_TYPE
    response = HttpResponse(body, content_type=content_type)
    name = exporter.filename(organization, station, file_format)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


class StaffListConfirmView(ServiceErrorsMixin, APIView):
    """Record that the user confirmed the list is current (¶16(d))."""

    renderer_classes = (JSONRenderer,)

    @extend_schema(
        tags=["staff-lists"],
        request=StaffListListSerializer,
        responses={201: StaffListConfirmationSerializer},
        summary="Confirm a staff list is current",
    )
    def post(self, request):
        data = _validated(StaffListListSerializer, request.data)
        organization, station = selectors.get_list_for_user(
            request.user, data["organization"], data["duty_station"], keep=True
        )
        confirmation = stafflist_confirm(
            actor=request.user, organization=organization, duty_station=station
        )
        return Response(
            {
                "id": confirmation.pk,
                "organization": organization.pk,
                "duty_station": station.pk,
                "confirmed_by": request.user.get_username(),
                "confirmed_at": serializers.DateTimeField().to_representation(
                    confirmation.confirmed_at
                ),
                "people_count": confirmation.people_count,
                "dependants_count": confirmation.dependants_count,
            },
            status=status.HTTP_201_CREATED,
        )
