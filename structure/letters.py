"""Written appointment letters (¶17, ¶19): requested on approval, rendered once in Celery."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from structure.models import AppointmentLetter


def letter_request(*, appointment) -> AppointmentLetter:
    """Create the letter record and render it after the decision commits."""
    letter, _created = AppointmentLetter.objects.get_or_create(
        appointment=appointment, defaults={"language": appointment.person.language}
    )
    if not letter.sha256:
        from structure.tasks import render_letter

        transaction.on_commit(lambda: render_letter.delay(letter.pk))
    return letter


def letter_context(letter: AppointmentLetter) -> dict:
    appointment = letter.appointment
    return {
        "letter": letter,
        "appointment": appointment,
        "responsibilities": appointment.role.responsibilities.order_by(
            "source", "paragraph", "letter"
        ),
    }


def letter_render(letter: AppointmentLetter) -> bool:
    """Render and store the PDF once; a letter that has its hash is never rendered again."""
    from weasyprint import HTML

    with transaction.atomic():
        letter = (
            AppointmentLetter.objects.select_for_update()
            .select_related("appointment__person", "appointment__role")
            .get(pk=letter.pk)
        )
        if letter.sha256:
            return False
        with translation.override(letter.language):
            html = render_to_string("structure/letter.html", letter_context(letter))
        pdf = HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()
        letter.sha256 = hashlib.sha256(pdf).hexdigest()
        letter.issued_at = timezone.now()
        letter.pdf.save(f"{letter.verification_code}.pdf", ContentFile(pdf), save=False)
        letter.save(update_fields=["sha256", "issued_at", "pdf", "updated_at"])
    return True


def _refuse_fetch(url, *args, **kwargs):
    # Letters use no external resources: neither the network nor the file system.
    raise ValueError(f"letters load no resources ({url})")
