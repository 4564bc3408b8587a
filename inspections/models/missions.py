from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accountability.core.audit import track
from accountability.core.models import BaseModel


class MissionStatus(models.TextChoices):
    # The cycle of ¶39–¶40, in order; the transitions are in inspections.services.missions.
    PLANNED = "planned", _("Planned")
    ANNOUNCED = "announced", _("Announced")
    IN_PROGRESS = "in_progress", _("In progress")
    DEBRIEFED = "debriefed", _("Debriefed")
    FOLLOW_UP_SCHEDULED = "follow_up_scheduled", _("Follow-up scheduled")
    CLOSED = "closed", _("Closed")


# The station's DO and SMT see a mission, and its checklist, once it is announced (¶39).
SHOWN_TO_STATION = (
    MissionStatus.ANNOUNCED,
    MissionStatus.IN_PROGRESS,
    MissionStatus.DEBRIEFED,
    MissionStatus.FOLLOW_UP_SCHEDULED,
    MissionStatus.CLOSED,
)
# Agencies' focal points get the team's report (¶40): from the debrief on.
REPORTED = (MissionStatus.DEBRIEFED, MissionStatus.FOLLOW_UP_SCHEDULED, MissionStatus.CLOSED)


@track()
class Mission(BaseModel):
    """A UNSECOORD inspection or compliance mission to one duty station (¶39)."""

    # UNSECOORD's row: the inspecting organization owns the mission; the agencies own findings.
    organization = models.ForeignKey(
        "actors.Organization", models.PROTECT, related_name="+", verbose_name=_("organization")
    )
    reference = models.CharField(_("reference"), max_length=20, unique=True)
    duty_station = models.ForeignKey(
        "actors.DutyStation",
        models.PROTECT,
        related_name="inspection_missions",
        verbose_name=_("duty station"),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    lead_inspector = models.ForeignKey(
        "actors.Person", models.PROTECT, related_name="+", verbose_name=_("lead inspector")
    )
    status = models.CharField(
        _("status"), max_length=30, choices=MissionStatus.choices, default=MissionStatus.PLANNED
    )
    objectives = models.TextField(_("objectives"), blank=True)
    # How many staff members of the station are sampled for the personnel items (¶22).
    personnel_sample_size = models.PositiveSmallIntegerField(_("personnel sampled"), default=5)
    template = models.ForeignKey(
        "inspections.ChecklistTemplate",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="missions",
        verbose_name=_("checklist version"),
    )
    announced_at = models.DateTimeField(_("announced at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    debriefed_at = models.DateTimeField(_("debriefed at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    debrief_summary = models.TextField(_("debrief summary"), blank=True)
    # Fixed at the debrief (inspections.services.scoring): the trend compares missions as reported.
    compliance_score = models.DecimalField(
        _("compliance score (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("inspection mission")
        verbose_name_plural = _("inspection missions")
        constraints = [
            models.CheckConstraint(
                name="mission_ends_after_start", condition=Q(ends_on__gte=models.F("starts_on"))
            ),
            models.CheckConstraint(
                name="mission_score_range",
                condition=Q(compliance_score__isnull=True)
                | Q(compliance_score__gte=0, compliance_score__lte=100),
            ),
        ]
        indexes = [models.Index(fields=["duty_station", "-starts_on"])]

    def __str__(self) -> str:
        return f"{self.reference} – {self.duty_station}"

    @property
    def is_recording(self) -> bool:
        return self.status in (MissionStatus.ANNOUNCED, MissionStatus.IN_PROGRESS)


@track()
class MissionMember(BaseModel):
    """An inspector on the mission's team (the lead inspector is one too)."""

    mission = models.ForeignKey(Mission, models.CASCADE, related_name="members")
    person = models.ForeignKey(
        "actors.Person", models.PROTECT, related_name="inspection_memberships"
    )

    class Meta:
        ordering = ["mission", "person__family_name", "id"]
        verbose_name = _("mission team member")
        verbose_name_plural = _("mission team members")
        constraints = [
            models.UniqueConstraint(fields=["mission", "person"], name="mission_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.mission.reference})"
