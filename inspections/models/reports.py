import secrets

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accountability.core.audit import track
from accountability.core.models import BaseModel


def _verification_code() -> str:
    return secrets.token_hex(8).upper()


@track()
class MissionReport(BaseModel):
    """The debrief report of a mission (¶40), rendered once by a task.

    ``organization`` empty: the full report for the DO and the SMT, every finding in full.
    Otherwise the copy for that agency's HQ focal point: the station's summary and the
    agency's own findings in full.
    """

    mission = models.ForeignKey("inspections.Mission", models.CASCADE, related_name="reports")
    organization = models.ForeignKey(
        "actors.Organization", models.PROTECT, null=True, blank=True, related_name="+"
    )
    verification_code = models.CharField(max_length=16, unique=True, default=_verification_code)
    language = models.CharField(max_length=10, default="en")
    pdf = models.FileField(upload_to="inspections/reports/%Y/", blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["mission", "organization__code"]
        verbose_name = _("mission report")
        verbose_name_plural = _("mission reports")
        constraints = [
            models.UniqueConstraint(
                fields=["mission", "organization"], name="mission_report_per_agency"
            ),
            models.UniqueConstraint(
                fields=["mission"],
                condition=Q(organization__isnull=True),
                name="mission_report_one_full",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mission.reference} ({self.organization or 'full'})"
