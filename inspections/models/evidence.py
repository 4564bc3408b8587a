from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accountability.core.audit import track
from accountability.core.models import BaseModel


@track()
class Evidence(BaseModel):
    """A photograph or document attached to a checklist item (by an inspector) or to a
    rectification report (by the responsible actor), stored through Django's storage API."""

    organization = models.ForeignKey(
        "actors.Organization", models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    checklist_item = models.ForeignKey(
        "inspections.ChecklistItem",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
    )
    rectification = models.ForeignKey(
        "inspections.Rectification",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="evidence",
    )
    file = models.FileField(_("file"), upload_to="inspections/evidence/%Y/%m/")
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=40)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                name="evidence_exactly_one_parent",
                condition=Q(checklist_item__isnull=False, rectification__isnull=True)
                | Q(checklist_item__isnull=True, rectification__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return self.name
