"""Written appointment letters (¶17, ¶19): requested on approval, rendered once in Celery.

The PDF is rendered by a task, never in a request, stored with its SHA-256 and served as
stored ever after, so that the letter a warden printed and the one the DO downloads later are
the same bytes. Its verification code lets anyone check on a public page that it is genuine.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation

from accountability.core import pdfs, scoping
from actors.models.catalogue import Source
from appointments.models import Appointment, AppointmentLetter

# The paragraph under which the DO appoints in writing, by role.
APPOINTING_PARAGRAPH = {"area_coordinator": "¶17", "warden": "¶19"}


def letter_request(*, appointment) -> AppointmentLetter:
    """Create the letter record and render it after the decision commits."""
    letter, _created = AppointmentLetter.objects.get_or_create(
        appointment=appointment, defaults={"language": appointment.person.language}
    )
    if not letter.sha256:
        from appointments.tasks import render_letter

        transaction.on_commit(lambda: render_letter.delay(letter.pk))
    return letter


def _is_chinese(language: str) -> bool:
    return language.lower().startswith("zh")


def role_label(appointment: Appointment, language: str) -> str:
    """The role's name in ``language`` (the catalogue has English and Chinese names only)."""
    role = appointment.role
    name = role.name_zh if _is_chinese(language) and role.name_zh else role.name
    if appointment.is_alternate:
        with translation.override(language):
            return translation.gettext("%(role)s (alternate)") % {"role": name}
    return name


def _person_name(user) -> str:
    if user is None:
        return ""
    # A login without a Person row (an administrator) is named by its username.
    person = getattr(user, "person", None)
    return person.full_name if person is not None else user.get_username()


def verification_url(code: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("letter-verify", args=[code])


def letter_context(letter: AppointmentLetter) -> dict:
    from appointments.services.workflow import decision_station

    appointment = letter.appointment
    chinese = _is_chinese(letter.language)
    # Report paragraphs first, then the annex, each in paragraph and letter order.
    catalogue = sorted(
        appointment.role.responsibilities.all(),
        key=lambda r: (r.source != Source.REPORT, r.paragraph, r.letter),
    )
    # The catalogue holds the seed's Chinese text and an English rendering only; there is no
    # French text of A/57/365 in it, so French letters quote the English (labels are French).
    duties = [
        {"reference": duty.reference, "text": duty.text_zh if chinese else duty.text_en}
        for duty in catalogue
    ]
    decided_at = appointment.decided_at
    return {
        "letter": letter,
        "appointment": appointment,
        "person": appointment.person,
        "station": decision_station(appointment),
        "role_label": role_label(appointment, letter.language),
        "appointing_paragraph": APPOINTING_PARAGRAPH.get(appointment.role.code, ""),
        "do_name": _person_name(appointment.decided_by),
        "decided_on": timezone.localdate(decided_at) if decided_at else None,
        "released_by_name": _person_name(appointment.released_by),
        "issued_on": timezone.localdate(letter.issued_at) if letter.issued_at else None,
        "responsibilities": duties,
        "verification_url": verification_url(letter.verification_code),
    }


def letter_render(letter: AppointmentLetter) -> bool:
    """Render and store the PDF once; a letter that has its hash is never rendered again."""
    return pdfs.render_once(
        AppointmentLetter.objects.select_related(
            "appointment__person__organization",
            "appointment__person__user",
            "appointment__role",
            "appointment__decided_by__person",
            "appointment__released_by__person",
            "appointment__scope_zone__duty_station",
            "appointment__scope_area__country",
        ),
        letter.pk,
        template="appointments/letter.html",
        context=letter_context,
        url_fetcher=pdfs.url_fetcher(),
    )


# --- Reading letters ------------------------------------------------------------------------


def letter_for(user, appointment_pk) -> AppointmentLetter:
    """The rendered letter of an appointment ``user`` may see, or Http404.

    Missing, not yours and not rendered yet all answer the same 404: the letter is rendered
    by a task, never in the request (the appointment page says it is being prepared).
    """
    visible = scoping.visible_to(user, Appointment)
    try:
        letter = (
            AppointmentLetter.objects.filter(
                appointment__in=visible.filter(pk=appointment_pk).values("pk")
            )
            .exclude(sha256="")
            .exclude(pdf="")
            .first()
        )
    except (ValueError, TypeError):
        letter = None
    if letter is None:
        raise Http404("No appointment letter matches the given query.")
    return letter


def letter_verify(code: str) -> AppointmentLetter | None:
    """The issued letter with this verification code, if it is genuine."""
    code = pdfs.normalize_code(code)
    if not code:
        return None
    return (
        AppointmentLetter.objects.select_related("appointment__person", "appointment__role")
        .exclude(sha256="")
        .filter(verification_code=code)
        .first()
    )
