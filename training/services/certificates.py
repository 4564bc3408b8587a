"""Certificates of completion (¶27, ¶32): requested when a completion is verified, rendered
once in Celery, stored with their SHA-256 and served as stored ever after.

The PDF is never rendered in a request: the file a staff member printed and the one a focal
point downloads years later are the same bytes, and the verification code printed on it lets
anyone check on a public page that it is genuine. Rendering, storing and serving are those of
the appointment letters, with the same refusing URL fetcher and code normalization
(``accountability.core.pdfs``); block layout only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation

from accountability.core import pdfs, scoping
from training.models import Certificate, RecordSource, RecordStatus, TrainingRecord


def certificate_request(*, record: TrainingRecord) -> Certificate:
    """Create the certificate row and render it after the transaction commits."""
    certificate, _created = Certificate.objects.get_or_create(
        record=record, defaults={"language": record.person.language}
    )
    if not certificate.sha256:
        from training.tasks import render_certificate

        transaction.on_commit(lambda: render_certificate.delay(certificate.pk))
    return certificate


# --- Rendering --------------------------------------------------------------------------------


def verification_url(code: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("training:certificate-verify", args=[code])


def holder_name(record: TrainingRecord) -> str:
    """Whose certificate it is: the dependant's, when the completion is a dependant's (¶32)."""
    dependant = record.dependant
    if dependant is not None:
        return f"{dependant.given_names} {dependant.family_name}"
    return record.person.full_name


def issuing_authority(record: TrainingRecord) -> str:
    """UNSECOORD for its own courses, else the agency that ran the course (annex ¶26)."""
    provider = record.course.provider
    if provider.is_unsecoord:
        return translation.gettext("Office of the United Nations Security Coordinator (UNSECOORD)")
    return f"{provider.name} ({provider.code.upper()})"


def certificate_context(certificate: Certificate) -> dict:
    """What the PDF prints; call under ``translation.override(certificate.language)``."""
    record = certificate.record
    course = record.course
    provider = course.provider
    return {
        "certificate": certificate,
        "record": record,
        "person": record.person,
        "dependant": record.dependant,
        "holder_name": holder_name(record),
        "organization": record.person.organization,
        "course_title": course.localized_title,
        "course": course,
        "kind": course.get_kind_display(),
        "source": record.get_source_display(),
        # The computer-generated test's result (¶32), and any score an LMS reported.
        "score": record.score,
        "authority": issuing_authority(record),
        "endorsed_on": (
            timezone.localdate(course.endorsed_at)
            if course.endorsed_at and not provider.is_unsecoord
            else None
        ),
        "session": record.session if record.source == RecordSource.SESSION else None,
        "issued_on": timezone.localdate(certificate.issued_at),
        "verification_url": verification_url(certificate.verification_code),
    }


def certificate_render(certificate: Certificate) -> bool:
    """Render and store the PDF once; a certificate that has its hash is never rendered again."""
    return pdfs.render_once(
        Certificate.objects.select_related(
            "record__person__organization",
            "record__dependant",
            "record__course__provider",
            "record__session__duty_station",
        ),
        certificate.pk,
        template="training/certificate.html",
        context=certificate_context,
        url_fetcher=pdfs.url_fetcher(),
    )


# --- Reading ----------------------------------------------------------------------------------


def certificate_for(user, pk) -> Certificate:
    """The rendered certificate ``pk`` if ``user`` sees its holder, else Http404.

    Missing, not yours and not rendered yet all answer the same 404: the PDF is rendered by a
    task, never in the request. One query (plus the request's grants).
    """
    try:
        certificate = (
            scoping.visible_to(user, Certificate)
            .filter(pk=pk)
            .exclude(sha256="")
            .exclude(pdf="")
            .first()
        )
    except (ValueError, TypeError):
        certificate = None
    if certificate is None:
        raise Http404("No certificate matches the given query.")
    return certificate


def certificate_file_response(request, certificate: Certificate):
    """The stored PDF, byte for byte, with its hash as ETag (a 304 when the client has it)."""
    return pdfs.stored_pdf_response(
        request,
        certificate.pdf,
        certificate.sha256,
        filename=f"certificate-{certificate.verification_code}.pdf",
    )


def certificate_verify(code: str) -> Certificate | None:
    """The issued certificate with this verification code, if it is genuine."""
    code = pdfs.normalize_code(code)
    if not code:
        return None
    return (
        Certificate.objects.select_related("record__person", "record__dependant", "record__course")
        .exclude(sha256="")
        .filter(verification_code=code)
        .first()
    )


def still_valid(certificate: Certificate, today=None) -> bool:
    """Whether the completion still counts today: verified and not past its validity."""
    record = certificate.record
    today = today or timezone.localdate()
    return record.status == RecordStatus.VERIFIED and (
        record.valid_until is None or record.valid_until >= today
    )
