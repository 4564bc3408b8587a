"""Uploaded certificate files: checked, stored and served as every upload is
(accountability.core.uploads)."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse
from django.utils.translation import gettext as _

from accountability.core.uploads import (
    EXTENSIONS,
    SIGNATURES,
    checked_file_type,
    download_response,
    stored_type,
)

__all__ = ["SIGNATURES", "certificate_file_type", "evidence_response"]


def certificate_file_type(upload, *, field: str = "evidence") -> str:
    """The content type of an accepted certificate file, or a ValidationError naming ``field``."""
    return checked_file_type(
        upload,
        field=field,
        limit=settings.TRAINING_UPLOAD_MAX_BYTES,
        missing=_("Attach the certificate (PDF, PNG or JPEG)."),
    )


def evidence_response(record) -> FileResponse:
    """A completion's uploaded certificate as a download of the type it was stored as, the
    same from the API and the web page; callers check that the user may see it."""
    content_type = stored_type(record.evidence.name)
    return download_response(
        record.evidence,
        filename=f"certificate-{record.pk}.{EXTENSIONS.get(content_type, 'bin')}",
        content_type=content_type,
    )
