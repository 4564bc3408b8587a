"""Checks on uploaded documents and photographs (certificates, inspection evidence): size and
type, read from the bytes themselves."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# The first bytes of each accepted type; the name and the browser's content type are not
# trusted (a renamed executable is not a PDF).
SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}
EXTENSIONS = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}


def checked_file_type(upload, *, field: str, limit: int, missing: str) -> str:
    """The content type of an accepted file, or a ValidationError naming ``field``
    (``missing`` when there is no file)."""
    if upload is None:
        raise ValidationError({field: [missing]})
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
