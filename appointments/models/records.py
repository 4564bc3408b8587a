"""The records of the appointment workflow of ¶17 and ¶19: competency statements, the SMT's
consultation and the written appointment letter."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accountability.core.audit import track
from accountability.core.models import BaseModel


@track()
class CompetencyStatement(BaseModel):
    """How a nominee meets one core competency of the role (¶24)."""

    appointment = models.ForeignKey(
        "appointments.Appointment", models.CASCADE, related_name="competency_statements"
    )
    competency = models.ForeignKey("actors.Competency", models.PROTECT, related_name="+")
    statement = models.TextField(_("how the nominee meets it"))

    class Meta:
        ordering = ["competency__position"]
        verbose_name = _("competency statement")
        verbose_name_plural = _("competency statements")
        constraints = [
            models.UniqueConstraint(
                fields=["appointment", "competency"], name="statement_unique_competency"
            )
        ]


class Answer(models.TextChoices):
    PENDING = "pending", _("Not answered yet")
    SUPPORT = "support", _("Supports")
    OBJECT = "object", _("Objects")
    NO_VIEW = "no_view", _("No view")


@track()
class Consultation(BaseModel):
    """One SMT member's view on a nomination (the DO consults the SMT, ¶17, ¶19)."""

    appointment = models.ForeignKey(
        "appointments.Appointment", models.CASCADE, related_name="consultations"
    )
    member = models.ForeignKey("actors.Person", models.PROTECT, related_name="+")
    answer = models.CharField(_("answer"), max_length=10, choices=Answer.choices, default="pending")
    reasons = models.TextField(_("reasons"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        ordering = ["member__family_name", "id"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        constraints = [
            models.UniqueConstraint(
                fields=["appointment", "member"], name="consultation_unique_member"
            ),
            # An objection gives its reasons.
            models.CheckConstraint(
                name="consultation_objection_has_reasons",
                condition=~models.Q(answer="object") | ~models.Q(reasons=""),
            ),
        ]


def _verification_code() -> str:
    return secrets.token_hex(8).upper()


@track(exclude=["pdf"])
class AppointmentLetter(BaseModel):
    """The written appointment (¶17, ¶19): rendered once, kept with its SHA-256."""

    appointment = models.OneToOneField(
        "appointments.Appointment", models.PROTECT, related_name="letter"
    )
    verification_code = models.CharField(
        _("verification code"), max_length=16, unique=True, default=_verification_code
    )
    language = models.CharField(_("language"), max_length=10, default="en")
    pdf = models.FileField(_("PDF"), upload_to="letters/%Y/", blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    issued_at = models.DateTimeField(_("issued at"), null=True, blank=True)

    class Meta:
        verbose_name = _("appointment letter")
        verbose_name_plural = _("appointment letters")

    def __str__(self) -> str:
        return f"{self.verification_code} ({self.appointment})"
