"""Checks on evidence files (photographs and documents): size and type, read from the bytes."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# The first bytes of each accepted type; the name and the browser's content type are not
# trusted (a renamed executable is not a photograph).
SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}
EXTENSIONS = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}


def evidence_file_type(upload, *, field: str = "file") -> str:
    """The content type of an accepted evidence file, or a ValidationError naming ``field``."""
    if upload is None:
        raise ValidationError({field: [_("Attach a file (PDF, PNG or JPEG).")]})
    limit = settings.INSPECTION_EVIDENCE_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            {
                field: [
                    _("The file is %(size)s; the limit is %(limit)s.")
                    % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
                ]
            }
        )
    if upload.size == 0:
        raise ValidationError({field: [_("The file is empty.")]})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for signature, content_type in SIGNATURES.items():
        if head.startswith(signature):
            return content_type
    raise ValidationError({field: [_("Only PDF, PNG and JPEG files are accepted.")]})


def sha256_of(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()
