"""Evidence files, photographs and documents: checked, stored and served as every upload is
(accountability.core.uploads)."""

from __future__ import annotations

import re

from django.conf import settings
from django.http import FileResponse
from django.utils.translation import gettext as _

from accountability.core.uploads import (
    EXTENSIONS,
    checked_file_type,
    download_response,
    sha256_of,
)

__all__ = ["EXTENSIONS", "download_name", "evidence_file_type", "evidence_response", "sha256_of"]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def evidence_file_type(upload, *, field: str = "file") -> str:
    """The content type of an accepted evidence file, or a ValidationError naming ``field``."""
    return checked_file_type(
        upload,
        field=field,
        limit=settings.INSPECTION_EVIDENCE_MAX_BYTES,
        missing=_("Attach a file (PDF, PNG or JPEG)."),
    )


def download_name(evidence) -> str:
    """A download name that no browser or file system misreads: the stored id, the uploaded
    name reduced to plain characters, and the extension of the type read from the bytes."""
    stem = evidence.name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    stem = _UNSAFE.sub("_", stem).strip("._")[:60] or "file"
    return f"evidence-{evidence.pk}-{stem}.{EXTENSIONS.get(evidence.content_type, 'bin')}"


def evidence_response(evidence) -> FileResponse:
    """An evidence file as a download of the type checked when it was stored, the same from
    the API and the web page; callers check that the user may see it."""
    return download_response(
        evidence.file, filename=download_name(evidence), content_type=evidence.content_type
    )
