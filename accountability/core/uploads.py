"""Uploaded documents and photographs (certificates, inspection evidence): the checks on size
and type, read from the bytes themselves; the one way they are stored (under a generated name
with the extension of that type) and served (a download of that type, never sniffed)."""

from __future__ import annotations

import hashlib
import posixpath
from typing import Any

from django.core.exceptions import ValidationError
from django.http import FileResponse
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
TYPES = {extension: content_type for content_type, extension in EXTENSIONS.items()}


def checked_file_type(upload: Any, *, field: str, limit: int, missing: str) -> str:
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


def sha256_of(upload: Any) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def stored_name(content_type: str, sha256: str) -> str:
    """The name a checked upload is stored under: part of its digest and the extension of the
    type read from its bytes. The uploaded name never reaches the storage: ``evil.html`` with
    a PDF signature in front is kept as ``….pdf``, whatever a web server or browser makes of
    names."""
    return f"{sha256[:16]}.{EXTENSIONS[content_type]}"


def store_upload(
    field_file: Any, upload: Any, *, content_type: str, sha256: str | None = None
) -> str:
    """Save a checked upload (``content_type`` from ``checked_file_type``) into a model's file
    field under ``stored_name``; the row is saved by the caller. Returns the stored name."""
    field_file.save(stored_name(content_type, sha256 or sha256_of(upload)), upload, save=False)
    name: str = field_file.name
    return name


def stored_type(name: str) -> str:
    """The type of a file kept by ``store_upload``, from the extension it was given there;
    anything else is served as bytes to save, not to open."""
    extension = posixpath.splitext(name)[1].lstrip(".").lower()
    return TYPES.get(extension, "application/octet-stream")


def download_response(
    field_file: Any,
    *,
    filename: str,
    content_type: str,
    cache_control: str = "private, no-store",
) -> FileResponse:
    """A stored upload as a download of the type checked when it was stored: an attachment,
    and ``nosniff`` so that no browser guesses another type and renders it inline."""
    response = FileResponse(
        field_file.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type=content_type,
    )
    response["Cache-Control"] = cache_control
    response["X-Content-Type-Options"] = "nosniff"
    return response
