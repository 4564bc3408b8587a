"""Documents rendered to PDF once, stored with their SHA-256 and served as stored ever after.

Appointment letters (``appointments.letters``), training certificates
(``training.services.certificates``) and inspection reports (``inspections.services.reports``)
are rendered by a task, never in a request, so that the copy printed on the day and the one
downloaded years later are the same bytes; all of them read resources through
``url_fetcher``, which refuses every one. A document is a model with ``language``,
``verification_code``, ``issued_at``, ``sha256`` (empty until rendered), a ``pdf`` file field
and ``updated_at``.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponseNotModified
from django.http.response import HttpResponseBase
from django.template.loader import render_to_string
from django.utils import timezone, translation


def render_once(
    queryset: QuerySet[Any],
    pk: Any,
    *,
    template: str,
    context: Callable[[Any], dict[str, Any]],
    url_fetcher: Any,
) -> bool:
    """Render and store the PDF of document ``pk`` once; a document that has its hash is never
    rendered again (False).

    ``queryset`` selects the document with what ``context(document)`` reads; the template is
    rendered in the document's language, with WeasyPrint reading resources through
    ``url_fetcher``.
    """
    from weasyprint import HTML

    with transaction.atomic():
        document = queryset.select_for_update(of=("self",)).get(pk=pk)
        if document.sha256:
            # Another worker (or a redelivered task, acks_late) got there first.
            return False
        # The issue date is printed on the document, so it is fixed before rendering.
        document.issued_at = timezone.now()
        with translation.override(document.language):
            html = render_to_string(template, context(document))
        pdf = HTML(string=html, url_fetcher=url_fetcher).write_pdf()
        document.sha256 = hashlib.sha256(pdf).hexdigest()
        document.pdf.save(f"{document.verification_code}.pdf", ContentFile(pdf), save=False)
        document.save(update_fields=["sha256", "issued_at", "pdf", "updated_at"])
    return True


def stored_pdf_response(
    request: HttpRequest, file: Any, sha256: str, filename: str
) -> HttpResponseBase:
    """The stored PDF ``file``, byte for byte, with its hash as ETag (a 304 when the client
    has it)."""
    etag = f'"{sha256}"'
    response: HttpResponseBase
    if etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        response = FileResponse(file.open("rb"), content_type="application/pdf", filename=filename)
    response["ETag"] = etag
    # Personal data: browsers may keep it, shared caches may not.
    response["Cache-Control"] = "private, no-cache"
    return response


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> Any:
    # Documents use no external resources: neither the network nor the file system. Fonts come
    # from fontconfig (system fonts), which does not go through the URL fetcher.
    raise ValueError(f"documents load no resources ({url})")


@functools.cache
def url_fetcher() -> Any:
    """WeasyPrint's fetcher for every document (letters, certificates, inspection reports):
    every URL (file:, http:, data: alike) is refused.

    Since WeasyPrint 70 a fetcher must be a ``URLFetcher`` (WeasyPrint reads its
    ``_fail_on_errors``); a plain function fails with AttributeError on the first resource.
    A refused resource is left out with a logged warning, not fatal: the document still issues.
    """
    from weasyprint.urls import URLFetcher

    class RefusingFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint has no types
        def fetch(self, url: str, headers: Any = None) -> Any:
            return _refuse_fetch(url)

    return RefusingFetcher(allowed_protocols=(), fail_on_errors=False)


_CODE_NOISE = re.compile(r"[\s-]+")


def normalize_code(code: str) -> str:
    """Verification codes are upper-case hex; readers type them in any case, with spaces or
    dashes. Normalizing here keeps the lookup on the unique index."""
    return _CODE_NOISE.sub("", code or "").upper()[:32]
