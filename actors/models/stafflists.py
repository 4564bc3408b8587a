from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accountability.core.audit import track
from accountability.core.models import BaseModel


@track()
class StaffListConfirmation(BaseModel):
    """Someone confirmed that an organization's list at a station is current (¶16(d), ¶15(i))."""

    organization = models.ForeignKey("actors.Organization", models.PROTECT, related_name="+")
    duty_station = models.ForeignKey("actors.DutyStation", models.PROTECT, related_name="+")
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    confirmed_at = models.DateTimeField(_("confirmed at"))
    people_count = models.PositiveIntegerField(_("people on the list"))
    dependants_count = models.PositiveIntegerField(_("dependants on the list"))

    class Meta:
        ordering = ["-confirmed_at", "-id"]
        verbose_name = _("staff list confirmation")
        verbose_name_plural = _("staff list confirmations")
        indexes = [models.Index(fields=["organization", "duty_station", "-confirmed_at"])]
