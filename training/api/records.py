"""/api/v1/training-records/ and /api/v1/certificates/: completions and their certificates
(¶27: every organization keeps training records; ¶32: a certificate for each completion).

Both follow the person: whoever sees the person sees them (accountability.core.scoping).
A certificate obtained elsewhere is uploaded (multipart) and counts once a focal point
verifies it: the HQ focal point for its organization, the FSCO for everyone at the station,
the country representative and focal point for their own organization there, never the
person who uploaded it (``verify`` and ``reject`` look the record up through ``editable_by``,
so anyone else gets 404). Lists and details cost three queries: the token, the user's grants,
the rows.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from accountability.core.api.base import (
    CreateModelMixin,
    ReadOnlyScopedViewSet,
)
from accountability.core.api.base import ScopedPrimaryKeyRelatedField as Scoped
from accountability.core.api.parsers import FormParser, JSONParser, MultiPartParser
from actors.models import Dependant, Person
from training.models import Certificate, RecordSource, RecordStatus, TrainingRecord
from training.services import records as record_services
from training.services.certificates import certificate_file_response, certificate_for
from training.services.uploads import evidence_response

from .common import NamedChoiceField, OfferedCourseField, PersonColumnsSerializer, person_columns
from .filters import CertificateFilter, TrainingRecordFilter

# --- Completions -------------------------------------------------------------------------------


class TrainingRecordSerializer(PersonColumnsSerializer):
    id = serializers.IntegerField()
    organization = serializers.IntegerField()
    organization_code = serializers.CharField()
    course = serializers.IntegerField()
    course_code = serializers.CharField()
    completed_on = serializers.DateField()
    valid_until = serializers.DateField(allow_null=True)
    source = NamedChoiceField(RecordSource.choices, enum_name="TrainingRecordSourceEnum")
    status = NamedChoiceField(RecordStatus.choices, enum_name="TrainingRecordStatusEnum")
    score = serializers.IntegerField(allow_null=True)
    has_evidence = serializers.BooleanField(
        help_text=_("An uploaded certificate file: GET …/evidence/ serves it.")
    )
    external_reference = serializers.CharField()
    session = serializers.IntegerField(allow_null=True)
    recorded_by = serializers.IntegerField(allow_null=True)
    verified_by = serializers.IntegerField(allow_null=True)
    verified_at = serializers.DateTimeField(allow_null=True)
    rejection_reason = serializers.CharField()
    certificate = serializers.IntegerField(allow_null=True)
    created_at = serializers.DateTimeField()


class RecordUploadSerializer(serializers.Serializer):
    """A certificate obtained elsewhere (multipart/form-data), counting once verified."""

    person = Scoped(Person)
    dependant = Scoped(Dependant, required=False, allow_null=True)
    course = OfferedCourseField()
    completed_on = serializers.DateField()
    evidence = serializers.FileField(
        help_text=_("The certificate: PDF, PNG or JPEG, within the size limit.")
    )
    external_reference = serializers.CharField(max_length=100, required=False, allow_blank=True)


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, help_text=_("Why it is not accepted."))


@extend_schema_view(
    list=extend_schema(summary="Training records (completions) of the people you may see (¶27)"),
    retrieve=extend_schema(summary="One completion"),
    create=extend_schema(
        request={"multipart/form-data": RecordUploadSerializer},
        responses={201: TrainingRecordSerializer},
        summary="Upload a certificate obtained elsewhere; it counts once verified",
    ),
    verify=extend_schema(
        request=None,
        responses={200: TrainingRecordSerializer},
        summary="Verify an uploaded certificate (a focal point or the FSCO, never its owner)",
    ),
    reject=extend_schema(
        request=RejectSerializer,
        responses={200: TrainingRecordSerializer},
        summary="Reject an uploaded certificate, with the reason",
    ),
    evidence=extend_schema(
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
        summary="The uploaded certificate file",
    ),
)
class TrainingRecordViewSet(CreateModelMixin, ReadOnlyScopedViewSet):
    model = TrainingRecord
    output_fields = (
        "id",
        "organization",
        ("organization_code", "organization__code"),
        *person_columns(),
        "course",
        ("course_code", "course__code"),
        "completed_on",
        "valid_until",
        "source",
        "status",
        "score",
        "has_evidence",
        "external_reference",
        "session",
        "recorded_by",
        "verified_by",
        "verified_at",
        "rejection_reason",
        "certificate",  # the reverse one-to-one: its id
        "created_at",
    )
    output_serializer_class = TrainingRecordSerializer
    input_serializer_class = RecordUploadSerializer
    filterset_class = TrainingRecordFilter
    # TrainingRecord is indexed on (organization, -completed_on, -id).
    ordering_fields = ("completed_on", "id")
    ordering = ("-completed_on", "-id")
    change_actions = frozenset({"verify", "reject"})
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    http_method_names = ["get", "post", "head", "options"]

    def base_queryset(self):
        return TrainingRecord.objects.annotate(has_evidence=~Q(evidence=""))

    def perform_create(self, data):
        return record_services.record_upload(actor=self.request.user, **data)

    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None, format=None):
        record = record_services.record_verify(actor=request.user, record=self.get_object())
        return Response(self.row_for(record.pk))

    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None, format=None):
        record = self.get_object()
        data = self.validated(RejectSerializer)
        record_services.record_reject(actor=request.user, record=record, reason=data["reason"])
        return Response(self.row_for(record.pk))

    @action(detail=True, methods=["get"], filter_backends=[])
    def evidence(self, request, pk=None, format=None):
        # Whoever sees the completion sees its evidence (the verifier above all).
        record = self.get_object()
        if not record.evidence:
            raise Http404("No certificate file was uploaded for this completion.")
        return evidence_response(record)


# --- Certificates -------------------------------------------------------------------------------


class CertificateSerializer(PersonColumnsSerializer):
    id = serializers.IntegerField()
    record = serializers.IntegerField()
    organization = serializers.IntegerField()
    course = serializers.IntegerField()
    course_code = serializers.CharField()
    completed_on = serializers.DateField()
    valid_until = serializers.DateField(allow_null=True)
    verification_code = serializers.CharField()
    language = serializers.CharField()
    issued_at = serializers.DateTimeField(allow_null=True)
    rendered = serializers.BooleanField(
        help_text=_("Whether the PDF is ready (it is rendered once, in the background).")
    )
    sha256 = serializers.CharField(help_text=_("Of the stored PDF, once rendered."))


@extend_schema_view(
    list=extend_schema(summary="Certificates of the people you may see (¶27, ¶32)"),
    retrieve=extend_schema(summary="One certificate with its verification code"),
    pdf=extend_schema(
        responses={(200, "application/pdf"): OpenApiTypes.BINARY},
        summary="The certificate's PDF, the same file every time (404 until rendered)",
    ),
)
class CertificateViewSet(ReadOnlyScopedViewSet):
    model = Certificate
    output_fields = (
        "id",
        "record",
        ("organization", "record__organization_id"),
        *person_columns("record__"),
        ("course", "record__course_id"),
        ("course_code", "record__course__code"),
        ("completed_on", "record__completed_on"),
        ("valid_until", "record__valid_until"),
        "verification_code",
        "language",
        "issued_at",
        "rendered",
        "sha256",
    )
    output_serializer_class = CertificateSerializer
    filterset_class = CertificateFilter
    ordering_fields = ("id",)
    ordering = ("-id",)
    http_method_names = ["get", "head", "options"]

    def base_queryset(self):
        return Certificate.objects.annotate(rendered=~Q(sha256="") & ~Q(pdf=""))

    @action(detail=True, methods=["get"], filter_backends=[])
    def pdf(self, request, pk=None, format=None):
        # 404 alike for missing, not yours and not rendered yet (training.services.certificates).
        return certificate_file_response(request, certificate_for(request.user, pk))
