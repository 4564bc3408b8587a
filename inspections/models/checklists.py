from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accountability.core.audit import track
from accountability.core.models import BaseModel


class Severity(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


class ItemResult(models.TextChoices):
    COMPLIANT = "compliant", _("Compliant")
    PARTIAL = "partial", _("Partially compliant")
    NON_COMPLIANT = "non_compliant", _("Not compliant")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


# Each of these results is a deficiency that must be rectified by a date (¶40).
DEFICIENT = (ItemResult.PARTIAL, ItemResult.NON_COMPLIANT)


class ChecklistTemplate(models.Model):
    """One version of the checklists of ¶39, frozen from the framework catalogue.

    A new version is written whenever the catalogue's text differs from the latest one
    (``digest``); a mission keeps the version it was generated from, and its items copy
    their text, so a later change to the catalogue never alters a past inspection.
    """

    version = models.PositiveIntegerField(_("version"), unique=True)
    digest = models.CharField(_("catalogue digest (SHA-256)"), max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("checklist version")
        verbose_name_plural = _("checklist versions")

    def __str__(self) -> str:
        return f"v{self.version}"


class ChecklistTemplateItem(models.Model):
    """A catalogue duty as it stood in one checklist version; never changed afterwards."""

    template = models.ForeignKey(ChecklistTemplate, models.CASCADE, related_name="items")
    # The catalogue row it was copied from, kept for links; the copy below is the record.
    responsibility = models.ForeignKey(
        "actors.Responsibility", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    role = models.ForeignKey("actors.Role", models.PROTECT, related_name="+")
    reference = models.CharField(_("paragraph"), max_length=20)
    text_en = models.TextField(_("text (English)"))
    text_zh = models.TextField(_("text (Chinese)"))
    severity = models.CharField(
        _("default severity"), max_length=10, choices=Severity.choices, default=Severity.MEDIUM
    )
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["template", "position"]
        verbose_name = _("checklist version item")
        verbose_name_plural = _("checklist version items")
        constraints = [
            models.UniqueConstraint(
                fields=["template", "position"], name="checklist_template_item_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.template})"


@track()
class ChecklistItem(BaseModel):
    """One duty of one accountable actor, checked by the mission (¶39)."""

    mission = models.ForeignKey(
        "inspections.Mission", models.CASCADE, related_name="checklist_items"
    )
    template_item = models.ForeignKey(ChecklistTemplateItem, models.PROTECT, related_name="+")
    # Who is accountable for the duty, in which role, and for which agency (the tenant).
    person = models.ForeignKey(
        "actors.Person",
        models.PROTECT,
        related_name="checklist_items",
        verbose_name=_("accountable person"),
    )
    role = models.ForeignKey(
        "actors.Role", models.PROTECT, related_name="+", verbose_name=_("role")
    )
    organization = models.ForeignKey(
        "actors.Organization", models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    reference = models.CharField(_("paragraph"), max_length=20)
    text_en = models.TextField(_("duty (English)"))
    text_zh = models.TextField(_("duty (Chinese)"))
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity.choices, default=Severity.MEDIUM
    )
    position = models.PositiveIntegerField()
    result = models.CharField(_("result"), max_length=20, choices=ItemResult.choices, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), null=True, blank=True)
    # When the inspector's device saved the entry: a draft re-sent after a lost connection
    # never overwrites a later entry (inspections.services.recording).
    client_saved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["mission", "position"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        constraints = [
            models.UniqueConstraint(fields=["mission", "position"], name="checklist_item_position"),
            models.UniqueConstraint(
                fields=["mission", "template_item", "person"], name="checklist_item_unique_duty"
            ),
            models.CheckConstraint(
                name="checklist_item_recorded_with_result",
                condition=Q(result="") | Q(recorded_at__isnull=False),
            ),
        ]
        indexes = [models.Index(fields=["organization", "mission"])]

    def __str__(self) -> str:
        return f"{self.reference} – {self.person}"

    @property
    def is_deficient(self) -> bool:
        return self.result in DEFICIENT
