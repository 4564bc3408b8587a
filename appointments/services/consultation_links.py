"""Personal answer links for SMT members with no login (¶17, ¶19).

The DO consults every SMT member of the station, and staff of other agencies often have no
login here. Their consultation notice and its reminder carry a link to
``/consultations/answer/<token>/``: a TimestampSigner token, salted, naming the Consultation and
the member's person. It opens the nomination as a consulted member sees it and records their
answer through ``appointments.services.workflow.consultation_answer_by_link``.

A link works while it is younger than CONSULTATION_LINK_MAX_AGE_DAYS, the consultation is open
(the nomination still in consultation and its period not over) and the member still sits on
the SMT of the decision station. Otherwise it answers the same 404 as a tampered link, so that
a link says nothing about why it no longer works.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from appointments.models import AppointmentStatus as S
from appointments.models import Consultation
from appointments.services import workflow

SALT = "appointments.consultation-answer"
AUDIT_SOURCE = "link:consultation"
# What the audit trail keeps of the request path: never the token itself.
AUDIT_URL = "/consultations/answer/redacted/"


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def answer_token(consultation: Consultation) -> str:
    return _signer().sign_object({"c": consultation.pk, "p": consultation.member_id})


def answer_path(consultation: Consultation) -> str:
    return reverse("appointments:consultation-answer", args=[answer_token(consultation)])


def consultation_for_token(token: str, *, today: dt.date | None = None) -> Consultation | None:
    """The consultation a link answers, or None when it may not (whatever the reason).

    Two queries: the consultation with its nomination, and whether the member still sits on
    the SMT (a third for an area, whose decision station is its country's capital)."""
    max_age = dt.timedelta(days=settings.CONSULTATION_LINK_MAX_AGE_DAYS)
    try:
        data = _signer().unsign_object(token, max_age=max_age)
        consultation_id, member_id = int(data["c"]), int(data["p"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    consultation = (
        Consultation.objects.select_related(
            "member",
            "appointment__person",
            "appointment__role",
            "appointment__scope_zone__duty_station",
            "appointment__scope_area__country",
        )
        .filter(pk=consultation_id, member_id=member_id)
        .first()
    )
    if consultation is None:
        return None
    appointment = consultation.appointment
    today = today or timezone.localdate()
    if (
        appointment.status != S.CONSULTATION
        or appointment.consultation_ends_on is None
        or today > appointment.consultation_ends_on
    ):
        return None
    try:
        station = workflow.decision_station(appointment)
    except ValidationError:
        return None
    if not workflow.is_smt_member(member_id, station):
        return None
    return consultation
