"""Checks on uploaded certificate files (accountability.core.uploads)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from accountability.core.uploads import SIGNATURES, checked_file_type

__all__ = ["SIGNATURES", "certificate_file_type"]


def certificate_file_type(upload, *, field: str = "evidence") -> str:
    """The content type of an accepted certificate file, or a ValidationError naming ``field``."""
    return checked_file_type(
        upload,
        field=field,
        limit=settings.TRAINING_UPLOAD_MAX_BYTES,
        missing=_("Attach the certificate (PDF, PNG or JPEG)."),
    )
