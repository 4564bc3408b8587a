import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from accountability.core.audit import track
from accountability.core.models import BaseModel


def _verification_code() -> str:
    return secrets.token_hex(8).upper()


@track()
class Escalation(BaseModel):
    """The report to the agencies concerned and the HLCM that a duty station does not comply
    (¶40): written when findings remain unrectified after the follow-up visit. The station is
    flagged non-compliant while an escalation is open; it closes when its findings are."""

    organization = models.ForeignKey("actors.Organization", models.PROTECT, related_name="+")
    mission = models.OneToOneField("inspections.Mission", models.PROTECT, related_name="escalation")
    duty_station = models.ForeignKey(
        "actors.DutyStation", models.PROTECT, related_name="inspection_escalations"
    )
    findings = models.ManyToManyField(
        "inspections.Finding", through="inspections.EscalationFinding", related_name="escalations"
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # The non-compliance report, rendered once (accountability.core.pdfs).
    verification_code = models.CharField(max_length=16, unique=True, default=_verification_code)
    language = models.CharField(max_length=10, default="en")
    pdf = models.FileField(upload_to="inspections/escalations/%Y/", blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("non-compliance report")
        verbose_name_plural = _("non-compliance reports")
        indexes = [models.Index(fields=["duty_station", "closed_at"])]

    def __str__(self) -> str:
        return f"{self.mission.reference} – {self.duty_station}"


@track()
class EscalationFinding(models.Model):
    """A finding reported in a non-compliance report, with the agency that answers for it."""

    escalation = models.ForeignKey(Escalation, models.CASCADE, related_name="entries")
    finding = models.ForeignKey("inspections.Finding", models.PROTECT, related_name="+")
    organization = models.ForeignKey("actors.Organization", models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("reported finding")
        verbose_name_plural = _("reported findings")
        constraints = [
            models.UniqueConstraint(
                fields=["escalation", "finding"], name="escalation_finding_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.escalation_id}/{self.finding_id}"


class EscalationDelivery(models.Model):
    """One sending of a non-compliance report: to an agency's HQ focal points, or to the
    HLCM's address. Unique per recipient and claimed when sent (``sent_at``)."""

    HLCM = "hlcm"

    escalation = models.ForeignKey(Escalation, models.CASCADE, related_name="deliveries")
    # An organization's code, or "hlcm".
    recipient = models.CharField(max_length=40)
    addresses = models.JSONField(default=list)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("report delivery")
        verbose_name_plural = _("report deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["escalation", "recipient"], name="escalation_delivery_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.escalation_id} → {self.recipient}"
