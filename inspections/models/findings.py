from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accountability.core.audit import track
from accountability.core.models import BaseModel

from .checklists import Severity


class FindingStatus(models.TextChoices):
    OPEN = "open", _("Open")
    REPORTED = "reported", _("Rectification reported, awaiting verification")
    RECTIFIED = "rectified", _("Verified rectified")
    NOT_RECTIFIED = "not_rectified", _("Not rectified after the follow-up visit")


# Findings that still need doing: the follow-up visit re-checks them (¶40).
UNRESOLVED = (FindingStatus.OPEN, FindingStatus.REPORTED, FindingStatus.NOT_RECTIFIED)
# Findings whose rectification date can pass: overdue once it has.
AWAITING_ACTION = (FindingStatus.OPEN, FindingStatus.NOT_RECTIFIED)


@track()
class Finding(BaseModel):
    """A deficiency found by a mission, with the date by which it must be rectified (¶40).

    One per partially or not compliant checklist item; the agency concerned owns the row.
    """

    organization = models.ForeignKey(
        "actors.Organization", models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    mission = models.ForeignKey("inspections.Mission", models.CASCADE, related_name="findings")
    checklist_item = models.OneToOneField(
        "inspections.ChecklistItem", models.CASCADE, related_name="finding"
    )
    accountable_person = models.ForeignKey(
        "actors.Person",
        models.PROTECT,
        related_name="inspection_findings",
        verbose_name=_("accountable person"),
    )
    role = models.ForeignKey(
        "actors.Role", models.PROTECT, related_name="+", verbose_name=_("role")
    )
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    recommendation = models.TextField(_("recommendation"), blank=True)
    deadline = models.DateField(_("rectify by"))
    # False while the date is the default for the severity (RECTIFICATION_DAYS): it then
    # follows the severity. Once the team gives a date of its own, that date stays.
    deadline_set_by_hand = models.BooleanField(_("date set by hand"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["mission", "checklist_item__position"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        constraints = [
            models.CheckConstraint(
                name="finding_closed_when_rectified",
                condition=Q(status="rectified", closed_at__isnull=False)
                | (~Q(status="rectified") & Q(closed_at__isnull=True)),
            )
        ]
        indexes = [
            models.Index(fields=["status", "deadline"]),
            models.Index(fields=["organization", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.mission.reference} {self.checklist_item.reference}"


class RectificationDecision(models.TextChoices):
    PENDING = "pending", _("Awaiting verification")
    ACCEPTED = "accepted", _("Verified")
    REJECTED = "rejected", _("Not accepted")


@track()
class Rectification(BaseModel):
    """The responsible actor's report that a finding has been put right, with evidence,
    and the inspector's verification of it."""

    organization = models.ForeignKey("actors.Organization", models.PROTECT, related_name="+")
    finding = models.ForeignKey(Finding, models.CASCADE, related_name="rectifications")
    description = models.TextField(_("what was done"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    reported_at = models.DateTimeField(_("reported at"))
    # The finding's status before the report: a rejected report puts it back.
    status_before = models.CharField(max_length=20, choices=FindingStatus.choices)
    decision = models.CharField(
        _("decision"),
        max_length=10,
        choices=RectificationDecision.choices,
        default=RectificationDecision.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("note on the decision"), blank=True)

    class Meta:
        ordering = ["-reported_at", "-id"]
        verbose_name = _("rectification report")
        verbose_name_plural = _("rectification reports")
        constraints = [
            # At most one report awaits verification per finding.
            models.UniqueConstraint(
                fields=["finding"],
                condition=Q(decision="pending"),
                name="rectification_one_pending_per_finding",
            )
        ]

    def __str__(self) -> str:
        return f"{self.finding} ({self.get_decision_display()})"


@track()
class FollowUpVisit(BaseModel):
    """The visit that confirms the deficiencies were rectified (¶40); one per mission."""

    organization = models.ForeignKey("actors.Organization", models.PROTECT, related_name="+")
    mission = models.OneToOneField("inspections.Mission", models.CASCADE, related_name="follow_up")
    scheduled_for = models.DateField(_("scheduled for"))
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-scheduled_for", "-id"]
        verbose_name = _("follow-up visit")
        verbose_name_plural = _("follow-up visits")

    def __str__(self) -> str:
        return f"{self.mission.reference} follow-up {self.scheduled_for}"


class FollowUpResult(models.TextChoices):
    RECTIFIED = "rectified", _("Verified rectified")
    NOT_RECTIFIED = "not_rectified", _("Not rectified")


@track()
class FollowUpCheck(BaseModel):
    """One open finding re-checked on the follow-up visit."""

    visit = models.ForeignKey(FollowUpVisit, models.CASCADE, related_name="checks")
    finding = models.ForeignKey(Finding, models.CASCADE, related_name="follow_up_checks")
    organization = models.ForeignKey("actors.Organization", models.PROTECT, related_name="+")
    result = models.CharField(_("result"), max_length=20, choices=FollowUpResult.choices)
    notes = models.TextField(_("notes"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+"
    )
    checked_at = models.DateTimeField(_("checked at"))

    class Meta:
        ordering = ["visit", "finding__checklist_item__position"]
        verbose_name = _("follow-up check")
        verbose_name_plural = _("follow-up checks")
        constraints = [
            models.UniqueConstraint(fields=["visit", "finding"], name="follow_up_check_unique")
        ]


class ReminderKind(models.TextChoices):
    WEEK_BEFORE = "week_before", _("7 days before the deadline")
    ON_DEADLINE = "on_deadline", _("On the deadline")


class FindingReminder(models.Model):
    """One reminder of one finding's deadline: written once by the daily scan, claimed once
    by the sender (``sent_at``), so that a scan run twice or killed halfway sends each once."""

    finding = models.ForeignKey(Finding, models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    deadline = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("finding reminder")
        verbose_name_plural = _("finding reminders")
        constraints = [
            # Per deadline: a deadline moved later is reminded of again.
            models.UniqueConstraint(
                fields=["finding", "kind", "deadline"], name="finding_reminder_unique"
            )
        ]
        indexes = [
            models.Index(
                fields=["sent_at"],
                condition=Q(sent_at__isnull=True),
                name="finding_reminder_unsent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.finding_id} {self.kind} {self.deadline}"
