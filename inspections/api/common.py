"""What the inspection endpoints share: named enums for the schema, the columns naming a
person, evidence rows and their file links, and the mapping of the services' refusals."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, serializers

from accountability.core import scoping
from accountability.core.api.base import split_fields

# The enum components of the schema: drf-spectacular would name them after the field
# (``status``, ``result``), clashing with other apps' enums of the same field name.
from accountability.core.api.fields import NamedChoiceField
from inspections.models import Evidence
from inspections.services.evidence import evidence_file_type

__all__ = [
    "EVIDENCE_FIELDS",
    "EvidenceSerializer",
    "EvidenceUploadSerializer",
    "NamedChoiceField",
    "evidence_rows",
    "person_columns",
    "refused",
]


def person_columns(field: str) -> tuple:
    """``values()`` columns naming the person of ``field`` (a model's own foreign key keeps
    its plain name: an annotation may not shadow a field)."""
    return (
        field,
        (f"{field}_family_name", f"{field}__family_name"),
        (f"{field}_given_names", f"{field}__given_names"),
    )


def refused(exc: DjangoPermissionDenied) -> exceptions.PermissionDenied:
    """A service's refusal on an object the user sees, as a 403 that keeps its reason."""
    message = str(exc)
    return exceptions.PermissionDenied(message or None)


# --- Evidence ----------------------------------------------------------------------------------

EVIDENCE_FIELDS = (
    "id",
    "organization",
    "checklist_item",
    "rectification",
    "name",
    "content_type",
    "size",
    "sha256",
    "uploaded_by",
    "created_at",
)


class EvidenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organization = serializers.IntegerField()
    checklist_item = serializers.IntegerField(allow_null=True)
    rectification = serializers.IntegerField(allow_null=True)
    name = serializers.CharField()
    content_type = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    uploaded_by = serializers.IntegerField(allow_null=True)
    created_at = serializers.DateTimeField()
    file_url = serializers.URLField(help_text=_("Where the file is served (GET)."))


class EvidenceUploadSerializer(serializers.Serializer):
    """One file (multipart/form-data); its type is read from its bytes, not its name."""

    file = serializers.FileField(
        help_text=_("A photograph or document: PDF, PNG or JPEG, within the size limit.")
    )

    def validate_file(self, upload):
        return checked_upload(upload, "file")


def checked_upload(upload, field: str):
    """The upload if its bytes are a PDF, PNG or JPEG within the limit
    (inspections.services.evidence), else a 400 naming ``field``; the service checks it again
    when it stores the file."""
    from django.core.exceptions import ValidationError as DjangoValidationError

    try:
        evidence_file_type(upload, field=field)
    except DjangoValidationError as exc:
        raise serializers.ValidationError(exc.message_dict[field]) from None
    return upload


def shape_evidence(request, row: dict) -> dict:
    row["file_url"] = request.build_absolute_uri(reverse("evidence-file", kwargs={"pk": row["id"]}))
    return row


def evidence_rows(request, queryset: QuerySet) -> list[dict]:
    """The evidence of ``queryset`` that the user may see, oldest first (one query)."""
    names, renames = split_fields(EVIDENCE_FIELDS)
    return [
        shape_evidence(request, row)
        for row in scoping.visible_to(request.user, Evidence, queryset)
        .order_by("created_at", "id")
        .values(*names, **renames)
    ]
