"""Certificates of completion (¶27, ¶32): requested when a completion is verified, rendered
once in Celery, stored with their SHA-256 and served as stored ever after."""

from __future__ import annotations

from django.db import transaction

from training.models import Certificate, TrainingRecord


def certificate_request(*, record: TrainingRecord) -> Certificate:
    """Create the certificate row and render it after the transaction commits."""
    certificate, _created = Certificate.objects.get_or_create(
        record=record, defaults={"language": record.person.language}
    )
    if not certificate.sha256:
        from training.tasks import render_certificate

        transaction.on_commit(lambda: render_certificate.delay(certificate.pk))
    return certificate
