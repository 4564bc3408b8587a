"""Checks on evidence files, photographs and documents (accountability.core.uploads)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _

from accountability.core.uploads import EXTENSIONS, checked_file_type, sha256_of

__all__ = ["EXTENSIONS", "evidence_file_type", "sha256_of"]


def evidence_file_type(upload, *, field: str = "file") -> str:
    """The content type of an accepted evidence file, or a ValidationError naming ``field``."""
    return checked_file_type(
        upload,
        field=field,
        limit=settings.INSPECTION_EVIDENCE_MAX_BYTES,
        missing=_("Attach a file (PDF, PNG or JPEG)."),
    )
